"""Define the resolved Document: immutable, format-neutral, every rule already applied.

Renderers receive a Document and decide nothing: wording, order, datelines, quote
marks and block versions are all fixed here by `prauthor.resolve`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with its inline marks; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Spans = tuple[Span, ...]


def plain(spans: Spans) -> str:
    """Return the text of spans without marks."""
    return "".join(span.text for span in spans)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline spans."""

    spans: Spans


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading inside the body."""

    spans: Spans
    level: int = 2


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item, with an optional nested list."""

    spans: Spans
    children: ListBlock | None = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation already laid out: its paragraphs carry their quotation marks."""

    paragraphs: tuple[Paragraph, ...]
    speaker: str


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell, its text already formatted: '$1,234.5', '(56.0)', '12.5%'.

    A currency sign set apart from its figure (house style) is in `sign`, not in the
    text: the newswire text prints '$ 1,234.5', HTML and Word set it flush left.
    """

    spans: Spans
    kind: str = "label"  # label, text, number, currency, percent
    colspan: int = 1
    indent: int = 0  # label indent level, 0 = flush
    footnotes: tuple[str, ...] = ()  # markers printed after the text, e.g. ("1",)
    sign: str = ""  # a currency sign set apart from the figure, e.g. "$"

    @property
    def numeric(self) -> bool:
        """Tell whether the cell holds a figure, set right-aligned."""
        return self.kind in ("number", "currency", "percent")


@dataclass(frozen=True, slots=True)
class Row:
    """A table row; `kind` is header, body, section (a label-only row) or total."""

    cells: tuple[Cell, ...]
    kind: str = "body"


@dataclass(frozen=True, slots=True)
class Table:
    """A financial or data table, laid out by the resolve step."""

    title: str | None
    units: str | None  # e.g. "(in millions, except per share data)"
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    footnotes: tuple[tuple[str, Spans], ...] = ()  # (marker, text)


@dataclass(frozen=True, slots=True)
class EventDetails:
    """Call or event details: labelled lines such as Date, Time, Webcast, Dial-in."""

    title: str
    items: tuple[tuple[str, Spans], ...]
    starts: dt.datetime | None = None  # timezone-aware, for the calendar file
    ends: dt.datetime | None = None
    location: str | None = None
    name: str | None = None  # the calendar entry's name
    url: str | None = None  # the webcast, for the calendar entry


@dataclass(frozen=True, slots=True)
class Marker:
    """A standalone line such as FINANCIAL TABLES FOLLOW."""

    text: str


Block = Paragraph | Heading | ListBlock | Quote | Table | EventDetails | Marker


@dataclass(frozen=True, slots=True)
class Section:
    """An approved boilerplate block as it appears in this release."""

    block_id: str
    version: int
    sha256: str
    title: str
    show_title: bool
    status: str
    approved_by: str | None
    approved_on: dt.date | None
    effective: dt.date
    blocks: tuple[Block, ...]
    provides: tuple[str, ...] = ()  # what the block is: safe-harbor, about, ...


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact as printed: label, name, title, organization, phone, email.

    An empty label continues the group of the contact before it: one heading over
    several people, as in "Investor Contacts" followed by three names.
    """

    label: str
    name: str
    title: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None

    def lines(self) -> tuple[str, ...]:
        """Return the contact's printed lines, label first (none when it continues a group)."""
        rest = (self.name, self.title, self.organization,
                self.phone and f"Phone: {self.phone}", self.email and f"Email: {self.email}")
        label = (f"{self.label}:",) if self.label else ()
        return (*label, *(line for line in rest if line))


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline as this release's wire writes it, and what joins it to the lead."""

    text: str
    joiner: str
    wire: str


@dataclass(frozen=True, slots=True)
class Meta:
    """Facts about the release that are not body text."""

    slug: str
    type: str
    date: dt.date
    wire: str
    company: str
    company_id: str
    exchange: str | None
    ticker: str | None
    website: str | None
    spec_name: str
    spec_sha256: str
    embargo: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One resolved press release, ready for any renderer."""

    meta: Meta
    release_line: str
    headline: str
    subheadlines: tuple[str, ...]
    dateline: Dateline
    lead: Paragraph
    body: tuple[Block, ...]
    sections: tuple[Section, ...]
    contacts: tuple[Contact, ...]
    end_mark: str = "###"
    warnings: tuple[str, ...] = ()
    appendix: tuple[Block, ...] = ()  # after the sections, before the contacts: tables

    def to_dict(self) -> dict:
        """Return the Document as plain data, for JSON goldens and tools."""
        return _tagged(self)


def _tagged(value):
    if dataclasses.is_dataclass(value):
        data = {f.name: _tagged(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"kind": type(value).__name__, **data}
    if isinstance(value, tuple | list):
        return [_tagged(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
