"""A block that names its company prints only in that company's releases; a newer draft
is not passed over in silence; a new desk reaches a correct --final release."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from governance_helpers import make_desk, rules_found, spec, write_spec
from prauthor.library import parse_block
from prauthor.schemas import json_schema

RELEASE = "2026-10-01-investor-day.yaml"


def findings_of(cli, *args) -> tuple[int, list[dict]]:
    code, out, _ = cli("check", "--format", "json", *args)
    return code, json.loads(out)["findings"]


def fill(text: str) -> str:
    """Fill a starter's placeholders as an author would."""
    text = text.replace("<<City, ST>>", "Boston, MA").replace("<<Company>>", "Norwood")
    return re.sub(r"<<([^<>\n]*)>>", lambda m: m.group(1).strip(" .") or "text", text)


def new_version(desk: Path, ref: str, company: str, text: str) -> Path:
    """Write a draft version of a block for `company`, from the version before it."""
    block_id, _, version = ref.partition("@")
    old = (desk / "boilerplate" / block_id / f"v{int(version) - 1}.md").read_text()
    front = old.split("---\n")[1]
    front = re.sub(r"^version: \d+", f"version: {version}", front, flags=re.M)
    front = re.sub(r"^status: \w+", "status: draft", front, flags=re.M)
    front = re.sub(r"^(approved_by|approved_on): .*\n", "", front, flags=re.M)
    front = re.sub(r"^effective: .*", "effective: 2026-09-01", front, flags=re.M)
    front = re.sub(r"^company: .*", f"company: {company}", front, flags=re.M)
    front = front.replace("About Corvane Therapeutics", "About Norwood Systems")
    path = desk / "boilerplate" / block_id / f"v{version}.md"
    path.write_text(f"---\n{front}---\n{text}\n")
    return path


@pytest.fixture
def norwood(cli, tmp_path, monkeypatch) -> Path:
    """A desk made by `init`, its sample company renamed norwood, as the README says."""
    desk = tmp_path / "norwood-desk"
    assert cli("init", desk)[0] == 0
    profile = desk / "companies" / "corvane.yaml"
    profile.rename(desk / "companies" / "norwood.yaml")
    text = (desk / "companies" / "norwood.yaml").read_text()
    (desk / "companies" / "norwood.yaml").write_text(
        text.replace("id: corvane", "id: norwood").replace("Corvane Therapeutics, Inc.",
                                                           "Norwood Systems, Inc."))
    for sample in (desk / "releases").iterdir():
        sample.unlink()
    monkeypatch.chdir(desk)
    code, out, _ = cli("new", "event", "--date", "2026-10-01")
    assert code == 0
    (desk / "releases" / RELEASE).write_text(fill(out))
    return desk


def test_the_samples_blocks_are_refused_for_another_company(cli, norwood):
    spec_path = norwood / "releases" / RELEASE
    code, found = findings_of(cli, "--final", spec_path)
    wrong = [f for f in found if f["rule"] == "block-company"]
    lines = spec_path.read_text().splitlines()
    assert code == 1 and [f["severity"] for f in wrong] == ["error", "error"]
    assert [lines[f["line"] - 1].strip() for f in wrong] == ["- about", "- fls:"]
    assert "'about@2' belongs to corvane" in wrong[0]["message"]
    assert "issued by norwood" in wrong[0]["message"]
    assert "the desk has no company 'corvane'" in wrong[0]["message"]
    drafts = [f for f in findings_of(cli, spec_path)[1] if f["rule"] == "block-company"]
    assert [f["severity"] for f in drafts] == ["warning", "warning"]
    out = norwood / "out"
    code, _, err = cli("render", "--final", spec_path, "--out", out)
    assert code == 1 and "[block-company]" in err and not out.exists()


def test_a_newer_draft_is_named_with_how_to_preview_or_approve_it(cli, norwood):
    new_version(norwood, "about@3", "norwood", "Norwood Systems, Inc. makes systems.")
    spec_path = norwood / "releases" / RELEASE
    (newer,) = [f for f in findings_of(cli, spec_path)[1] if f["rule"] == "block-newer-draft"]
    assert newer["severity"] == "warning"
    assert "prints 'about@2', approved, while 'about@3' is a newer draft" in newer["message"]
    assert "pinning it ('about@3'" in newer["hint"] and "blocks approve about@3" in newer["hint"]
    pinned = spec_path.read_text().replace("  - about\n", "  - about@2\n")
    spec_path.write_text(pinned)
    assert "block-newer-draft" not in {f["rule"] for f in findings_of(cli, spec_path)[1]}


