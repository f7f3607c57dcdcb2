"""Wires are data: the built-in table, a desk's own wires, and how bad ones are told."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REFERENCE, ROOT, error_lines
from governance_helpers import make_desk, rules_found, spec, write_spec
from prauthor.dateline import make_dateline
from prauthor.desk import open_desk
from prauthor.errors import InputError
from prauthor.tomllines import toml_line
from prauthor.wires import builtin_wires

TWO = ["Rockville, MD", "Shanghai, China"]
JAN_28 = dt.date(2021, 1, 28)


@pytest.mark.parametrize(("cities", "date", "wire", "text", "joiner"), [
    (TWO, JAN_28, "none", "ROCKVILLE, MD and SHANGHAI, China, January 28, 2021 –", " "),
    (TWO, JAN_28, "prnewswire", "ROCKVILLE, Md. and SHANGHAI, Jan. 28, 2021 /PRNewswire/ --",
     " "),
    (TWO, JAN_28, "businesswire", "ROCKVILLE, Md. & SHANGHAI--(BUSINESS WIRE)--Jan. 28, 2021--",
     ""),
    (TWO, dt.date(2021, 1, 8), "globenewswire",
     "ROCKVILLE, Md. and SHANGHAI, China, Jan. 08, 2021 (GLOBE NEWSWIRE) --", " "),
    (TWO, JAN_28, "accesswire",
     "ROCKVILLE, MD and SHANGHAI, China / ACCESSWIRE / January 28, 2021 /", " "),
    (["Boise, ID"], dt.date(2025, 11, 13), "accessnewswire",
     "BOISE, ID / ACCESS Newswire / November 13, 2025 /", " "),
    (["Austin, Texas"], dt.date(2025, 3, 4), "newmediawire",
     "AUSTIN, Texas - (NewMediaWire) - March 4, 2025 -", " "),
    (["Cambridge, Massachusetts", "London"], dt.date(2025, 9, 2), "newmediawire",
     "CAMBRIDGE, Mass. and LONDON - (NewMediaWire) - September 2, 2025 -", " "),
])
def test_every_builtin_wire(cities, date, wire, text, joiner):
    line = make_dateline(cities, date, wire)
    assert (line.text, line.joiner, line.wire) == (text, joiner, wire)


def test_every_builtin_wire_is_tested():
    tested = {"none", "prnewswire", "businesswire", "globenewswire", "accesswire",
              "accessnewswire", "newmediawire"}
    assert set(builtin_wires()) == tested


def test_company_copy_pads_the_day_when_the_house_style_says():
    june_9 = dt.date(2025, 6, 9)
    assert make_dateline(["Worcester, MA"], june_9, "none", pad_day=True).text == (
        "WORCESTER, MA, June 09, 2025 –")
    assert make_dateline(["Worcester, MA"], june_9, "none").text == "WORCESTER, MA, June 9, 2025 –"
    # Wires keep their own rule: GlobeNewswire pads anyway, the others never do.
    assert "June 09, 2025" in make_dateline(["Worcester, MA"], june_9, "globenewswire").text
    assert "June 9, 2025" in make_dateline(["Worcester, MA"], june_9, "prnewswire",
                                           pad_day=True).text


DESK_WIRES = """\
[desk]
companies = "companies"

[wires.reuters]
name = "Reuters"
dateline = "{places} ({date}) -"
places = "postal"
separator = "; "
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
day = "padded"
standalone = ["Boston"]

[wires.prn-ap]
like = "prnewswire"
name = "PR Newswire (AP months in full)"
months = "full"

