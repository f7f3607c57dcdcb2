"""Hand-built Documents for renderer tests: tables, event details, hostile text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from conftest import EXAMPLES, ROOT
from prauthor.document import (
    Block,
    Body,
    Cell,
    ContactCard,
    Contacts,
    Dateline,
    Document,
    EndMark,
    EventDetails,
    Headline,
    Lead,
    Marker,
    Meta,
    Paragraph,
    ReleaseLine,
    Row,
    Section,
    Span,
    Table,
)


def text(value: str) -> tuple[Span, ...]:
    """Return plain spans."""
    return (Span(value),)


def document(body=(), headline: str = "Northwind Reports Results", sections=(),
             lead: tuple[Span, ...] = text("today reported results.")) -> Document:
    """Return a small resolved Document with the given body."""
    meta = Meta(slug="2026-05-07-northwind", type="earnings", date=dt.date(2026, 5, 7),
                wire="none", company="Northwind Holdings, Inc.", company_id="northwind",
                exchange="NYSE", ticker="NWND", website="www.northwind.example",
                spec_name="2026-05-07-northwind.yaml", spec_sha256="0" * 64)
    contact = ContactCard((("Investor Contact", ()), (None, text("Ana Ruiz")),
                           (None, text("Investor Relations")),
                           (None, text("Phone: +1 206 555 0100")),
                           (None, (Span("Email: "), Span("ir@northwind.example",
                                                         href="mailto:ir@northwind.example")))),
                          email="ir@northwind.example")
    lead_part = Lead(Dateline("SEATTLE, WA, May 7, 2026 –", " ", "none"),
                     (Span("Northwind Holdings, Inc. (NYSE: NWND) "), *lead))
    parts = (ReleaseLine("FOR IMMEDIATE RELEASE"), Headline(headline), lead_part,
             *((Body(tuple(body)),) if body else ()), *sections,
             Contacts((contact,)), EndMark("###"))
    return Document(meta=meta, parts=parts)


def section(block_id: str, title: str, blocks) -> Section:
    """Return an approved boilerplate section."""
    return Section(block_id=block_id, version=1, sha256="1" * 64, title=title, show_title=True,
                   status="approved", approved_by="Counsel", approved_on=dt.date(2026, 1, 5),
                   effective=dt.date(2026, 1, 5), blocks=tuple(blocks))


def number(value: str, kind: str = "number", notes=()) -> Cell:
    """Return a figure cell."""
    return Cell(text(value), kind=kind, footnotes=tuple(notes))


def label(value: str, indent: int = 0, colspan: int = 1) -> Cell:
    """Return a row label cell."""
    return Cell(text(value), indent=indent, colspan=colspan)


def income_table(extra_rows: int = 0) -> Table:
    """Return a condensed income statement; `extra_rows` pads it past a page."""
    header = (
        Row((label(""), Cell(text("Three Months Ended March 31,"), "text", colspan=2)), "header"),
        Row((label(""), Cell(text("2026"), "number"), Cell(text("2025"), "number")), "header"),
    )
    rows = [
        Row((label("Revenue"),), "section"),
        Row((label("Product revenue, net", 1), number("$1,234.5", "currency"),
             number("$1,010.2", "currency")), "body"),
        Row((label("Collaboration revenue", 1), number("56.0", notes=("1",)),
             number("(12.4)")), "body"),
        Row((label("Total revenue"), number("$1,290.5", "currency"),
             number("$997.8", "currency")), "total"),
        Row((label("Gross margin"), number("71.2%", "percent"), number("68.9%", "percent")),
            "body"),
    ]
    rows += [Row((label(f"Other line {n}", 1), number(f"{n}.0"), number(f"{n + 1}.0")), "body")
             for n in range(extra_rows)]
    return Table(title="Condensed Consolidated Statements of Operations",
                 units="(in millions, except per share data)", header=header, rows=tuple(rows),
                 footnotes=(("1", text("Includes milestone payments.")),))


def event() -> EventDetails:
    """Return conference call details."""
    return EventDetails(title="Conference Call and Webcast", items=(
        ("Date", text("Thursday, May 7, 2026")),
        ("Time", text("4:30 p.m. ET")),
        ("Webcast", (Span("investors.northwind.example",
                          href="https://investors.northwind.example"),)),
    ))


def tables_document(extra_rows: int = 0) -> Document:
    """Return a release with a table, event details and a marker."""
    return document(body=[Paragraph(text("Revenue grew 29%.")), event(),
                          Marker("FINANCIAL TABLES FOLLOW"), income_table(extra_rows)])


def desk_with_templates(tmp_path: Path, templates: dict[str, str]) -> Path:
    """Make a desk with a copy of the sample company and blocks, and its own templates."""
    desk = tmp_path / "desk"
    (desk / "releases").mkdir(parents=True)
    shutil.copytree(ROOT / "examples" / "companies", desk / "companies")
    shutil.copytree(ROOT / "boilerplate", desk / "boilerplate")
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n'
                                        'boilerplate = "boilerplate"\ntemplates = "templates"\n')
    for name, body in templates.items():
        (desk / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (desk / "templates" / name).write_text(body)
    shutil.copy(EXAMPLES[0], desk / "releases" / EXAMPLES[0].name)
    for image in [*EXAMPLES[0].parent.glob("*.png"), *EXAMPLES[0].parent.glob("*.jpg")]:
        shutil.copy(image, desk / "releases" / image.name)
    return desk


def with_blocks(doc: Document, blocks: tuple[Block, ...], region: str = "body") -> Document:
    """Return `doc` with the blocks of its body (or appendix) replaced; none removes it."""
    new = (Body(tuple(blocks), region),) if blocks else ()
    parts = list(doc.parts)
    at = next((i for i, p in enumerate(parts) if isinstance(p, Body) and p.region == region),
              None)
    if at is not None:
        parts[at:at + 1] = new
    else:  # a body follows the lead; an appendix the last boilerplate section
        kind = Lead if region == "body" else Section
        at = max((i for i, p in enumerate(parts) if isinstance(p, kind)), default=len(parts) - 1)
        parts[at + 1:at + 1] = new
    return dataclasses.replace(doc, parts=tuple(parts))
