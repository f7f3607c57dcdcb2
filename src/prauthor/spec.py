"""Define the release spec an author writes: one YAML file per press release."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from prauthor.choices import RELEASE_TYPES, ReleaseType
from prauthor.validation import keyed, suggest
from prauthor.wires import builtin_wires, unknown_wire
from prauthor.zones import season_problem, zone

__all__ = ["RELEASE_TYPES", "ReleaseType"]


Text = Annotated[str, Field(min_length=1)]

from prauthor.style import Attribution, QuoteVerb, Style  # noqa: E402  (after Text)


def _years(first: int, last: int) -> AfterValidator:
    def check(value: dt.date) -> dt.date:
        if not first <= value.year <= last:
            raise ValueError(f"the year must be from {first} to {last}")
        return value
    return AfterValidator(check)


# A release's dates stamp the DOCX's zip entries, which hold the years 1980 to 2107.
ReleaseDate = Annotated[dt.date, _years(1980, 2107)]
# Events and replays: far enough that time zone arithmetic never leaves the calendar.
EventDate = Annotated[dt.date, _years(1900, 2200)]


class Strict(BaseModel):
    """A spec part: unknown fields are errors, values are frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Dateline(Strict):
    """Where and when: cities as the company writes them, the date, the company copy's dash."""

    cities: list[Text] = Field(min_length=1, description='"City, REGION" as the company writes it')
    date: ReleaseDate = Field(description="the release date")
    dash: str = Field("–", description="separator after the date in the company copy")
    style: Literal["comma", "dash", "parens"] = Field(
        "comma", description="company copy: 'CITY, Date –', 'CITY – Date –' or 'CITY (Date) –'")


class Embargo(Strict):
    """An embargo: the news may not run before this moment."""

    date: EventDate
    time: Text = Field(description='"8:00 a.m." or "08:00"')
    zone: Text = Field("ET", description="ET, CT, MT, PT or an IANA time zone such as "
                       "Europe/London; EST, PDT and the like only in their season")

    @field_validator("time", "zone")
    @classmethod
    def _readable(cls, value: str, info: ValidationInfo) -> str:
        (clock if info.field_name == "time" else zone)(value)
        return _in_season(value, info) if info.field_name == "zone" else value

    def moment(self) -> dt.datetime:
        """Return when the embargo lifts."""
        return dt.datetime.combine(self.date, clock(self.time), tzinfo=zone(self.zone))


class Release(Strict):
    """The release line: immediate, or embargoed until a date, time and zone."""

    embargo: Embargo | None = None


class Edgar(Strict):
    """The SEC filing copy: the exhibit's number and file name."""

    exhibit: Text = Field("99.1", pattern=r"^[0-9]+(\.[0-9]+)?$",
                          description="the exhibit number on Form 8-K")
    file: Text | None = Field(None, description="the exhibit's file name, e.g. "
                              "crvn_ex991.htm; default TICKER_ex991.htm")

    @field_validator("file")
    @classmethod
    def _edgar_name(cls, value: str | None) -> str | None:
        from prauthor.edgar.rules import name_problem

        problem = value and name_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class Intro(Strict):
    """Overrides of the company intro that opens the lead."""

    name: Text | None = None
    exchange: Text | None = None
    ticker: Text | None = None
    defined_terms: str | None = None
    descriptor: str | None = None
    companies: list[Text] | None = Field(
        None, min_length=2, description="a joint intro: company ids of the desk, the "
        "release's company first, each with its ticker, terms and descriptor")


