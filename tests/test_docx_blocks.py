"""Every kind of block in Word: lists that restart, tables, event details, markers, marks."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import EXAMPLES
from docx_text import body_paragraphs, expected_paragraphs, open_docx, squash
from prauthor.document import (
    Cell,
    EventDetails,
    ListBlock,
    ListItem,
    Marker,
    Paragraph,
    Row,
    Span,
    Table,
)
from prauthor.errors import RenderError
from prauthor.load import load
from prauthor.render import Options, render
from prauthor.resolve import resolve
from samples import with_blocks


def S(text: str, **marks) -> tuple[Span, ...]:
    return (Span(text, **marks),)


def figure(text: str) -> Cell:
    return Cell(S(text), "currency")


TABLE = Table(
    "Condensed Consolidated Statements of Operations", "(in millions, except per share data)",
    header=(Row((Cell(()), Cell(S("Three Months Ended December 31,"), "text", colspan=2),
                 Cell(S("Year Ended December 31,"), "text", colspan=2)), "header"),
            Row((Cell(()), *(Cell(S(y), "text") for y in ("2025", "2024", "2025", "2024"))),
                "header")),
    rows=(Row((Cell(S("Operating expenses:"), colspan=5),), "section"),
          Row((Cell(S("Research and development"), indent=1), figure("$38.4"), figure("$31.2"),
               figure("$141.0"), figure("$118.7"))),
          Row((Cell(S("General and administrative"), indent=1, footnotes=("1",)), figure("11.9"),
               figure("10.4"), figure("45.2"), figure("39.9"))),
          Row((Cell(S("Total operating expenses")), figure("50.3"), figure("41.6"),
               figure("186.2"), figure("158.6")), "total")),
    footnotes=(("1", S("Includes stock-based compensation of $4.1 million.")),))
EVENT = EventDetails("Conference call and webcast", (
    ("Date", S("Thursday, February 26, 2026")), ("Time", S("8:30 a.m. ET")),
    ("Webcast", (Span("investors.corvane.example", href="https://investors.corvane.example"),))))
NUMBERED = ListBlock((
    ListItem(S("Approve the merger & the <charter> \"amendment\" ") + S("today", bold=True)
             + S(" {{ vote }} {% now %}", italic=True),
             ListBlock((ListItem(S("by phone")), ListItem(S("online"))), ordered=True)),
    ListItem(S("Adjourn the meeting®™"))), ordered=True)
SECOND = ListBlock((ListItem(S("Restarts at one"), ListBlock((ListItem(
    S("a bullet"), ListBlock((ListItem(S("third level")),))),))),), ordered=True)


@pytest.fixture(scope="module")
def made():
    """A resolved example with every kind of block added to its body, rendered to DOCX."""
    doc = resolve(load(EXAMPLES[0]))
    body = (*doc.body, Marker("FINANCIAL TABLES FOLLOW"), TABLE, EVENT, NUMBERED,
            Paragraph(S("Between the lists.")), SECOND)
    doc = with_blocks(with_blocks(doc, body), (), "appendix")  # TABLE is the only table
    return doc, open_docx(render(doc, "docx", Options()))


def test_paragraphs_in_order(made):
    doc, word = made
    expected = [squash(text) for text in expected_paragraphs(doc)]
    assert [squash(p.text) for p in body_paragraphs(word)] == expected


def test_text_comes_out_as_typed(made):
    _, word = made
    (item,) = [p for p in word.paragraphs if p.text.startswith("Approve")]
    assert item.text == 'Approve the merger & the <charter> "amendment" today {{ vote }} {% now %}'
    assert [(r.text, r.bold, r.italic) for r in item.runs][-2:] == [
        ("today", True, None), (" {{ vote }} {% now %}", None, True)]
    assert any(p.text == "Adjourn the meeting®™" for p in word.paragraphs)


def _numbering(paragraph) -> tuple[int, int] | None:
    num_pr = paragraph._p.xpath("./w:pPr/w:numPr")
    if not num_pr:
        return None
    return (int(num_pr[0].xpath("./w:ilvl/@w:val")[0]), int(num_pr[0].xpath("./w:numId/@w:val")[0]))


def test_numbered_lists_restart_and_nest(made):
    _, word = made
    ours = {"by phone", "online", "Adjourn the meeting®™", "Restarts at one", "a bullet",
            "third level"}
    listed = [p for p in word.paragraphs if p.text in ours or p.text.startswith("Approve")]
    assert [p.style.name for p in listed] == [
        "List Number", "List Number 2", "List Number 2", "List Number", "List Number",
        "List Bullet 2", "List Bullet 3"]
    first, phone, online, adjourn, again = (_numbering(p) for p in listed[:5])
    assert _numbering(listed[5]) is None  # bullets number through their style
    assert first == adjourn and phone == online and first[0] == 0 and phone[0] == 1
    assert len({first[1], phone[1], again[1]}) == 3  # each list its own numbering, from 1
    numbering = word.part.numbering_part.element
    for level, num_id in (first, phone, again):
        num = numbering.num_having_numId(num_id)
        assert num.xpath(f"./w:lvlOverride[@w:ilvl='{level}']/w:startOverride/@w:val") == ["1"]
    bullet = word.styles["List Bullet 2"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    abstract = numbering.num_having_numId(int(bullet[0])).abstractNumId.val
    (fmt,) = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']"
                             "/w:lvl[@w:ilvl='1']/w:numFmt/@w:val")
    assert fmt == "bullet"


def test_table_is_a_real_word_table(made):
    _, word = made
    table = word.tables[0]
    assert table.style.name == "Financial Table"
    assert [p.text for p in word.paragraphs if p.style.name.startswith("Table ")][:2] == [
        "Condensed Consolidated Statements of Operations", "(in millions, except per share data)"]
    head = table.rows[0]._tr
    assert head.xpath("./w:trPr/w:tblHeader") and table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    assert head.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val") == ["2", "2"]
    assert len(table.columns) == 5
    total = table.rows[-1]
    assert [c.paragraphs[0].style.name for c in total.cells] == ["Table Total Label"] + [
        "Table Total Figure"] * 4
    figures = table.rows[3].cells[1].paragraphs[0]
    assert figures.text == "$38.4" and figures.style.name == "Table Figure"
    assert figures.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert word.styles["Table Total Figure"].element.xpath("./w:pPr/w:pBdr/w:top")
    label = table.rows[4].cells[0].paragraphs[0]
    assert (label.style.name, label.runs[-1].text, label.runs[-1].style.name) == (
        "Table Label 2", "1", "Table Note Reference")
    assert table.rows[2].cells[0].paragraphs[0].style.name == "Table Section"
    (note,) = [p for p in word.paragraphs if p.style.name == "Table Note"]
    assert note.text == "1 Includes stock-based compensation of $4.1 million."


def test_event_details_and_marker(made):
    _, word = made
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["FINANCIAL TABLES FOLLOW"] == "Marker"
    assert styles["Conference call and webcast"] == "Event Title"
    (webcast,) = [p for p in word.paragraphs if p.text.startswith("Webcast:")
                  and p.hyperlinks[0].address == "https://investors.corvane.example"]
    assert webcast.style.name == "Event Detail" and webcast.runs[0].style.name == "Event Label"


def test_only_web_and_mail_links_become_links():
    doc = resolve(load(EXAMPLES[0]))
    odd = Paragraph((Span("run me", href="javascript:alert(1)"),
                     Span(" mail", href="mailto:a@b.example"),
                     Span(" file", href="file:///etc/passwd")))
    word = open_docx(render(with_blocks(doc, (odd,)), "docx", Options()))
    (paragraph,) = [p for p in word.paragraphs if p.text == "run me mail file"]
    assert [h.address for h in paragraph.hyperlinks] == ["mailto:a@b.example"]
    contacts = {h.address for p in word.paragraphs if p.style.name == "Contact"
                for h in p.hyperlinks}
    targets = [r.target_ref for r in word.part.rels.values()
               if r.is_external and r.target_ref not in contacts]
    assert targets == ["mailto:a@b.example"]


def test_breaks_and_tabs_in_text_are_word_breaks():
    doc = resolve(load(EXAMPLES[0]))
    word = open_docx(render(with_blocks(doc, (Paragraph(S("one\ntwo\tthree")),)),
                            "docx", Options()))
    (paragraph,) = [p for p in word.paragraphs if p.text.startswith("one")]
    assert paragraph.text == "one\ntwo\tthree"
    assert paragraph._p.xpath(".//w:br") and paragraph._p.xpath(".//w:tab")
    assert not [t for t in paragraph._p.iter(qn("w:t")) if "\n" in (t.text or "")]


def test_a_control_character_that_slipped_past_the_core_stops_the_render():
    doc = resolve(load(EXAMPLES[0]))
    with pytest.raises(RenderError, match="control character"):
        render(with_blocks(doc, (Paragraph(S("bell \x07 here")),)), "docx", Options())
