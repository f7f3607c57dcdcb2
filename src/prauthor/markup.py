"""Read the inline markup authors write, with markdown-it-py: **bold**, *italic*,
[text](url), backslash escapes, and CommonMark's typographer for quotes."""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

from prauthor.document import Span, Spans

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LINK_SCHEMES = ("http://", "https://", "mailto:")
# The inline features prauthor allows. Everything else CommonMark knows (code spans,
# images, autolinks, raw HTML, entities, `_underscore_` emphasis) reads as typed.
RULES = ["emphasis", "link", "escape", "newline", "smartquotes"]
# Joining text tokens would lose where each came from; the spans are joined here.
UNJOINED = ["text_join", "fragments_join"]
BREAKS = ("softbreak", "hardbreak")


def parse(text: str, bold: bool = False, italic: bool = False) -> Spans:
    """Split text into spans, straight quotes made curly; unknown link schemes stay text."""
    runs = ((chars, (bold or marked, italic or slanted, href))
            for chars, _, (marked, slanted, href) in _read(text))
    return tuple(Span("".join(chars for chars, _ in run), *marks)
                 for marks, run in itertools.groupby(runs, key=lambda r: r[1]))


def positions(text: str, offset: int = 0) -> tuple[str, list[int]]:
    """Return the plain text `parse` gives and, for each of its characters, its index in
    `text`, so that an edit of the printed words can be made in what the author wrote."""
    plain, where = [], []
    for chars, at, _ in _read(text):
        plain.append(chars)
        where.extend(range(offset + at, offset + at + len(chars)))
    return "".join(plain), where


def escape(text: str) -> str:
    """Return text that `parse` reads back as exactly this text, marks and all."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


def typographer(text: str) -> str:
    """Make straight quotes curly as CommonMark's typographer does, reading no markup."""
    if "'" not in text and '"' not in text:
        return text
    return "".join(token.content for token in _quotes().parseInline(text)[0].children or ())


def _read(text: str):
    """Yield (printed text, its index in `text`, (bold, italic, href)) in reading order."""
    if not text:
        return
    bold = italic = 0
    href = None
    for token in _markdown().parseInline(text)[0].children or ():
        kind = token.type
        if kind in ("strong_open", "strong_close", "em_open", "em_close"):
            step = 1 if kind.endswith("open") else -1
            bold, italic = (bold + step, italic) if "strong" in kind else (bold, italic + step)
        elif kind in ("link_open", "link_close"):
            href = token.attrs["href"] if kind == "link_open" else None
        elif kind in BREAKS:
            yield "\n", text.index("\n", token.meta["at"]), (bold > 0, italic > 0, href)
        elif token.content:
            yield token.content, _start(token), (bold > 0, italic > 0, href)


def _start(token: Token) -> int:
    """Return where a text token's content starts in the source: after an escape's `\\`."""
    if token.type == "text_special":
        return token.meta["at"] + len(token.markup) - len(token.content)
    return token.meta["at"]


@functools.cache
def _markdown() -> MarkdownIt:
    """Return the CommonMark reader for prauthor's inline features, tokens located."""
    from markdown_it import MarkdownIt

    from prauthor.markup_tokens import LocatedInline

    md = MarkdownIt("zero")
    md.inline = LocatedInline()
    md.configure("zero", {"typographer": True}).enable([*RULES, "literal"])
    md.disable(UNJOINED)
    # The normalize rule turns CR LF into LF, which would shift every later index; the
    # loader has refused CR and NUL already.
    md.disable("normalize")
    md.validateLink = lambda url: url.lower().startswith(LINK_SCHEMES)
    return md


@functools.cache
def _quotes() -> MarkdownIt:
    """Return a reader that only curls quotes, for text that takes no markup (headlines)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("zero", {"typographer": True}).enable(["smartquotes"])
