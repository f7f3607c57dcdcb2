"""Resolve financial tables: read rows inline or from CSV and format every figure.

The cell text leaves here final: thousands separators, negatives in parentheses, the
currency sign on the first figure of a column and on totals, percent signs, decimals.
With the currency set apart, the sign leaves in its own field of the cell, for each
format to place.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from prauthor import markup
from prauthor.document import Cell, DataFile, Row, Span, Table
from prauthor.errors import InputError, Problem, shown
from prauthor.spec import FIGURE_KINDS, CellsRow, Column, HeaderCell, SectionRow, TotalRow
from prauthor.spec import Table as TableSpec
from prauthor.validation import suggest
from prauthor.yamlsource import Source, read_text, unsafe_character

NIL = {"—", "–", "-", "--"}  # "nothing", printed as an em dash
WORDS = {"NM", "N/M", "n/a", "N/A"}  # not meaningful / not applicable, printed as written
FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", re.ASCII)
# Trillions to the cent fit; a longer figure is a slip, and the arithmetic would not hold it.
MAX_FIGURE_DIGITS = 24
MARKERS = re.compile(r"(?:\[\^[^\]\s]+\])+$")
ROW_WORDS = {"header", "section", "total"}  # a CSV row kind, which may add a FIGURE_KIND
Currency = Literal["attached", "apart"]  # "$2,789", or "$ 2,789" with the sign set apart

Locate = Callable[[int | None, str], Problem]  # (cell index or None, message) -> Problem


@dataclass(frozen=True)
class RawRow:
    """A row as written, before formatting: its kind, its cells and where it was written."""

    kind: str  # header, body, section or total
    cells: tuple  # header rows: (text, span) pairs
    locate: Locate
    figures: str | None = None  # the kind of every figure of the row, over its columns'
    decimals: int | None = None  # with `figures`: their decimals, else as written
    at: tuple | None = None  # a spec row: where its cells are, to read them as written


@dataclass(frozen=True)
class Figure:
    """A figure as written: its value, decimals, and the signs written with it."""

    value: Decimal
    decimals: int
    currency: bool
    percent: bool


def resolve_table(spec: TableSpec, source: Source, loc: tuple, desk_root: Path,
                  problems: list[Problem], currency: Currency = "attached") -> Table | None:
    """Return the laid-out Table, or None after adding every problem found to `problems`.

    `currency` is the house style: the sign attached to its figure, or set apart.
    """
    found: list[Problem] = []
    rows = raw_rows(spec, source, loc, desk_root, found)
    data = _data_file(spec.csv, source.path.parent, desk_root) if spec.csv else None
    notes = Notes(spec.footnotes)
    header, body = _rows(spec, rows, notes, found, currency == "apart")
    found += [source.problem((*loc, "footnotes", marker), f"footnote '{marker}' is never cited; "
                             f"cite it in a cell as [^{marker}]") for marker in notes.unused()]
    problems.extend(sorted(found, key=lambda p: (str(p.file), p.line or 0)))
    if found:
        return None
    return Table(title=spec.title, units=_units(spec.units), header=header, rows=body,
                 footnotes=tuple((m, markup.parse(text)) for m, text in spec.footnotes.items()),
                 source=data)


def raw_rows(spec: TableSpec, source: Source, loc: tuple, desk_root: Path,
             problems: list[Problem]) -> list[RawRow]:
    """Return a table's rows as written, inline or from its CSV file; add why not."""
    rows = _inline_rows(spec, source, loc)
    if spec.csv:
        path = csv_path(spec.csv, source.path.parent, desk_root)
        if isinstance(path, str):
            problems.append(source.problem((*loc, "csv"), path))
        elif not path.is_file():  # named at the spec's line that cites it
            why = "is not a regular file" if path.exists() else _missing(path)
            problems.append(source.problem((*loc, "csv"), f"'{spec.csv}' {why}"))
        else:
            rows += _csv_rows(path, problems)
    return rows


def _data_file(written: str, spec_dir: Path, desk_root: Path) -> DataFile | None:
    """Return the CSV file a table reads, with its sha-256 for the manifest."""
    path = csv_path(written, spec_dir, desk_root)
    if isinstance(path, str) or not path.is_file():
        return None
    return DataFile(Path(written).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest())


def _missing(path: Path) -> str:
    """Say a file is missing, naming where it was looked for as the user knows the place."""
    if shown(path.parent) == ".":
        return "does not exist in the current folder"
    return f"does not exist (looked for {shown(path)})"


