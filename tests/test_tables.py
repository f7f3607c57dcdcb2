"""Tables resolve to final cell text; bad cells are located problems, all at once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prauthor.document import Table, plain
from prauthor.errors import InputError
from prauthor.load import load
from prauthor.resolve import resolve
from prauthor.tables import format_figure, read_figure

SPEC = """\
type: earnings
company: corvane
headline: Results
dateline: {{cities: [Cambridge, MA], date: 2026-02-26}}
lead: today reported results.
body:
  - table:
{table}
"""


def write_spec(folder: Path, table: str, name: str = "release.yaml") -> Path:
    """Write a spec whose body is one table (YAML indented under `table:`)."""
    body = "\n".join("      " + line for line in table.strip("\n").splitlines())
    path = folder / name
    path.write_text(SPEC.format(table=body), encoding="utf-8")
    return path


def table_of(folder: Path, table: str) -> Table:
    """Resolve a spec holding one table and return the Table."""
    doc = resolve(load(write_spec(folder, table)))
    return next(block for block in doc.body if isinstance(block, Table))


def texts(table: Table) -> list[list[str]]:
    return [[plain(cell.spans) for cell in row.cells] for row in table.rows]


def problems(folder: Path, table: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        resolve(load(write_spec(folder, table)))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("value, decimals, sign, percent, expected", [
    ("1234", 0, "", False, "1,234"),
    ("-1234.5", 1, "", False, "(1,234.5)"),
    ("-32", 0, "$", False, "$(32)"),
    ("1247", 0, "$", False, "$1,247"),
    ("2.705", 2, "", False, "2.71"),  # half up, as filings round
    ("22", 1, "", True, "22.0%"),
    ("-3", 1, "", True, "(3.0)%"),
    ("-0.004", 2, "", False, "0.00"),  # no "(0.00)" for a figure that rounds to zero
    ("1234567.891", 2, "€", False, "€1,234,567.89"),
])
def test_format_figure(value, decimals, sign, percent, expected):
    assert format_figure(Decimal(value), decimals, sign, percent) == expected


@pytest.mark.parametrize("written, value, decimals, currency, percent", [
    ("4,373", "4373", 0, False, False),
    ("(32)", "-32", 0, False, False),
    ("$(1,400)", "-1400", 0, True, False),
    ("-$2.72", "-2.72", 2, True, False),
    ("2.70", "2.70", 2, False, False),
    ("(3.0)%", "-3.0", 1, False, True),
    ("18.5%", "18.5", 1, False, True),
])
def test_read_figure(written, value, decimals, currency, percent):
    figure = read_figure(written)
    assert (figure.value, figure.decimals, figure.currency, figure.percent) == (
        Decimal(value), decimals, currency, percent)


@pytest.mark.parametrize("written, shown", [("—", "—"), ("-", "—"), ("", ""), ("NM", "NM")])
def test_read_figure_keeps_dashes_blanks_and_words(written, shown):
    assert read_figure(written) == shown


@pytest.mark.parametrize("written", ["n.a.", "12a", "1,23", "$", "1.2.3", ".5"])
def test_read_figure_refuses_what_is_not_a_figure(written):
    with pytest.raises(ValueError):
        read_figure(written)


def test_currency_sign_on_first_figure_and_totals_only(tmp_path):
    table = table_of(tmp_path, """
columns: [label, currency, {kind: number, decimals: 1}]
rows:
  - section: "Revenue:"
  - ["  Product", 4373, 12.25]
  - ["  Services", -32, 7]
  - total: ["    Total revenue", 4341, 19.25]
  - [Diluted net income per share, $2.71, 1]
  - [Shares, 460, —]
""")
    assert texts(table) == [
        ["Revenue:", "", ""],
        ["Product", "$4,373", "12.3"],
        ["Services", "(32)", "7.0"],
        ["Total revenue", "$4,341", "19.3"],
        ["Diluted net income per share", "$2.71", "1.0"],
        ["Shares", "460", "—"],
    ]
    assert [row.kind for row in table.rows] == ["section", "body", "body", "total", "body", "body"]
    assert [row.cells[0].indent for row in table.rows] == [0, 1, 1, 2, 0, 0]


def test_decimals_as_written_unless_the_column_fixes_them(tmp_path):
    table = table_of(tmp_path, """
columns: [label, number, {kind: percent, decimals: 1}]
rows:
  - [Per share, 2.70, 22]
  - [Mixed, "1,000.5", 0.46]
""")
    assert texts(table) == [["Per share", "2.70", "22.0%"], ["Mixed", "1,000.5", "0.5%"]]


def test_written_percent_in_a_currency_column_is_a_percent(tmp_path):
    table = table_of(tmp_path, """
columns: [label, currency]
rows:
  - [Revenue, 100]
  - [Operating margin, 34.1%]
""")
    assert [(plain(r.cells[1].spans), r.cells[1].kind) for r in table.rows] == [
        ("$100", "currency"), ("34.1%", "percent")]


def test_header_spans_units_and_footnotes(tmp_path):
    table = table_of(tmp_path, """
title: Non-GAAP Results
units: In millions
columns: [label, currency, currency]
header:
  - ["", {text: Three Months Ended, span: 2}]
  - ["", "March 3, 2023", "March 4, 2022[^a]"]
rows:
  - ["Acquisition-related expenses[^*]", 33, —]
footnotes:
  "*": Includes deal costs.
  a: Restated.
