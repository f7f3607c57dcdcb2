"""Define a house style: how contacts, the intro, quotes, tables and the end mark look.

A style may be written in three places, merged key by key (nested tables too), the
nearer winning: the built-in defaults < `[style]` in the desk's prauthor.toml < `style:`
in the company profile < `style:` in the spec. Every key is optional in each place.
"""

from __future__ import annotations

import string
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from prauthor.validation import suggest

IntroPart = Literal["name", "ticker", "terms", "descriptor"]
QuoteVerb = Literal["said", "stated", "commented", "noted", "added", "explained"]
Attribution = Literal["after-first", "before", "end"]

CONTACT_FIELDS = ("name", "title", "organization", "phone", "email", "desk", "label")


class StylePart(BaseModel):
    """A style table: unknown keys are errors; every key has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def pattern_fields(pattern: str) -> list[str]:
    """Return the {field} names a pattern uses; raise ValueError for a malformed one."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        raise ValueError(f"'{pattern}' is not a pattern: {error}") from None


def check_pattern(pattern: str, allowed: tuple[str, ...]) -> str:
    """Return `pattern` when it names only `allowed` fields; raise ValueError otherwise."""
    for name in pattern_fields(pattern):
        if name not in allowed:
            known = ", ".join("{" + a + "}" for a in allowed)
            raise ValueError(f"unknown field '{{{name}}}'{suggest(name, allowed)} "
                             f"(known: {known})")
    return pattern


def fill(pattern: str, values: dict[str, str | None]) -> str:
    """Fill a pattern; a field without a value drops the text that joins it to the others.

    "{name}, {title}" with no title gives "Owen Kessler"; "Tel: {phone}" keeps its
    prefix; a pattern whose fields are all empty gives "".
    """
    pieces = list(string.Formatter().parse(pattern))
    if not any(values.get(name) for _, name, _, _ in pieces if name):
        return "" if any(name for _, name, _, _ in pieces) else pattern
    out, printed = [], False
    for index, (literal, name, _, _) in enumerate(pieces):
        value = values.get(name) if name else None
        # Text before the first field or after the last always prints; text between two
        # fields only when both sides print.
        if name is None or index == 0 or (value and printed):
            out.append(literal)
        if value:
            out.append(value)
            printed = True
    return "".join(out).strip()


class ContactStyle(StylePart):
    """How contacts print."""

    place: Literal["end", "before-appendix", "top"] = Field(
        "end", description="end; before-appendix (after the boilerplate, before the "
        "financial tables); top (after the release line, above the headline)")
    heading: str | None = Field(None, description='printed once above all contacts, e.g. '
                                '"Contacts:"')
    label: Literal["own-line", "with-first-line"] = Field(
        "own-line", description='"Media Contact:" on its own line, or "Media Contact: Jane '
        'Doe" on the first printed line')
    lines: list[str] = Field(
        ["{name}", "{title}", "{organization}", "{phone}", "{email}"],
        description="one item a line, e.g. \"{name}, {title}\"; fields: "
        + ", ".join(CONTACT_FIELDS[:-1]) + " ({name} prints the desk when there is no name)")
    phone: str = Field("Phone: {phone}", description='e.g. "Tel: {phone}" or "{phone}"')
    email: str = Field("Email: {email}", description='e.g. "{email}"')
    between: str | None = Field(None, description='a line between two contacts under one '
                                'label, e.g. "Or"')

    @field_validator("lines")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        for line in value:
            check_pattern(line, CONTACT_FIELDS)
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        return check_pattern(value, ("phone",))

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return check_pattern(value, ("email",))


class TableStyle(StylePart):
    """How financial tables print."""

    currency: Literal["attached", "apart"] = Field(
        "attached", description='"$2,789", or "$ 2,789" with the sign set apart')


class QuoteStyle(StylePart):
    """How quotes are attributed unless a quote says otherwise."""

    verb: QuoteVerb = Field("said", description="said, stated, commented, noted, added, "
                            "explained")
    attribution: Attribution = Field(
        "after-first", description="after-first (after the first sentence), before (the "
        "speaker opens), end (the attribution closes a one-paragraph quote)")


class Style(StylePart):
    """A house style; each key may be left out wherever a style is written."""

    ticker: str = Field("({exchange}: {ticker})", description='the intro\'s listing, e.g. '
                        '"({exchange}:{ticker})"; several symbols print joined by ", "')
    intro: list[IntroPart] = Field(
        ["name", "ticker", "terms", "descriptor"],
        description="the order of the company intro; leave an item out to drop it")
    end_mark: str = Field("###", description='the last line: "###", "-30-", or "" for none')
    company_day: Literal["plain", "padded"] = Field(
        "plain", description='the company copy\'s day: "June 9" or "June 09"')
    contacts: ContactStyle = Field(default_factory=ContactStyle)
    tables: TableStyle = Field(default_factory=TableStyle)
    quotes: QuoteStyle = Field(default_factory=QuoteStyle)

    @field_validator("ticker")
    @classmethod
    def _ticker(cls, value: str) -> str:
        return check_pattern(value, ("exchange", "ticker"))

    @field_validator("intro")
    @classmethod
    def _intro(cls, value: list[str]) -> list[str]:
        if not value or value[0] != "name":
            raise ValueError("the intro starts with 'name'")
        if len(set(value)) != len(value):
            raise ValueError("each part of the intro appears once")
        return value


def written(style: BaseModel | None) -> dict[str, Any]:
    """Return only the keys a style layer sets, nested tables too."""
    return style.model_dump(exclude_unset=True) if style is not None else {}


def merged(*layers: dict[str, Any]) -> Style:
    """Return the style of the layers merged key by key, the last winning."""
    out: dict[str, Any] = {}
    for layer in layers:
        _merge_into(out, layer)
    return Style.model_validate(out)


def _merge_into(target: dict[str, Any], layer: dict[str, Any]) -> None:
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value)
        else:
            target[key] = value
