"""Find characters an EDGAR exhibit cannot carry, where the author wrote them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prauthor.edgar.rules import carries
from prauthor.errors import Problem

if TYPE_CHECKING:
    from prauthor.document import Document
    from prauthor.yamlsource import Source

# Document fields that are not text a reader sees.
NOT_TEXT = {"kind", "data", "sha256", "spec_sha256", "format", "name", "href", "url", "slug",
            "spec_name", "block_id", "status", "media_type"}


def _told(text: str) -> str | None:
    bad = sorted({char for char in text if not carries(char)})
    if not bad:
        return None
    shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in bad)
    return (f"{shown} cannot be carried in an EDGAR exhibit, which shows ASCII and HTML 4's "
            "entity characters; write it another way or leave out --format edgar")


def uncarried_in_spec(source: Source) -> list[Problem]:
    """Report each spec field whose text holds a character EDGAR cannot carry."""
    found = []
    for loc, text in _strings(source.data, ()):
        message = _told(text)
        if message:
            found.append(source.problem(loc, message))
    return found


def uncarried_in_document(doc: Document) -> list[Problem]:
    """Report text of the resolved release (blocks and profiles too) EDGAR cannot carry."""
    found = []
    for loc, text in _strings(doc.to_dict(), ()):
        if loc and loc[-1] in NOT_TEXT:
            continue
        message = _told(text)
        if message:
            where = ".".join(str(part) for part in loc if part != "spans")
            found.append(Problem(None, None, f"edgar: {where}", message))
    return found


def _strings(value: Any, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, (*loc, key))]
    if isinstance(value, list | tuple):
        return [pair for index, item in enumerate(value) for pair in _strings(item, (*loc, index))]
    return []
