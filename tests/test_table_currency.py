"""House style for table figures: the currency sign attached or set apart, nils without a
sign, and rows whose figures take their own kind (a share count among currency columns)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import samples
from conftest import REFERENCE, require_tool
from prauthor.document import Paragraph, Table, plain
from prauthor.errors import InputError
from prauthor.load import load
from prauthor.render import Options, render
from prauthor.render.text_table import table_chunks
from prauthor.resolve import resolve
from prauthor.spec import Table as TableSpec
from prauthor.tables import resolve_table
from prauthor.yamlsource import load_yaml
from readback import compare_module, pdf_text
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


def test_misspelled_row_keys_are_read_as_the_row_meant(tmp_path):
    spec = write_spec(tmp_path, """
columns: [label, currency]
rows:
  - {cell: [Shares, 2], kind: number}
  - {totl: [Total, 3]}
  - {secton: Assets}
""")
    with pytest.raises(InputError) as caught:
        load(spec)
    assert [str(p) for p in caught.value.problems] == [
        f"{spec}:10: body[0].table.rows[0].cell: unknown field 'cell' (did you mean 'cells'?)",
        f"{spec}:11: body[0].table.rows[1].totl: unknown field 'totl' (did you mean 'total'?)",
        f"{spec}:12: body[0].table.rows[2].secton: unknown field 'secton' (did you mean "
        "'section'?)",
    ]


@settings(max_examples=60, deadline=None)
@given(first=st.lists(st.sampled_from(["total", "number", "percent", "currency", "section",
                                       "header", "Total", "numbr", "", "x", "#"]),
                      max_size=3).map(" ".join)
       | st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12))
def test_any_csv_row_kind_is_a_row_or_a_located_problem(tmp_path_factory, first):
    folder = tmp_path_factory.mktemp("csvkind")
    (folder / "t.csv").write_text(f'"{first.replace(chr(34), "")}",Shares,1\n,Revenue,2\n',
                                  encoding="utf-8")
    try:
        table = table_in(folder, "columns: [label, currency]\ncsv: t.csv\n", "apart")
    except InputError as error:
        assert all(p.file == folder / "t.csv" and p.line == 1 for p in error.problems)
    else:
        assert 1 <= len(table.rows) <= 2


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


# -- the sign set apart in HTML, PDF and Word ----------------------------------------------

APART = """
title: Condensed Statements of Operations
units: in thousands, except share data
columns: [label, currency, currency]
header:
  - ["", {text: "Three Months Ended September 30,", span: 2}]
  - ["", 2025, 2024]
rows:
  - [Revenue, 4812, 3957]
  - [Cost of revenue, 2671, 2298]
  - section: "Operating expenses:"
  - ["  Restructuring", —, 386]
  - total: ["    Total operating expenses", 2950, 2962]
  - total: [Net loss, -873, -1374]
  - ["Net loss per share", $(0.05), $(0.08)]
  - {cells: ["Weighted-average shares", 18442106, 16905330], kind: number}
"""
# What each figure column shows, row by row: (sign set apart, figure).
APART_CELLS = [
    [("$", "4,812"), ("$", "3,957")], [("", "2,671"), ("", "2,298")], None,
    [("", "—"), ("", "386")], [("$", "2,950"), ("$", "2,962")],
    [("$", "(873)"), ("$", "(1,374)")], [("$", "(0.05)"), ("$", "(0.08)")],
    [("", "18,442,106"), ("", "16,905,330")]]


@pytest.fixture(scope="module")
def apart(tmp_path_factory):
    """Return a release whose one table sets its currency signs apart, and that table."""
    table = table_in(tmp_path_factory.mktemp("apart"), APART, "apart")
    assert cells(table)[:2] == APART_CELLS[:2]
    return samples.document(body=[Paragraph(samples.text("Results follow.")), table]), table


class _FigureCells(HTMLParser):
    """Collect each body row's td.num cells as lists of (element class, text) pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[list[tuple[str, str]]]] = []
        self.cell: list[tuple[str, str]] | None = None
        self.inner: str | None = None
        self.body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self.body = True
        elif tag == "tr" and self.body:
            self.rows.append([])
        elif tag == "td" and self.body and "num" in (attrs.get("class") or "").split():
            self.cell = []
            self.rows[-1].append(self.cell)
        elif tag == "span" and self.cell is not None:
            self.inner = attrs.get("class") or ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        elif tag == "span":
            self.inner = None
        elif tag == "tbody":
            self.body = False

    def handle_data(self, data):
        if self.cell is not None and data.strip():
            self.cell.append((self.inner or "", data.strip()))