class Quote(Strict):
    """A quotation by a person of a company profile, laid out the AP way."""

    by: Text = Field(description="person id in the company profile; 'company/person' for "
                     "a person of another company of the desk")
    title: Text | None = Field(None, description="overrides the person's title")
    style: Literal["said", "added"] = Field("said", description="added: 'Surname added, ...'")
    verb: QuoteVerb | None = Field(None, description="said (the house default), stated, "
                                   "commented, noted, added, explained")
    attribution: Attribution | None = Field(
        None, description="after-first (default): after `before`; before: the speaker "
        "opens, text in `after`; end: the attribution closes, text in `before`")
    name: Literal["full", "surname"] = Field(
        "full", description="surname: a second reference, 'said Hale', no title")
    before: Text | None = Field(None, description="quoted text before the attribution")
    after: list[Text] = Field(default_factory=list, description="quoted paragraphs after it")

    @field_validator("after", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _has_text(self) -> Quote:
        if self.style == "added" and self.before:
            raise ValueError("an 'added' quote has no 'before'; put its text in 'after'")
        if not self.before and not self.after:
            raise ValueError("a quote needs 'before' or 'after' text")
        if self.attribution == "before" and self.before:
            raise ValueError("a quote attributed 'before' has its text in 'after' only")
        if self.attribution == "end" and self.after:
            raise ValueError("a quote attributed at the 'end' has its text in 'before' only")
        return self


class ListNode(Strict):
    """A list item with nested items: `{text: ..., items: [...]}`."""

    text: Text
    items: list[ListItem] = Field(default_factory=list)


ListItem = Annotated[
    Annotated[Text, Tag("item-text")] | Annotated[ListNode, Tag("item-node")],
    Discriminator(lambda v: "item-node" if isinstance(v, dict) else "item-text"),
]


class ParagraphBlock(Strict):
    paragraph: Text


class ListBlock(Strict):
    items: list[ListItem] = Field(alias="list", min_length=1)
    ordered: bool = False


class HeadingBlock(Strict):
    heading: Text
    level: int = Field(2, ge=2, le=4, description="2 (default) for a section, 3 or 4 below it")


class QuoteBlock(Strict):
    quote: Quote


class TablePart(BaseModel):
    """A table part: like Strict, but leading spaces are kept, since they indent labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)


ColumnKind = Literal["label", "text", "number", "currency", "percent"]
FigureKind = Literal["number", "currency", "percent"]
FIGURE_KINDS: tuple[str, ...] = FigureKind.__args__
# A figure as written: text keeps its decimals ("2.70"), parentheses and signs.
CellValue = str | int | float | None


class Column(TablePart):
    """A table column: what it holds and, for figures, how many decimals to print."""

    kind: ColumnKind = "number"
    decimals: int | None = Field(None, ge=0, le=6, description="default: as written")


class HeaderCell(TablePart):
    """A header cell spanning columns, e.g. 'Three Months Ended' over two dates."""

    text: str
    span: int = Field(1, ge=1)


class SectionRow(TablePart):
    """A label-only row that opens a group of rows, e.g. 'Operating expenses:'."""

    section: Text


def _figure_kind(value: Any) -> Any:
    """Refuse an unknown figure kind with the nearest one named."""
    if isinstance(value, str) and value not in FIGURE_KINDS:
        raise ValueError(f"'{value}' is not a figure kind{suggest(value, FIGURE_KINDS)}: "
                         "write number, currency or percent")
    return value


class KindedRow(TablePart):
    """A row whose figures take their own kind, not their columns'."""

    kind: FigureKind | None = Field(None, description="number, currency or percent: the kind "
                                    "of this row's figures, e.g. number for a share count "
                                    "among currency columns")
    decimals: int | None = Field(None, ge=0, le=6, description="with kind: decimals of this "
                                 "row's figures (default: as written)")

    _known_kind = field_validator("kind", mode="before")(_figure_kind)


class CellsRow(KindedRow):
    """A row of cells with options: `{cells: [...], kind: number}`."""

    cells: list[CellValue] = Field(min_length=1)


class TotalRow(KindedRow):
    """A total row, ruled above: its figures carry the currency sign."""

    total: list[CellValue] = Field(min_length=1)


def scalar_or_mapping(scalar: Any, mapping: Any, name: str) -> Any:
    """Return a union told apart by shape: a mapping is `mapping`, anything else `scalar`.

    The tags (NAME-text, NAME-spec) keep pydantic's errors about the one that was meant.
    """
    text, spec = f"{name}-text", f"{name}-spec"
    return Annotated[Annotated[scalar, Tag(text)] | Annotated[mapping, Tag(spec)],
                     Discriminator(lambda v: spec if isinstance(v, dict) else text)]


ColumnRef = scalar_or_mapping(ColumnKind, Column, "column")
HeaderRef = scalar_or_mapping(str | int, HeaderCell, "header")


ROW_KEYS = {"total": "row-total", "section": "row-section", "cells": "row-spec"}


def _row_kind(value: Any) -> str | None:
    """Tell a row's shape by its key: total, section or cells, or the one misspelled."""
    if isinstance(value, list):
        return "row-cells"
    if not isinstance(value, dict):
        return None
    for key, tag in ROW_KEYS.items():
        if key in value:
            return tag
    for key in value:
        close = difflib.get_close_matches(str(key), ROW_KEYS, n=1, cutoff=0.6)
        if close:
            return ROW_KEYS[close[0]]
    return "row-spec"


TableRow = Annotated[
    Annotated[list[CellValue], Tag("row-cells")] | Annotated[SectionRow, Tag("row-section")]
    | Annotated[TotalRow, Tag("row-total")] | Annotated[CellsRow, Tag("row-spec")],
    Discriminator(_row_kind, custom_error_type="row_kind",
                  custom_error_message="a row is a list of cells, {cells: [cells], kind: "
                  "number}, {section: label} or {total: [cells]}"),
]


class Table(TablePart):
    """A financial table, written inline or read from a CSV file beside the spec."""

    title: str | None = None
    units: str | None = Field(None, description='e.g. "in millions, except per share data"')
    columns: list[ColumnRef] = Field(min_length=1, description="label, text, number, currency, "
                                     "percent, or {kind: ..., decimals: N}")
    currency: str = Field("$", min_length=1, description="the currency sign")
    header: list[list[HeaderRef]] = Field(default_factory=list, description="header rows")
    rows: list[TableRow] = Field(default_factory=list)
    csv: str | None = Field(None, description="a CSV file beside the spec: a row kind (blank, "
                            "header, section, total, and a figure kind such as "
                            "'total number'), then the cells")
    footnotes: dict[str, str] = Field(default_factory=dict, description="marker: text; cells "
                                      "cite a marker as [^marker]")

    @model_validator(mode="after")
    def _one_source(self) -> Table:
        if self.csv and self.rows:
            raise ValueError("a table takes its rows from 'rows' or from 'csv', not both")
        if not self.csv and not self.rows:
            raise ValueError("a table needs 'rows' or a 'csv' file")
        return self


class Replay(Strict):
    """Where and until when the recording can be heard."""

    url: Text | None = Field(None, pattern=r"^https?://\S+$")
    until: EventDate | None = None
    dial_in: Text | None = None
    access_code: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Replay:
        if not (self.url or self.dial_in):
            raise ValueError("a replay needs its 'url' or its 'dial_in' number")
        if self.access_code and not self.dial_in:
            raise ValueError("a replay's 'access_code' goes with its 'dial_in' number")
        return self


DialIn = scalar_or_mapping(Text, dict[str, Text], "dial")
ReplayRef = scalar_or_mapping(Text, Replay, "replay")


class Event(Strict):
    """A call or event: when, and how to join it."""

    title: Text = Field("Conference Call and Webcast", description="heading of the details")
    name: Text | None = Field(None, description="the calendar entry's name; default: "
                              "company short name and title")
    date: EventDate
    time: Text | None = Field(None, description='"10:00 a.m." or "14:00"')
    zone: Text | None = Field(None, description="IANA time zone, e.g. America/New_York, "
                              "or ET, CT, MT, PT; EST, PDT and the like only in their "
                              "season")
    duration: int = Field(60, ge=1, le=1440, description="minutes, for the calendar file")
    location: Text | None = None
    webcast: Text | None = Field(None, pattern=r"^https?://\S+$")
    dial_in: DialIn | None = Field(None, description="a number, or "
                                   "{U.S.: number, International: number}")
    access_code: Text | None = None
    replay: ReplayRef | None = Field(None, description="text, or {url, until, dial_in, "
                                     "access_code}")

    @field_validator("time", "zone")
    @classmethod
    def _readable(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            (clock if info.field_name == "time" else zone)(value)
        return _in_season(value, info) if value and info.field_name == "zone" else value

    @model_validator(mode="after")
    def _zone_with_time(self) -> Event:
        if self.time and not self.zone:
            raise ValueError("an event with a time needs its zone, e.g. America/New_York")
        return self


def _in_season(written: str, info: ValidationInfo) -> str:
    """Refuse a seasonal zone (EST, PDT) on a date its clock keeps the other season."""
    date, time = info.data.get("date"), info.data.get("time")
    if date is None:
        return written
    try:
        at = clock(time) if time else None
    except ValueError:  # reported at the time's own field
        at = None
    problem = season_problem(written, date, at)
    if problem:
        raise ValueError(problem)
    return written


def clock(text: str) -> dt.time:
    """Read '10:00 a.m.', '2 p.m.', 'noon' or '14:30'; raise ValueError otherwise."""
    written = text.strip().lower().replace(".", "").replace(" ", "")
    if written in ("noon", "midnight"):
        return dt.time(12 if written == "noon" else 0)
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", written)
    if not match:
        raise ValueError(f"'{text}' is not a time; write e.g. 10:00 a.m. or 14:00")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        valid = 1 <= hour <= 12
        hour = hour % 12 + (12 if half == "pm" else 0)
    else:  # a 24-hour time needs its minutes: "14" alone is not a time
        valid = match.group(2) is not None and hour <= 23
    if not valid or minute > 59:
        raise ValueError(f"'{text}' is not a time; write e.g. 10:00 a.m. or 14:00")
    return dt.time(hour, minute)


class Image(Strict):
    """A photo or chart in the body: a file beside the spec, with its words."""

    file: Text = Field(description="PNG, JPEG or GIF, in the release's folder or its desk")
    alt: Text = Field(description="what the image shows, for readers who cannot see it")
    caption: Text | None = Field(None, description="printed under the image; **bold**, "
                                 "*italic* and [links](https://...) as in the body")
    credit: Text | None = Field(None, description='e.g. "Photo: Jane Roe"')
    url: Text | None = Field(None, pattern=r"^https?://\S+$",
                             description="the image on the wire's multimedia gallery")
    kind: Literal["photo", "chart"] = Field("photo", description="photo or chart: how the "
                                            "wires announce it and how EDGAR receives it")


class TableBlock(Strict):
    table: Table


class EventBlock(Strict):
    event: Event


class MarkerBlock(Strict):
    marker: Text = Field(description="a line of its own, e.g. FINANCIAL TABLES FOLLOW")


class ImageBlock(Strict):
    image: Image = Field(description="a photo or chart: {file, alt, caption, credit, url, "
                         "kind}")


BLOCK_TAGS = {"paragraph": "paragraph-block", "list": "list-block", "heading": "heading-block",
              "quote": "quote-block", "table": "table-block", "event": "event-block",
              "marker": "marker-block", "image": "image-block"}


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "text-block"
    if isinstance(value, dict):
        for key in value:
            if key in BLOCK_TAGS:
                return BLOCK_TAGS[key]
    return None


BodyBlock = Annotated[
    Annotated[Text, Tag("text-block")]
    | Annotated[ParagraphBlock, Tag("paragraph-block")]
    | Annotated[ListBlock, Tag("list-block")]
    | Annotated[HeadingBlock, Tag("heading-block")]
    | Annotated[QuoteBlock, Tag("quote-block")]
    | Annotated[TableBlock, Tag("table-block")]
    | Annotated[EventBlock, Tag("event-block")]
    | Annotated[MarkerBlock, Tag("marker-block")]
    | Annotated[ImageBlock, Tag("image-block")],
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="a body block is a paragraph (text), or has one of the "
                  "keys paragraph, list, heading, quote, table, event, marker, image",
                  custom_error_context=keyed("body block", BLOCK_TAGS, {"level", "ordered"})),
]

BlockParams = dict[str, Any]
BoilerplateRef = Annotated[
    Annotated[Text, Tag("ref-name")] | Annotated[dict[str, BlockParams | None], Tag("ref-params")],
    Discriminator(lambda v: "ref-params" if isinstance(v, dict) else "ref-name"),
]


class Spec(Strict):
    """One press release."""

    noun: ClassVar[str] = "release spec"  # what a reader calls it, in messages

    type: ReleaseType
    company: Text = Field(description="company profile id in the desk")
    wire: Text = Field("none", description="the newswire the text goes to (its dateline), or "
                       "none for the company copy; the desk's prauthor.toml may add wires "
                       "under [wires.NAME]; `prauthor wires` lists them")
    headline: Text
    subheadlines: list[Text] = Field(default_factory=list)
    dateline: Dateline
    release: Release = Field(default_factory=Release)
    intro: Intro = Field(default_factory=Intro)
    lead: Text = Field(description="the lead sentence after the company intro")
    body: list[BodyBlock] = Field(default_factory=list)
    boilerplate: list[BoilerplateRef] = Field(
        default_factory=list, description="block ids in order: 'about', 'about@2', or "
        "'fls-general: {subject: ...}' with parameters")
    appendix: list[BodyBlock] = Field(
        default_factory=list, description="blocks after the boilerplate, before the contacts: "
        "financial tables, their headings and notes")
    contacts: list[Text] = Field(default_factory=list, description="contact ids in the profile; "
                                 "'company/id' names a contact of another company in the desk")
    silence: list[Text] = Field(default_factory=list, description="`prauthor check` rule ids "
                                "not to report for this release, e.g. all-caps")
    style: Style | None = Field(None, description="this release's house style, merged key by "
                                "key over the company's and the desk's")
    shareholder_vote: bool | None = Field(
        None, description="a transaction holders vote on (true), or not (false: a tender "
        "offer), where the text does not tell; true asks for the Rule 14a-12 legends")
    edgar: Edgar = Field(default_factory=Edgar, description="the SEC filing copy "
                         "(--format edgar): exhibit number and file name")

    @field_validator("wire")
    @classmethod
    def _known_wire(cls, value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("wires") or builtin_wires()
        if value not in known:
            raise ValueError(unknown_wire(value, known))
        return value

    @field_validator("boilerplate")
    @classmethod
    def _one_block_per_entry(cls, value: list) -> list:
        for entry in value:
            if isinstance(entry, dict) and len(entry) != 1:
                raise ValueError("each boilerplate entry names one block")
        return value


ListNode.model_rebuild()


def json_schema() -> dict:
    """Return the JSON Schema of a spec, for editors that complete and check YAML."""
    from prauthor.schemas import json_schema as schema_of

    return schema_of("spec")