def test_a_new_desk_ships_once_its_own_blocks_are_approved(cli, norwood, tmp_path):
    """The README's walkthrough: own versions, an approver named, approvals signed."""
    new_version(norwood, "about@3", "norwood", "Norwood Systems, Inc. (Nasdaq: CRVN) makes "
                "systems. For more information, visit www.norwood.example.")
    fls = (norwood / "boilerplate" / "fls" / "v1.md").read_text().split("---\n", 2)[2]
    new_version(norwood, "fls@2", "norwood", fls.replace("Corvane", "Norwood"))
    spec_path = norwood / "releases" / RELEASE
    assert findings_of(cli, "--final", spec_path)[0] == 1  # drafts: still refused
    key = tmp_path / "counsel"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Ann Lee, General Counsel",
                       "--key", key)
    assert code == 2 and "does not name it; name its owner first: prauthor blocks approvers " \
        "add NAME KEY.pub" in err
    assert cli("blocks", "approvers", "add", "ann.lee@norwood.example", f"{key}.pub")[0] == 0
    assert cli("blocks", "approvers", "remove", "margaret.lin@corvane.example")[0] == 0
    for ref in ("about@3", "fls@2"):
        code, _, err = cli("blocks", "approve", ref, "--by", "Ann Lee, General Counsel",
                           "--key", key)
        assert code == 0, err
    code, found = findings_of(cli, "--final", spec_path)
    assert code == 0 and not [f for f in found if f["severity"] == "error"], found
    out = norwood / "out"
    code, _, err = cli("render", "--final", spec_path, "--out", out, "--format", "txt")
    text = (out / RELEASE.removesuffix(".yaml") / f"{RELEASE.removesuffix('.yaml')}.txt")
    assert code == 0, err
    assert "Norwood Systems, Inc. (Nasdaq: CRVN) makes systems." in text.read_text()
    printed = text.read_text()
    assert "About Norwood Systems" in printed and "About Corvane" not in printed
    assert "Norwood’s current expectations" in printed and "Corvane’s" not in printed


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """The sample desk with a second company, halden."""
    desk = make_desk(tmp_path_factory.mktemp("desk"))
    profile = (desk / "companies" / "corvane.yaml").read_text()
    (desk / "companies" / "halden.yaml").write_text(
        profile.replace("id: corvane", "id: halden").replace("Corvane Therapeutics, Inc.",
                                                             "Halden Labs, Inc."))
    return desk


def test_a_joint_release_may_print_its_partners_blocks(desk):
    joint = spec(company="halden", intro={"companies": ["halden", "corvane"]})
    assert "block-company" not in rules_found(write_spec(desk, joint, "joint.yaml"), final=True)
    alone = spec(company="halden")
    assert rules_found(write_spec(desk, alone, "alone.yaml"), final=True)["block-company"] \
        == "error"


def test_a_block_may_name_several_companies_and_a_misspelled_one_is_told(desk, tmp_path):
    desk = make_desk(tmp_path / "desk")
    (desk / "companies" / "halden.yaml").write_text(
        (desk / "companies" / "corvane.yaml").read_text().replace("id: corvane", "id: halden"))
    shared = new_version(desk, "about@3", "[corvane, halden]", "Shared text.")
    assert parse_block(shared).meta.companies == ("corvane", "halden")
    data = spec(company="halden", boilerplate=["about@3", {"fls@1": {"subject": "x"}}])
    path = write_spec(desk, data, "shared.yaml")
    found = rules_found(path)
    assert found.get("block-draft") == "warning" and "block-company" in found  # fls@1 only
    new_version(desk, "about@3", "corvan", "Misspelled.")
    from governance_helpers import judged

    messages = [f.message for f in judged(path)[2] if f.rule == "block-company"]
    assert any("the desk has no company 'corvan' (did you mean 'corvane'?)" in m
               for m in messages), messages


def test_a_block_without_a_company_serves_any_company(desk):
    data = spec(company="halden", type="earnings", boilerplate=["about", "non-gaap"])
    found = judged_company_findings(write_spec(desk, data, "generic.yaml"))
    assert found == ["'about@1' belongs to corvane"]


def judged_company_findings(path: Path) -> list[str]:
    from governance_helpers import judged

    return [f.message.split(" (")[0] for f in judged(path)[2] if f.rule == "block-company"]


def test_the_block_schema_describes_company():
    prop = json_schema("block")["properties"]["company"]
    assert "company" in prop["description"] and "any company" in prop["description"]


def test_the_sample_desks_company_blocks_name_their_company():
    from conftest import ROOT

    for path in sorted((ROOT / "boilerplate").glob("*/v*.md")):
        block = parse_block(path)
        speaks_of_corvane = "Corvane" in block.text
        assert (block.meta.companies == ("corvane",)) == speaks_of_corvane, path


