"""Define the release spec an author writes: one YAML file per press release."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

ReleaseType = Literal["event", "earnings", "transaction", "offering", "clinical", "personnel",
                      "partnership", "general"]
RELEASE_TYPES: tuple[str, ...] = ReleaseType.__args__
Wire = Literal["prnewswire", "businesswire", "globenewswire", "accesswire", "none"]
WIRES: tuple[str, ...] = Wire.__args__

Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """A spec part: unknown fields are errors, values are frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Dateline(Strict):
    """Where and when: cities as the company writes them, the date, the company copy's dash."""

    cities: list[Text] = Field(min_length=1, description='"City, REGION" as the company writes it')
    date: dt.date = Field(description="the release date")
    dash: str = Field("–", description="separator after the date in the company copy")
    style: Literal["comma", "dash", "parens"] = Field(
        "comma", description="company copy: 'CITY, Date –', 'CITY – Date –' or 'CITY (Date) –'")


class Embargo(Strict):
    """An embargo: the news may not run before this moment."""

    date: dt.date
    time: Text = Field(description='as it should be printed, e.g. "8:00 a.m."')
    zone: Text = Field("ET", description='time zone as printed, e.g. "ET"')


class Release(Strict):
    """The release line: immediate, or embargoed until a date, time and zone."""

    embargo: Embargo | None = None


class Intro(Strict):
    """Overrides of the company intro that opens the lead."""

    name: Text | None = None
    exchange: Text | None = None
    ticker: Text | None = None
    defined_terms: str | None = None
    descriptor: str | None = None


class Quote(Strict):
    """A quotation by a person of the company profile, laid out the AP way."""

    by: Text = Field(description="person id in the company profile")
    title: Text | None = Field(None, description="overrides the person's title")
    style: Literal["said", "added"] = "said"
    before: Text | None = Field(None, description="quoted text before the attribution")
    after: list[Text] = Field(default_factory=list, description="quoted paragraphs after it")

    @model_validator(mode="after")
    def _has_text(self) -> Quote:
        if self.style == "added" and self.before:
            raise ValueError("an 'added' quote has no 'before'; put its text in 'after'")
        if not self.before and not self.after:
            raise ValueError("a quote needs 'before' or 'after' text")
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


class QuoteBlock(Strict):
    quote: Quote


BLOCK_TAGS = {"paragraph": "paragraph-block", "list": "list-block", "heading": "heading-block",
              "quote": "quote-block"}


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
    | Annotated[QuoteBlock, Tag("quote-block")],
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="a body block is a paragraph (text), or has one of the "
                  "keys paragraph, list, heading, quote"),
]

BlockParams = dict[str, Any]
BoilerplateRef = Annotated[
    Annotated[Text, Tag("ref-name")] | Annotated[dict[str, BlockParams | None], Tag("ref-params")],
    Discriminator(lambda v: "ref-params" if isinstance(v, dict) else "ref-name"),
]


class Spec(Strict):
    """One press release."""

    type: ReleaseType
    company: Text = Field(description="company profile id in the desk")
    wire: Wire = "none"
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
    contacts: list[Text] = Field(default_factory=list, description="contact ids in the profile")

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
    schema = Spec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "prauthor release spec"
    return schema