[wires.globenewswire]
dateline = "{places}, {date} (GLOBE NEWSWIRE) -"
"""


def desk_with(tmp_path: Path, config: str) -> Path:
    desk = make_desk(tmp_path)
    (desk / "prauthor.toml").write_text(config, encoding="utf-8")
    return desk


def test_a_desk_defines_its_own_wires(tmp_path):
    wires = open_desk(desk_with(tmp_path, DESK_WIRES)).wires
    cities = ["Boston, MA", "Cambridge, Massachusetts", "Toronto, Ontario"]
    date = dt.date(2026, 3, 2)
    assert make_dateline(cities, date, "reuters", wires=wires).text == (
        "BOSTON; CAMBRIDGE, MA; TORONTO, Ontario (Mar 02, 2026) -")
    assert make_dateline(cities, date, "prn-ap", wires=wires).text == (
        "BOSTON and CAMBRIDGE, Mass. and TORONTO, March 2, 2026 /PRNewswire/ --")
    # A built-in changed by the desk keeps the keys it does not set.
    assert make_dateline(["Boston, MA"], date, "globenewswire", wires=wires).text == (
        "BOSTON, March 02, 2026 (GLOBE NEWSWIRE) -")
    assert set(builtin_wires()) < set(wires)


def test_a_wire_only_in_the_desk_config_renders(cli, tmp_path):
    desk = desk_with(tmp_path, DESK_WIRES)
    path = write_spec(desk, spec(wire="reuters", dateline={
        "cities": ["Boston, MA", "Shanghai, China"], "date": "2026-03-02"}))
    out = tmp_path / "out"
    code, _, err = cli("render", path, "--format", "txt", "--out", out)
    assert code == 0, err
    text = (out / "release" / "release.draft.txt").read_text(encoding="utf-8")
    lead = next(line for line in text.splitlines() if "(Mar 02, 2026)" in line)
    assert lead.startswith("BOSTON; SHANGHAI, China (Mar 02, 2026) - Corvane Therapeutics")
    manifest = json.loads((out / "release" / "release.draft.manifest.json").read_text())
    assert manifest["wire"] == "reuters"
    # The same desk wire from the command line, over the spec's own.
    path = write_spec(desk, spec(), "other.yaml")
    code, _, err = cli("render", path, "--format", "txt", "--out", out, "--wire", "prn-ap")
    assert code == 0, err
    assert "CAMBRIDGE, Mass., March 2, 2026 /PRNewswire/ --" in (
        out / "other" / "other.draft.txt").read_text(encoding="utf-8")


def test_house_day_padding_reaches_wires_that_follow_it(cli, tmp_path):
    desk = desk_with(tmp_path, '[desk]\ncompanies = "companies"\n\n[style]\n'
                     'company_day = "padded"\n\n[wires.site]\nlike = "none"\n'
                     'dateline = "{places} | {date} |"\n')
    out = tmp_path / "out"
    dated = {"cities": ["Cambridge, MA"], "date": "2026-03-02"}
    for name, wire in [("site", "site"), ("copy", "none"), ("prn", "prnewswire")]:
        path = write_spec(desk, spec(wire=wire, dateline=dated), f"{name}.yaml")
        assert cli("render", path, "--format", "txt", "--out", out)[0] == 0
    text = {name: (out / name / f"{name}.draft.txt").read_text(encoding="utf-8")
            for name in ("site", "copy", "prn")}
    assert "CAMBRIDGE, MA | March 02, 2026 | Corvane" in text["site"]
    assert "CAMBRIDGE, MA, March 02, 2026 – Corvane" in text["copy"]
    assert "CAMBRIDGE, Mass., March 2, 2026 /PRNewswire/ -- Corvane" in text["prn"]


def test_verify_names_a_changed_desk_wire(cli, tmp_path):
    desk = desk_with(tmp_path, DESK_WIRES)
    path = write_spec(desk, spec(wire="reuters"))
    out = tmp_path / "out"
    assert cli("render", path, "--format", "txt", "--out", out)[0] == 0
    assert cli("verify", out)[0] == 0
    config = desk / "prauthor.toml"
    config.write_text(config.read_text().replace("({date}) -", "[{date}] -"))
    code, report, _ = cli("verify", out)
    assert code == 1
    assert "rendering again gives other bytes (the desk's prauthor.toml changed" in report


def test_a_desk_wire_follows_the_lint(tmp_path):
    desk = desk_with(tmp_path, DESK_WIRES)
    dated = spec(body=["The meeting is on January 9, 2026."])
    # Full months are right for a wire that writes them, wrong for an AP one.
    assert "ap-months" not in rules_found(write_spec(desk, {**dated, "wire": "prn-ap"}))
    assert "ap-months" in rules_found(write_spec(desk, {**dated, "wire": "prnewswire"}, "b.yaml"))
    sep = spec(body=["The meeting is on Sep 9, 2026."])
    assert "ap-months" not in rules_found(write_spec(desk, {**sep, "wire": "reuters"}, "c.yaml"))


def bad_config(cli, tmp_path: Path, wires: str) -> list[str]:
    """Render with a broken [wires] table; assert exit 2, nothing written; return errors."""
    desk = desk_with(tmp_path, '[desk]\ncompanies = "companies"\n\n' + wires)
    path = write_spec(desk, spec())
    code, _, err = cli("render", path, "--out", tmp_path / "out", "--format", "txt")
    assert code == 2, err
    assert not (tmp_path / "out").exists() and "Traceback" not in err
    return error_lines(err)


def test_bad_desk_wires_are_located(cli, tmp_path):
    config = tmp_path / "prauthor.toml"
    errors = bad_config(cli, tmp_path, """\
[wires.reuters]
name = "Reuters"
dateline = "{places} ({when}) -"
month = "full"

