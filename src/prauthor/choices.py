"""Name the values a user may choose from, as Literal types: help and completion list them."""

from __future__ import annotations

from typing import Literal, get_args

ReleaseType = Literal["event", "earnings", "transaction", "offering", "clinical", "personnel",
                      "partnership", "general"]
Paper = Literal["letter", "a4"]
PdfVariant = Literal["pdf/a-3b", "pdf/ua-1"]
Color = Literal["auto", "always", "never"]
SchemaFor = Literal["spec", "profile", "block"]
CheckFormat = Literal["text", "json"]

RELEASE_TYPES: tuple[str, ...] = get_args(ReleaseType)


def complete_wires(incomplete: str) -> list[str]:
    """Complete a wire id: the built-in wires and those of the desk the current folder is in."""
    from pathlib import Path

    from prauthor.desk import desk_root, open_desk

    return [name for name in open_desk(desk_root(Path.cwd())).wires if name.startswith(incomplete)]


def iso_date(option: str, text: str | None):
    """Read a date given on the command line as YYYY-MM-DD (None: today)."""
    import datetime as dt

    from prauthor.errors import InputError

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.one(option, f"'{text}' is not a date (YYYY-MM-DD)") from None
