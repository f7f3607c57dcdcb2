"""Sign and verify block approvals with SSH keys, as git signs commits.

An approval is a signature, by the approver's SSH key, of a short statement naming the
block version and the sha-256 of the whole version (`ssh-keygen -Y sign`, in
prauthor's own namespace). It is stored beside the block (`about/v2.md.sig`): the
statement, for people to read, then the SSH signature. Verifying never trusts the
stored statement: it signs what the version is now, or fails. The desk
names who may approve in `boilerplate/allowed_signers`, in the format of
ssh-keygen's ALLOWED SIGNERS (one `principal [options] key` a line); a version is
approved when its signature verifies against that file.
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from prauthor.errors import InputError, problem
from prauthor.library import Block

NAMESPACE = "prauthor-block-approval@prauthor"
SIGNERS_NAME = "allowed_signers"
SSH_KEYGEN = "ssh-keygen"
ARMOR = b"-----BEGIN SSH SIGNATURE-----"
KEY_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]+")


class Signed(NamedTuple):
    """Whether a version's approval is signed by an allowed approver, and by whom or why not."""

    ok: bool
    detail: str  # the signer's principal, or what is wrong
    # what is wrong, in a word: unsigned, changed, not-an-approver (a good signature by a
    # key allowed_signers does not name), mismatch (not a signature of this version)
    why: str = ""


def signers_path(library_root: Path) -> Path:
    """Return where a library names its approvers."""
    return library_root / SIGNERS_NAME


def signature_path(block: Block) -> Path:
    """Return where a block version's approval signature is kept."""
    return block.path.with_name(block.path.name + ".sig")


def statement(block: Block) -> bytes:
    """Return what an approver signs: the version and the hash of all of it."""
    return (f"prauthor block approval\nblock: {block.ref}\n"
            f"sha256: {block.version_sha256}\n").encode()


def sign(block: Block, key: Path) -> bytes:
    """Return the SSH signature of a block version's approval by `key`; InputError if none."""
    if not key.is_file():
        raise problem(key, None, "--key", "no such key file")
    try:
        key.read_bytes()
    except OSError as error:
        raise problem(key, None, "--key", f"cannot read the key ({error.strerror})") from None
    done = _run(["-Y", "sign", "-f", str(key), "-n", NAMESPACE], statement(block))
    if done.returncode != 0 or ARMOR not in done.stdout:
        raise problem(key, None, "--key", "ssh-keygen could not sign with this key: "
                      + _said(done))
    return statement(block) + done.stdout


def verify(block: Block, library_root: Path, signature: bytes | None = None) -> Signed:
    """Check a version's approval signature (its file, or the one given) against the
    library's allowed signers."""
    sig = signature_path(block)
    try:
        signature = sig.read_bytes() if signature is None else signature
    except OSError:
        return Signed(False, f"it has no approval signature ({sig.name})", "unsigned")
    signers = signers_path(library_root)
    try:
        allowed = signers.read_bytes()
    except OSError:
        return Signed(False, f"{SIGNERS_NAME} cannot be read", "mismatch")
    said, _, armor = signature.partition(ARMOR)
    verdict = _verified(statement(block), ARMOR + armor, allowed, str(signers))
    signed_for = _hash_in(said)
    if not verdict.ok and signed_for and signed_for != block.version_sha256:
        return Signed(False, f"it was signed with sha-256 {signed_for}, and it now has sha-256 "
                      f"{block.version_sha256}: the signed version was changed", "changed")
    return verdict


def at_a_glance(block: Block) -> Signed:
    """Look at a version's signature file without ssh-keygen, as drafts do: is there one,
    and does the statement it carries name this version's hash? (--final verifies.)"""
    try:
        said = signature_path(block).read_bytes().partition(ARMOR)[0]
    except OSError:
        return Signed(False, f"it has no approval signature ({signature_path(block).name})",
                      "unsigned")
    signed_for = _hash_in(said)
    if signed_for != block.version_sha256:
        return Signed(False, f"it was signed with sha-256 {signed_for}, and it now has sha-256 "
                      f"{block.version_sha256}: the signed version was changed", "changed")
    return Signed(True, "")


def _hash_in(said: bytes) -> str | None:
    for line in said.decode("utf-8", "replace").splitlines():
        if line.startswith("sha256: "):
            return line.removeprefix("sha256: ").strip()
    return None


@lru_cache(maxsize=256)
def _verified(message: bytes, signature: bytes, allowed: bytes, signers: str) -> Signed:
    """Ask ssh-keygen who signed, then whether the signature holds (asked once per content)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="prauthor-sig-") as folder:
        sig, allowed_file = Path(folder) / "sig", Path(folder) / SIGNERS_NAME
        sig.write_bytes(signature)
        allowed_file.write_bytes(allowed)
        found = _run(["-Y", "find-principals", "-s", str(sig), "-f", str(allowed_file),
                      "-n", NAMESPACE], b"")
        principals = found.stdout.decode("utf-8", "replace").split()
        if found.returncode != 0 or not principals:
            return _unnamed(message, sig, signers)
        for principal in principals:
            done = _run(["-Y", "verify", "-f", str(allowed_file), "-I", principal,
                         "-n", NAMESPACE, "-s", str(sig)], message)
            if done.returncode == 0:
                return Signed(True, principal)
    return Signed(False, f"its signature by {', '.join(principals)} does not match this "
                   "version: it was signed for other content", "mismatch")


def _unnamed(message: bytes, sig: Path, signers: str) -> Signed:
    """Tell a good signature by a key the desk does not name from a broken one."""
    done = _run(["-Y", "check-novalidate", "-n", NAMESPACE, "-s", str(sig)], message)
    said = (done.stdout + done.stderr).decode("utf-8", "replace")
    key = KEY_FINGERPRINT.search(said)
    if done.returncode == 0 and key:
        return Signed(False, f"it is signed by a key that {signers} does not name ({key.group()}"
                      "): an approver who was removed, or one never added", "not-an-approver")
    return Signed(False, f"its signature is not by an approver named in {signers}", "mismatch")


def fingerprint(key: str) -> str:
    """Return the SHA256 fingerprint of a public key `KEYTYPE BASE64`; InputError if
    ssh-keygen cannot read it."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="prauthor-key-") as folder:
        path = Path(folder) / "key.pub"
        path.write_text(key + "\n", encoding="ascii", errors="replace")
        done = _run(["-l", "-f", str(path)], b"")
    found = KEY_FINGERPRINT.search(done.stdout.decode("utf-8", "replace"))
    if done.returncode != 0 or not found:
        raise InputError.one("KEY", "ssh-keygen cannot read this public key")
    return found.group()


def _run(arguments: list[str], stdin: bytes) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([SSH_KEYGEN, *arguments], input=stdin, capture_output=True,
                              timeout=60, check=False)
    except FileNotFoundError:
        raise InputError.one("ssh-keygen", "signed approvals need ssh-keygen (Debian: "
                             "openssh-client)") from None


def _said(done: subprocess.CompletedProcess) -> str:
    return done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] \
        if done.stderr.strip() else f"exit code {done.returncode}"
