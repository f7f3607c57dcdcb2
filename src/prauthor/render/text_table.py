"""Set a Table in fixed-width text: figures right-aligned, spans centered, totals ruled.

A table wider than the allowed width first wraps its labels and header text; if it is
still too wide it continues in further bands, each repeating the label column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from prauthor.document import Cell, Row, Table, plain

GAP = 2  # spaces between columns
LABEL_MAX = 50  # the widest label column when no width is given
LABEL_COMFORT = 40  # labels are narrowed this far before header text is wrapped
LABEL_MIN = 16  # labels are not wrapped narrower than this (or their longest word)


@dataclass(frozen=True)
class Layout:
    """Column widths and how the columns are split into bands."""

    widths: tuple[int, ...]
    bands: tuple[tuple[int, ...], ...]  # column indexes of each band, the stub excluded
    stub: bool  # whether column 0 holds labels that every band repeats


def table_chunks(table: Table, width: int | None,
                 fold: Callable[[str], str] = str) -> list[list[str]]:
    """Return the table as chunks of lines (title, each band, footnotes)."""
    texts = _texts(table, fold)
    layout = _layout(table, texts, width)
    chunks = []
    for number, band in enumerate(layout.bands):
        title = [_title(table.title, number, fold)] if table.title else []
        units = [fold(table.units)] if table.units and number == 0 else []
        heading = [line for line in (*title, *units)]
        lines = _band(table, texts, layout, band)
        chunks.append([*_wrapped(heading, width), *lines])
    notes = [f"({fold(marker)}) {fold(plain(spans))}" for marker, spans in table.footnotes]
    if notes:
        chunks.append(_wrapped(notes, width, hanging=True))
    return chunks


def _title(title: str, band: int, fold) -> str:
    return fold(title) + (" (continued)" if band else "")


def _wrapped(lines: list[str], width: int | None, hanging: bool = False) -> list[str]:
    if not width:
        return lines
    out = []
    for line in lines:
        indent = " " * (line.index(")") + 2) if hanging and line.startswith("(") else ""
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]
    return out


def _cell_text(cell: Cell, fold) -> str:
    marks = "".join(f"({fold(m)})" for m in cell.footnotes)
    text = fold(plain(cell.spans))
    return f"{text} {marks}" if text and marks else text + marks


def _texts(table: Table, fold) -> dict[int, list[str]]:
    """Return each row's cell texts, keyed by id(row), negatives' parentheses hung."""
    texts = {id(row): [_cell_text(cell, fold) for cell in row.cells]
             for row in (*table.header, *table.rows)}
    columns = len(table.rows[0].cells) if table.rows else 0
    for index in range(columns):
        cells = [(row, row.cells[index]) for row in table.rows if len(row.cells) > index]
        if any(_hangs(texts[id(row)][index]) for row, cell in cells if cell.numeric):
            for row, cell in cells:
                text = texts[id(row)][index]
                if cell.numeric and text and not _hangs(text):
                    texts[id(row)][index] = text + " "  # align digits with "(56)"
    return texts


def _hangs(text: str) -> bool:
    return text.endswith(")")


def _columns(table: Table) -> int:
    rows = (*table.header, *table.rows)
    return max((sum(cell.colspan for cell in row.cells) for row in rows), default=0)


def _layout(table: Table, texts: dict[int, list[str]], width: int | None) -> Layout:
    """Fit the table: narrow the labels, then wrap the headers, then split into bands."""
    count = _columns(table)
    stub = bool(table.rows) and table.rows[0].cells[0].kind == "label"
    rest = tuple(range(1 if stub else 0, count))
    floor = _stub_floor(table, texts) if stub else 0
    tries = [(False, LABEL_COMFORT), (True, LABEL_COMFORT), (True, floor)] if width else [
        (False, LABEL_MAX)]
    for words, narrowest in tries:
        widths = _widths(table, texts, count, words)
        if stub:
            room = width - GAP - _total(widths[1:]) if width else LABEL_MAX
            widths = (min(widths[0], LABEL_MAX, max(room, narrowest, floor)), *widths[1:])
        if not width or _total(widths) <= width:
            return Layout(widths, (rest,), stub)
    if stub:
        widest = max(widths[1:], default=0)
        natural = min(_widths(table, texts, count, words=False)[0], LABEL_MAX)
        label = max(1, min(natural, max(floor, width // 2), width - GAP - widest))
        widths = (label, *widths[1:])
    return Layout(widths, _bands(widths, rest, stub, width), stub)


def _stub_floor(table: Table, texts) -> int:
    longest = max((len(word) for row in table.rows for word in texts[id(row)][0].split()),
                  default=0)
    return max(LABEL_MIN, longest + 2 * max((r.cells[0].indent for r in table.rows), default=0))


def _total(widths) -> int:
    return sum(widths) + GAP * max(len(widths) - 1, 0)


def _widths(table: Table, texts, count: int, words: bool) -> tuple[int, ...]:
    """Return each column's width: its widest cell, header text by word when `words`."""
    widths = [0] * count
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            indent = 2 * cell.indent if cell.kind == "label" else 0
            widths[index] = max(widths[index], indent + len(texts[id(row)][index]))
    for row in table.header:
        for start, cell, text in _placed(row, texts):
            if cell.colspan == 1:
                widths[start] = max(widths[start], _shortest(text) if words else len(text))
    for row in table.header:  # a span's text wraps; widen its columns if a word won't fit
        for start, cell, text in _placed(row, texts):
            span = range(start, start + cell.colspan)
            short = _shortest(text) - _total([widths[i] for i in span])
            for number, index in enumerate(span if cell.colspan > 1 and short > 0 else ()):
                widths[index] += short // cell.colspan + (number < short % cell.colspan)
    return tuple(widths)


