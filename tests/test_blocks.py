"""Approved block texts are frozen, and `prauthor blocks` is how legal changes a library."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from governance_helpers import approver_key, make_desk, spec, write_spec
from prauthor.library import parse_block

INVESTOR_DAY = next(p for p in EXAMPLES if "investor-day" in p.name)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path / "desk")
    (desk / "releases" / INVESTOR_DAY.name).write_bytes(INVESTOR_DAY.read_bytes())
    return desk


def test_committed_lock_file_is_current(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    committed = (ROOT / "boilerplate" / "blocks.lock").read_bytes()
    (desk / "boilerplate" / "blocks.lock").unlink()
    code, _, err = cli("blocks", "lock", "--desk", desk)
    assert code == 0, err
    assert (desk / "boilerplate" / "blocks.lock").read_bytes() == committed
    blocks = json.loads(committed)["blocks"]
    about = parse_block(ROOT / "boilerplate" / "about" / "v1.md")
    assert blocks["about@1"]["sha256"] == about.version_sha256
    assert blocks["about@1"]["text_sha256"] == about.sha256 == sha(about.text)


def test_one_changed_character_stops_render_and_validate(cli, desk):
    block = desk / "boilerplate" / "about" / "v1.md"
    before = parse_block(block).version_sha256
    block.write_text(block.read_text().replace("Cambridge, Massachusetts",
                                               "Cambridge, Massachusets"))
    after = parse_block(block).version_sha256
    spec_path = desk / "releases" / INVESTOR_DAY.name
    out = desk / "out"
    code, _, err = cli("render", spec_path, "--out", out)
    assert code == 2 and not out.exists()
    assert f"{block}:12: error: text: 'about@1' was approved with sha-256 {before}" in err
    assert f"but it now has sha-256 {after}" in err and "about/v3.md" in err
    code, _, err = cli("validate", spec_path)
    assert code == 2 and before in err and after in err


@pytest.mark.parametrize(("line", "edited"), [
    ("title: Forward-Looking Statements", "title: Corvane Guarantees Returns of 40%"),
    ("approved_by: Margaret Lin, General Counsel", "approved_by: Someone Else"),
    ("approved_on: 2024-12-12", "approved_on: 2024-12-13"),
    ("effective: 2025-01-01", "effective: 2024-01-01"),
    ("provides: [safe-harbor]", "provides: [safe-harbor, about]"),
    ("provides: [safe-harbor]", "provides: [safe-harbor]\nexpires: 2030-01-01"),
    ("  subject: what the", "  subject: anything at all about"),
    ("provides: [safe-harbor]", "provides: [safe-harbor]\n# a comment legal never saw"),
])
def test_an_approved_version_front_matter_is_frozen_too(cli, desk, line, edited):
    block = desk / "boilerplate" / "fls" / "v1.md"
    text = block.read_text()
    assert line in text
    block.write_text(text.replace(line, edited))
    code, _, err = cli("check", "--final", desk / "releases" / INVESTOR_DAY.name)
    assert code == 2 and f"{block}:2: error: front matter: 'fls@1' was approved with sha-256" in err


def test_a_version_locked_as_text_only_is_read_and_upgraded_by_lock(cli, desk):
    lock = desk / "boilerplate" / "blocks.lock"
    current = json.loads(lock.read_text())
    old = {"format": 1, "blocks": {ref: {"sha256": entry["text_sha256"]}
                                   for ref, entry in current["blocks"].items()}}
    lock.write_text(json.dumps(old))
    assert cli("validate", desk / "releases" / INVESTOR_DAY.name)[0] == 0
    assert cli("blocks", "lock", "--desk", desk)[0] == 0
    upgraded = json.loads(lock.read_text())
    assert upgraded["format"] == 2
    assert {ref: e["sha256"] for ref, e in upgraded["blocks"].items()} == {
        ref: e["sha256"] for ref, e in current["blocks"].items()}


def test_block_ids_are_plain_ascii(cli, desk):
    cyrillic = "\u0430bout"  # a Cyrillic a: looks like "about"
    folder = desk / "boilerplate" / cyrillic
    folder.mkdir()
    text = (desk / "boilerplate" / "about" / "v1.md").read_text()
    (folder / "v1.md").write_text(text.replace("id: about", f"id: {cyrillic}"))
    code, _, err = cli("validate", write_spec(desk, spec(boilerplate=[cyrillic])))
    assert code == 2 and f"{folder / 'v1.md'}:2: error: id: a block id is lowercase ASCII" in err
    assert "'\u0430' (U+0430)" in err
    (folder / "v1.md").unlink()
    folder.rmdir()
    code, _, err = cli("validate", write_spec(desk, spec(boilerplate=[cyrillic])))
    assert code == 2 and "did you mean 'about'?" in err


def test_a_new_version_is_the_way_to_change_approved_text(cli, desk):
    v1 = desk / "boilerplate" / "about" / "v1.md"
    v3 = desk / "boilerplate" / "about" / "v3.md"
    v3.write_text(v1.read_text().replace("version: 1", "version: 3")
                  .replace("status: approved", "status: draft")
                  .replace("Cambridge, Massachusetts", "Boston, Massachusetts"))
    code, _, err = cli("render", desk / "releases" / INVESTOR_DAY.name, "--out", desk / "out")
    assert code == 0, err


def test_a_desk_without_lock_file_renders_with_a_warning(cli, desk):
    (desk / "boilerplate" / "blocks.lock").unlink()
    code, _, err = cli("render", desk / "releases" / INVESTOR_DAY.name, "--out", desk / "out")
    assert code == 0
    assert "boilerplate/blocks.lock: warning: the block library has no blocks.lock" in err
    assert err.count("no blocks.lock") == 1


def test_a_broken_lock_file_is_bad_input(cli, desk):
    (desk / "boilerplate" / "blocks.lock").write_text("{not json")
    code, _, err = cli("validate", desk / "releases" / INVESTOR_DAY.name)
    assert code == 2 and "blocks.lock: error: not a prauthor lock file" in err


def test_a_deleted_approved_version_is_reported(cli, desk):
    (desk / "boilerplate" / "legend-participants" / "v1.md").unlink()
    code, _, err = cli("validate", desk / "releases" / INVESTOR_DAY.name)
    assert code == 2 and "'legend-participants@1' is approved in blocks.lock but its file" in err


def draft(desk: Path, text: str = "Corvane is a clinical-stage company.") -> Path:
    path = desk / "boilerplate" / "about" / "v3.md"
    path.write_bytes(("---\r\nid: about\r\ntitle: About Corvane\r\nversion: 3\r\n"
                      "effective: 2026-06-01\r\nstatus: draft\r\n# legal reviews this one\r\n"
                      f"provides: [about]\r\n---\r\n{text}\r\n").encode())
    return path


def test_approve_changes_only_the_status_lines_and_locks_the_text(cli, desk):
    path = draft(desk)
    before = path.read_bytes()
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Margaret Lin, General Counsel",
                       "--on", "2026-05-20", "--desk", desk, "--key", approver_key(desk))
    assert code == 0, err
    after = path.read_bytes()
    assert after == before.replace(b"status: draft\r\n", b"status: approved\r\napproved_by: "
                                   b"Margaret Lin, General Counsel\r\napproved_on: 2026-05-20\r\n")
    block = parse_block(path)
    assert (block.meta.status, str(block.meta.approved_on)) == ("approved", "2026-05-20")
    lock = json.loads((desk / "boilerplate" / "blocks.lock").read_text())["blocks"]
    assert lock["about@3"] == {"sha256": block.version_sha256, "approved_by": "Margaret Lin, "
                              "General Counsel", "approved_on": "2026-05-20",
                              "text_sha256": block.sha256}
    assert lock["about@1"]["sha256"] == parse_block(
        desk / "boilerplate/about/v1.md").version_sha256
    code, _, err = cli("blocks", "approve", "about@3", "--by", "X", "--desk", desk)
    assert code == 2 and "'about@3' is already approved (by Margaret Lin" in err


def test_approve_refuses_placeholders_unknown_versions_and_retired_ones(cli, desk):
    draft(desk, "Corvane is a TBD company.")
    code, _, err = cli("blocks", "approve", "about@3", "--by", "Legal", "--desk", desk)
    assert code == 2 and "still holds placeholder text (TBD)" in err
    code, _, err = cli("blocks", "approve", "about@9", "--by", "Legal", "--desk", desk)
    assert code == 2 and "'about' has no version 9 (it has v1, v2, v3)" in err
    code, _, err = cli("blocks", "approve", "abut@1", "--by", "Legal", "--desk", desk)
    assert code == 2 and "did you mean 'about'?" in err
    assert cli("blocks", "retire", "about@1", "--desk", desk)[0] == 0
    code, _, err = cli("blocks", "approve", "about@1", "--by", "Legal", "--desk", desk)
    assert code == 2 and "'about@1' is retired; approve a new version instead" in err


def test_retire_keeps_the_lock_entry_and_stops_use(cli, desk):
    lock_before = (desk / "boilerplate" / "blocks.lock").read_bytes()
    path = desk / "boilerplate" / "about" / "v1.md"
    before = path.read_bytes()
    code, _, err = cli("blocks", "retire", "about@1", "--desk", desk)
    assert code == 0, err
    assert path.read_bytes() == before.replace(b"status: approved", b"status: retired")
    assert (desk / "boilerplate" / "blocks.lock").read_bytes() == lock_before
    code, _, err = cli("blocks", "retire", "about@1", "--desk", desk)
    assert code == 2 and "already retired" in err
    code, _, err = cli("validate", write_spec(desk, spec(boilerplate=["about@1"])))
    assert code == 2 and "'about@1' is retired" in err


def test_lock_never_blesses_a_changed_text(cli, desk):
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("Forward-looking statements speak",
                                               "Forward-looking statements talk"))
    code, _, err = cli("blocks", "lock", "--desk", desk)
    assert code == 2 and "'fls@1' was approved with sha-256" in err


def test_write_commands_need_a_desk(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("blocks", "lock")
    assert code == 2 and "not in a desk" in err


def test_list_and_show(cli, desk, monkeypatch):
    draft(desk)
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("speak only", "speak solely"))
    monkeypatch.chdir(desk / "releases")
    code, out, _ = cli("blocks", "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert re.search(r"approved\s+2025-01-01\s+2024-12-12 Margaret Lin, General Counsel\s+"
                     r"locked\s+margaret.lin@corvane.example\s+about\s+corvane\s+About Corvane",
                     rows["about@1"])
    assert "CHANGED" in rows["fls@1"] and "CHANGED SINCE SIGNED" in rows["fls@1"]
    assert "draft" in rows["about@3"]
    assert "legend-14a12-participants" in rows["legend-participants@1"]
    code, out, _ = cli("blocks", "show", "about")  # the version in effect today
    assert code == 0 and "approved by Margaret Lin" in out
    code, out, _ = cli("blocks", "show", "about@3")
    assert out.startswith("about@3  About Corvane") and out.endswith(
        "\nCorvane is a clinical-stage company.\n")
    assert "status:     draft" in out and "lock:       -" in out and "signed by:  -" in out


def test_diff_word_by_word(cli, desk):
    code, out, _ = cli("blocks", "diff", "about", "1", "2", "--desk", desk)
    assert code == 0
    assert out.startswith("--- about@1 (approved, effective 2025-01-01)\n+++ about@2")
    assert "effective: 2025-01-01 → 2026-04-01" in out
    assert "in a Phase [-2-]{+2b+} study" in out


class Marks(HTMLParser):
    """Collect the text of <del> and <ins> elements."""

    def __init__(self):
        super().__init__()
        self.open, self.found = None, {"del": [], "ins": []}

    def handle_starttag(self, tag, attrs):
        self.open = tag if tag in self.found else self.open

    def handle_endtag(self, tag):
        self.open = None if tag == self.open else self.open

    def handle_data(self, data):
        if self.open:
            self.found[self.open].append(data)


def test_diff_as_html(cli, desk):
    code, out, _ = cli("blocks", "diff", "about", "v1", "v2", "--html", "--desk", desk)
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    marks = Marks()
    marks.feed(out)
    assert "2" in marks.found["del"] and "2b" in marks.found["ins"]
    assert any("CRV-330" in text for text in marks.found["ins"])


def test_expired_block_cannot_be_used_after_its_date(cli, desk):
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("status: approved",
                                               "status: approved\nexpires: 2026-01-31"))
    (desk / "boilerplate" / "blocks.lock").unlink()  # approved with its expiry, then locked
    assert cli("blocks", "lock", "--desk", desk)[0] == 0
    pinned = write_spec(desk, spec(boilerplate=["about", {"fls@1": {"subject": "x"}}]), "a.yaml")
    code, _, err = cli("validate", pinned)
    assert code == 2 and "'fls@1' expired on 2026-01-31; a release dated 2026-03-02" in err
    code, _, err = cli("validate", write_spec(desk, spec(), "b.yaml"))
    assert code == 2 and "v1 approved from 2025-01-01 until 2026-01-31" in err
    earlier = spec(dateline={"cities": ["Cambridge, MA"], "date": "2026-01-31"},
                   headline="Corvane to Host R&D Day", lead="today announced an R&D Day.")
    assert cli("validate", write_spec(desk, earlier, "c.yaml"))[0] == 0
