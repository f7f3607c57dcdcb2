"""House style for table figures: the currency sign attached or set apart, nils without a
sign, and rows whose figures take their own kind (a share count among currency columns)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REFERENCE
from prauthor.document import Table, plain
from prauthor.errors import InputError
from prauthor.load import load
from prauthor.render.text_table import table_chunks
from prauthor.resolve import resolve
from prauthor.spec import Table as TableSpec
from prauthor.tables import resolve_table
from prauthor.yamlsource import load_yaml
from readback import compare_module
from test_tables import write_spec

HALVARD = REFERENCE / "styles" / "halvard"
HALVARD_SPEC = HALVARD / "releases" / "2025-11-13-q3-results.yaml"
HALVARD_TEXT = HALVARD / "expected" / "2025-11-13-q3-results.accessnewswire.txt"


def halvard_table(currency: str) -> Table:
    """Resolve the table of Halvard's results release with the currency set as asked."""
    source = load_yaml(HALVARD_SPEC)
    spec = TableSpec.model_validate(source.data["appendix"][0]["table"])
    problems: list = []
    table = resolve_table(spec, source, ("appendix", 0, "table"), HALVARD, problems, currency)
    assert problems == []
    return table


def table_in(folder: Path, table: str, currency: str = "attached") -> Table:
    """Resolve the one table of a spec written in `folder`, with the currency as asked."""
    loaded = load(write_spec(folder, table))
    problems: list = []
    resolved = resolve_table(loaded.spec.body[0].table, loaded.source, ("body", 0, "table"),
                             loaded.desk.root, problems, currency)
    if problems:
        raise InputError(problems)
    return resolved


def cells(table: Table) -> list[list[tuple[str, str]]]:
    """Return each body row's figure cells as (sign set apart, text)."""
    return [[(c.sign, plain(c.spans)) for c in row.cells[1:]] for row in table.rows]


def text_lines(table: Table) -> list[str]:
    return [line for chunk in table_chunks(table, None) for line in chunk]


def test_halvard_table_text_matches_its_expected_lines(needs_shared):
    compare = compare_module()
    expected = compare.lines(HALVARD_TEXT.read_text(encoding="utf-8"))
    start = expected.index("Condensed Statements of Operations")
    table = compare.lines("\n".join(text_lines(halvard_table("apart"))))
    assert table == expected[start:start + len(table)]
    assert expected[start + len(table):] == ["-30-"]  # the table is the last thing before it


def test_halvard_signs_apart_stand_one_space_before_the_figure(needs_shared):
    lines = text_lines(halvard_table("apart"))
    assert [line.split("  ")[-1].strip() for line in lines if line.startswith(
        ("Revenue", "    Total", "Net loss  ", "Net loss per", "Weighted"))] == [
        "$ 3,957", "$ 2,962", "$ (1,374)", "$ (0.08)", "16,905,330"]
    revenue = next(line for line in lines if line.startswith("Revenue"))
    assert revenue.endswith("$ 3,957") and "$ 4,812" in revenue


def test_apart_and_attached_put_the_same_signs_on_the_same_figures(needs_shared):
    apart, attached = cells(halvard_table("apart")), cells(halvard_table("attached"))
    assert [[sign + text for sign, text in row] for row in apart] == [
        [text for _, text in row] for row in attached]
    assert all(sign == "" for row in attached for sign, _ in row)
    assert apart[0] == [("$", "4,812"), ("$", "3,957")]
    assert apart[1] == [("", "2,671"), ("", "2,298")]
    assert apart[6] == [("", "—"), ("", "386")]  # the nil


@pytest.mark.parametrize("currency", ["attached", "apart"])
def test_a_nil_never_carries_a_sign(tmp_path, currency):
    table = table_in(tmp_path, """
columns: [label, currency, currency]
rows:
  - [Grants, —, "$—"]
  - [Revenue, 100, "$ —"]
  - total: [Total, —, "-"]
  - total: [Net, $(5), 7]
""", currency)
    shown = [[sign + text for sign, text in row] for row in cells(table)]
    assert shown == [["—", "—"], ["$100", "—"], ["—", "—"], ["$(5)", "$7"]]
    text = "\n".join(text_lines(table))
    assert "$—" not in text and "$ —" not in text and "$  —" not in text


@pytest.mark.parametrize("currency", ["attached", "apart"])
def test_a_row_kind_overrides_its_columns_kind(tmp_path, currency):
    table = table_in(tmp_path, """
columns: [label, currency, {kind: currency, decimals: 1}]
rows:
  - {cells: [Shares outstanding, 18442106, 16905330], kind: number}
  - [Revenue, 4812, 3957]
  - [Cost, 2671, 2298]
  - {cells: [Gross margin, 44.5, 41.87], kind: percent, decimals: 1}
  - {total: [Total shares, 18442106, 16905330], kind: number}
  - total: [Net loss, -873, -1374]
""", currency)
    shown = [[sign + text for sign, text in row] for row in cells(table)]
    assert shown == [
        ["18,442,106", "16,905,330"],  # no sign, and not the column's decimals
        ["$4,812", "$3,957.0"],        # the column's first currency figure takes the sign
        ["2,671", "2,298.0"],
        ["44.5%", "41.9%"],
        ["18,442,106", "16,905,330"],  # a total of shares: ruled, never a sign
        ["$(873)", "$(1,374.0)"],
    ]
    assert [c.kind for c in table.rows[0].cells[1:]] == ["number", "number"]
    assert [row.kind for row in table.rows] == ["body"] * 4 + ["total"] * 2


