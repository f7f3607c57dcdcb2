"""Newswire text tables: figures right-aligned, spans centered and ruled, totals ruled,
and a table too wide for --wrap continues in bands that repeat the label column."""

from __future__ import annotations

import re

import pytest

from prauthor.document import Table
from prauthor.load import load
from prauthor.render import Options, render
from prauthor.resolve import resolve
from tableread import bands, expected_rows, is_rule, read_rows

YEARS = [2025, 2024, 2023, 2022, 2021, 2020]
SPEC = """\
type: earnings
company: corvane
headline: Six years of results
dateline: {{cities: [Cambridge, MA], date: 2026-02-26}}
lead: today reported results.
body:
  - table:
      title: Six-Year Summary
      units: in thousands
      columns: [label, currency, currency, currency, currency, currency, currency]
      header:
        - ["", {{text: Year Ended December 31, span: 6}}]
        - ["", {years}]
      rows:
        - section: "Operating expenses:"
{rows}
        - total: ["    Total operating expenses", {totals}]
        - ["Net loss per share", {per_share}]
        - ["Not meaningful", NM, —, "", 1, 2, 3]
"""


def wide_spec(folder, rows: int = 6):
    """Write a seven-column table (labels and six years) and return the spec's path."""
    lines = [f'        - ["  Research program number {n}", '
             + ", ".join(str(123456 * (n + 1) + y) for y in range(6)) + "]" for n in range(rows)]
    path = folder / "wide.yaml"
    path.write_text(SPEC.format(
        years=", ".join(map(str, YEARS)), rows="\n".join(lines),
        totals=", ".join(str(-1234567 - y) for y in range(6)),
        per_share=", ".join(f"-{y}.5{y}" for y in range(6))), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    doc = resolve(load(wide_spec(tmp_path_factory.mktemp("wide"))))
    (table,) = [b for b in doc.body if isinstance(b, Table)]
    return doc, table


def text(doc, **options) -> str:
    return render(doc, "txt", Options(**options)).decode("utf-8")


def band_lines(doc, table, **options) -> list[list[str]]:
    return bands(text(doc, **options), table.title)


def test_unwrapped_table_is_one_band_with_figures_right_aligned(wide):
    doc, table = wide
    (band,) = band_lines(doc, table)
    body = [line for line in band if re.search(r"\d\)?$", line) and not line.startswith(" " * 20)]
    figure_ends = {len(line) - (1 if line.endswith(")") else 0) for line in body}
    assert len(figure_ends) == 1  # digits end in one column; ")" hangs past it


def test_header_span_is_centered_over_its_columns_and_ruled(wide):
    doc, table = wide
    (band,) = band_lines(doc, table)
    span_line, rule, years = band[0], band[1], band[2]
    assert is_rule(rule) and rule.strip() == "-" * len(rule.strip())
    left, right = len(rule) - len(rule.lstrip()), len(rule)
    middle = (left + right) / 2
    text_middle = (span_line.index("Year") + len(span_line.rstrip())) / 2
    assert abs(text_middle - middle) <= 1
    assert years.split() == [str(y) for y in YEARS]


def test_total_rows_are_ruled_under_each_figure(wide):
    doc, table = wide
    (band,) = band_lines(doc, table)
    total = next(i for i, line in enumerate(band) if "Total operating expenses" in line)
    assert is_rule(band[total - 1]) and len(band[total - 1].split()) == 6


@pytest.mark.parametrize("width", [80, 60, 40])
def test_wide_table_continues_in_bands_that_repeat_the_labels(wide, width):
    doc, table = wide
    found = band_lines(doc, table, wrap=width)
    assert len(found) >= 2
    expected = expected_rows(table)
    labels = [label for label, _ in expected]
    figures = [[] for _ in expected]
    for band in found:
        assert all(len(line) <= width for line in band)
        rows = read_rows(band, labels)
        assert [label for label, _ in rows] == labels
        for index, (_, read) in enumerate(rows):
            figures[index] += read
    assert list(zip(labels, figures, strict=True)) == expected
    whole = text(doc, wrap=width)
    assert all(len(line) <= width for line in whole.splitlines())
    assert f"{table.title} (continued)" in whole.splitlines()


def test_ascii_text_keeps_columns_aligned(wide):
    doc, table = wide
    (band,) = band_lines(doc, table, ascii=True)
    assert all(line.isascii() for line in band)
    row = next(line for line in band if line.startswith("Not meaningful"))
    assert row.split()[2:5] == ["NM", "--", "1"]
    first = next(line for line in band if "number 0" in line)
    assert len(row) - len(first) in (0, 1)


def test_hand_built_rows_may_be_short_or_span_columns():
    from prauthor.document import Cell, Row, Span
    from prauthor.render.text_table import table_chunks

    def cell(text, kind="label", span=1, indent=0):
        return Cell((Span(text),), kind, colspan=span, indent=indent)

    table = Table(title="T", units=None, header=(
        Row((cell(""), cell("Three Months Ended", "text", 2)), "header"),
        Row((cell(""), cell("2026", "number"), cell("2025", "number")), "header")),
        rows=(Row((cell("Revenue"),), "section"),
              Row((cell("Product", indent=1), cell("$1,234.5", "currency"),
                   cell("(12.4)", "number")), "body"),
              Row((cell("A note that spans the figures", span=3),), "body")))
    (chunk,) = table_chunks(table, 80)
    assert chunk == ["T",
                     "           Three Months Ended",
                     "           ------------------",
                     "              2026      2025",
                     "Revenue",
                     "  Product   $1,234.5   (12.4)",
                     "A note that spans the figures"]
