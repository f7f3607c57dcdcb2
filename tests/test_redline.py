"""`prauthor redline`: the newer draft with Word tracked changes against the older one."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import EXAMPLES, require_tool
from governance_helpers import make_desk
from prauthor.review.docxread import read

MERGER = next(p for p in EXAMPLES if p.stem == "2026-09-15-merger-vote")
RESULTS = next(p for p in EXAMPLES if p.stem == "2026-02-26-q4-fy2025-results")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def desk(tmp_path) -> Path:
    folder = make_desk(tmp_path / "desk")
    for example in EXAMPLES:
        shutil.copy(example, folder / "releases" / example.name)
    for pattern in ("*.csv", "*.png", "*.jpg"):  # tables' rows and the body's images
        for extra in RESULTS.parent.glob(pattern):
            shutil.copy(extra, folder / "releases" / extra.name)
    return folder


def _document(data: bytes):
    return etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))


def _views(path: Path) -> tuple[list[str], list[str]]:
    """Return the body paragraphs with every change rejected, and with every one accepted."""
    paragraphs = read(path).paragraphs
    end = next((i for i, p in enumerate(paragraphs) if p.new == "Review record"),
               len(paragraphs))
    rejected = [p.old for p in paragraphs[:end] if p.mark != "insert"]
    accepted = [p.new for p in paragraphs[:end] if p.mark != "delete"]
    return rejected, accepted


def _body(path: Path) -> list[str]:
    paragraphs = read(path).paragraphs
    end = next((i for i, p in enumerate(paragraphs) if p.old == "Review record"),
               len(paragraphs))
    return [p.old for p in paragraphs[:end]]


def _render(cli, spec: Path, out: Path) -> Path:
    code, _, err = cli("render", spec, "-f", "docx", "-o", out)
    assert code == 0, err
    return out / spec.stem / f"{spec.stem}.draft.docx"


def test_rejecting_every_change_gives_the_old_draft_and_accepting_the_new(desk, cli, tmp_path):
    old, new = desk / "releases" / MERGER.name, desk / "releases" / RESULTS.name
    out = tmp_path / "red.docx"
    code, _, err = cli("redline", old, new, "-o", out)
    assert code == 0, err
    rejected, accepted = _views(out)
    assert rejected == _body(_render(cli, old, tmp_path / "a"))
    assert accepted == _body(_render(cli, new, tmp_path / "b"))
    again = tmp_path / "again.docx"
    assert cli("redline", old, new, "-o", again)[0] == 0
    assert again.read_bytes() == out.read_bytes()
    xml = _document(out.read_bytes())
    authors = {e.get(f"{W}author") for e in xml.iter(f"{W}ins", f"{W}del")}
    assert authors == {"Corvane Therapeutics, Inc."}
    assert {e.get(f"{W}date") for e in xml.iter(f"{W}ins", f"{W}del")} == {"2026-02-26T00:00:00Z"}


def test_words_inside_a_paragraph_and_a_table_cell(desk, cli, tmp_path):
    spec = desk / "releases" / RESULTS.name
    before = _render(cli, spec, tmp_path / "round1").parent
    text = spec.read_text(encoding="utf-8")
    changed = text.replace('["  Research and development", 38412,',
                           '["  Research and clinical development", 38412,', 1)
    changed = changed.replace("9188, 8402,", "9188, 8420,", 1)
    assert changed.count("clinical development") == 1 and "8420" in changed
    spec.write_text(changed, encoding="utf-8")
    out = tmp_path / "red.docx"
    code, _, err = cli("redline", before, spec, "-o", out)
    assert code == 0, err
    xml = _document(out.read_bytes())
    inserted = ["".join(t.text for t in e.iter(f"{W}t")) for e in xml.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in e.iter(f"{W}delText")) for e in xml.iter(f"{W}del")]
    assert inserted in (["clinical ", "8,420"], [" clinical", "8,420"])
    assert deleted == ["8,402"]
    for change in [*xml.iter(f"{W}ins"), *xml.iter(f"{W}del")]:
        assert any(a.tag == f"{W}tc" for a in change.iterancestors())


def test_a_moved_paragraph_is_a_move(desk, cli, tmp_path):
    spec = desk / "releases" / MERGER.name
    before = _render(cli, spec, tmp_path / "round1").parent
    text = spec.read_text(encoding="utf-8")
    first = text[text.index("  - >-\n    Corvane will hold"):text.index("  - quote:")]
    spec.write_text(text.replace(first, "").replace("boilerplate:\n", "boilerplate:\n", 1)
                    .replace("  - >-\n    A failure", first + "  - >-\n    A failure"),
                    encoding="utf-8")
    out = tmp_path / "red.docx"
    assert cli("redline", before, spec, "-o", out)[0] == 0
    xml = _document(out.read_bytes())
    moved_from = "".join(t.text for e in xml.iter(f"{W}moveFrom") for t in e.iter(f"{W}t"))
    moved_to = "".join(t.text for e in xml.iter(f"{W}moveTo") for t in e.iter(f"{W}t"))
    # Two paragraphs swapped: either one is the one that moved.
    assert moved_from.startswith(("Corvane will hold a special meeting", "“We are pleased"))
    assert moved_from == moved_to
    assert not list(xml.iter(f"{W}ins")) and not list(xml.iter(f"{W}del"))
    rejected, accepted = _views(out)
    assert rejected == _body(before / f"{spec.stem}.draft.docx")
    assert accepted == _body(_render(cli, spec, tmp_path / "round2"))


def test_since_a_git_revision(desk, cli, tmp_path):
    git = require_tool("git")
    spec = desk / "releases" / MERGER.name
    env = ["-c", "user.name=T", "-c", "user.email=t@example.com"]
    for args in (["init", "-q"], ["add", "."], [*env, "commit", "-qm", "first"]):
        subprocess.run([git, "-C", str(desk), *args], check=True, capture_output=True)
    spec.write_text(spec.read_text(encoding="utf-8").replace("exclusively online",
                                                             "online only"), encoding="utf-8")
    out = tmp_path / "red.docx"
    code, _, err = cli("redline", spec, "--since", "HEAD", "-o", out)
    assert code == 0, err
    rejected, accepted = _views(out)
    changed = [(a, b) for a, b in zip(rejected, accepted, strict=True) if a != b]
    assert len(changed) == 1
    assert "conducted exclusively online." in changed[0][0]
    assert changed[0][1] == changed[0][0].replace("exclusively online", "online only")
    code, _, err = cli("redline", spec, "--since", "no-such-revision", "-o", out)
    assert code == 2 and "git cannot show" in err


def test_since_a_revision_of_a_spec_with_a_csv_table(desk, cli, tmp_path):
    git = require_tool("git")
    spec = desk / "releases" / MERGER.name
    (desk / "releases" / "votes.csv").write_text("header,,Shares\n,For,1200\n,Against,300\n")
    spec.write_text(spec.read_text(encoding="utf-8") + "appendix:\n  - table:\n      title: "
                    "Votes\n      columns: [label, number]\n      csv: votes.csv\n",
                    encoding="utf-8")
    env = ["-c", "user.name=T", "-c", "user.email=t@example.com"]
    for args in (["init", "-q"], ["add", "."], [*env, "commit", "-qm", "first"]):
        subprocess.run([git, "-C", str(desk), *args], check=True, capture_output=True)
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: Votes", "title: Tally"),
                    encoding="utf-8")
    out = tmp_path / "red.docx"
    code, _, err = cli("redline", spec, "--since", "HEAD", "-o", out)
    assert code == 0, err
    rejected, accepted = _views(out)
    assert "Votes" in rejected and "Tally" in accepted and "1,200" in accepted


def test_bad_arguments_exit_2(desk, cli, tmp_path):
    spec = desk / "releases" / MERGER.name
    assert cli("redline", spec)[0] == 2
    assert cli("redline", spec, spec, "--since", "HEAD")[0] == 2
    code, _, err = cli("redline", tmp_path, spec)
    assert code == 2 and "holds no render manifest" in err


def test_counsels_markup_of_a_redline_is_read_without_the_redlines_own(desk, cli, tmp_path):
    from tracked import edited, replace

    spec = desk / "releases" / MERGER.name
    before = _render(cli, spec, tmp_path / "round1").parent
    spec.write_text(spec.read_text(encoding="utf-8").replace("exclusively online",
                                                             "online only"), encoding="utf-8")
    red = tmp_path / "red.docx"
    assert cli("redline", before, spec, "-o", red)[0] == 0
    marked = tmp_path / "marked.docx"
    marked.write_bytes(edited(red.read_bytes(), replace("Eastern time", "ET", "A. Counsel")))
    code, out, err = cli("review", marked, spec, "--apply")
    assert code == 0, out + err
    assert f'{spec}:20: body[0]: replaced "Eastern time" with "ET" (A. Counsel' in out
    assert "1 change(s), 0 comment(s), 0 that cannot be placed" in out
    assert "9:00 a.m. ET, conducted online only." in " ".join(spec.read_text().split())
    assert cli("review", red, spec)[0] == 2  # the spec changed since


WORDS = ["revenue", "grew", "12%", "in", "the", "quarter", "**net**", "loss", "$1,234.5",
         "[site](https://example.com)", "and", "*adjusted*", "EBITDA", "—", "Phase 2"]
paragraphs = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10)
                      .map(" ".join), max_size=6)


@settings(max_examples=30, deadline=None)
@given(old=paragraphs, new=paragraphs)
def test_any_two_bodies_redline_back_to_each_other(old, new):
    from prauthor import markup
    from prauthor.document import Paragraph
    from prauthor.render import Options, render
    from prauthor.review.redline import redline
    from samples import document

    def docx(texts):
        doc = document(body=[Paragraph(markup.parse(t)) for t in texts])
        return doc, render(doc, "docx", Options())

    (_, before), (_, after) = docx(old), docx(new)
    marked = redline(before, after, "Counsel", "2026-05-07T00:00:00Z")
    path = Path("redline.docx")
    views = _views_of(read(path, marked))
    assert views == (_body_of(read(path, before)), _body_of(read(path, after)))


def _views_of(reviewed) -> tuple[list[str], list[str]]:
    paragraphs = _until_record(reviewed.paragraphs)
    return ([p.old for p in paragraphs if p.mark != "insert"],
            [p.new for p in paragraphs if p.mark != "delete"])


def _body_of(reviewed) -> list[str]:
    return [p.old for p in _until_record(reviewed.paragraphs)]


def _until_record(paragraphs):
    end = next((i for i, p in enumerate(paragraphs) if p.style == "Review Record Title"),
               len(paragraphs))
    return paragraphs[:end]