def test_a_currency_row_in_number_columns_carries_the_sign(tmp_path):
    table = table_in(tmp_path, """
columns: [label, number]
rows:
  - [Units shipped, 1200]
  - {cells: [Revenue per unit, 412.50], kind: currency}
""", "apart")
    assert cells(table) == [[("", "1,200")], [("$", "412.50")]]


def test_csv_rows_name_their_figure_kind(tmp_path):
    (tmp_path / "t.csv").write_text(
        "number,Shares,18442106,16905330\n"
        ",Revenue,4812,3957\n"
        "Total Number,Total shares,18442106,16905330\n"
        "total,Net loss,-873,-1374\n"
        "percent,Margin,44.5,41.9\n", encoding="utf-8")
    table = table_in(tmp_path, "columns: [label, currency, currency]\ncsv: t.csv\n", "apart")
    assert cells(table) == [
        [("", "18,442,106"), ("", "16,905,330")],
        [("$", "4,812"), ("$", "3,957")],
        [("", "18,442,106"), ("", "16,905,330")],
        [("$", "(873)"), ("$", "(1,374)")],
        [("", "44.5%"), ("", "41.9%")],
    ]
    assert [row.kind for row in table.rows] == ["body", "body", "total", "total", "body"]


def test_unknown_row_kinds_are_located_with_a_did_you_mean(tmp_path):
    spec = write_spec(tmp_path, """
columns: [label, currency]
rows:
  - [Revenue, 1]
  - {cells: [Shares, 2], kind: numbr}
  - {total: [Total, 3], kind: shares}
  - {cells: [Other, 4], kindd: number}
""")
    with pytest.raises(InputError) as caught:
        load(spec)
    assert [str(p) for p in caught.value.problems] == [
        f"{spec}:11: body[0].table.rows[1].kind: 'numbr' is not a figure kind (did you mean "
        "'number'?): write number, currency or percent",
        f"{spec}:12: body[0].table.rows[2].kind: 'shares' is not a figure kind: write "
        "number, currency or percent",
        f"{spec}:13: body[0].table.rows[3].kindd: unknown field 'kindd' (did you mean "
        "'kind'?)",
    ]


def test_unknown_csv_row_kinds_are_located_with_a_did_you_mean(tmp_path):
    (tmp_path / "t.csv").write_text(
        "numbers,Shares,1\n"
        "section number,Assets:,\n"
        "total currency percent,Total,1\n"
        "number,Fine,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        table_in(tmp_path, "columns: [label, currency]\ncsv: t.csv\n")
    csv = tmp_path / "t.csv"
    assert [str(p) for p in caught.value.problems] == [
        f"{csv}:1: column 1: 'numbers' is not a row kind (did you mean 'number'?): leave it "
        "empty, or write header, section or total, or a figure kind (number, currency, "
        "percent), alone or after total",
        f"{csv}:2: column 1: 'section number': a section row has no figures to give a kind",
        f"{csv}:3: column 1: 'total currency percent' names more than one row kind or "
        "figure kind",
    ]


def test_the_written_spec_resolves_with_row_kinds(tmp_path):
    doc = resolve(load(write_spec(tmp_path, """
columns: [label, currency]
rows:
  - {cells: [Shares, 1200], kind: number}
  - [Revenue, 5]
""")))
    (table,) = [b for b in doc.body if isinstance(b, Table)]
    assert [[plain(c.spans) for c in row.cells] for row in table.rows] == [
        ["Shares", "1,200"], ["Revenue", "$5"]]


FIGURES = st.one_of(
    st.integers(-10**9, 10**9).map(str),
    st.decimals(-10**6, 10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["—", "-", "$—", "NM", "", "$(1,400)", "-$2.72", "18.5%"]),
)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(FIGURES, FIGURES, st.booleans()), min_size=1, max_size=6),
       kinds=st.lists(st.sampled_from([None, "number", "percent", "currency"]),
                      min_size=6, max_size=6))
def test_apart_is_attached_with_the_sign_split_off(tmp_path_factory, rows, kinds):
    folder = tmp_path_factory.mktemp("fuzz")
    lines = []
    for (first, second, total), kind in zip(rows, kinds, strict=False):
        figures = f'["Row", "{first}", "{second}"]'
        lines.append(f"  - {{{'total' if total else 'cells'}: {figures}"
                     + (f", kind: {kind}}}" if kind else "}"))
    table = "columns: [label, currency, number]\nrows:\n" + "\n".join(lines)
    apart, attached = table_in(folder, table, "apart"), table_in(folder, table, "attached")
    assert replace(apart, rows=()) == replace(attached, rows=())
    for split, joined in zip(cells(apart), cells(attached), strict=True):
        assert [sign + text for sign, text in split] == [text for _, text in joined]
        assert all(not sign or text not in ("—", "") for sign, text in split)
    for line in text_lines(apart):
        assert "$" not in line or ("$ " in line and "$ —" not in line)