def _shortest(text: str) -> int:
    """Return the narrowest width header text wraps well in: after its commas, else by word."""
    parts = text.split(", ")
    if len(parts) > 1:
        return max(len(part) + 1 for part in parts)
    return max((len(word) for word in text.split()), default=0)


def _placed(row: Row, texts) -> list[tuple[int, Cell, str]]:
    placed, start = [], 0
    for cell, text in zip(row.cells, texts[id(row)], strict=True):
        placed.append((start, cell, text))
        start += cell.colspan
    return placed


def _bands(widths, rest: tuple[int, ...], stub: bool,
           width: int) -> tuple[tuple[int, ...], ...]:
    """Split the figure columns into bands that fit beside the label column."""
    bands: list[list[int]] = [[]]
    used = widths[0] if stub else -GAP
    for index in rest:
        if bands[-1] and used + GAP + widths[index] > width:
            bands.append([])
            used = widths[0] if stub else -GAP
        bands[-1].append(index)
        used += GAP + widths[index]
    return tuple(tuple(band) for band in bands)


def _band(table: Table, texts, layout: Layout, band: tuple[int, ...]) -> list[str]:
    columns = ((0,) if layout.stub else ()) + band
    lines = []
    for row in table.header:
        lines += _header_lines(row, texts, layout, columns)
    for row in table.rows:
        if row.kind == "total":
            lines.append(_rule(row, layout, columns))
        lines += _body_lines(row, texts[id(row)], layout, columns)
    return [line.rstrip() for line in lines]


def _offsets(layout: Layout, columns: tuple[int, ...]) -> dict[int, int]:
    offsets, position = {}, 0
    for index in columns:
        offsets[index] = position
        position += layout.widths[index] + GAP
    return offsets


def _header_lines(row: Row, texts, layout: Layout, columns: tuple[int, ...]) -> list[str]:
    """Set a header row: each cell centered over the columns it spans in this band."""
    offsets = _offsets(layout, columns)
    pieces = []  # (offset, width, lines, spans several columns)
    for start, cell, text in _placed(row, texts):
        shown = [i for i in range(start, start + cell.colspan) if i in offsets]
        if not shown or not text:
            continue
        span_width = _total([layout.widths[i] for i in shown])
        wrapped = textwrap.wrap(text, span_width, break_on_hyphens=False) or [""]
        pieces.append((offsets[shown[0]], span_width, wrapped, cell.colspan > 1,
                       start == 0 and layout.stub))
    height = max((len(p[2]) for p in pieces), default=0)
    lines = [_canvas() for _ in range(height)]
    ruled = any(p[3] for p in pieces)
    rule = _canvas()
    for offset, span_width, wrapped, spanning, left in pieces:
        for number, text in enumerate(wrapped, start=height - len(wrapped)):
            placed = text.ljust(span_width) if left else text.center(span_width)
            lines[number].put(offset, placed)
        if spanning:
            rule.put(offset, "-" * span_width)
    out = [str(line) for line in lines]
    return out + ([str(rule)] if ruled else [])


def _rule(row: Row, layout: Layout, columns: tuple[int, ...]) -> str:
    offsets = _offsets(layout, columns)
    line = _canvas()
    for index in columns:
        if index < len(row.cells) and row.cells[index].numeric and row.cells[index].spans:
            line.put(offsets[index], "-" * layout.widths[index])
    return str(line)


def _body_lines(row: Row, texts: list[str], layout: Layout, columns: tuple[int, ...]) -> list[str]:
    """Set a row: the label wrapped in its column, the figures on the label's last line."""
    offsets = _offsets(layout, columns)
    label_lines = [""]
    if layout.stub:
        indent = " " * (2 * row.cells[0].indent)
        label_lines = textwrap.wrap(texts[0], layout.widths[0], initial_indent=indent,
                                    subsequent_indent=indent + "  ", break_on_hyphens=False,
                                    break_long_words=True) or [""]
    lines = [_canvas() for _ in label_lines]
    for number, text in enumerate(label_lines):
        lines[number].put(0, text)
    last = lines[-1]
    for index in columns:
        if layout.stub and index == 0:
            continue
        cell, text = row.cells[index], texts[index]
        width = layout.widths[index]
        last.put(offsets[index], text.rjust(width) if cell.numeric else text.ljust(width))
    return [str(line) for line in lines]


class _canvas:
    """A line of text that pieces are written into at given offsets."""

    def __init__(self):
        self.chars: list[str] = []

    def put(self, offset: int, text: str) -> None:
        """Write `text` starting at column `offset`."""
        if len(self.chars) < offset + len(text):
            self.chars += [" "] * (offset + len(text) - len(self.chars))
        self.chars[offset: offset + len(text)] = list(text)

    def __str__(self) -> str:
        return "".join(self.chars).rstrip()