[wires.mywire]
like = "prnewswires"

[wires.other]
dateline = "{places}, {date}"
day = 9
places = "usps"
months = ["Jan"]
""")
    assert errors == [
        f"{config}:6: wires.reuters.dateline: pattern '{{places}} ({{when}}) -' names an "
        "unknown field {when} (fields: {places}, {date}, {dash})",
        f"{config}:7: wires.reuters.month: unknown setting (did you mean 'months'?)",
        f"{config}:10: wires.mywire.like: 'prnewswires' is not a built-in wire (did you mean "
        "'prnewswire'?) (built-in: " + ", ".join(builtin_wires()) + ")",
        f"{config}:14: wires.other.day: '9' is not one of 'plain', 'padded' or 'house'",
        f"{config}:15: wires.other.places: 'usps' is not one of 'ap', 'ap-country', 'postal' or "
        "'company'",
        f"{config}:16: wires.other.months: months is one of ap, ap-sep, full, or a list of the "
        "12 month names as the wire writes them",
    ]


def test_a_new_wire_needs_a_dateline_and_patterns_need_both_fields(cli, tmp_path):
    config = tmp_path / "prauthor.toml"
    errors = bad_config(cli, tmp_path, """\
[wires.nodate]
dateline = "{places} -"

[wires.empty]
name = "Empty"

[wires.Bad_Name]
dateline = "{places} {date}"

