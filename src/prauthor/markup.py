"""Parse the inline markup authors write: **bold**, *italic*, [text](url), \\escapes."""

from __future__ import annotations

import re

from prauthor.document import Span, Spans

TOKEN = re.compile(r"\\([\\*\[\]()_])|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*"
                   r"|\[([^\]\n]+)\]\(([^)\s]+)\)")
LINK_SCHEMES = ("http://", "https://", "mailto:")


def parse(text: str, bold: bool = False, italic: bool = False) -> Spans:
    """Split text into spans; unknown link schemes stay text."""
    spans: list[Span] = []
    position = 0
    for match in TOKEN.finditer(text):
        _append(spans, Span(text[position:match.start()], bold, italic))
        escaped, strong, emphasis, label, url = match.groups()
        if escaped:
            _append(spans, Span(escaped, bold, italic))
        elif strong:
            spans.extend(parse(strong, True, italic))
        elif emphasis:
            spans.extend(parse(emphasis, bold, True))
        elif url.lower().startswith(LINK_SCHEMES):
            spans.extend(_linked(parse(label, bold, italic), url))
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
    `text`, so that an edit of the printed words can be made in what the author wrote."""
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
            inner, inner_where = positions(match.group(group), offset + match.start(group))
            plain.append(inner)
            where.extend(inner_where)
        position = match.end()
    literal(position, len(text))
    return "".join(plain), where


def escape(text: str) -> str:
    """Return text that `parse` reads back as exactly this text, marks and all."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)
