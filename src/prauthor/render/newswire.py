"""Render the plain text a newswire takes: one paragraph a line, parts in reading order."""

from __future__ import annotations

import textwrap

from anyascii import anyascii

from prauthor.document import (
    Block,
    Body,
    Contacts,
    Document,
    EndMark,
    EventDetails,
    Heading,
    Headline,
    Image,
    Lead,
    ListBlock,
    Logo,
    Marker,
    Paragraph,
    Quote,
    ReleaseLine,
    Section,
    Table,
    linked,
)
from prauthor.render.text_table import table_chunks

# How each wire's text announces an image it hosts in its gallery (no image bytes in the
# text): PR Newswire's "Photo - URL" lines, GlobeNewswire's "accompanying" sentence,
# Business Wire's gallery line; the company copy names the image and its address.
MEDIA_LINES = {
    "prnewswire": "{Kind} - {url}",
    "globenewswire": "A {kind} accompanying this announcement is available at {url}",
    "businesswire": "Photos/Multimedia Gallery Available: {url}",
    "accesswire": "{Kind}: {url}",
    "none": "{Kind}: {url}",
}

# Folds the guide gives for ASCII feeds (section 3.1); anything else is transliterated.
ASCII_FOLDS = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
               "\u2013": "-", "\u2014": "--", "\u00ae": "(R)", "\u2122": "(TM)",
               "\u00a9": "(C)", "\u00a0": " ", "\u2026": "..."}


def render(doc: Document, options) -> bytes:
    """Return the newswire text of `doc` as UTF-8 bytes."""
    # Tables are set already folded, so that ASCII forms such as "--" keep columns aligned.
    fold = fold_ascii if options.ascii else str
    chunks = []
    for part in doc.parts:
        if isinstance(part, EndMark):  # the images' lines close the release, before its mark
            chunks += _media(doc)
        chunks += _part(part, options.wrap, fold)
    if not isinstance(doc.parts[-1], EndMark):
        chunks += _media(doc)
    text = "\n\n".join("\n".join(line if isinstance(line, Set) else _wrap(line, options.wrap)
                                  for line in chunk) for chunk in chunks)
    if options.ascii:
        text = fold_ascii(text)
    return (text + "\n").encode("utf-8")


def _part(part, wrap: int | None, fold) -> list[list[str]]:
    """Return the chunks (groups of lines, a blank line between) of one part."""
    if isinstance(part, ReleaseLine | EndMark):
        return [[part.text]]
    if isinstance(part, Logo):
        return []  # named with the other images, after the body
    if isinstance(part, Headline):
        return [[part.text], *([s] for s in part.subheadlines)]
    if isinstance(part, Lead):
        return [[part.dateline.text + part.dateline.joiner + linked(part.spans)]]
    if isinstance(part, Contacts):
        heading = [[part.heading]] if part.heading else []
        return heading + [list(card.text_lines()) for card in part.cards]
    if isinstance(part, Body | Section):
        title = [[part.title]] if isinstance(part, Section) and part.show_title else []
        return title + [chunk for block in part.blocks for chunk in _block(block, wrap, fold)]
    raise TypeError(f"no text layout for {type(part).__name__}")


class Set(str):
    """A line already set to width (a table line): never wrapped again."""


def _block(block: Block, wrap: int | None, fold) -> list[list[str]]:
    if isinstance(block, Paragraph | Heading):
        return [[linked(block.spans)]]
    if isinstance(block, Quote):
        return [[linked(p.spans)] for p in block.paragraphs]
    if isinstance(block, ListBlock):
        return [_list(block, 0)]
    if isinstance(block, Table):
        return [[Set(line) for line in chunk] for chunk in table_chunks(block, wrap, fold)]
    if isinstance(block, EventDetails):
        return [[block.title, *(f"{label}: {linked(spans)}" for label, spans in block.items)]]
    if isinstance(block, Marker):
        return [[block.text]]
    if isinstance(block, Image):
        return []  # the text carries no image: its caption and address come after the body
    raise TypeError(f"no text layout for {type(block).__name__}")


def _media(doc: Document) -> list[list[str]]:
    """Return the multimedia lines: each image's caption and credit, and its address."""
    chunks = []
    line = MEDIA_LINES.get(doc.meta.wire, MEDIA_LINES["none"])
    for image in doc.images():
        caption = linked(image.caption) or (image.alt if image.kind != "logo" else "")
        credit = f" ({image.credit})" if image.credit else ""
        lines = [caption + credit] if caption else []
        if image.url:
            lines.append(line.format(kind=image.kind, Kind=image.kind.capitalize(),
                                     url=image.url))
        if lines:
            chunks.append(lines)
    return chunks


def _list(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}." if block.ordered else "-"
        lines.append(f"{'  ' * depth}{marker} {linked(item.spans)}")
        if item.children:
            lines.extend(_list(item.children, depth + 1))
    return lines


def _wrap(line: str, width: int | None) -> str:
    if not width or len(line) <= width:
        return line
    indent = " " * (len(line) - len(line.lstrip(" -0123456789.")))
    return textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def fold_ascii(text: str) -> str:
    """Turn every non-ASCII character into ASCII, as feeds that need it ask."""
    for char, ascii_form in ASCII_FOLDS.items():
        text = text.replace(char, ascii_form)
    return anyascii(text)
