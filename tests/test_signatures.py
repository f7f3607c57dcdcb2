"""Approvals are SSH signatures by approvers the desk names; a typed `approved` is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, require_tool
from governance_helpers import approver_key, make_desk
from prauthor.library import parse_block

INVESTOR_DAY = next(p for p in EXAMPLES if "investor-day" in p.name)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    require_tool("ssh-keygen")
    desk = make_desk(tmp_path / "desk")
    (desk / "releases" / INVESTOR_DAY.name).write_bytes(INVESTOR_DAY.read_bytes())
    return desk


def release(desk: Path) -> Path:
    return desk / "releases" / INVESTOR_DAY.name


def new_version(desk: Path, status: str = "draft") -> Path:
    """Write about@3, in effect before the release: what the release then uses."""
    v1 = (desk / "boilerplate" / "about" / "v1.md").read_text()
    path = desk / "boilerplate" / "about" / "v3.md"
    path.write_text(v1.replace("version: 1", "version: 3").replace("2025-01-01", "2026-01-01")
                    .replace("status: approved", f"status: {status}")
                    .replace("Cambridge, Massachusetts", "Boston, Massachusetts"))
    return path


def test_the_sample_desk_is_signed(cli):
    code, err, _ = cli("check", "--final", *EXAMPLES)
    assert code == 0 and "signature" not in err and "signers" not in err


def test_a_typed_approval_fails_final_naming_the_block(cli, desk):
    path = new_version(desk, "approved")
    assert cli("blocks", "lock", "--desk", desk)[0] == 0  # locking is not approving
    code, err, _ = cli("check", "--final", release(desk))
    assert code == 1
    assert (f"{path}:6: error: 'about@3' is marked approved but it has no approval "
            "signature (v3.md.sig) [block-signature]") in err
    out = desk / "out"
    code, _, err = cli("render", "--final", release(desk), "--out", out)
    assert code == 1 and "'about@3'" in err and not out.exists()
    code, err, _ = cli("check", release(desk))  # a draft is told, and renders
    assert code == 0 and "warning: 'about@3' is marked approved but it has no" in err


def test_an_approved_and_signed_block_passes(cli, desk):
    new_version(desk)
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Margaret Lin",
                       "--key", approver_key(desk), "--desk", desk)
    assert code == 0, err
    sig = (desk / "boilerplate" / "about" / "v3.md.sig").read_text()
    block = parse_block(desk / "boilerplate" / "about" / "v3.md")
    assert f"block: about@3\nsha256: {block.version_sha256}\n" in sig
    code, err, _ = cli("check", "--final", release(desk))
    assert code == 0 and "about@3" not in err, err
    # retiring changes the status line only: the signature still holds for older releases
    assert cli("blocks", "retire", "about@3", "--desk", desk)[0] == 0
    assert cli("check", "--final", release(desk))[0] == 0


def test_editing_a_signed_block_fails_with_both_hashes(cli, desk):
    new_version(desk)
    key = approver_key(desk)
    assert cli("blocks", "approve", "about@3", "--by", "Margaret Lin", "--key", key,
               "--desk", desk)[0] == 0
    path = desk / "boilerplate" / "about" / "v3.md"
    signed = parse_block(path).version_sha256
    path.write_text(path.read_text().replace("Boston", "Somerville"))
    edited = parse_block(path).version_sha256
    code, _, err = cli("check", "--final", release(desk))
    assert code == 2 and signed in err and edited in err  # the lock says so first
    (desk / "boilerplate" / "blocks.lock").unlink()  # and a hostile insider locks again
    assert cli("blocks", "lock", "--desk", desk)[0] == 0
    code, err, _ = cli("check", "--final", release(desk))
    assert code == 1 and f"it was signed with sha-256 {signed}, and it now has sha-256 " \
        f"{edited}" in err and "[block-signature]" in err
    code, err, _ = cli("check", release(desk))  # a draft reads the statement and says so
    assert code == 0 and f"warning: 'about@3' is marked approved but it was signed with " \
        f"sha-256 {signed}" in err


def test_a_signature_by_someone_not_allowed_fails(cli, desk):
    path = new_version(desk, "approved")
    assert cli("blocks", "lock", "--desk", desk)[0] == 0
    stranger = approver_key(desk, "stranger@elsewhere.example", allowed=False)
    code, _, err = cli("blocks", "sign", "about@3", "--key", stranger, "--desk", desk)
    assert code == 2 and f"{stranger}: error: --key: this key may not approve" in err
    assert not path.with_name("v3.md.sig").exists()
    # a signature file put there by hand is no better
    other = make_desk(desk.parent / "other")
    key = approver_key(other, "stranger@elsewhere.example")
    assert cli("blocks", "sign", "fls@1", "--key", key, "--desk", other)[0] == 0
    (desk / "boilerplate" / "fls" / "v1.md.sig").write_bytes(
        (other / "boilerplate" / "fls" / "v1.md.sig").read_bytes())
    code, err, _ = cli("check", "--final", ROOT / "examples" / INVESTOR_DAY.name,
                       "--desk", desk)
    assert code == 1 and "'fls@1' is marked approved but it is signed by a key that " in err \
        and "does not name (SHA256:" in err


def test_list_says_a_signer_was_removed_rather_than_bad_signature(cli, desk):
    key = approver_key(desk)
    path = new_version(desk)
    assert cli("blocks", "approve", "about@3", "--by", "Legal", "--key", key,
               "--desk", desk)[0] == 0
    code, out, _ = cli("blocks", "list", "--desk", desk)
    (row,) = [line for line in out.splitlines() if line.startswith("about@3 ")]
    assert code == 0 and "counsel@corvane.example" in row
    assert cli("blocks", "approvers", "remove", "counsel@corvane.example", "--desk", desk)[0] == 0
    code, out, _ = cli("blocks", "list", "--desk", desk)
    (row,) = [line for line in out.splitlines() if line.startswith("about@3 ")]
    assert "SIGNER NOT IN allowed_signers" in row and "BAD SIGNATURE" not in out
    code, out, _ = cli("blocks", "show", "about@3", "--desk", desk)
    assert "signed by:  SIGNER NOT IN allowed_signers: it is signed by a key that" in out
    path.write_text(path.read_text().replace("Boston", "Somerville"))  # edited after signing
    (desk / "boilerplate" / "blocks.lock").unlink()
    assert cli("blocks", "approvers", "add", "counsel@corvane.example", f"{key}.pub",
               "--desk", desk)[0] == 0
    code, out, _ = cli("blocks", "list", "--desk", desk)
    (row,) = [line for line in out.splitlines() if line.startswith("about@3 ")]
    assert "CHANGED SINCE SIGNED" in row


def test_approvers_are_added_from_a_public_key_only(cli, desk):
    key = approver_key(desk, "jo@elsewhere.example", allowed=False)
    signers = desk / "boilerplate" / "allowed_signers"
    before = signers.read_bytes()
    code, _, err = cli("blocks", "approvers", "add", "jo@elsewhere.example", key, "--desk", desk)
    assert code == 2 and "this is a private key: give the public key" in err
    code, _, err = cli("blocks", "approvers", "add", "Jo Smith", f"{key}.pub", "--desk", desk)
    assert code == 2 and "'Jo Smith' is not one word" in err
    assert signers.read_bytes() == before
    code, _, err = cli("blocks", "approvers", "add", "jo@elsewhere.example", f"{key}.pub",
                       "--desk", desk)
    assert code == 0, err
    line = signers.read_text().splitlines()[-1]
    assert line.startswith('jo@elsewhere.example namespaces="prauthor-block-approval@prauthor" '
                           'ssh-ed25519 ')
    code, _, err = cli("blocks", "approvers", "add", "jo2@elsewhere.example", f"{key}.pub",
                       "--desk", desk)
    assert code == 2 and "already the key of 'jo@elsewhere.example'" in err
    code, out, _ = cli("blocks", "approvers", "list", "--desk", desk)
    assert [row.split()[0] for row in out.splitlines()] == ["margaret.lin@corvane.example",
                                                            "jo@elsewhere.example"]
    new_version(desk)
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Jo Smith", "--key", key,
                       "--desk", desk)
    assert code == 0, err


def test_approve_needs_a_readable_key_in_a_signing_desk(cli, desk):
    path = new_version(desk)
    before = path.read_bytes()
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Legal", "--desk", desk)
    assert code == 2 and "--key: this desk names its approvers" in err
    missing = desk / "no-such-key"
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Legal", "--key", missing,
                       "--desk", desk)
    assert code == 2 and f"{missing}: error: --key: no such key file" in err
    broken = desk / "broken-key"
    broken.write_text("not a key\n")
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Legal", "--key", broken,
                       "--desk", desk)
    assert code == 2 and f"{broken}: error: --key: ssh-keygen could not sign" in err
    assert path.read_bytes() == before and not path.with_name("v3.md.sig").exists()


def test_a_desk_without_allowed_signers_warns_and_still_passes(cli, desk):
    (desk / "boilerplate" / "allowed_signers").unlink()
    code, err, _ = cli("check", "--final", release(desk))
    assert code == 0 and "warning: the block library has no allowed_signers" in err \
        and "[signers-missing]" in err


def test_a_placeholder_left_in_a_locked_block_fails_final_located(cli, desk):
    path = new_version(desk, "approved")
    path.write_text(path.read_text().replace("Boston, Massachusetts", "<<city>>"))
    assert cli("blocks", "lock", "--desk", desk)[0] == 0  # lock does not look at the text
    line = path.read_text().splitlines().index(
        next(t for t in path.read_text().splitlines() if "<<city>>" in t)) + 1
    code, out, _ = cli("check", "--final", release(desk))
    assert code == 1
    assert f"{path}:{line}: error: placeholder '<<city>>' is left in 'about@3' " \
        "[placeholder]" in out
