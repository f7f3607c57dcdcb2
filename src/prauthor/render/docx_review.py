"""Add the aids counsel reviews a draft with: comments, the review record, line numbers."""

from __future__ import annotations

import datetime as dt

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from prauthor import __version__
from prauthor.dateline import long_date
from prauthor.document import Cell, Document, Row, Section, Span, Table
from prauthor.render.docx_blocks import Writer, lines

AUTHOR, INITIALS = "prauthor", "PA"
RECORD_SHARES = (0.31, 0.1, 0.24, 0.35)
# LibreOffice lets a table style's font beat a character style, so the hash column
# takes its typewriter face from a paragraph style.
RECORD_CELLS = ("Review Record Text", "Review Record Text", "Review Record Text",
                "Review Record Hash")
SECTPR_AFTER_LNNUM = ("w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                      "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                      "w:printerSettings", "w:sectPrChange")


def bookmark(index: int) -> str:
    """Return the hidden bookmark name of the index-th boilerplate block (from 1)."""
    return f"_Block{index}"


def marks(first_id: int, index: int) -> tuple[str, str]:
    """Return the bookmark start and end that enclose a block, placed between paragraphs."""
    mark_id = first_id + index
    return (f'<w:bookmarkStart w:id="{mark_id}" w:name="{bookmark(index)}"/>',
            f'<w:bookmarkEnd w:id="{mark_id}"/>')


def record(writer: Writer, doc: Document, warnings: tuple[str, ...] = ()) -> str:
    """Return the review record: a page listing the spec, the blocks, versions and hashes."""
    meta = doc.meta
    text = "Review Record Text"
    out = [writer.paragraph("Review Record Title", writer.text("Review record")),
           writer.paragraph(text, writer.text(f"Spec: {meta.spec_name}")),
           writer.paragraph(text, writer.text("Spec SHA-256: ")
                            + writer.text(meta.spec_sha256, "Hash")),
           writer.paragraph(text, writer.text(
               f"Release: {meta.slug}, {meta.type}, {long_date(meta.date)}, wire: {meta.wire}")),
           writer.paragraph(text, writer.text(
               f"Boilerplate blocks: {len(doc.sections) or 'none'}"))]
    if doc.sections:
        table = Table(None, None, (_record_header(),),
                      tuple(_record_row(i, s) for i, s in enumerate(doc.sections, start=1)))
        out.append(writer.table(table, "Record Table", RECORD_SHARES, RECORD_CELLS))
    out += [writer.paragraph(text, writer.text(f"Warning: {w}")) for w in warnings]
    out.append(writer.paragraph(text, writer.text(f"Rendered by prauthor {__version__}.")))
    return "".join(out)


def _record_header() -> Row:
    labels = ("Block", "Version", "Approval", "SHA-256")
    return Row(tuple(Cell((Span(label),)) for label in labels), "header")


def _record_row(index: int, section: Section) -> Row:
    block = lines([(Span(section.block_id, bold=True, href=f"#{bookmark(index)}"),),
                   (Span(section.title),)])
    approval = lines([(Span(line),) for line in (section.status, *approved(section))])
    return Row((Cell(block), Cell((Span(f"v{section.version}"),)), Cell(approval),
                Cell((Span(section.sha256),))))


def approved(section: Section) -> tuple[str, str]:
    """Return who approved a block and when, or say that nobody is recorded."""
    by = section.approved_by or "no approver recorded"
    when = long_date(section.approved_on) if section.approved_on else "no approval date"
    return by, when


def comment_text(section: Section) -> list[str]:
    """Return the lines of the comment placed on a boilerplate block."""
    by, when = approved(section)
    return [f"Boilerplate {section.block_id}, version {section.version} ({section.status})",
            f"Approved by {by} on {when}", f"SHA-256: {section.sha256}"]


def add_comments(word, doc: Document, first_id: int) -> None:
    """Anchor a comment on each boilerplate block, between its bookmarks."""
    body = word.element.body
    when = dt.datetime(doc.meta.date.year, doc.meta.date.month, doc.meta.date.day,
                       tzinfo=dt.UTC)
    for index, section in enumerate(doc.sections, start=1):
        start, end = _marks(body, first_id + index)
        if start is None or end is None:
            continue
        runs = _runs_between(word, start, end)
        if not runs:
            continue
        first, *more = comment_text(section)
        comment = word.add_comment(runs, text=first, author=AUTHOR, initials=INITIALS)
        for line in more:
            comment.add_paragraph(line)
        comment._comment_elm.date = when  # the release date, so the bytes are reproducible


def _marks(body, mark_id: int):
    start = body.find(f"{qn('w:bookmarkStart')}[@{qn('w:id')}='{mark_id}']")
    end = body.find(f"{qn('w:bookmarkEnd')}[@{qn('w:id')}='{mark_id}']")
    return start, end


def _runs_between(word, start, end) -> list[Run]:
    """Move body-level bookmark marks into the paragraphs they enclose; return end runs."""
    first_p = next((e for e in start.itersiblings() if e.tag == qn("w:p")), None)
    last_p = next((e for e in end.itersiblings(preceding=True) if e.tag == qn("w:p")), None)
    if first_p is None or last_p is None:
        return []
    first_p.insert(1 if first_p.pPr is not None else 0, start)
    last_p.append(end)
    head, tail = first_p.xpath("./w:r"), last_p.xpath("./w:r")
    if not head or not tail:
        return []
    parent = word._body
    return [Run(head[0], WordParagraph(first_p, parent)),
            Run(tail[-1], WordParagraph(last_p, parent))]


def number_lines(word) -> None:
    """Number every line in the margin, restarting on each page, so counsel can cite one."""
    for sect_pr in word.element.xpath("//w:sectPr"):
        for old in sect_pr.findall(qn("w:lnNumType")):
            sect_pr.remove(old)
        mark = parse_xml(f'<w:lnNumType {nsdecls("w")} w:countBy="1" w:restart="newPage" '
                         f'w:distance="360"/>')
        sect_pr.insert_element_before(mark, *SECTPR_AFTER_LNNUM)
