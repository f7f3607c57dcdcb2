"""Define the resolved Document: immutable, format-neutral, every rule already applied.

Renderers receive a Document and decide nothing: wording, order, datelines, quote
marks and block versions are all fixed here by `prauthor.resolve`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
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


def linked(spans: Spans) -> str:
    """Return the text of spans as plain text prints it: each link's address after its
    words, in parentheses, unless the words already say it."""
    out = []
    for href, run in links(spans):
        words = plain(run)
        address = shown_address(words, href)
        out.append(f"{words} ({address})" if address else words)
    return "".join(out)


def links(spans: Spans) -> list[tuple[str | None, Spans]]:
    """Group spans into runs of one link each (or none), so that a link whose words carry
    several marks is one link."""
    runs: list[tuple[str | None, list[Span]]] = []
    for span in spans:
        if runs and runs[-1][0] == span.href:
            runs[-1][1].append(span)
        else:
            runs.append((span.href, [span]))
    return [(href, tuple(run)) for href, run in runs]


def shown_address(words: str, href: str | None) -> str | None:
    """Return the address plain text must print after a link's words, or None when the
    words already say it (with or without its scheme or a closing slash) or it leads
    nowhere outside the document. A mail link prints as the bare address."""
    if not href or not href.lower().startswith(("http://", "https://", "mailto:")):
        return None
    mail = href.lower().startswith("mailto:")
    address = href[len("mailto:"):].split("?")[0] if mail else href
    bare = _bare(address)
    said = re.finditer(r"[^\s()<>\[\]\"“”‘’,;]+", words)
    if any(_bare(word.group().rstrip(".:!?'’")) == bare for word in said):
        return None
    return address


def _bare(address: str) -> str:
    """Return an address as words may write it: no scheme, no closing slash, any case."""
    return re.sub(r"^(https?://|mailto:)", "", address.lower()).rstrip("/")


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
    source: DataFile | None = None  # the CSV file its rows were read from


@dataclass(frozen=True, slots=True)
class DataFile:
    """A file the release's content was read from, such as a table's CSV file."""

    name: str  # as the spec names it, relative to the spec's folder
    sha256: str


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


@dataclass(frozen=True, slots=True)
class Image:
    """A checked image: its bytes as read, what it is, and the words that go with it."""

    data: bytes = dataclasses.field(repr=False)
    format: str  # png, jpeg or gif
    width: int  # pixels
    height: int
    alt: str
    name: str  # the file's name, without its folder
    sha256: str
    caption: Spans = ()
    credit: str | None = None
    url: str | None = None  # the image on the wire's multimedia gallery
    kind: str = "photo"  # photo, chart or logo

    @property
    def media_type(self) -> str:
        """Return the image's MIME type, e.g. image/png."""
        return f"image/{self.format}"


Block = Paragraph | Heading | ListBlock | Quote | Table | EventDetails | Marker | Image


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


ContactLine = tuple[str | None, Spans]  # (a label printed before the text, the text)


@dataclass(frozen=True, slots=True)
class ContactCard:
    """One contact as printed: its lines, already laid out in the house style.

    A line is (label, spans): the label ("Media Contact") is printed in its own style,
    followed by a colon, then the text, if any. A card of one unlabelled line may be a
    separator such as "Or" between two contacts.
    """

    lines: tuple[ContactLine, ...]
    separator: bool = False
    email: str | None = None  # for the renderers that link it

    def text_lines(self) -> tuple[str, ...]:
        """Return the card's lines as plain text: "Label: text", "Label:" or "text"."""
        return tuple(_contact_line(label, spans) for label, spans in self.lines)


def _contact_line(label: str | None, spans: Spans) -> str:
    text = plain(spans)
    if label is None:
        return text
    return f"{label}: {text}" if text else f"{label}:"


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline as this release's wire writes it, and what joins it to the lead."""

    text: str
    joiner: str
    wire: str
    places: str = ""  # the cities alone, as this wire writes them: "CAMBRIDGE, Mass."


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
    tickers: tuple[str, ...] = ()  # every symbol, when the company lists several
    listing: str | None = None  # as the intro prints it; "" when the house style omits it
    exhibit: str = "99.1"  # the release's exhibit number when furnished to the SEC
    edgar_file: str | None = None  # the exhibit's file name, when the spec gives one


@dataclass(frozen=True, slots=True)
class Logo:
    """The company's logo, which opens the release."""

    image: Image


