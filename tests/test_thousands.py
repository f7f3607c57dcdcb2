"""A dot written as a thousands separator (97.220) is told apart from three decimals."""

from __future__ import annotations

import json

import pytest

from governance_helpers import make_desk, spec, write_spec

EUROPEAN_CSV = 'header,,2025,2024\n,Revenue,"97.220","1,234"\n,Cost,62.764,812\n' \
               'total,Gross profit,"34,456",422\n'


@pytest.fixture
def desk(tmp_path):
    return make_desk(tmp_path / "desk")


def table(**fields) -> dict:
    return {"table": {"title": "Selected Results", "columns": ["label", "currency", "currency"],
                      **fields}}


def check(cli, path) -> list[dict]:
    code, out, err = cli("check", "--format", "json", path)
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["rule"] == "thousands-separator"]


def test_a_european_csv_is_warned_at_each_figure(cli, desk):
    (desk / "releases" / "results.csv").write_text(EUROPEAN_CSV, encoding="utf-8")
    path = write_spec(desk, spec(body=[table(csv="results.csv")]))
    found = check(cli, path)
    assert [(f["file"], f["line"], f["severity"]) for f in found] == [
        (str(desk / "releases" / "results.csv"), 2, "warning"),
        (str(desk / "releases" / "results.csv"), 3, "warning")]
    assert found[0]["message"] == (
        "column 3: '97.220' is read as a figure with three decimals among whole figures; if "
        "the dot separates thousands, as many European spreadsheets write them, write 97,220")
    assert "write 62,764" in found[1]["message"]


def test_render_warns_and_the_us_form_is_quiet_and_printed_whole(cli, desk, tmp_path):
    csv = desk / "releases" / "results.csv"
    csv.write_text(EUROPEAN_CSV, encoding="utf-8")
    path = write_spec(desk, spec(body=[table(csv="results.csv")]))
    code, _, err = cli("render", path, "-f", "txt", "-o", tmp_path / "out")
    assert code == 0 and f"{csv}:2: warning: column 3: '97.220' is read as" in err
    assert "$97.220" in (tmp_path / "out" / "release" / "release.draft.txt").read_text()
    csv.write_text(EUROPEAN_CSV.replace('"97.220"', '"97,220"').replace("62.764", '"62,764"'),
                   encoding="utf-8")
    assert check(cli, path) == []
    code, _, err = cli("render", path, "-f", "txt", "-o", tmp_path / "fixed")
    text = (tmp_path / "fixed" / "release" / "release.draft.txt").read_text()
    assert code == 0 and "thousands" not in err and "$97,220" in text and "62,764" in text


def test_an_inline_table_is_warned_at_the_spec_line_as_written(cli, desk):
    rows = [["Revenue", 97.220, "1,234"], ["Cost", "62.764", 812],
            {"total": ["Gross profit", "34,456", 422]}]
    path = write_spec(desk, spec(body=[table(rows=rows)]))
    # YAML reads 97.220 as 97.22: the warning quotes the figure as the spec writes it.
    path.write_text(path.read_text().replace("97.22\n", "97.220\n"), encoding="utf-8")
    lines = path.read_text().splitlines()
    found = check(cli, path)
    assert [f["message"].split(":")[0] for f in found] == [
        "body[0].table.rows[0][1]", "body[0].table.rows[1][1]"]
    assert "'97.220'" in found[0]["message"] and "write 97,220" in found[0]["message"]
    for finding, figure in zip(found, ("97.220", "62.764"), strict=True):
        assert figure in lines[finding["line"] - 1]


@pytest.mark.parametrize("columns, rows", [
    # earnings per share to three places, the column consistent
    (["label", "currency"], [["Net income per share", 1.234], ["Diluted", "1.201"]]),
    # three decimals elsewhere in the column: a dot is a decimal point there
    (["label", "number"], [["Shares", 1200], ["Ratio", "1.234"], ["Yield", "0.125"]]),
    # a column that fixes three decimals
    (["label", {"kind": "number", "decimals": 3}], [["Shares", 1200], ["Ratio", "1.234"]]),
    # percentages
    (["label", "percent"], [["Margin", 12], ["Growth", "12.345"]]),
    (["label", "number"], [["Shares", 1200], ["Growth", "12.345%"]]),
    # a row of its own kind and decimals
    (["label", "currency"], [["Revenue", 1200],
                             {"cells": ["Price", "1.234"], "kind": "number", "decimals": 3}]),
    # a table of earnings per share to three places beside share counts
    (["label", "number", "currency"], [["Basic", "18,442,106", "1.234"],
                                       ["Diluted", "18,905,330", "1.201"]]),
    (["label", "currency", "currency"], [["Basic", "1.234", "1.101"],
                                         ["Diluted", "1.201", "1.099"]]),
    # a figure that no European writes for thousands
    (["label", "currency"], [["Revenue", 1200], ["Price", "0.125"], ["Cost", "1234.567"]]),
])
def test_genuine_decimals_are_quiet(cli, desk, columns, rows):
    path = write_spec(desk, spec(body=[{"table": {"columns": columns, "rows": rows}}]))
    assert check(cli, path) == []


def test_a_european_table_in_the_appendix_is_warned(cli, desk):
    rows = [["Revenue", "$97.220", "$1,234"], ["Cost", "(62.764)", "(812)"]]
    path = write_spec(desk, spec(appendix=[table(rows=rows)]))
    found = check(cli, path)
    assert [f["message"].split(":")[0] for f in found] == [
        "appendix[0].table.rows[0][1]", "appendix[0].table.rows[1][1]"]
    assert "'$97.220'" in found[0]["message"] and "write 97,220" in found[0]["message"]