[wires.braces]
dateline = "{places} {date} }"
""")
    assert errors == [
        f"{config}:5: wires.nodate.dateline: pattern '{{places}} -' lacks {{date}}",
        f"{config}:7: wires.empty: 'dateline' is missing (or name a built-in wire with "
        'like = "...")',
        f"{config}:10: wires.Bad_Name: a wire's id is lowercase letters, digits, '-' and '_'",
        f"{config}:14: wires.braces.dateline: pattern '{{places}} {{date}} }}': Single '}}' "
        "encountered in format string (write {{ and }} for a brace)",
    ]


def test_unknown_wire_in_a_spec_is_located_with_a_suggestion(cli, tmp_path):
    desk = desk_with(tmp_path, DESK_WIRES)
    path = write_spec(desk, spec(wire="reuter"))
    code, _, err = cli("validate", path)
    assert code == 2
    assert f"{path}:3: error: wire: unknown wire 'reuter' (did you mean 'reuters'?)" in err
    code, _, err = cli("validate", write_spec(make_desk(tmp_path / "plain"), spec(
        wire="acessnewswire")))
    assert code == 2 and "unknown wire 'acessnewswire' (did you mean 'accessnewswire'?)" in err
    assert "reuters" not in err  # another desk's wire is unknown here


def test_unknown_wire_option_for_render_and_check(cli, tmp_path):
    desk = desk_with(tmp_path, DESK_WIRES)
    path = write_spec(desk, spec())
    for command in ("render", "check"):
        code, _, err = cli(command, path, "--wire", "reuter")
        assert code == 2, err
        assert "error: --wire: unknown wire 'reuter' (did you mean 'reuters'?)" in err
    code, _, err = cli("check", path, "--wire", "reuters")
    assert code == 0, err


def test_wires_command_lists_builtin_and_desk_wires(cli, tmp_path, monkeypatch):
    desk = desk_with(tmp_path, DESK_WIRES)
    monkeypatch.chdir(desk / "releases")
    code, out, _ = cli("wires")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[3:]}
    assert list(rows) == [*builtin_wires(), "reuters", "prn-ap"]
    assert re.search(r"reuters +Reuters +desk +a space +ROCKVILLE, MD; SHANGHAI, China "
                     r"\(Sep 09, 2026\) -$", rows["reuters"])
    assert "desk, changed" in rows["globenewswire"] and "built-in" in rows["prnewswire"]
    code, out, _ = cli("wires", "--desk", ROOT)
    assert "reuters" not in out


def test_readme_wires_table_is_the_commands(cli):
    code, table, _ = cli("wires", "--markdown", "--desk", ROOT)
    assert code == 0
    assert table.strip() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_names_the_builtin_wires(cli):
    schema = json.loads(cli("schema")[1])
    assert schema["properties"]["wire"]["examples"] == list(builtin_wires())


def test_toml_line_finds_keys_tables_and_inline_tables():
    text = '[desk]\ncompanies = "c"\n\n[wires]\nx = { dateline = "a" }\n\n[wires.y]\n' \
           '# a comment = no\nname = "Y"\n"months" = "full"\n'
    assert toml_line(text, ("wires", "x", "dateline")) == 5
    assert toml_line(text, ("wires", "y", "months")) == 10
    assert toml_line(text, ("wires", "y", "day")) == 7
    assert toml_line(text, ("desk", "companies")) == 2
    assert toml_line(text, ("style",)) is None


def test_builtin_table_loads_and_a_config_without_wires_adds_none(tmp_path):
    (tmp_path / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n')
    assert open_desk(tmp_path).wires == builtin_wires()
    (tmp_path / "prauthor.toml").write_text('wires = "none"\n')
    with pytest.raises(InputError) as refused:
        open_desk(tmp_path)
    assert [str(p) for p in refused.value.problems] == [
        f"{tmp_path / 'prauthor.toml'}:1: wires: a table of wires: [wires.NAME]"]


def test_desk_and_style_settings_are_located_too(tmp_path):
    config = tmp_path / "prauthor.toml"
    config.write_text('[wires.x]\nlike = "none"\nlabel = "no"\n\n[desk]\ncompanys = "c"\n\n'
                      '[style.contacts]\nlabl = "own-line"\n')
    for fix, where in [(None, (6, "desk.companys")), ("companys", (3, "wires.x.label")),
                       ("label", (9, "style.contacts.labl"))]:
        if fix:
            config.write_text(config.read_text().replace(fix, {"companys": "companies",
                                                              "label": "name"}[fix]))
        with pytest.raises(InputError) as refused:
            open_desk(tmp_path)
        assert (refused.value.problems[0].line, refused.value.problems[0].field) == where


def test_readme_desk_wires_example_reads(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Wires and datelines"):]
    example = section[section.index("```toml\n") + 8:section.index("```\n", section.index(
        "```toml\n"))]
    (tmp_path / "prauthor.toml").write_text(example, encoding="utf-8")
    wires = open_desk(tmp_path).wires
    assert make_dateline(["Boston, MA", "Austin, TX"], dt.date(2026, 3, 2), "reuters",
                         wires=wires).text == "BOSTON; AUSTIN, TX (March 02, 2026) -"
    assert "March 2, 2026 /PRNewswire/" in make_dateline(
        ["Austin, TX"], dt.date(2026, 3, 2), "prnewswire-full", wires=wires).text


STYLE_FIXTURES = sorted((REFERENCE / "styles").glob("*/expected/*.txt"))


@pytest.mark.parametrize("expected", STYLE_FIXTURES, ids=lambda p: p.parent.parent.name)
def test_style_fixture_datelines(expected, needs_shared):
    desk = expected.parent.parent
    spec_path = desk / "releases" / (expected.name.split(".")[0] + ".yaml")
    data = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    config = desk / "prauthor.toml"
    style = tomllib.loads(config.read_text()).get("style", {}) if config.is_file() else {}
    line = make_dateline(data["dateline"]["cities"], data["dateline"]["date"],
                         data.get("wire", "none"), pad_day=style.get("company_day") == "padded")
    lines = expected.read_text(encoding="utf-8").splitlines()
    assert any(text.startswith(line.text + line.joiner) for text in lines), line.text


def test_style_fixtures_are_found(needs_shared):
    assert len(STYLE_FIXTURES) == 5


def toml_value(value) -> str:
    """Write a string, number, boolean or list of strings as TOML."""
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, str):
        return '"' + "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 or c in '"\\\x7f' else c
                             for c in value) + '"'
    return json.dumps(value)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
SETTING = st.one_of(TEXT, st.integers(), st.booleans(),
                    st.lists(TEXT, max_size=13),
                    st.sampled_from(["ap", "full", "postal", "house", "{places} {date}",
                                     "{places} {when}", "prnewswire", "{", "}"]))


@settings(max_examples=60, deadline=None)
@given(entry=st.dictionaries(st.sampled_from(["name", "dateline", "styles", "joiner",
                                              "places", "separator", "months", "day",
                                              "standalone", "like", "bogus"]),
                             SETTING, max_size=6),
       wire_id=st.sampled_from(["mywire", "prnewswire", "none", "Bad Id"]))
def test_any_desk_wire_table_reads_or_is_refused_with_a_line(tmp_path_factory, entry, wire_id):
    config = tmp_path_factory.mktemp("desk") / "prauthor.toml"
    body = "\n".join(f"{key} = {toml_value(value)}" for key, value in entry.items())
    config.write_text(f'[desk]\n\n[wires."{wire_id}"]\n{body}\n', encoding="utf-8")
    try:
        wires = open_desk(config.parent).wires
    except InputError as error:
        assert all(p.file == config and p.line and p.field.startswith("wires")
                   for p in error.problems)
        return
    line = make_dateline(["Boise, ID", "London"], dt.date(2026, 1, 2), wire_id, wires=wires)
    assert line.text
