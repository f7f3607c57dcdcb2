"""`prauthor check --edgar`: one trip test per rule, and Arelle's view of the same files."""

from __future__ import annotations

import json

import pytest

from edgar_arelle import arelle_messages
from prauthor.edgar.check import RULES, check_file

CLEAN = """<html>
<head>
<title>Corvane Reports Results</title>
</head>
<body>
<p align="center" style="font-weight:bold">Corvane Reports Results &#8212; &#8220;Q4&#8221;</p>
<p><a href="#tables">Financial tables</a> &#38; notes at www.corvane.example</p>
<img src="crvn_logo.jpg" alt="Corvane logo" width="120" height="40" />
<table cellpadding="0" style="width:100%"><tr><td><a name="tables">Revenue</a></td>
<td align="right">$1,234</td></tr></table>
</body>
</html>
"""
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 16
# rule -> (text replaced in CLEAN, its replacement, the line the finding is on)
TRIPS = {
    "edgar-character": ("&#8212;", "\u2014", 6),
    "edgar-reference": ("&#8212;", "&#128640;", 6),
    "edgar-tag": ("<p align", "<section>x</section><p align", 6),
    "edgar-attribute": ('<p align="center"', '<p align="center" data-id="1"', 6),
    "edgar-active-content": ("</head>", "<script>run()</script>\n</head>", 4),
    "edgar-external-reference": ('href="#tables"', 'href="https://corvane.example"', 7),
    "edgar-link": ('href="#tables"', 'href="#table"', 7),
    "edgar-image": ('src="crvn_logo.jpg"', 'src="crvn_logo.png"', 8),
    "edgar-nested-table": ("<td><a name", "<td><table><tr><td>x</td></tr></table></td>"
                           "<td><a name", 9),
    "edgar-structure": ("<head>", '<head xmlns="http://www.w3.org/1999/xhtml">', 2),
}


def exhibit(tmp_path, text: str = CLEAN, name: str = "crvn_ex991.htm"):
    (tmp_path / "crvn_logo.jpg").write_bytes(JPEG)
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_clean_exhibit_passes_prauthor_and_arelle(tmp_path):
    path = exhibit(tmp_path)
    assert check_file(path) == []
    assert arelle_messages(path) == []


def test_every_rule_has_a_trip_test():
    assert set(TRIPS) | {"edgar-file-name"} == set(RULES)


@pytest.mark.parametrize("rule", sorted(TRIPS))
def test_each_rule_trips_once_at_its_line(tmp_path, rule):
    old, new, line = TRIPS[rule]
    assert old in CLEAN
    found = check_file(exhibit(tmp_path, CLEAN.replace(old, new, 1)))
    assert [(f.rule, f.line, f.severity) for f in found] == [(rule, line, "error")], found


@pytest.mark.parametrize("name", ["CRVN_ex991.htm", "crvn_ex99-1.htm", "crvn ex991.htm",
                                  "1crvn_ex991.htm", "crvn_ex991.html",
                                  "crvn_ex991_press_release_2026_q4.htm"])
def test_file_name_rule(tmp_path, name):
    found = check_file(exhibit(tmp_path, name=name))
    assert [f.rule for f in found] == ["edgar-file-name"]


@pytest.mark.parametrize("name", ["crvn_ex991.htm", "ex991.htm", "a-1.htm", "cbmg_ex991.htm"])
def test_good_file_names(tmp_path, name):
    assert check_file(exhibit(tmp_path, name=name)) == []


@pytest.mark.parametrize(("old", "new", "message"), [
    ("<body>", "<body onload=\"go()\">", "event handler onload"),
    ('href="#tables"', 'href="javascript:go()"', "script URL"),
    ('href="#tables"', 'href="mailto:ir@corvane.example"', "mailto:"),
    ('src="crvn_logo.jpg"', 'src="data:image/gif;base64,R0lGOD"', "data: URL"),
    ('src="crvn_logo.jpg"', 'src="crvn_chart.gif"', "not beside the document"),
    ("</body>", "</body>\n<p>after</p>", "outside the <body>"),
    ("<body>", "<body>\n<body>", "a second <body>"),
    ("&#38;", "&amp; &nbsp; &trade;", None),  # HTML 4 entities are references EDGAR knows
])
def test_more_breaches(tmp_path, old, new, message):
    found = check_file(exhibit(tmp_path, CLEAN.replace(old, new, 1)))
    assert [f.message for f in found if message and message in f.message] or \
        (message is None and found == []), found


def test_an_image_that_is_not_what_its_name_says(tmp_path):
    path = exhibit(tmp_path)
    (tmp_path / "crvn_logo.jpg").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (finding,) = check_file(path)
    assert finding.rule == "edgar-image" and "not a JPG file" in finding.message


def test_byte_order_mark(tmp_path):
    path = exhibit(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [f.rule for f in check_file(path)] == ["edgar-character"]


def test_arelle_also_rejects_what_both_check(tmp_path):
    for rule in ("edgar-character", "edgar-external-reference", "edgar-image",
                 "edgar-nested-table", "edgar-tag"):
        old, new, _ = TRIPS[rule]
        messages = arelle_messages(exhibit(tmp_path, CLEAN.replace(old, new, 1)))
        assert messages, rule


# What prauthor refuses and Arelle's EDGAR checks let through (the README lists them).
BEYOND_ARELLE = {
    "span": ("<p align", "<span>x</span><p align"),
    "mailto": ('href="#tables"', 'href="mailto:ir@corvane.example"'),
    "script in head": ("</head>", "<script>run()</script>\n</head>"),
    "astral reference": ("&#8212;", "&#128640;"),
    "dangling link": ('href="#tables"', 'href="#table"'),
}


@pytest.mark.parametrize("case", sorted(BEYOND_ARELLE))
def test_rules_that_go_beyond_arelle(tmp_path, case):
    old, new = BEYOND_ARELLE[case]
    path = exhibit(tmp_path, CLEAN.replace(old, new, 1))
    assert check_file(path) and arelle_messages(path) == []


def test_arelle_ignores_the_file_name(tmp_path):
    path = exhibit(tmp_path, name="Corvane Exhibit 99.1.htm")
    assert [f.rule for f in check_file(path)] == ["edgar-file-name"]
    assert arelle_messages(path) == []


def test_cli_text_and_json(cli, tmp_path):
    good = exhibit(tmp_path)
    code, out, err = cli("check", "--edgar", good)
    assert (code, out) == (0, "") and "1 file checked: 0 errors" in err
    bad = exhibit(tmp_path, CLEAN.replace("&#8212;", "\u2014"), name="crvn_ex992.htm")
    code, out, err = cli("check", "--edgar", good, "--edgar", bad)
    assert code == 1 and f"{bad}:6: error: character outside EDGAR's ASCII set" in out
    code, out, _ = cli("check", "--edgar", bad, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1
    assert report["findings"][0] | {"file": None} == {
        "rule": "edgar-character", "severity": "error", "file": None, "line": 6,
        "message": "character outside EDGAR's ASCII set: '\u2014' (U+2014)",
        "hint": "write it as a numeric character reference, e.g. &#8212;"}


def test_cli_refuses_a_missing_file_and_no_arguments(cli, tmp_path):
    assert cli("check", "--edgar", tmp_path / "nope.htm")[0] == 2
    assert cli("check")[0] == 2