@dataclass(frozen=True, slots=True)
class ReleaseLine:
    """The release line: FOR IMMEDIATE RELEASE, or the embargo."""

    text: str


@dataclass(frozen=True, slots=True)
class Headline:
    """The headline and its subheadlines."""

    text: str
    subheadlines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lead:
    """The first paragraph: the dateline, then the company intro and the lead."""

    dateline: Dateline
    spans: Spans


@dataclass(frozen=True, slots=True)
class Body:
    """A run of body blocks: the body proper, or the appendix of financial tables."""

    blocks: tuple[Block, ...]
    region: str = "body"  # body or appendix


@dataclass(frozen=True, slots=True)
class Contacts:
    """The contacts, with the heading the house style prints above them."""

    cards: tuple[ContactCard, ...]
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class EndMark:
    """The closing mark: ###, -30- or whatever the house style says."""

    text: str


Part = Logo | ReleaseLine | Headline | Lead | Body | Section | Contacts | EndMark


@dataclass(frozen=True, slots=True)
class Document:
    """One resolved press release: facts about it, and its parts in reading order.

    `parts` is the one reading order every renderer, the lint and the tests walk;
    the properties below find a part by kind, for metadata, never for layout.
    """

    meta: Meta
    parts: tuple[Part, ...]

    def _first(self, kind: type):
        return next((part for part in self.parts if isinstance(part, kind)), None)

    @property
    def headline(self) -> str:
        """Return the headline text."""
        return self._first(Headline).text

    @property
    def subheadlines(self) -> tuple[str, ...]:
        """Return the subheadlines."""
        return self._first(Headline).subheadlines

    @property
    def release_line(self) -> str:
        """Return the release line."""
        return self._first(ReleaseLine).text

    @property
    def lead(self) -> Lead:
        """Return the lead paragraph."""
        return self._first(Lead)

    @property
    def dateline(self) -> Dateline:
        """Return the dateline."""
        return self._first(Lead).dateline

    @property
    def body(self) -> tuple[Block, ...]:
        """Return the body's blocks (not the appendix)."""
        return tuple(b for p in self.parts if isinstance(p, Body) and p.region == "body"
                     for b in p.blocks)

    @property
    def appendix(self) -> tuple[Block, ...]:
        """Return the appendix's blocks."""
        return tuple(b for p in self.parts if isinstance(p, Body) and p.region == "appendix"
                     for b in p.blocks)

    @property
    def sections(self) -> tuple[Section, ...]:
        """Return the boilerplate sections in order."""
        return tuple(p for p in self.parts if isinstance(p, Section))

    @property
    def contacts(self) -> tuple[ContactCard, ...]:
        """Return the contact cards, separators aside."""
        found = self._first(Contacts)
        return tuple(c for c in found.cards if not c.separator) if found else ()

    @property
    def end_mark(self) -> str:
        """Return the end mark, "" when the house style prints none."""
        found = self._first(EndMark)
        return found.text if found else ""

    @property
    def logo(self) -> Image | None:
        """Return the company's logo, if the release has one."""
        found = self._first(Logo)
        return found.image if found else None

    def images(self) -> tuple[Image, ...]:
        """Return every image of the release in reading order, the logo first."""
        return tuple(b.image if isinstance(b, Logo) else b
                     for p, b in ((p, b if b is not None else p) for p, b in walk(self))
                     if isinstance(b, Image | Logo))

    def data_files(self) -> tuple[DataFile, ...]:
        """Return every data file the release read, once each, in reading order."""
        found = (b.source for _, b in walk(self) if isinstance(b, Table) and b.source)
        return tuple(dict.fromkeys(found))

    def to_dict(self) -> dict:
        """Return the Document as plain data, for JSON goldens and tools."""
        return _tagged(self)


def walk(doc: Document):
    """Yield (part, block) for every block in reading order; a part without blocks once."""
    for part in doc.parts:
        if isinstance(part, Body | Section):
            for block in part.blocks:
                yield part, block
        else:
            yield part, None


def _tagged(value):
    if dataclasses.is_dataclass(value):
        data = {f.name: _tagged(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"kind": type(value).__name__, **data}
    if isinstance(value, tuple | list):
        return [_tagged(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):  # image bytes: their hash stands for them
        return "sha256:" + hashlib.sha256(value).hexdigest()
    return value