def test_an_about_block_counts_for_the_company_it_names(desk, tmp_path):
    """In a joint release, an About block is its company's by `company:`, whatever its title."""
    desk = make_desk(tmp_path / "desk")
    (desk / "companies" / "halden.yaml").write_text(
        (desk / "companies" / "corvane.yaml").read_text().replace("id: corvane", "id: halden")
        .replace("Corvane Therapeutics, Inc.", "Halden Labs, Inc.").replace("short_name: Corvane",
                                                                            "short_name: Halden"))
    folder = desk / "boilerplate" / "profile"
    folder.mkdir()
    block = ("---\nid: profile\ntitle: Company Profile\nversion: 1\neffective: 2025-01-01\n"
             "status: draft\nprovides: [about]\n{company}---\nHalden Labs makes labs.\n")
    (folder / "v1.md").write_text(block.format(company=""))
    joint = spec(intro={"companies": ["corvane", "halden"]},
                 boilerplate=["about", "profile@1", {"fls": {"subject": "the event"}}])
    path = write_spec(desk, joint, "joint.yaml")
    from governance_helpers import judged

    assert [f.message for f in judged(path)[2] if f.rule == "about"] == [
        "the release presents Halden Labs, Inc. but has no About block for it"]
    (folder / "v1.md").write_text(block.format(company="company: halden\n"))
    assert "about" not in rules_found(path)


def test_approve_refuses_a_block_for_a_company_the_desk_lacks(cli, norwood, tmp_path):
    path = new_version(norwood, "about@3", "norwod", "Norwood Systems, Inc. makes systems.")
    before = path.read_bytes()
    key = tmp_path / "counsel"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    assert cli("blocks", "approvers", "add", "ann.lee@norwood.example", f"{key}.pub")[0] == 0
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Ann Lee", "--key", key)
    line = path.read_text().splitlines().index("company: norwod") + 1
    assert code == 2 and f"{path}:{line}: error: company: no company 'norwod' (did you mean " \
        "'norwood'?) in this desk (companies: norwood)" in err
    assert path.read_bytes() == before
    code, out, _ = cli("blocks", "list")
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert " norwod " in rows["about@3"] and " corvane " in rows["about@2"]
    assert " any " in rows["non-gaap@1"]


def test_an_about_block_naming_no_company_with_another_listing_is_warned(tmp_path):
    """A desk made before blocks named their company: the listing gives the text away."""
    from governance_helpers import approved_about, judged

    desk = approved_about(tmp_path / "old", "Corvane Therapeutics, Inc. (Nasdaq: CRVN) is a "
                          "clinical-stage biotechnology company.")
    (desk / "companies" / "norwood.yaml").write_text(
        (desk / "companies" / "corvane.yaml").read_text().replace("id: corvane", "id: norwood")
        .replace("ticker: CRVN", "ticker: NRWD"))
    alone = write_spec(desk, spec(company="norwood", boilerplate=["about@3"]), "alone.yaml")
    (found,) = [f for f in judged(alone, final=True)[2] if f.rule == "block-listing"]
    assert found.severity == "warning" and found.message == (
        "'about@3' prints the listing (Nasdaq: CRVN), which is none of this release's "
        "companies' (NRWD)")
    joint = spec(company="norwood", intro={"companies": ["norwood", "corvane"]},
                 boilerplate=["about@3"])
    assert "block-listing" not in rules_found(write_spec(desk, joint, "joint.yaml"))


@pytest.mark.parametrize(("written", "message"), [
    ("[]", "company: the list should have at least 1 item, not 0"),
    ("{a: 1}", "company: text is expected here, not a mapping (key: value lines)"),
    ('[corvane, ""]', "company[1]: this is empty"),
])
def test_a_malformed_company_is_told_at_its_line(cli, tmp_path, written, message):
    desk = make_desk(tmp_path / "desk")
    path = new_version(desk, "about@3", written, "Text.")
    line = path.read_text().splitlines().index(f"company: {written}") + 1
    code, _, err = cli("validate", write_spec(desk, spec(), "r.yaml"))
    assert code == 2 and f"{path}:{line}: error: {message}" in err, err


def test_another_companys_block_is_not_offered_for_signing(cli, norwood):
    spec_path = norwood / "releases" / RELEASE
    assert cli("blocks", "approvers", "remove", "margaret.lin@corvane.example",
               "--desk", norwood)[0] == 0  # the README's step: the sample approver goes
    code, found = findings_of(cli, "--final", spec_path)
    rules = [f["rule"] for f in found if f["severity"] == "error"]
    assert code == 1 and rules.count("block-company") == 2
    assert "block-signature" not in rules  # signing another company's text is no remedy
