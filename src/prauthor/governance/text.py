"""Give the rules what they read: the spec's prose with its locations, and word matching."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from prauthor import markup
from prauthor.document import Body, Document, Span, plain, walk
from prauthor.governance.findings import Finding
from prauthor.spec import (
    EventBlock,
    HeadingBlock,
    ListBlock,
    ListNode,
    ParagraphBlock,
    QuoteBlock,
)

if TYPE_CHECKING:
    from prauthor.governance.policies import Policies
    from prauthor.resolve import Loaded

SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"(]?[A-Z0-9])")
# A period after these ends an abbreviation, not a sentence: "10:00 a.m. ET".
ABBREVIATIONS = frozenset((
    "a.m", "p.m", "inc", "co", "corp", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "st",
    "no", "vs", "u.s", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "ph.d", "m.d", "jr", "sr",
))


class Prose(NamedTuple):
    """A piece of text the author wrote, without markup, and where it is in the spec."""

    loc: tuple[Any, ...]
    text: str
    kind: str  # headline, subheadline, lead, paragraph, heading, item, quote


class Context:
    """One resolved release as the rules see it."""

    def __init__(self, loaded: Loaded, doc: Document, policies: Policies, final: bool = False):
        self.loaded, self.doc, self.policies, self.final = loaded, doc, policies, final

    @cached_property
    def prose(self) -> list[Prose]:
        """Return the spec's prose in reading order."""
        return list(spec_prose(self.loaded.spec))

    @cached_property
    def text(self) -> str:
        """Return all the text the author wrote in the release, as `document_prose` does."""
        return document_prose(self.doc)

    def body_prose(self) -> list[Prose]:
        """Return the prose of the lead and the body: what the legends do not cover."""
        return [p for p in self.prose if p.kind not in ("headline", "subheadline")]

    def line(self, loc: tuple[Any, ...]) -> int:
        """Return the spec line of a location."""
        return self.loaded.source.line(loc)

    def finding(self, rule: str, loc: tuple[Any, ...], message: str, hint: str = "") -> Finding:
        """Return a finding located in the spec."""
        return Finding(rule, message, hint, self.loaded.source.path, self.line(loc))

    def words(self, name: str) -> tuple[str, ...]:
        """Return a word list of the policies."""
        return self.policies.words.get(name, ())


def spec_prose(spec) -> Iterator[Prose]:
    """Yield headline, subheadlines, lead and body prose; other block kinds are skipped."""
    yield Prose(("headline",), _plain(spec.headline), "headline")
    for index, text in enumerate(spec.subheadlines):
        yield Prose(("subheadlines", index), _plain(text), "subheadline")
    yield Prose(("lead",), _plain(spec.lead), "lead")
    for index, item in enumerate(spec.body):
        loc = ("body", index)
        if isinstance(item, str):
            yield Prose(loc, _plain(item), "paragraph")
        elif isinstance(item, ParagraphBlock):
            yield Prose((*loc, "paragraph"), _plain(item.paragraph), "paragraph")
        elif isinstance(item, HeadingBlock):
            yield Prose((*loc, "heading"), _plain(item.heading), "heading")
        elif isinstance(item, ListBlock):
            yield from _items(item.items, (*loc, "list"))
        elif isinstance(item, QuoteBlock):
            quote = item.quote
            if quote.before:
                yield Prose((*loc, "quote", "before"), _plain(quote.before), "quote")
            for number, text in enumerate(quote.after):
                yield Prose((*loc, "quote", "after", number), _plain(text), "quote")


def _items(items, loc: tuple[Any, ...]) -> Iterator[Prose]:
    for index, item in enumerate(items):
        if isinstance(item, ListNode):
            yield Prose((*loc, index, "text"), _plain(item.text), "item")
            yield from _items(item.items, (*loc, index, "items"))
        else:
            yield Prose((*loc, index), _plain(item), "item")


def _plain(text: str) -> str:
    return plain(markup.parse(text))


def spec_events(spec) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Yield the spec's event blocks (call details) with their locations."""
    for field in ("body", "appendix"):
        for index, item in enumerate(getattr(spec, field, ())):
            if isinstance(item, EventBlock):
                yield (field, index, "event"), item.event


