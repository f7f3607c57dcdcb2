"""Set a Table in fixed-width text: figures right-aligned, spans centered, totals ruled.

A table wider than the allowed width first narrows its labels, then wraps its header
text; if it is still too wide it continues in further bands, each repeating the labels.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from prauthor.document import Cell, Row, Table, linked

GAP = 2  # spaces between columns
LABEL_MAX = 50  # the widest label column
LABEL_COMFORT = 40  # labels are narrowed this far before header text is wrapped
LABEL_MIN = 16  # labels are not wrapped narrower than this (or their longest word)


@dataclass(frozen=True)
class Placed:
    """A cell set on the column grid: where it starts, how many columns, its text."""

    start: int
    span: int
    cell: Cell
    text: str


@dataclass(frozen=True)
class Grid:
    """The table's cells on a grid of columns, texts folded and parentheses hung."""

    columns: int
    header: list[list[Placed]]
    body: list[tuple[Row, dict[int, Placed]]]  # each row's cells by starting column

    @property
    def stub(self) -> bool:
        """Tell whether column 0 holds labels, which every band repeats."""
        return any(0 in cells and cells[0].cell.kind == "label" for _, cells in self.body)


@dataclass(frozen=True)
class Layout:
    """Column widths and how the columns are split into bands."""

    widths: tuple[int, ...]
    bands: tuple[tuple[int, ...], ...]  # column indexes of each band, the stub excluded
    stub: bool


def table_chunks(table: Table, width: int | None,
                 fold: Callable[[str], str] = str) -> list[list[str]]:
    """Return the table as chunks of lines: each band with its title, then the notes."""
    grid = _grid(table, fold)
    layout = _layout(grid, width)
    chunks = []
    for number, band in enumerate(layout.bands):
        title = [fold(table.title) + (" (continued)" if number else "")] if table.title else []
        units = [fold(table.units)] if table.units and number == 0 else []
        chunks.append([*_wrapped([*title, *units], width), *_band(grid, layout, band)])
    notes = [f"({fold(marker)}) {fold(linked(spans))}" for marker, spans in table.footnotes]
    if notes:
        chunks.append(_wrapped(notes, width, hanging=True))
    return chunks


def _wrapped(lines: list[str], width: int | None, hanging: bool = False) -> list[str]:
    if not width:
        return lines
    out = []
    for line in lines:
        indent = " " * (line.index(")") + 2) if hanging and line.startswith("(") else ""
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [""]
    return out


def _grid(table: Table, fold) -> Grid:
    """Place every cell on the column grid; hang the ')' of negatives past the digits."""
    def place(row: Row) -> list[Placed]:
        placed, start = [], 0
        for cell in row.cells:
            marks = "".join(f"({fold(m)})" for m in cell.footnotes)
            text = _figure_text(cell, fold)
            placed.append(Placed(start, cell.colspan, cell,
                                 f"{text} {marks}" if text and marks else text + marks))
            start += cell.colspan
        return placed

    header = [place(row) for row in table.header]
    body = [(row, {p.start: p for p in place(row)}) for row in table.rows]
    columns = max((p.start + p.span for row in [*header, *(b.values() for _, b in body)]
                   for p in row), default=0)
    for index in range(columns):
        figures = [cells for _, cells in body if index in cells and cells[index].cell.numeric]
        if any(cells[index].text.endswith(")") for cells in figures):
            for cells in figures:
                p = cells[index]
                if p.text and not p.text.endswith(")"):
                    cells[index] = Placed(p.start, p.span, p.cell, p.text + " ")
    return Grid(columns, header, body)


def _figure_text(cell: Cell, fold) -> str:
    """Return a cell's text; a sign set apart stands one space before its figure."""
    text = fold(linked(cell.spans))
    return f"{fold(cell.sign)} {text}" if cell.sign and text else text


