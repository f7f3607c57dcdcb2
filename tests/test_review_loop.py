"""The legal review loop, with LibreOffice as the reviewer's word processor.

One soffice session for the module: counsel's edits are made through UNO with Track
Changes on, `review` reads them back into the spec and a new draft block, and the
redline of the second draft against the first is opened in LibreOffice again.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES
from governance_helpers import make_desk
from office import start_office

MERGER = next(p for p in EXAMPLES if p.stem == "2026-09-15-merger-vote")
LAWYER = "Margaret Lin"
STEPS = [
    {"replace": "independent proxy advisory firms",
     "with": "leading independent proxy advisory firms"},                      # the lead
    {"delete": "Every vote counts. "},                                         # in a quote
    {"replace": "research operations in Basel, Switzerland",
     "with": "research operations in Basel, Switzerland, and Boston"},         # About block
    {"comment": "$24.50 per share", "text": "Confirm the price with the merger agreement."},
    {"comment": "toll-free", "text": "Is this number staffed on weekends?"},
]


@pytest.fixture(scope="module")
def office():
    session = start_office()
    yield session
    session.close()


@pytest.fixture(scope="module")
def loop(office, tmp_path_factory):
    """Run one round: render, review in LibreOffice, review --apply, render again."""
    from prauthor.cli import main

    desk = make_desk(tmp_path_factory.mktemp("loop"))
    spec = desk / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    first = desk / "round1"
    assert main(["render", str(spec), "-f", "docx", "-o", str(first)]) == 0
    draft1 = first / spec.stem / f"{spec.stem}.draft.docx"
    reviewed = office.edit(draft1, desk / "reviewed.docx", LAWYER, STEPS)
    original = spec.read_text(encoding="utf-8")
    return {"desk": desk, "spec": spec, "draft1": draft1, "reviewed": reviewed,
            "original": original}


def test_review_lists_every_change_and_comment_located(loop, cli):
    code, out, err = cli("review", loop["reviewed"], loop["spec"])
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.startswith(("change", "comment",
                                                                   "cannot"))]
    name = loop["spec"].name
    assert len(lines) == 5, out
    assert lines[0].startswith(f"change: {loop['spec']}:13: lead: replaced \"independent proxy "
                               "advisory firms\" with \"leading independent")
    assert f"{name}:30: body[1].quote.after[0]: deleted \"Every vote counts.\"" in lines[1]
    assert "about/v2.md:14: about@2, paragraph 2: replaced" in lines[2]
    assert f"{name}:13: lead: comment on \"$24.50 per share\": \"Confirm the price" in lines[3]
    assert f"{name}:33: body[2]: comment on \"toll-free\"" in lines[4]
    assert all(f"({LAWYER}" in line for line in lines)
    assert "3 change(s), 2 comment(s), 0 that cannot be placed" in out


def test_apply_writes_the_edits_into_the_spec_and_a_new_draft_block(loop, cli):
    desk, spec = loop["desk"], loop["spec"]
    approved = (desk / "boilerplate" / "about" / "v2.md").read_bytes()
    code, _, err = cli("review", loop["reviewed"], spec, "--apply")
    assert code == 0, err
    assert f"wrote {spec}: 2 edits, pinned about@3" in err
    text = spec.read_text(encoding="utf-8")
    # Exactly the edits: the original with them made gives the new file, comments and all.
    expected = (loop["original"]
                .replace("today announced that independent proxy advisory firms Institutional",
                         "today announced that leading independent proxy advisory firms "
                         "Institutional")
                .replace("          Every vote counts. We urge stockholders to vote FOR the "
                         "merger\n          proposal today.",
                         "          We urge stockholders to vote FOR the merger proposal today.")
                .replace("  - about\n", "  - about@3\n"))
    assert text == expected
    assert (desk / "boilerplate" / "about" / "v2.md").read_bytes() == approved
    v3 = (desk / "boilerplate" / "about" / "v3.md").read_text(encoding="utf-8")
    assert "version: 3\n" in v3 and "status: draft\n" in v3 and "approved_by" not in v3
    assert v3.split("---\n", 2)[2] == approved.decode().split("---\n", 2)[2].replace(
        "Basel, Switzerland.", "Basel, Switzerland, and Boston.")
    # The reviewed DOCX now belongs to an older draft of the spec.
    code, _, err = cli("review", loop["reviewed"], spec)
    assert code == 2 and "was rendered from another draft" in err


def test_the_second_draft_carries_the_edits(loop, cli, tmp_path):
    test_apply_ran = (loop["desk"] / "boilerplate" / "about" / "v3.md").is_file()
    if not test_apply_ran:
        pytest.skip("needs the --apply test to have run first")
    code, _, err = cli("render", loop["spec"], "-f", "txt", "-o", tmp_path)
    assert code == 0, err
    text = (tmp_path / loop["spec"].stem / f"{loop['spec'].stem}.draft.txt").read_text()
    squashed = " ".join(text.split())
    assert "leading independent proxy advisory firms" in squashed
    assert "Every vote counts" not in squashed
    assert "research operations in Basel, Switzerland, and Boston." in squashed
    assert "'about@3' is a draft" in err


def test_the_redline_shows_exactly_the_edits_in_libreoffice(loop, office, cli, tmp_path):
    if not (loop["desk"] / "boilerplate" / "about" / "v3.md").is_file():
        pytest.skip("needs the --apply test to have run first")
    out = tmp_path / "redline.docx"
    code, _, err = cli("redline", loop["draft1"].parent, loop["spec"], "-o", out)
    assert code == 0, err
    seen = office.read(out)
    changes = [(c["type"], c["text"].strip()) for c in seen["changes"]]
    assert sorted(changes) == [("Delete", "Every vote counts."), ("Insert", ", and Boston"),
                               ("Insert", "leading")]
    assert {c["author"] for c in seen["changes"]} == {"Corvane Therapeutics, Inc."}
    assert {c["date"] for c in seen["changes"]} == {"2026-09-15"}
    notes = [c for c in seen["comments"] if not c["text"].startswith("Boilerplate ")]
    assert notes == [{"author": "Corvane Therapeutics, Inc.", "anchor": "About Corvane "
                      "Therapeutics", "text": "about v2 to v3, draft, not approved"}]
    # The draft's own review aids are kept: a comment on each of the four blocks.
    assert sum(c["text"].startswith("Boilerplate ") for c in seen["comments"]) == 4


def test_a_redline_of_two_unrelated_releases_opens_in_libreoffice(office, cli, tmp_path):
    old, new = EXAMPLES[0], EXAMPLES[-1]
    out = tmp_path / "unrelated.docx"
    code, _, err = cli("redline", old, new, "-o", out)
    assert code == 0, err
    seen = office.read(out)
    kinds = {c["type"] for c in seen["changes"]}
    assert kinds == {"Insert", "Delete"} and len(seen["changes"]) > 20
    assert not seen["modified"]


def test_a_paragraph_added_and_one_deleted_in_libreoffice(office, cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    spec = desk / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    assert cli("render", spec, "-f", "docx", "-o", desk / "out")[0] == 0
    draft = desk / "out" / spec.stem / f"{spec.stem}.draft.docx"
    reviewed = office.edit(draft, tmp_path / "reviewed.docx", LAWYER, [
        {"new_paragraph_after": "conducted exclusively online",
         "text": "Proxy cards are due by September 29, 2026."},
        {"delete_paragraph": "A failure to vote will have"}])
    code, out, err = cli("review", reviewed, spec, "--apply")
    assert code == 0, out + err
    assert "after body[0]: new paragraph \"Proxy cards are due" in out
    assert "body[2]: deleted paragraph \"A failure to vote" in out
    text = spec.read_text(encoding="utf-8")
    assert "  - Proxy cards are due by September 29, 2026.\n  - quote:" in text
    assert "A failure to vote" not in text


def test_table_cell_changes_show_in_libreoffice(office, cli, tmp_path):
    results = next(p for p in EXAMPLES if p.stem == "2026-02-26-q4-fy2025-results")
    desk = make_desk(tmp_path / "desk")
    spec = desk / "releases" / results.name
    shutil.copy(results, spec)
    assert cli("render", spec, "-f", "docx", "-o", desk / "out")[0] == 0
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("9188, 8402,", "9188, 8420,", 1), encoding="utf-8")
    out = tmp_path / "cells.docx"
    code, _, err = cli("redline", desk / "out" / spec.stem, spec, "-o", out)
    assert code == 0, err
    changes = sorted((c["type"], c["text"]) for c in office.read(out)["changes"])
    assert changes == [("Delete", "8,402"), ("Insert", "8,420")]


def test_counsel_marks_up_the_redline_in_libreoffice(loop, office, cli, tmp_path):
    if not (loop["desk"] / "boilerplate" / "about" / "v3.md").is_file():
        pytest.skip("needs the --apply test to have run first")
    red = tmp_path / "redline.docx"
    assert cli("redline", loop["draft1"].parent, loop["spec"], "-o", red)[0] == 0
    marked = office.edit(red, tmp_path / "marked.docx", "Dana Whit", [
        {"replace": "Eastern time", "with": "ET"},
        {"comment": "special meeting", "text": "Add the record date?"}])
    code, out, err = cli("review", marked, loop["spec"])
    assert code == 0, out + err
    lines = [line for line in out.splitlines() if line.startswith(("change", "comment",
                                                                   "cannot"))]
    assert len(lines) == 2, out
    assert 'body[0]: replaced "Eastern time" with "ET" (Dana Whit' in lines[0]
    assert 'body[0]: comment on "special meeting": "Add the record date?"' in lines[1]