def spec_strings(data: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield every string in the spec's data with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from spec_strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from spec_strings(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data


def block_texts(block: Any) -> list[str]:
    """Return the texts of any Document block: spans, titles, labels; figures are skipped."""
    found: list[str] = []
    _collect(block, found)
    return found


def _collect(block: Any, found: list[str]) -> None:
    if isinstance(block, Span):
        found.append(block.text)
    elif isinstance(block, str):
        found.append(block)
    elif isinstance(block, tuple | list):
        for item in block:
            _collect(item, found)
    elif dataclasses.is_dataclass(block) and not getattr(block, "numeric", False):
        for name in _text_fields(type(block)):
            _collect(getattr(block, name), found)


NOT_TEXT = frozenset({"kind", "href", "level", "ordered", "starts", "ends", "colspan", "indent"})


@lru_cache(maxsize=64)
def _text_fields(kind: type) -> tuple[str, ...]:
    """Return the fields of a Document class that may hold text (asked once a class)."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in NOT_TEXT)


def document_prose(doc: Document) -> str:
    """Return the text an author wrote in the release, legends and contacts aside."""
    parts = [doc.headline, *doc.subheadlines, plain(doc.lead.spans)]
    parts += [" ".join(block_texts(block)) for block in authored_blocks(doc)]
    return "\n".join(parts)


def lead_text(doc: Document) -> str:
    """Return the lead as printed: the company intro, then the author's lead."""
    return plain(doc.lead.spans)


LISTING = re.compile(r"\((?P<exchange>[A-Za-z][\w .&-]*): ?(?P<ticker>[A-Z][A-Z0-9.\-]*"
                     r"(?:, ?[A-Z][A-Z0-9.\-]*)*)\)")


def listing_in_text(doc: Document) -> re.Match[str] | None:
    """Find "(Nasdaq: CRVN)" right after the company's name anywhere in the release."""
    name = doc.meta.company.split()[0].rstrip(",") if doc.meta.company else ""
    texts = [lead_text(doc), *(" ".join(block_texts(b)) for s in doc.sections
                               for b in s.blocks), document_prose(doc)]
    for text in texts:
        for match in LISTING.finditer(text):
            if name and name in text[max(0, match.start() - 80):match.start()]:
                return match
    return None


def listed(ctx: Context) -> bool:
    """Tell whether the issuer is listed (so a reporting issuer): its profile or its text."""
    meta = ctx.doc.meta
    return bool(meta.ticker or meta.exchange or listing_in_text(ctx.doc))


def release_companies(spec) -> list[str]:
    """Return the ids of the companies a release is for: its issuer, a joint release's
    companies (its intro's) and those whose contacts it prints."""
    ids = [spec.company, *(spec.intro.companies or [])]
    ids += [c.rpartition("/")[0] for c in spec.contacts if "/" in c]
    return list(dict.fromkeys(ids))


def presented_companies(ctx: Context) -> list:
    """Return the companies a release presents: its own (or a joint intro's), then those
    whose contacts it prints; those that cannot be read are left to resolve to report."""
    from prauthor.errors import InputError

    found = []
    for company_id in release_companies(ctx.loaded.spec):
        try:
            found.append(ctx.loaded.desk.company(company_id))
        except InputError:
            continue
    return found


def row_labels(table: Any) -> str:
    """Return the text of a table's body rows, figures aside: what the rows name."""
    return " ".join(plain(cell.spans) for row in table.rows for cell in row.cells
                    if cell.kind in ("label", "text"))


def authored_blocks(doc: Document) -> tuple:
    """Return the body's blocks and the appendix's (financial tables), where there is one."""
    return tuple(block for part, block in walk(doc) if isinstance(part, Body))


WORD = re.compile(r"\w[\w'’-]*")  # a word, with its inner hyphens and apostrophes


class Hit(NamedTuple):
    """Where a listed word or phrase stands in a text."""

    start: int
    end: int
    text: str


def find_words(words: tuple[str, ...], text: str) -> list[Hit]:
    """Find the words and phrases of a list in a text: whole words, ignoring case.

    "plan" is not found in "plan-based" nor "GAAP" in "non-GAAP"; a phrase matches
    across any white space. Cheaper than one big pattern: nothing to compile.
    """
    index, tokens, hits = _phrases(words), _tokens(text), []
    position = 0
    while position < len(tokens):
        step = 1
        for phrase in index.get(tokens[position][2], ()):
            end = position + len(phrase)
            if tuple(t[2] for t in tokens[position:end]) == phrase:
                first, last = tokens[position][0], tokens[end - 1][1]
                hits.append(Hit(first, last, text[first:last]))
                step = len(phrase)
                break
        position += step
    return hits


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for word in words:
        phrase = tuple(word.lower().split())
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in index.items()}


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text))


def sentence_span(text: str, position: int) -> tuple[int, int]:
    """Return where the sentence of `text` that holds `position` starts and ends."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[:match.start()].rsplit(None, 1)[-1].rstrip(".!?").lower()
        if before in ABBREVIATIONS or len(before) == 1:
            continue
        if match.end() > position:
            return start, match.start()
        start = match.end()
    return start, len(text)


def shown_path(path: Path, doc: Document, desk_root: Path) -> str:
    """Name a file without machine-specific folders: the spec by name, desk files relatively."""
    if path.name == doc.meta.spec_name:
        return path.name
    try:
        return path.resolve().relative_to(desk_root).as_posix()
    except ValueError:
        return path.name