def _layout(grid: Grid, width: int | None) -> Layout:
    """Fit the table: narrow the labels, then wrap the headers, then split into bands."""
    stub = grid.stub
    rest = tuple(range(1 if stub else 0, grid.columns))
    floor = _stub_floor(grid) if stub else 0
    natural = _widths(grid, words=False)
    tries = [(False, LABEL_COMFORT), (True, LABEL_COMFORT), (True, floor)] if width else [
        (False, LABEL_MAX)]
    for words, narrowest in tries:
        widths = _widths(grid, words)
        if stub:
            room = width - GAP - _total(widths[1:]) if width else LABEL_MAX
            widths = (min(widths[0], LABEL_MAX, max(room, narrowest, floor)), *widths[1:])
        if not width or _total(widths) <= width:
            return Layout(widths, (rest,), stub)
    if stub:
        widest = max(widths[1:], default=0)
        label = min(natural[0], LABEL_MAX, max(floor, width // 2), width - GAP - widest)
        widths = (max(1, label), *widths[1:])
    return Layout(widths, _bands(widths, rest, stub, width), stub)


def _stub_floor(grid: Grid) -> int:
    labels = [cells[0] for _, cells in grid.body if 0 in cells]
    longest = max((len(word) for p in labels for word in p.text.split()), default=0)
    return max(LABEL_MIN, longest + 2 * max((p.cell.indent for p in labels), default=0))


def _total(widths) -> int:
    return sum(widths) + GAP * max(len(widths) - 1, 0)


def _shortest(text: str) -> int:
    """Return the narrowest width header text wraps well in: after its commas, else by word."""
    parts = text.split(", ")
    if len(parts) > 1:
        return max(len(part) + 1 for part in parts)
    return max((len(word) for word in text.split()), default=0)


def _widths(grid: Grid, words: bool) -> tuple[int, ...]:
    """Return each column's width: its widest cell; header text by word when `words`."""
    widths = [0] * grid.columns
    for _, cells in grid.body:
        for p in cells.values():
            if p.span == 1:
                indent = 2 * p.cell.indent if p.cell.kind == "label" else 0
                widths[p.start] = max(widths[p.start], indent + len(p.text))
    for row in grid.header:
        for p in row:
            if p.span == 1:
                widths[p.start] = max(widths[p.start], _shortest(p.text) if words else len(p.text))
    for row in grid.header:  # widen a span's columns, evenly, if its text won't fit
        for p in row:
            span = range(p.start, p.start + p.span)
            need = _shortest(p.text) if words else len(p.text)
            short = need - _total([widths[i] for i in span])
            for number, index in enumerate(span if p.span > 1 and short > 0 else ()):
                widths[index] += short // p.span + (number < short % p.span)
    return tuple(widths)


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


def _band(grid: Grid, layout: Layout, band: tuple[int, ...]) -> list[str]:
    shown = ((0,) if layout.stub else ()) + band
    offsets, position = {}, 0
    for index in shown:
        offsets[index] = position
        position += layout.widths[index] + GAP
    lines = []
    for row in grid.header:
        lines += _header_lines(row, layout, offsets)
    for row, cells in grid.body:
        if row.kind == "total":
            lines.append(_rule(cells, layout, offsets))
        lines += _body_lines(cells, layout, offsets)
    return [line.rstrip() for line in lines]


def _shown(p: Placed, layout: Layout, offsets: dict[int, int]) -> tuple[int, int] | None:
    """Return where a cell sits in this band and how wide it is there, or None."""
    columns = [i for i in range(p.start, p.start + p.span) if i in offsets]
    if not columns:
        return None
    return offsets[columns[0]], _total([layout.widths[i] for i in columns])


def _header_lines(row: list[Placed], layout: Layout, offsets: dict[int, int]) -> list[str]:
    """Set a header row: each cell centered over the columns it spans in this band."""
    pieces = []
    for p in row:
        where = _shown(p, layout, offsets)
        if where and p.text:
            wrapped = textwrap.wrap(p.text, where[1], break_on_hyphens=False) or [""]
            pieces.append((*where, wrapped, p))
    height = max((len(wrapped) for *_, wrapped, _ in pieces), default=0)
    lines = [_Canvas() for _ in range(height)]
    rule = _Canvas()
    for offset, span_width, wrapped, p in pieces:
        stub = p.start == 0 and layout.stub
        for number, text in enumerate(wrapped, start=height - len(wrapped)):
            lines[number].put(offset, text.ljust(span_width) if stub else text.center(span_width))
        if p.span > 1:
            rule.put(offset, "-" * span_width)
    return [str(line) for line in lines] + ([str(rule)] if str(rule) else [])


def _rule(cells: dict[int, Placed], layout: Layout, offsets: dict[int, int]) -> str:
    line = _Canvas()
    for p in cells.values():
        where = _shown(p, layout, offsets)
        if where and p.cell.numeric and p.text:
            line.put(where[0], "-" * where[1])
    return str(line)


def _body_lines(cells: dict[int, Placed], layout: Layout, offsets: dict[int, int]) -> list[str]:
    """Set a row: the label wrapped in its column, the figures on the label's last line."""
    label_lines = [""]
    if layout.stub and 0 in cells:
        p = cells[0]
        indent = " " * (2 * p.cell.indent)
        label_lines = textwrap.wrap(p.text, _shown(p, layout, offsets)[1], initial_indent=indent,
                                    subsequent_indent=indent + "  ",
                                    break_on_hyphens=False) or [""]
    lines = [_Canvas() for _ in label_lines]
    for line, text in zip(lines, label_lines, strict=True):
        line.put(0, text)
    for p in cells.values():
        where = _shown(p, layout, offsets)
        if where and not (layout.stub and p.start == 0):
            offset, width = where
            lines[-1].put(offset, p.text.rjust(width) if p.cell.numeric else p.text.ljust(width))
    return [str(line) for line in lines]


class _Canvas:
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
