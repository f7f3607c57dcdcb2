"""Render the plain text a newswire takes: one paragraph a line, contacts last, '###'."""

from __future__ import annotations

import textwrap

from anyascii import anyascii

from prauthor.document import (
    Block,
    Document,
    EventDetails,
    Heading,
    ListBlock,
    Marker,
    Paragraph,
    Quote,
    Table,
    plain,
)
from prauthor.render.text_table import table_chunks

SUFFIX = "txt"

# Folds the guide gives for ASCII feeds (section 3.1); anything else is transliterated.
ASCII_FOLDS = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
               "\u2013": "-", "\u2014": "--", "\u00ae": "(R)", "\u2122": "(TM)",
               "\u00a9": "(C)", "\u00a0": " ", "\u2026": "..."}


def render(doc: Document, options) -> bytes:
    """Return the newswire text of `doc` as UTF-8 bytes."""
    chunks = [[doc.release_line], [doc.headline], *([s] for s in doc.subheadlines),
              [doc.dateline.text + doc.dateline.joiner + plain(doc.lead.spans)]]
    # Tables are set already folded, so that ASCII forms such as "--" keep columns aligned.
    fold = fold_ascii if options.ascii else str
    for block in doc.body:
        chunks.extend(_block(block, options.wrap, fold))
    for section in doc.sections:
        chunks.extend([[section.title]] if section.show_title else [])
        for block in section.blocks:
            chunks.extend(_block(block, options.wrap, fold))
    for block in doc.appendix:
        chunks.extend(_block(block, options.wrap, fold))
    chunks.extend(list(contact.lines()) for contact in doc.contacts)
    chunks.append([doc.end_mark])
    text = "\n\n".join("\n".join(line if isinstance(line, Set) else _wrap(line, options.wrap)
                                  for line in chunk) for chunk in chunks)
    if options.ascii:
        text = fold_ascii(text)
    return (text + "\n").encode("utf-8")


class Set(str):
    """A line already set to width (a table line): never wrapped again."""


def _block(block: Block, wrap: int | None, fold) -> list[list[str]]:
    if isinstance(block, Paragraph | Heading):
        return [[plain(block.spans)]]
    if isinstance(block, Quote):
        return [[plain(p.spans)] for p in block.paragraphs]
    if isinstance(block, ListBlock):
        return [_list(block, 0)]
    if isinstance(block, Table):
        return [[Set(line) for line in chunk] for chunk in table_chunks(block, wrap, fold)]
    if isinstance(block, EventDetails):
        return [[block.title, *(f"{label}: {plain(spans)}" for label, spans in block.items)]]
    if isinstance(block, Marker):
        return [[block.text]]
    raise TypeError(f"no text layout for {type(block).__name__}")


def _list(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}." if block.ordered else "-"
        lines.append(f"{'  ' * depth}{marker} {plain(item.spans)}")
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