def csv_path(written: str, spec_dir: Path, desk_root: Path) -> Path | str:
    """Return the CSV file a spec names, or why it may not be read."""
    path = spec_dir / written
    if not any(path.resolve().is_relative_to(root.resolve()) for root in (spec_dir, desk_root)):
        return f"'{written}' is outside the release's folder and its desk"
    return path


def _units(units: str | None) -> str | None:
    if not units:
        return None
    units = units.strip()
    return units if units.startswith("(") and units.endswith(")") else f"({units})"


def _inline_rows(spec: TableSpec, source: Source, loc: tuple) -> list[RawRow]:
    rows = []
    for index, written in enumerate(spec.header):
        cells = tuple((c.text, c.span) if isinstance(c, HeaderCell) else (str(c), 1)
                      for c in written)
        rows.append(RawRow("header", cells, _in_spec(source, (*loc, "header", index))))
    for index, row in enumerate(spec.rows):
        here = (*loc, "rows", index)
        if isinstance(row, SectionRow):
            rows.append(RawRow("section", (row.section,), _in_spec(source, (*here, "section"),
                                                                   whole=True)))
        elif isinstance(row, TotalRow):
            rows.append(RawRow("total", tuple(row.total), _in_spec(source, (*here, "total")),
                               row.kind, row.decimals, (*here, "total")))
        elif isinstance(row, CellsRow):
            rows.append(RawRow("body", tuple(row.cells), _in_spec(source, (*here, "cells")),
                               row.kind, row.decimals, (*here, "cells")))
        else:
            rows.append(RawRow("body", tuple(row), _in_spec(source, here), at=here))
    return rows


def _in_spec(source: Source, loc: tuple, whole: bool = False) -> Locate:
    def locate(index: int | None, message: str) -> Problem:
        if index is None or whole:
            return source.problem(loc, message)
        return source.problem((*loc, index), message)
    return locate


