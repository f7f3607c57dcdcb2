"""Check how a table's figures are written: a dot used to separate thousands (97.220).

Spreadsheets in many European locales write ninety-seven thousand two hundred twenty as
97.220; in a comma-separated file that is a valid figure with three decimals, printed
$97.220 among whole figures. A column that writes three decimals throughout (earnings
per share to three places) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from prauthor.governance.findings import Finding
from prauthor.governance.text import Context
from prauthor.spec import Column, TableBlock
from prauthor.tables import MARKERS, RawRow, raw_rows, read_figure
from prauthor.yamlsource import Source

DOTTED = re.compile(r"[1-9]\d{0,2}\.\d{3}")  # 97.220: a thousands group after a dot


class Written(NamedTuple):
    """A figure as its author wrote it, and where."""

    text: str
    decimals: int | None  # None: a dot before a group of three digits
    row: RawRow
    index: int


def thousands_separator(ctx: Context) -> Iterator[Finding]:
    """Flag a figure written with a dot before three digits in a column of whole figures."""
    source = ctx.loaded.source
    for field in ("body", "appendix"):
        for index, item in enumerate(getattr(ctx.loaded.spec, field, ())):
            if isinstance(item, TableBlock):
                rows = raw_rows(item.table, source, (field, index, "table"),
                                ctx.loaded.desk.root, [])
                yield from _dotted(item.table, rows, source)


def _dotted(table: Any, rows: list[RawRow], source: Source) -> Iterator[Finding]:
    columns = [c if isinstance(c, Column) else Column(kind=c) for c in table.columns]
    figures = {index: [w for row in rows
                       if (w := _written(row, index, len(columns), table.currency, source))]
               for index, column in enumerate(columns)
               if column.kind in ("number", "currency") and column.decimals != 3}
    for index, written in figures.items():
        others = [w.decimals for w in written if w.decimals is not None]
        if not others:  # every figure dotted: judged beside the columns of its kind
            others = [w.decimals for i, ws in figures.items() for w in ws
                      if w.decimals is not None and columns[i].kind == columns[index].kind]
        if 0 not in others or 3 in others:  # no whole figure, or three decimals elsewhere
            continue
        for figure in (w for w in written if w.decimals is None):
            yield _finding(figure)


def _written(row: RawRow, index: int, width: int, sign: str, source: Source) -> Written | None:
    """Return the figure of a row's cell as written, or None for any other cell."""
    if row.kind not in ("body", "total") or len(row.cells) != width or row.decimals == 3:
        return None
    cell = row.cells[index]
    text = (source.written((*row.at, index)) if row.at is not None else None) or cell
    text = MARKERS.sub("", str(text or "")).strip()
    try:
        figure = read_figure(text, sign)
    except ValueError:
        return None
    if isinstance(figure, str) or figure.percent or row.figures == "percent":
        return None
    digits = re.sub(r"[^\d.,]", "", text)
    return Written(text, None if DOTTED.fullmatch(digits) else figure.decimals, row, index)


def _finding(figure: Written) -> Finding:
    us = re.sub(r"[^\d.]", "", figure.text).replace(".", ",")
    problem = figure.row.locate(figure.index, f"'{figure.text}' is read as a figure with "
                                "three decimals among whole figures; if the dot separates "
                                "thousands, as many European spreadsheets write them, write "
                                f"{us}")
    where = f"{problem.field}: " if problem.field else ""
    return Finding("thousands-separator", where + problem.message,
                   "write thousands with a comma (97,220); for three decimals, write the "
                   "column's other figures with three decimals too", problem.file, problem.line)
