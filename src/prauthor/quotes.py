"""Lay out quotations the AP way: every paragraph opens, only the last one closes."""

from __future__ import annotations

from prauthor import markup
from prauthor.company import Person
from prauthor.document import Paragraph, Quote, Span
from prauthor.spec import Quote as QuoteSpec

OPEN, CLOSE = "\u201c", "\u201d"


def lay_out(spec: QuoteSpec, person: Person) -> Quote:
    """Return the quote's paragraphs with quotation marks and the attribution in place."""
    title = spec.title or person.title
    if spec.style == "added":
        paragraphs = _added(spec.after, person)
    else:
        paragraphs = _said(spec.before, spec.after, f"{person.name}, {title}")
    return Quote(tuple(paragraphs), person.name)


def _said(before: str | None, after: list[str], who: str) -> list[Paragraph]:
    if before is None:
        return _added(after, None, opener=f"{who} said, ")
    first = [Span(OPEN), *markup.parse(_as_comma(before))]
    if not after:
        return [Paragraph((*first, Span(f"{CLOSE} said {who}.")))]
    first += [Span(f"{CLOSE} said {who}. {OPEN}"), *markup.parse(after[0])]
    return [_closing(first, len(after) == 1), *_continued(after[1:])]


def _added(after: list[str], person: Person | None, opener: str | None = None) -> list[Paragraph]:
    opener = opener or f"{person.second_reference} added, "
    first = [Span(opener + OPEN), *markup.parse(after[0])]
    return [_closing(first, len(after) == 1), *_continued(after[1:])]


def _continued(rest: list[str]) -> list[Paragraph]:
    return [_closing([Span(OPEN), *markup.parse(text)], last=index == len(rest) - 1)
            for index, text in enumerate(rest)]


def _closing(spans: list[Span], last: bool) -> Paragraph:
    return Paragraph(tuple(spans) + ((Span(CLOSE),) if last else ()))


def _as_comma(text: str) -> str:
    """End the text before a 'said' attribution with a comma, as AP does."""
    return text[:-1] + "," if text.endswith(".") else text