def _csv_rows(path: Path, problems: list[Problem]) -> list[RawRow]:
    """Read a CSV table: each line a row kind (blank, header, section, total), then cells."""
    try:
        text = read_text(path).removeprefix("\ufeff")
    except InputError as error:
        problems.extend(error.problems)
        return []
    if bad := unsafe_character(text.replace("\r\n", "\n")):
        line = text.replace("\r\n", "\n")[: bad[0]].count("\n") + 1
        problems.append(Problem(path, line, "", bad[1]))
        return []
    if _semicolon_separated(text):
        problems.append(Problem(path, 1, "", "the cells are separated by semicolons (as Excel "
                                "saves CSV in many European locales); save it as CSV with "
                                "commas (e.g. LibreOffice: field delimiter ',') and figures "
                                "with a decimal point, such as 1,234.5"))
        return []
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text))
    try:
        for record in reader:
            if not any(field.strip() for field in record) or record[0].startswith("#"):
                continue
            row = _csv_row(record, path, reader.line_num, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        problems.append(Problem(path, reader.line_num, "", f"invalid CSV: {error}"))
    return rows


def _semicolon_separated(text: str) -> bool:
    """Tell a semicolon-separated file: semicolons on every row, more fields than commas give."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or not all(";" in line for line in lines):
        return False
    by_semicolon = sum(len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=";"))
    by_comma = sum(len(r) for r in csv.reader(io.StringIO("\n".join(lines))))
    return by_semicolon > by_comma


def _in_csv(path: Path, line: int, positions: tuple[int, ...] | None = None) -> Locate:
    def locate(index: int | None, message: str) -> Problem:
        if index is None:
            return Problem(path, line, "", message)
        column = positions[index] if positions else index
        return Problem(path, line, f"column {column + 2}", message)
    return locate


def _csv_kind(written: str) -> tuple[str, str | None] | str:
    """Read a CSV row kind, `total` or `total number`; return (kind, figures) or why not."""
    words = written.strip().lower().split()
    kinds = [w for w in words if w in ROW_WORDS]
    figures = [w for w in words if w in FIGURE_KINDS]
    unknown = [w for w in words if w not in ROW_WORDS and w not in FIGURE_KINDS]
    if unknown:
        hint = suggest(unknown[0], (*ROW_WORDS, *FIGURE_KINDS))
        return (f"'{written}' is not a row kind{hint}: leave it empty, or write header, "
                "section or total, or a figure kind (number, currency, percent), alone or "
                "after total")
    if len(kinds) > 1 or len(figures) > 1:
        return f"'{written}' names more than one row kind or figure kind"
    kind = kinds[0] if kinds else "body"
    if figures and kind in ("header", "section"):
        return f"'{written}': a {kind} row has no figures to give a kind"
    return kind, figures[0] if figures else None


def _csv_row(record: list[str], path: Path, line: int, problems: list[Problem]) -> RawRow | None:
    read = _csv_kind(record[0])
    cells = record[1:]
    if isinstance(read, str):
        problems.append(Problem(path, line, "column 1", read))
        return None
    kind, figures = read
    if kind == "header":
        spans, positions = _merged(cells)
        return RawRow(kind, spans, _in_csv(path, line, positions))
    locate = _in_csv(path, line)
    if kind == "section":
        extra = [i for i, cell in enumerate(cells[1:], start=1) if cell.strip()]
        for index in extra:
            problems.append(locate(index, "a section row has a label and no other cells"))
        return None if extra else RawRow(kind, (cells[0] if cells else "",), locate)
    return RawRow(kind, tuple(cells), locate, figures)


def _merged(cells: list[str]) -> tuple[tuple, tuple[int, ...]]:
    """Read spans as spreadsheets export merged cells: empties after a text extend it."""
    spans: list[list] = []
    positions: list[int] = []
    for index, cell in enumerate(cells):
        if not cell.strip() and spans and spans[-1][0].strip():
            spans[-1][1] += 1
        else:
            spans.append([cell, 1])
            positions.append(index)
    return tuple((text, span) for text, span in spans), tuple(positions)


class Notes:
    """The table's footnotes: which markers exist and which the cells cite."""

    def __init__(self, footnotes: dict[str, str]):
        self.defined = list(footnotes)
        self.cited: set[str] = set()

    def split(self, text: str, locate: Locate, index: int,
              problems: list[Problem]) -> tuple[str, tuple[str, ...]]:
        """Return the text without its trailing [^marker]s, and the markers."""
        found = MARKERS.search(text)
        if not found:
            return text, ()
        markers = tuple(re.findall(r"\[\^([^\]\s]+)\]", found.group()))
        for marker in markers:
            if marker not in self.defined:
                problems.append(locate(index, f"footnote [^{marker}] is not in the table's "
                                       "footnotes"))
            self.cited.add(marker)
        return text[: found.start()].rstrip(), markers

    def unused(self) -> list[str]:
        """Return the markers no cell cites."""
        return [marker for marker in self.defined if marker not in self.cited]


def _rows(spec: TableSpec, rows: list[RawRow], notes: Notes, problems: list[Problem],
          apart: bool = False) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    columns = [c if isinstance(c, Column) else Column(kind=c) for c in spec.columns]
    header: list[Row] = []
    body: list[Row] = []
    signs = Signs(spec.currency, apart, [False] * len(columns))
    for raw in rows:
        if raw.kind == "header":
            if body:
                problems.append(raw.locate(None, "header rows come before the other rows"))
            row = _header_row(raw, len(columns), notes, problems)
            header += [row] if row else []
        elif raw.kind == "section":
            body.append(_section_row(raw, len(columns), notes, problems))
        else:
            row = _figure_row(raw, columns, signs, notes, problems)
            body += [row] if row else []
    return tuple(header), tuple(body)


@dataclass(frozen=True)
class Signs:
    """The currency sign, whether it is set apart, and which columns printed it yet."""

    sign: str
    apart: bool
    signed: list[bool]


def _header_row(raw: RawRow, width: int, notes: Notes, problems: list[Problem]) -> Row | None:
    spans = sum(span for _, span in raw.cells)
    if spans != width:
        problems.append(raw.locate(None, f"the header cells span {spans} columns; the table "
                                   f"has {width}"))
        return None
    cells = []
    for index, (text, span) in enumerate(raw.cells):
        text, markers = notes.split(str(text or "").strip(), raw.locate, index, problems)
        cells.append(Cell(markup.parse(text), "text", colspan=span, footnotes=markers))
    return Row(tuple(cells), "header")


def _section_row(raw: RawRow, width: int, notes: Notes, problems: list[Problem]) -> Row:
    label = _label(raw.cells[0], raw.locate, 0, notes, problems)
    return Row((label, *(Cell((), "text") for _ in range(width - 1))), "section")


def _figure_row(raw: RawRow, columns: list[Column], signs: Signs, notes: Notes,
                problems: list[Problem]) -> Row | None:
    if len(raw.cells) != len(columns):
        problems.append(raw.locate(None, f"the row has {len(raw.cells)} cells; the table has "
                                   f"{len(columns)} columns"))
        return None
    cells = []
    for index, (value, column) in enumerate(zip(raw.cells, columns, strict=True)):
        if column.kind == "label":
            cells.append(_label(value, raw.locate, index, notes, problems))
        elif column.kind == "text":
            text, markers = notes.split(_text(value), raw.locate, index, problems)
            cells.append(Cell(markup.parse(text), "text", footnotes=markers))
        else:
            cell = _figure_cell(value, _row_column(raw, column), signs, raw.kind == "total",
                                index, raw.locate, notes, problems)
            cells += [cell] if cell else []
    return Row(tuple(cells), raw.kind) if len(cells) == len(columns) else None


def _row_column(raw: RawRow, column: Column) -> Column:
    """Return the column as this row's figures see it: the row's own kind wins."""
    if raw.figures is None or raw.figures == column.kind:
        return column
    return Column(kind=raw.figures, decimals=raw.decimals)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _label(value, locate: Locate, index: int, notes: Notes, problems: list[Problem]) -> Cell:
    """Return a label cell; each two leading spaces indent it one level."""
    written = "" if value is None else str(value).rstrip()
    spaces = len(written) - len(written.lstrip(" "))
    text, markers = notes.split(written.strip(), locate, index, problems)
    return Cell(markup.parse(text), "label", indent=(spaces + 1) // 2, footnotes=markers)


def _figure_cell(value, column: Column, signs: Signs, total: bool, index: int,
                 locate: Locate, notes: Notes, problems: list[Problem]) -> Cell | None:
    text, markers = notes.split(_text(value), locate, index, problems)
    try:
        figure = read_figure(text, signs.sign)
    except ValueError as error:
        problems.append(locate(index, error.args[1] if len(error.args) > 1 else
                               f"'{text}' is not a {column.kind} figure: write a figure such as "
                               "1,234.5 or (56), — for none, or leave it empty"))
        return None
    if isinstance(figure, str):  # a nil, a blank or a word: never a sign
        return Cell((Span(figure),) if figure else (), column.kind, footnotes=markers)
    kind = "percent" if figure.percent else "currency" if figure.currency else column.kind
    show_sign = kind == "currency" and (figure.currency or total or not signs.signed[index])
    if kind == "currency" and column.kind == "currency":
        signs.signed[index] = True
    decimals = figure.decimals if column.decimals is None else column.decimals
    sign = signs.sign if show_sign else ""
    if signs.apart:
        written = format_figure(figure.value, decimals, "", kind == "percent")
        return Cell((Span(written),), kind, footnotes=markers, sign=sign)
    written = format_figure(figure.value, decimals, sign, kind == "percent")
    return Cell((Span(written),), kind, footnotes=markers)


def read_figure(text: str, sign: str = "$") -> Figure | str:
    """Read a figure as people write them; return text for blanks, dashes and NM."""
    text = text.strip()
    if not text or text in WORDS:
        return text
    body = text.replace(" ", "").replace("\u00a0", "")
    if text in NIL or body.removeprefix(sign) in NIL:  # a nil has no sign, even written
        return "—"
    percent, currency = "%" in body, sign in body
    body = body.replace("%", "").replace(sign, "")
    negative = body.startswith("(") and body.endswith(")")
    body = body[1:-1] if negative else body
    if body[:1] in ("-", "\u2212"):
        negative, body = True, body[1:]
    if not FIGURE.fullmatch(body):
        raise ValueError(text)
    if sum(char.isdigit() for char in body) > MAX_FIGURE_DIGITS:
        raise ValueError(text, f"'{text}' has more than {MAX_FIGURE_DIGITS} digits; write it "
                         "in thousands or millions and say so in the table's units")
    value = Decimal(body.replace(",", ""))
    return Figure(-value if negative else value, len(body.partition(".")[2]), currency, percent)


def format_figure(value: Decimal, decimals: int, sign: str = "", percent: bool = False) -> str:
    """Write a figure: thousands separators, negatives in parentheses, sign and percent."""
    value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    digits = f"{abs(value):,.{decimals}f}"
    text = f"({digits})" if value < 0 else digits
    return f"{sign}{text}{'%' if percent else ''}"
