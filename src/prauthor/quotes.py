"""Lay out quotations the AP way: every paragraph opens, only the last one closes."""

from __future__ import annotations

from prauthor import markup
from prauthor.company import Person
from prauthor.document import Paragraph, Quote, Span
from prauthor.spec import Quote as QuoteSpec
from prauthor.style import QuoteStyle

OPEN, CLOSE = "\u201c", "\u201d"


DEFAULT = QuoteStyle()


def lay_out(spec: QuoteSpec, person: Person, style: QuoteStyle = DEFAULT) -> Quote:
    """Return the quote's paragraphs with quotation marks and the attribution in place."""
    if spec.style == "added":
        return Quote(tuple(_opened(spec.after, f"{person.second_reference} added, ")),
                     person.name)
    verb = spec.verb or style.verb
    surname = spec.name == "surname"
    # AP: a second reference is the surname alone, with no title and no honorific.
    who = (person.surname or person.name.split()[-1]) if surname else \
        f"{person.name}, {spec.title or person.title}"
    attribution = spec.attribution or style.attribution
    if attribution == "before" or spec.before is None:
        opener = f"{who} {verb}, " if surname else f"{who}, {verb}, "
        return Quote(tuple(_opened(spec.after, opener)), person.name)
    return Quote(tuple(_said(spec.before, spec.after, f"{verb} {who}")), person.name)


def _said(before: str, after: list[str], attribution: str) -> list[Paragraph]:
    first = [Span(OPEN), *markup.parse(_as_comma(before))]
    if not after:
        return [Paragraph((*first, Span(f"{CLOSE} {attribution}.")))]
    rest = markup.parse(after[0])
    # AP: a sentence the attribution interrupts goes on after a comma ('said Ms. Lin, "and
    # we expect ...'); a new sentence, after a period.
    goes_on = "".join(span.text for span in rest)[:1].islower()
    first += [Span(f"{CLOSE} {attribution}{',' if goes_on else '.'} {OPEN}"), *rest]
    return [_closing(first, len(after) == 1), *_continued(after[1:])]


def _opened(after: list[str], opener: str) -> list[Paragraph]:
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