""")
    assert table.title == "Non-GAAP Results" and table.units == "(In millions)"
    assert [[(plain(c.spans), c.colspan) for c in row.cells] for row in table.header] == [
        [("", 1), ("Three Months Ended", 2)],
        [("", 1), ("March 3, 2023", 1), ("March 4, 2022", 1)]]
    assert table.header[1].cells[2].footnotes == ("a",)
    assert table.rows[0].cells[0].footnotes == ("*",)
    assert [(m, plain(s)) for m, s in table.footnotes] == [("*", "Includes deal costs."),
                                                           ("a", "Restated.")]


def test_rows_from_csv_beside_the_spec(tmp_path):
    (tmp_path / "bs.csv").write_text(
        "\ufeff# a comment line\n"
        'header,,"March 3, 2023",\n'
        "section,Current assets:,,\n"
        ',  Cash,"$4,072",4236\n'
        ',"  Receivables, net",(17),\n'
        "total,    Total,4055,4236\n", encoding="utf-8")
    table = table_of(tmp_path, "columns: [label, currency, currency]\ncsv: bs.csv\n")
    assert [[(plain(c.spans), c.colspan) for c in row.cells] for row in table.header] == [
        [("", 1), ("March 3, 2023", 2)]]
    assert texts(table) == [["Current assets:", "", ""], ["Cash", "$4,072", "$4,236"],
                            ["Receivables, net", "(17)", ""], ["Total", "$4,055", "$4,236"]]
    assert [row.cells[0].indent for row in table.rows] == [0, 1, 1, 2]


def test_bad_inline_cells_are_located_all_at_once(tmp_path):
    found = problems(tmp_path, """
columns: [label, number, number]
header:
  - ["", {text: Year, span: 3}]
rows:
  - [Revenue, 100, n/a.]
  - [Short, 1]
  - ["Note[^9]", 1, 2]
footnotes:
  "1": Never cited.
""")
    assert found == [
        f"{tmp_path / 'release.yaml'}:10: body[0].table.header[0]: the header cells span 4 "
        "columns; the table has 3",
        f"{tmp_path / 'release.yaml'}:12: body[0].table.rows[0][2]: 'n/a.' is not a number "
        "figure: write a figure such as 1,234.5 or (56), — for none, or leave it empty",
        f"{tmp_path / 'release.yaml'}:13: body[0].table.rows[1]: the row has 2 cells; the "
        "table has 3 columns",
        f"{tmp_path / 'release.yaml'}:14: body[0].table.rows[2][0]: footnote [^9] is not in "
        "the table's footnotes",
        f"{tmp_path / 'release.yaml'}:16: body[0].table.footnotes.1: footnote '1' is never "
        "cited; cite it in a cell as [^1]",
    ]


def test_bad_csv_cells_name_the_csv_file_line_and_column(tmp_path):
    (tmp_path / "t.csv").write_text(
        "header,,2023,2022\n"
        ",Revenue,100,abc\n"
        "\n"
        ',  "Receivables, net",1,2\n'
        "subtotal,Total,1,2\n"
        "section,Assets,1,\n", encoding="utf-8")
    found = problems(tmp_path, "columns: [label, currency, currency]\ncsv: t.csv\n")
    csv = tmp_path / "t.csv"
    assert found == [
        f"{csv}:2: column 4: 'abc' is not a currency figure: write a figure such as "
        "1,234.5 or (56), — for none, or leave it empty",
        f"{csv}:4: the row has 4 cells; the table has 3 columns",
        f"{csv}:5: column 1: 'subtotal' is not a row kind (did you mean 'total'?): leave it "
        "empty, or write header, section or total, or a figure kind (number, currency, "
        "percent), alone or after total",
        f"{csv}:6: column 3: a section row has a label and no other cells",
    ]


@pytest.mark.parametrize("written", ["../outside.csv", "/etc/passwd"])
def test_csv_outside_the_release_folder_and_desk_is_refused(tmp_path, written):
    folder = tmp_path / "desk" / "releases"
    folder.mkdir(parents=True)
    (tmp_path / "desk" / "outside.csv").write_text(",a,1\n")
    found = problems(folder, f"columns: [label, number]\ncsv: {written}\n")
    assert found == [f"{folder / 'release.yaml'}:9: body[0].table.csv: '{written}' is outside "
                     "the release's folder and its desk"]


def test_missing_csv_is_a_located_problem(tmp_path):
    found = problems(tmp_path, "columns: [label, number]\ncsv: nothing.csv\n")
    assert found == [f"{tmp_path / 'release.yaml'}:9: body[0].table.csv: 'nothing.csv' does "
                     f"not exist (looked for {tmp_path / 'nothing.csv'})"]


def test_a_table_takes_rows_or_csv(tmp_path):
    found = problems(tmp_path, "columns: [label, number]\ncsv: a.csv\nrows: [[a, 1]]\n")
    assert found == [f"{tmp_path / 'release.yaml'}:7: body[0].table: a table takes its rows "
                     "from 'rows' or from 'csv', not both"]


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False),
       st.integers(min_value=0, max_value=4), st.sampled_from(["", "$", "€"]), st.booleans())
def test_formatted_figures_read_back_to_their_rounded_value(value, decimals, sign, percent):
    written = format_figure(value, decimals, sign, percent)
    figure = read_figure(written, sign or "$")
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert (figure.value, figure.decimals, figure.percent) == (rounded, decimals, percent)
    assert figure.currency == bool(sign)
