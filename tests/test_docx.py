"""The DOCX counsel reviews: read back with python-docx and LibreOffice, styles and all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import (
    EXAMPLES,
    REFERENCE,
    REFERENCE_SPECS,
    ROOT,
    STYLE_SPECS,
    expected_text,
    require_tool,
)
from docx_text import (
    body_paragraphs,
    compare_module,
    expected_paragraphs,
    open_docx,
    record_paragraphs,
    squash,
)
from prauthor.dateline import long_date
from prauthor.document import EventDetails, Image, Table, walk
from prauthor.pipeline import render_all, resolve_all
from prauthor.render import Options, render
from prauthor.render.docx_template import (
    CHARACTER_STYLES,
    OPTIONAL_PARAGRAPH_STYLES,
    PARAGRAPH_STYLES,
)
from readback import prose_cases, without_logo

SPECS = EXAMPLES + REFERENCE_SPECS + STYLE_SPECS
MERGER = "2021-01-28-proxy-advisors"
ALLOWED_PPR = {qn("w:pStyle"), qn("w:numPr")}
# An event's details may widen their label column to fit its longest label.
LABEL_COLUMN = {qn("w:tabs"), qn("w:ind")}
ALLOWED_RPR = {qn("w:rStyle"), qn("w:b"), qn("w:i")}


@pytest.fixture(scope="module")
def releases() -> dict:
    """Render every example and reference release once, to DOCX and newswire text."""
    rendered = render_all(resolve_all(SPECS), ["docx", "txt"], Options())
    return {release.spec_path.stem: release for release in rendered}


def _squashed(texts: list[str]) -> list[str]:
    return [squash(text) for text in texts]


def _word(releases, spec: Path):
    return open_docx(releases[spec.stem].outputs["docx"])


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_paragraphs_are_the_newswire_paragraphs(releases, spec):
    doc = releases[spec.stem].document
    word = _word(releases, spec)
    got = [squash(p.text) for p in body_paragraphs(word)]
    assert got == _squashed(expected_paragraphs(doc))
    # Where every block is prose, the newswire text has the same lines under the
    # fixtures' rule (tables and event details are laid out differently in text).
    prose = not any(isinstance(b, Table | EventDetails | Image) for b in _blocks(doc))
    if prose and REFERENCE.is_dir():
        compare = compare_module()
        # the text names the logo's gallery address after the body; the DOCX shows it
        text = render(without_logo(doc), "txt", Options()).decode()
        assert _lines(compare, word) == compare.strip_furniture(compare.lines(text))


def _blocks(doc):
    return [block for _, block in walk(doc) if block is not None]


@pytest.mark.parametrize("spec", [case[0] for case in prose_cases()], ids=lambda p: p.stem)
def test_reference_release_matches_expected_text(releases, spec, needs_shared):
    compare = compare_module()
    expected_file, wire = expected_text(spec)
    assert releases[spec.stem].document.meta.wire == wire
    expected = compare.lines(expected_file.read_text(encoding="utf-8"))
    word = _word(releases, spec)
    assert compare.differences(expected, _lines(compare, word)) == []


def _lines(compare, word) -> list[str]:
    """Return the DOCX body's lines as the fixtures' compare.py normalizes them."""
    return compare.strip_furniture(compare.lines("\n".join(p.text for p in body_paragraphs(word))))


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_paragraph_has_a_named_style_and_no_direct_formatting(releases, spec):
    word = _word(releases, spec)
    names = {p.style.name for p in word.paragraphs}
    names |= {p.style.name for t in word.tables for r in t.rows for c in r.cells
              for p in c.paragraphs}
    known = {*PARAGRAPH_STYLES, *OPTIONAL_PARAGRAPH_STYLES}
    assert names <= known, names - known
    body = word.element.body
    detail = word.styles["Event Detail"].style_id
    for ppr in body.iter(qn("w:pPr")):
        allowed = ALLOWED_PPR | LABEL_COLUMN if ppr.find(qn("w:pStyle")).get(
            qn("w:val")) == detail else ALLOWED_PPR
        assert {child.tag for child in ppr} <= allowed
    for rpr in body.iter(qn("w:rPr")):
        assert {child.tag for child in rpr} <= ALLOWED_RPR
    run_styles = {word.styles.get_by_id(v, 2).name for v in body.xpath(".//w:rStyle/@w:val")}
    assert run_styles <= {*CHARACTER_STYLES, "annotation reference"}


def test_parts_carry_their_styles(releases):
    word = _word(releases, EXAMPLES[1])  # the investor day: subheadline, list, link, quote
    styles = [p.style.name for p in body_paragraphs(word)]
    assert styles[:5] == ["Figure", "Release Line", "Headline", "Subheadline", "Lead"]  # logo
    assert styles.count("List Bullet") == 3 and styles.count("List Bullet 2") == 2
    assert "Quote" in styles and styles[-1] == "End Mark" and styles[-3:-1] == ["Contact"] * 2
    lead = body_paragraphs(word)[4]
    assert lead.runs[0].style.name == "Dateline"
    assert lead.runs[0].text.startswith("CAMBRIDGE, Mass. and BASEL, Switzerland")


def test_links_are_real_hyperlinks(releases):
    word = _word(releases, EXAMPLES[1])
    links = [p for p in word.paragraphs if p.hyperlinks]
    (link,) = [h for p in links for h in p.hyperlinks if h.text == "www.corvane.example"]
    assert link.address == "https://www.corvane.example"
    assert link.runs[0].style.name == "Hyperlink"


def test_header_and_footer_name_the_draft(releases):
    word = _word(releases, EXAMPLES[0])
    meta = releases[EXAMPLES[0].stem].document.meta
    header = [p.text for p in word.sections[0].header.paragraphs]
    assert header[0] == f"DRAFT: FOR LEGAL REVIEW\t{meta.spec_name} · {meta.spec_sha256[:12]}"
    assert header[1] == "Corvane Therapeutics, Inc.\tFebruary 26, 2026"
    footer = word.sections[0].footer.paragraphs[0]
    assert footer.text == "Page 1 of 1"  # cached field results; Word and LibreOffice update them
    assert footer._p.xpath(".//w:instrText/text()") == [" PAGE ", " NUMPAGES "]
    section = word.sections[0]
    assert (section.page_width.inches, section.page_height.inches) == (8.5, 11)


def test_document_properties(releases):
    word = _word(releases, EXAMPLES[0])
    props = word.core_properties
    assert props.title == ("Corvane Therapeutics Reports Fourth Quarter and Full Year 2025 "
                           "Financial Results")
    assert props.author == "Corvane Therapeutics, Inc."
    assert props.subject == ("Phase 2 study of CRV-201 met its primary endpoint; "
                             "Cash and investments of $412.6 million fund operations into 2029")
    assert props.keywords == "Corvane Therapeutics, Inc.; Nasdaq: CRVN; earnings; press release"
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2026-02-26"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_draft_has_one_comment_per_block_and_a_review_record(releases, spec):
    word = _word(releases, spec)
    doc = releases[spec.stem].document
    comments = list(word.comments)
    assert len(comments) == len(doc.sections)
    for comment, section in zip(comments, doc.sections, strict=True):
        assert comment.text.splitlines()[0] == (f"Boilerplate {section.block_id}, version "
                                                f"{section.version} ({section.status})")
        assert section.approved_by in comment.text and section.sha256 in comment.text
        assert comment.author == "prauthor"
    record = record_paragraphs(word)
    assert record[0].text == "Review record"
    assert {p.style.name for p in record[1:]} == {"Review Record Text"}
    assert record[1].text == f"Spec: {doc.meta.spec_name}"
    if not doc.sections:
        assert "Boilerplate blocks: none" in [p.text for p in record] and not word.tables
        return
    rows = word.tables[-1].rows
    assert [c.text for c in rows[0].cells] == ["Block", "Version", "Approval", "SHA-256"]
    for row, section in zip(rows[1:], doc.sections, strict=True):
        block, version, approval, sha = (c.text for c in row.cells)
        assert block == f"{section.block_id}\n{section.title}"
        assert (version, sha) == (f"v{section.version}", section.sha256)
        assert approval.splitlines()[:2] == [section.status, section.approved_by]


def test_merger_comments_enclose_each_block(releases, needs_shared):
    spec = next(s for s in REFERENCE_SPECS if s.stem == MERGER)
    word = _word(releases, spec)
    doc = releases[MERGER].document
    assert [c.text.splitlines()[0].split(",")[0] for c in word.comments] == [
        "Boilerplate about", "Boilerplate legend-additional-information",
        "Boilerplate legend-participants", "Boilerplate fls-transaction"]
    assert [p.text for p in record_paragraphs(word)[:2]] == ["Review record",
                                                              f"Spec: {MERGER}.yaml"]
    assert [row.cells[0].text.split("\n")[0] for row in word.tables[-1].rows[1:]] == [
        s.block_id for s in doc.sections]
    paragraphs = body_paragraphs(word)
    for comment, section in zip(word.comments, doc.sections, strict=True):
        starts = [p for p in paragraphs if p._p.xpath(
            f".//w:commentRangeStart[@w:id='{comment.comment_id}']")]
        ends = [p for p in paragraphs if p._p.xpath(
            f".//w:commentRangeEnd[@w:id='{comment.comment_id}']")]
        assert starts[0].text == section.title  # from the block's title ...
        last = section.blocks[-1].spans[-1].text
        assert last.endswith(ends[0].text)  # ... to the end of its last paragraph


def test_final_copy_has_no_review_aids(releases):
    doc = releases[EXAMPLES[0].stem].document
    word = open_docx(render(doc, "docx", Options(draft=False)))
    assert list(word.comments) == [] and record_paragraphs(word) == []
    assert [p.text for p in word.sections[0].header.paragraphs] == [
        "Corvane Therapeutics, Inc.\tFebruary 26, 2026"]
    assert not word.element.body.xpath(".//w:bookmarkStart")
    assert [squash(p.text) for p in word.paragraphs] == _squashed(expected_paragraphs(doc))


def test_line_numbers_on_request(releases):
    doc = releases[EXAMPLES[0].stem].document
    numbered = open_docx(render(doc, "docx", Options(line_numbers=True)))
    (mark,) = numbered.element.body.xpath("./w:sectPr/w:lnNumType")
    assert (mark.get(qn("w:countBy")), mark.get(qn("w:restart"))) == ("1", "newPage")
    assert not _word(releases, EXAMPLES[0]).element.body.xpath(".//w:lnNumType")
    record = numbered.styles["Review Record Text"].element
    assert record.xpath("./w:pPr/w:suppressLineNumbers")  # the record page is not cited


def test_command_line_flags_reach_the_docx(cli, tmp_path):
    spec = EXAMPLES[0]
    code, _, err = cli("render", spec, "-f", "docx", "-o", tmp_path, "--final", "--line-numbers")
    assert code == 0, err
    word = open_docx((tmp_path / spec.stem / f"{spec.stem}.docx").read_bytes())
    assert list(word.comments) == [] and word.element.body.xpath("./w:sectPr/w:lnNumType")


def test_same_spec_gives_the_same_bytes_across_processes(tmp_path):
    spec = EXAMPLES[0]
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "prauthor", "render", str(spec), "-f", "docx",
                        "-o", str(out)], check=True, env=env, capture_output=True, cwd=ROOT)
        outputs.append((out / spec.stem / f"{spec.stem}.draft.docx").read_bytes())
    assert outputs[0] == outputs[1]


# -- LibreOffice ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_texts(releases, tmp_path_factory) -> dict[str, list[str]]:
    """Convert every DOCX to PDF in one LibreOffice run; return each PDF's text by page."""
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("docx-pdf")
    for name, release in releases.items():
        (folder / f"{name}.docx").write_bytes(release.outputs["docx"])
    profile = tmp_path_factory.mktemp("lo-profile")
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder),
                           *sorted(str(p) for p in folder.glob("*.docx"))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    texts = {}
    for name in releases:
        pdf = folder / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice made no PDF of {name}: {done.stdout} {done.stderr}"
        text = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        texts[name] = text.split("\f")
    return texts


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_libreoffice_pdf_holds_the_same_paragraphs(releases, pdf_texts, spec):
    doc = releases[spec.stem].document
    pages = [_page_body(page, doc) for page in pdf_texts[spec.stem] if page.strip()]
    assert len(pages) >= 2 and pages[-1][:2] == ["Review record", f"Spec: {doc.meta.spec_name}"]
    text = "".join(line for page in pages[:-1] for line in page).replace(" ", "")
    position = 0
    for paragraph in expected_paragraphs(doc):
        found = text.find(re.sub(r"\s+", "", paragraph), position)
        assert found >= 0, f"not found in order in the PDF: {paragraph[:80]}"
        position = found


def _page_body(page: str, doc) -> list[str]:
    """Return a PDF page's lines without the running header and the page footer."""
    meta = doc.meta
    header = [f"DRAFT: FOR LEGAL REVIEW {meta.spec_name} · {meta.spec_sha256[:12]}",
              f"{meta.company} {long_date(meta.date)}"]
    lines = [squash(line) for line in page.splitlines() if line.strip()]
    assert lines[:2] == header and re.fullmatch(r"Page \d+ of \d+", lines[-1]), lines[:2]
    return lines[2:-1]


def test_template_centers_headline_and_aligns_figures():
    word = open_docx((ROOT / "templates" / "docx" / "release.docx").read_bytes())
    assert word.styles["Headline"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert word.styles["Table Figure"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert word.styles["Table Total Figure"].element.xpath("./w:pPr/w:pBdr/w:top")