def test_html_sets_the_sign_in_its_own_element(apart):
    doc, _ = apart
    page = render(doc, "html", Options(draft=False)).decode("utf-8")
    parser = _FigureCells()
    parser.feed(page)
    expected = [[[("sign", sign), ("figure", text)] if sign else [("", text)]
                 for sign, text in row] if row else [] for row in APART_CELLS]
    assert parser.rows == expected
    assert re.search(r"td\.num \.sign \{[^}]*float: left", page)


SIGN_PROBE = """<script>
const box = (el) => el.getBoundingClientRect();
document.body.dataset.probe = JSON.stringify([...document.querySelectorAll("td.num")]
  .filter((td) => td.querySelector(".sign")).map((td) => {
    const style = getComputedStyle(td);
    const left = box(td).left + parseFloat(style.paddingLeft);
    const right = box(td).right - parseFloat(style.paddingRight);
    return [box(td.querySelector(".sign")).left - left,
            right - box(td.querySelector(".figure")).right,
            box(td.querySelector(".figure")).left - box(td.querySelector(".sign")).right];
  }));
</script>"""


def test_chromium_puts_the_sign_flush_left_and_the_figure_flush_right(apart, tmp_path):
    chromium = require_tool("chromium")
    doc, _ = apart
    page = tmp_path / "apart.html"
    html = render(doc, "html", Options(draft=False)).decode("utf-8")
    page.write_text(html.replace("</body>", SIGN_PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1000,1000",
         "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert found, done.stderr[-500:]
    placed = json.loads(found.group(1).replace("&quot;", '"'))
    assert len(placed) == 8  # the signed figures of APART_CELLS
    for sign_gap, figure_gap, between in placed:
        assert abs(sign_gap) < 1 and abs(figure_gap) < 1 and between > 20, placed


def _words(pdf: bytes) -> list[tuple[str, float, float, float]]:
    """Return each word of a PDF's first page as (text, xMin, xMax, yMin)."""
    xml = pdf_text(pdf, "-bbox", "-f", "1", "-l", "1")
    return [(html.unescape(m.group(5)), float(m.group(1)), float(m.group(3)), float(m.group(2)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">([^<]*)</word>', xml)]


def assert_signs_flush_left(pdf: bytes) -> None:
    """Check a laid-out page: the signs of a column share one left edge, the figures one
    right edge, and each sign stands clear left of the figure on its line."""
    words = _words(pdf)
    signs = [w for w in words if w[0] == "$"]
    assert len(signs) == 8, words
    columns = sorted({round(w[1]) for w in signs})
    assert len(columns) == 2, signs
    for sign in signs:
        figure = min((w for w in words if abs(w[3] - sign[3]) < 3 and w[1] > sign[2]),
                     key=lambda w: w[1])
        assert figure[1] - sign[2] > 20, (sign, figure)
    for shown in ("4,812", "2,671", "(873)", "18,442,106"):  # right edges of column one
        assert any(w[0] == shown for w in words), shown
    rights = {round(w[2]) for w in words if w[0] in ("4,812", "2,671", "(873)", "18,442,106")}
    assert max(rights) - min(rights) <= 1, rights


def test_pdf_puts_the_sign_flush_left_and_the_figure_flush_right(apart):
    require_tool("pdftotext")
    assert_signs_flush_left(render(apart[0], "pdf", Options(draft=False)))


def _word_cells(data: bytes) -> list[list[tuple[str, str, int]]]:
    """Return the first Word table's rows as (text, paragraph style, grid span) cells."""
    word = WordDocument(BytesIO(data))
    table = word.tables[0]
    return [[(" ".join(tc.xpath("string(.)").split()), paragraph_style(word, tc), tc.grid_span)
             for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def paragraph_style(word, tc) -> str:
    (style_id,) = tc.xpath("./w:p/w:pPr/w:pStyle/@w:val")
    return next(s.name for s in word.styles if s.style_id == style_id)


def test_word_sets_the_sign_in_a_flush_left_cell_beside_its_figure(apart):
    doc, _ = apart
    data = render(doc, "docx", Options(draft=False))
    rows = _word_cells(data)
    assert [(text, span) for text, _, span in rows[0]] == [
        ("", 1), ("Three Months Ended September 30,", 4)]
    assert [(text, span) for text, _, span in rows[1]] == [("", 1), ("2025", 2), ("2024", 2)]
    body = rows[2:]
    for row, expected in zip(body, APART_CELLS, strict=True):
        if expected is None:  # the section row: its empty cells span sign and figure
            assert [span for *_, span in row] == [1, 2, 2]
            continue
        total = row[1][1] == "Table Total Sign"
        assert [(text, style) for text, style, _ in row[1:]] == [
            piece for sign, text in expected for piece in (
                (sign, "Table Total Sign" if total else "Table Sign"),
                (text, "Table Total Figure" if total else "Table Figure"))]
    word = WordDocument(BytesIO(data))
    assert word.styles["Table Sign"].paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
    assert word.styles["Table Figure"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    grid = [int(col.get(qn("w:w"))) for col in word.tables[0]._tbl.tblGrid.gridCol_lst]
    assert len(grid) == 5 and grid[1] < grid[2] / 4 and grid[3] < grid[4] / 4


def test_libreoffice_lays_out_the_word_signs_flush_left(apart, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    (tmp_path / "apart.docx").write_bytes(render(apart[0], "docx", Options(draft=False)))
    done = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(tmp_path / "apart.docx")], capture_output=True, text=True,
                          timeout=300)
    assert (tmp_path / "apart.pdf").is_file(), done.stdout + done.stderr
    assert_signs_flush_left((tmp_path / "apart.pdf").read_bytes())


def test_word_keeps_an_older_desk_template_without_sign_styles_working(apart):
    from prauthor.render.docx_blocks import Writer

    styles = {name: name.replace(" ", "") for name in (
        "Table Title", "Table Units", "Table Heading", "Table Heading Label", "Table Label",
        "Table Label 2", "Table Label 3", "Table Section", "Table Figure", "Table Total Label",
        "Table Total Figure", "Table Note", "Table Note Reference", "Financial Table")}
    xml = Writer(styles, lambda url: "rId1", lambda level: 1, 9360).table(apart[1])
    assert "TableSign" not in xml and xml.count('<w:pStyle w:val="TableTotalFigure"/>') == 8


def test_the_house_style_sets_signs_apart_in_every_format(tmp_path):
    spec = write_spec(tmp_path, APART)
    spec.write_text(spec.read_text().replace("body:", "style: {tables: {currency: apart}}\nbody:"),
                    encoding="utf-8")
    doc = resolve(load(spec))
    (table,) = [b for b in doc.body if isinstance(b, Table)]
    assert [row and [(s, t) for s, t in row] for row in cells(table)] == [
        row or [("", ""), ("", "")] for row in APART_CELLS]
    text = render(doc, "txt", Options(draft=False)).decode("utf-8")
    assert re.search(r"^Revenue +\$ 4,812 +\$ 3,957$", text, re.MULTILINE)
    page = render(doc, "html", Options(draft=False)).decode("utf-8")
    assert page.count('<span class="sign">$</span>') == 8
    rows = _word_cells(render(doc, "docx", Options(draft=False)))
    assert [text for text, *_ in rows[2]] == ["Revenue", "$", "4,812", "$", "3,957"]
