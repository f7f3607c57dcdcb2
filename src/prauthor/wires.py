"""Describe each wire as data: the built-in table, and the wires a desk adds or changes."""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from prauthor.errors import InputError
from prauthor.tomllines import toml_problem
from prauthor.validation import suggest, validation_message
from prauthor.yamlsource import XML_ILLEGAL

BUILTIN = Path(__file__).with_name("wires.toml")
FIELDS = ("places", "date", "dash")
MONTH_FORMS = ("ap", "ap-sep", "full")
STANDALONE_FORMS = ("ap", "none")
WIRE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


class Wire(BaseModel):
    """How one wire writes a dateline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    dateline: str = Field(min_length=1)
    styles: dict[Literal["comma", "dash", "parens"], str] = {}
    joiner: str = " "
    places: Literal["ap", "ap-country", "postal", "company"] = "ap"
    separator: str = " and "
    months: str | tuple[str, ...] = "ap"
    day: Literal["plain", "padded", "house"] = "plain"
    standalone: str | tuple[str, ...] | None = None

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        texts = value.values() if isinstance(value, dict) else value
        for text in (texts,) if isinstance(texts, str) else texts or ():
            if XML_ILLEGAL.search(text):
                raise ValueError(f"control character U+{ord(XML_ILLEGAL.search(text)[0]):04X} "
                                 "is not allowed")
        return value

    @field_validator("dateline")
    @classmethod
    def _dateline_fields(cls, value: str) -> str:
        return _check_pattern(value)

    @field_validator("styles")
    @classmethod
    def _style_fields(cls, value: dict) -> dict:
        for pattern in value.values():
            _check_pattern(pattern)
        return value

    @field_validator("months", mode="before")
    @classmethod
    def _months(cls, value: Any) -> Any:
        if isinstance(value, str) and value in MONTH_FORMS:
            return value
        if isinstance(value, list | tuple) and len(value) == 12 \
                and all(isinstance(m, str) and m.strip() for m in value):
            return tuple(value)
        raise ValueError(f"months is one of {', '.join(MONTH_FORMS)}, or a list of the "
                         "12 month names as the wire writes them")

    @field_validator("standalone", mode="before")
    @classmethod
    def _standalone(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and value in STANDALONE_FORMS):
            return value
        if isinstance(value, list | tuple) and all(isinstance(c, str) for c in value):
            return tuple(c.strip().upper() for c in value)
        raise ValueError("standalone is ap (AP's lists), none, or a list of city names")

    def pattern(self, style: str = "comma") -> str:
        """Return the dateline pattern for a company-copy style (the default if it has none)."""
        return self.styles.get(style, self.dateline)

    @property
    def standalone_form(self) -> str | tuple[str, ...]:
        """Return the stand-alone cities: AP's lists for AP places unless the table says."""
        if self.standalone is not None:
            return self.standalone
        return "ap" if self.places in ("ap", "ap-country") else "none"


def _check_pattern(pattern: str) -> str:
    """Refuse a pattern naming a field other than {places}, {date} and {dash}."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise ValueError(f"pattern '{pattern}': {error} (write {{{{ and }}}} for a brace)") \
            from None
    named = [name for _, name, _, _ in parts if name is not None]
    for _, name, spec, conversion in parts:
        if name is not None and (name not in FIELDS or spec or conversion):
            raise ValueError(f"pattern '{pattern}' names an unknown field {{{name}}}"
                             + suggest(name, FIELDS) + f" (fields: {_braced(FIELDS)})")
    missing = [f for f in ("places", "date") if f not in named]
    if missing:
        raise ValueError(f"pattern '{pattern}' lacks {_braced(missing)}")
    return pattern


def _braced(names) -> str:
    return ", ".join(f"{{{n}}}" for n in names)


@cache
def builtin_wires() -> Mapping[str, Wire]:
    """Return the built-in wires, by id, in the table's order."""
    data = tomllib.loads(BUILTIN.read_text(encoding="utf-8"))
    return MappingProxyType({key: Wire.model_validate(entry) for key, entry in data.items()})


def unknown_wire(name: str, known) -> str:
    """Return the message for a wire that neither prauthor nor the desk knows."""
    return (f"unknown wire '{name}'" + suggest(name, known)
            + f" (known: {', '.join(known)}; `prauthor wires` describes them)")


def read_wires(config: Path, table: Any) -> dict[str, Wire]:
    """Return the built-in wires with the [wires] table of a desk's prauthor.toml over them."""
    wires = dict(builtin_wires())
    problems: list[tuple[tuple[str, ...], str]] = []
    if not isinstance(table, dict):
        problems.append((("wires",), "a table of wires: [wires.NAME]"))
        table = {}
    for wire_id, entry in table.items():
        wire = _desk_wire(wire_id, entry, problems)
        if wire is not None:
            wires[wire_id] = wire
    if problems:
        text = config.read_text(encoding="utf-8")
        located = [toml_problem(config, text, path, message) for path, message in problems]
        raise InputError(sorted(located, key=lambda p: p.line or 0))
    return wires


def _desk_wire(wire_id: str, entry: Any, problems: list) -> Wire | None:
    """Validate one [wires.NAME] table, starting from the built-in it is `like`."""
    here = ("wires", wire_id)

    def add(key: str | None, message: str) -> None:
        problems.append(((*here, key) if key else here, message))

    if not WIRE_ID.fullmatch(wire_id):
        add(None, "a wire's id is lowercase letters, digits, '-' and '_'")
        return None
    if not isinstance(entry, dict):
        add(None, "a table of settings: [wires.NAME] with dateline = \"...\" and the rest")
        return None
    entry = dict(entry)
    like = entry.pop("like", wire_id if wire_id in builtin_wires() else None)
    base: dict = {"name": wire_id}
    if like is not None:
        if not isinstance(like, str) or like not in builtin_wires():
            add("like", f"'{like}' is not a built-in wire" + suggest(str(like), builtin_wires())
                + f" (built-in: {', '.join(builtin_wires())})")
            return None
        base = builtin_wires()[like].model_dump(exclude_unset=False)
    try:
        return Wire.model_validate({**base, **entry})
    except ValidationError as error:
        for e in error.errors(include_url=False):
            key = str(e["loc"][0]) if e["loc"] else None
            if e["type"] == "extra_forbidden":
                add(key, "unknown setting" + suggest(key, [*Wire.model_fields, "like"]))
            elif e["type"] == "missing":
                add(None, f"'{key}' is missing" + (" (or name a built-in wire with like = "
                                                   "\"...\")" if like is None else ""))
            else:
                add(key, validation_message(Wire, e))
        return None

