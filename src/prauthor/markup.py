"""Parse the inline markup authors write: **bold**, *italic*, [text](url), \\escapes."""

from __future__ import annotations

import re
import unicodedata

from prauthor.document import Span, Spans

# A strong run closes at the last of a run of stars (`**bold *and italic***`), and a
# link's address may hold balanced parentheses (`.../Form_(10-K)`), as in CommonMark.
# No span runs past the next opener of its own kind (bold past "**", italic past "*", a
# label past "["), so a long line of openers without closers is read in linear time.
TOKEN = re.compile(r"\\([\\*\[\]()_])"
                   r"|\*\*(?=\S)((?:[^*\n]|\*(?!\*)|\*(?=\*\*(?!\*)))+?)(?<=\S)\*\*(?!\*)"
                   r"|\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*"
                   r"|\[([^\[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")
LINK_SCHEMES = ("http://", "https://", "mailto:")


def parse(text: str, bold: bool = False, italic: bool = False) -> Spans:
    """Split text into spans, straight quotes made curly; unknown link schemes stay text."""
    return _parse(typographer(text), bold, italic)


def _parse(text: str, bold: bool = False, italic: bool = False) -> Spans:
    spans: list[Span] = []
    position = 0
    for match in TOKEN.finditer(text):
        _append(spans, Span(text[position:match.start()], bold, italic))
        escaped, strong, emphasis, label, url = match.groups()
        if escaped:
            _append(spans, Span(escaped, bold, italic))
        elif strong:
            spans.extend(_parse(strong, True, italic))
        elif emphasis:
            spans.extend(_parse(emphasis, bold, True))
        elif url.lower().startswith(LINK_SCHEMES):
            spans.extend(_linked(_parse(label, bold, italic), url))
        else:
            _append(spans, Span(match.group(0), bold, italic))
        position = match.end()
    _append(spans, Span(text[position:], bold, italic))
    return _merged(spans)


def _linked(spans: Spans, url: str) -> list[Span]:
    return [Span(s.text, s.bold, s.italic, url) for s in spans]


def _append(spans: list[Span], span: Span) -> None:
    if span.text:
        spans.append(span)


def _merged(spans: list[Span]) -> Spans:
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.href) == (span.bold, span.italic, span.href):
            out[-1] = Span(last.text + span.text, span.bold, span.italic, span.href)
        else:
            out.append(span)
    return tuple(out)


def positions(text: str, offset: int = 0) -> tuple[str, list[int]]:
    """Return the plain text `parse` gives and, for each of its characters, its index in
    `text`, so that an edit of the printed words can be made in what the author wrote.

    The typographer changes one character for one, so the indices hold."""
    return _positions(typographer(text), offset)


def _positions(text: str, offset: int = 0) -> tuple[str, list[int]]:
    plain, where = [], []
    position = 0

    def literal(start: int, end: int) -> None:
        plain.append(text[start:end])
        where.extend(range(offset + start, offset + end))

    for match in TOKEN.finditer(text):
        literal(position, match.start())
        escaped, strong, emphasis, _, url = match.groups()
        group = 1 if escaped else 2 if strong else 3 if emphasis else 4
        if escaped:
            literal(match.start(1), match.end(1))
        elif group == 4 and not url.lower().startswith(LINK_SCHEMES):
            literal(match.start(), match.end())
        else:
            inner, inner_where = _positions(match.group(group), offset + match.start(group))
            plain.append(inner)
            where.extend(inner_where)
        position = match.end()
    literal(position, len(text))
    return "".join(plain), where


def escape(text: str) -> str:
    """Return text that `parse` reads back as exactly this text, marks and all."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


QUOTES = {'"': ("\u201c", "\u201d"), "'": ("\u2018", "\u2019")}
APOSTROPHE = "\u2019"


def typographer(text: str) -> str:
    """Make straight quotes curly as CommonMark's typographer (smartquotes) does: pairs
    open and close, an apostrophe curls, a quote with no partner stays as typed (5' 10").

    Link addresses keep their characters.
    """
    if "'" not in text and '"' not in text:
        return text
    chars = list(text)
    addresses = {i for m in TOKEN.finditer(text) if m.group(5)
                 for i in range(m.start(5), m.end(5))}
    stack: list[tuple[int, str]] = []
    for i, char in enumerate(text):
        if char not in QUOTES or i in addresses:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        can_open, can_close = _sides(char, before, after)
        if not (can_open or can_close):
            chars[i] = APOSTROPHE if char == "'" else char
            continue
        opener = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][1] == char), None)
        if can_close and opener is not None:
            start = stack[opener][0]
            chars[start], chars[i] = QUOTES[char]
            del stack[opener:]
        elif can_open:
            stack.append((i, char))
        elif char == "'":
            chars[i] = APOSTROPHE
    return "".join(chars)


def _sides(char: str, before: str, after: str) -> tuple[bool, bool]:
    """Return whether a quote between `before` and `after` can open and can close."""
    last_space, next_space = before.isspace(), after.isspace()
    last_punct, next_punct = _punctuation(before), _punctuation(after)
    can_open = not next_space and (not next_punct or last_space or last_punct)
    can_close = not last_space and (not last_punct or next_space or next_punct)
    if char == '"' and before.isdigit():
        return False, False  # inches: 10"
    if can_open and can_close:
        return last_punct, next_punct
    return can_open, can_close


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or char in "$+<=>^`|~"
