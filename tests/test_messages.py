"""Each message an author meets says what is wrong, where, and how to put it right."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from conftest import ROOT
from governance_helpers import make_desk
from test_bad_input import GOOD, render_fails, write


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return make_desk(tmp_path)


def test_a_date_written_the_us_way_says_yyyy_mm_dd(cli, desk):
    spec = write(desk, GOOD.replace("date: 2026-03-02", "date: 11/30/2026"))
    assert render_fails(cli, desk, spec) == [
        f"{spec}:7: dateline.date: '11/30/2026' is not a date: write it as YYYY-MM-DD "
        "(2026-11-30?)"]


def test_a_tab_in_the_yaml_says_to_indent_with_spaces(cli, desk):
    spec = write(desk, GOOD.replace("  - A paragraph.", "\t- A paragraph."))
    (line,) = render_fails(cli, desk, spec)
    assert line == (f"{spec}:10: invalid YAML: a tab indents this line; YAML indents with "
                    "spaces only: replace the tab with spaces")


def test_an_unclosed_quote_is_reported_where_it_opens(cli, desk):
    spec = write(desk, GOOD.replace("headline: Corvane to Host R&D Day",
                                    'headline: "Corvane to Host R&D Day'))
    (line,) = render_fails(cli, desk, spec)
    assert line.startswith(f"{spec}:4: invalid YAML: the quotation mark \" opened here is "
                           "never closed")


QUOTED = (GOOD.replace("lead: today announced an R&D Day.", 'lead: "today announced an R&D Day."')
          .replace("  - A paragraph.", '  - "A paragraph."')
          .replace("before: We look forward to it.", "before: We're looking forward to it."))


@pytest.mark.parametrize("mark", ['"', "'"])
def test_a_quote_left_open_is_reported_where_it_opens_though_a_later_mark_closes_it(
        cli, desk, mark):
    spec = write(desk, QUOTED.replace("headline: Corvane to Host R&D Day",
                                      f"headline: {mark}Corvane to Host R&D Day"))
    runs_to = 8 if mark == '"' else 13  # the next mark of its kind: a value's, an apostrophe
    assert render_fails(cli, desk, spec) == [
        f"{spec}:4: invalid YAML: the quotation mark {mark} opened here is never closed (the "
        f"value runs on to the {mark} on line {runs_to}); close it, or quote the value with "
        "the other kind of mark"]


def test_every_open_quote_and_the_syntax_error_after_them_are_reported(cli, desk):
    spec = write(desk, QUOTED.replace("headline: Corvane to Host R&D Day",
                                      'headline: "Corvane to Host R&D Day')
                 .replace('- "A paragraph."', '- "A paragraph.')
                 .replace("  - fls:", "\t- fls:"))
    lines = render_fails(cli, desk, spec)
    assert [line.split(": ")[0] for line in lines] == [f"{spec}:4", f"{spec}:10", f"{spec}:16"]
    assert "opened here is never closed" in lines[1] and "a tab indents" in lines[2]


def test_a_quoted_value_an_apostrophe_ends_early_says_so(cli, desk):
    spec = write(desk, QUOTED.replace("before: We're looking", "before: 'We're looking"))
    assert render_fails(cli, desk, spec) == [
        f"{spec}:13: invalid YAML: the value quoted with ' ends at the ' before \"re looking "
        "forward\"; to keep a ' in the text, write it twice ('') inside the value, or "
        "quote the value with the other kind of mark"]


def test_a_quote_that_spans_lines_on_purpose_is_not_blamed(cli, desk):
    spanning = QUOTED.replace('lead: "today announced an R&D Day."',
                              'lead: "today announced\n  an R&D Day."')
    assert cli("validate", write(desk, spanning))[0] == 0
    spec = write(desk, spanning.replace("  - fls:", "\t- fls:"), "b.yaml")
    assert render_fails(cli, desk, spec) == [
        f"{spec}:17: invalid YAML: a tab indents this line; YAML indents with spaces only: "
        "replace the tab with spaces"]


def test_a_one_item_list_given_as_text_is_read_or_explained(cli, desk):
    after = GOOD.replace("      before: We look forward to it.", "      after: We look forward.")
    code, _, err = cli("validate", write(desk, after))
    assert code == 0, err
    spec = write(desk, GOOD.replace("cities: [Cambridge, MA]", "cities: {a: b}"), "b.yaml")
    assert render_fails(cli, desk, spec) == [
        f"{spec}:6: dateline.cities: a list is expected here: write each item on its own line "
        "starting with '- ', or [first, second]"]


def test_unknown_references_name_the_known_ids_and_the_file_to_edit(cli, desk):
    spec = write(desk, GOOD.replace("by: elena-marsh", "by: elena")
                 .replace("contacts: [investors]", "contacts: [investor]"))
    profile = desk / "companies" / "corvane.yaml"
    lines = render_fails(cli, desk, spec)
    assert any(line.startswith(f"{spec}:12: body[1].quote.by: unknown person 'elena'")
               and "(people of corvane: " in line and f"add one under people: in {profile}"
               in line for line in lines), lines
    assert any("unknown contact 'investor' (did you mean 'investors'?) (contacts of corvane: "
               in line and str(profile) in line for line in lines), lines
    spec = write(desk, GOOD.replace("company: corvane", "company: acme"), "c.yaml")
    (line,) = render_fails(cli, desk, spec)
    assert f"unknown company 'acme' (companies of the desk: corvane, in {desk / 'companies'})" \
        in line


def test_a_draft_block_says_a_pin_previews_it(cli, desk):
    v1 = desk / "boilerplate" / "fls" / "v1.md"
    v1.write_text(v1.read_text().replace("status: approved", "status: draft"))
    (desk / "boilerplate" / "blocks.lock").unlink()
    lines = render_fails(cli, desk, write(desk, GOOD))
    assert any("no approved version of 'fls'" in line and "to preview the draft, pin it: "
               "'fls@1'" in line for line in lines), lines


def test_a_company_profile_given_as_a_spec_is_named_for_what_it_is(cli, desk):
    profile = desk / "companies" / "corvane.yaml"
    code, _, err = cli("validate", profile)
    assert code == 2
    assert err.splitlines() == [f"{profile}: error: this is a company profile (it has id and "
                                "name), not a release spec; profiles live in the desk's "
                                "companies folder, and `prauthor schema --for profile` "
                                "describes them"]
    assert "did you mean 'name'" not in err


def test_every_problem_at_once_a_quote_mistake_hides_no_other(cli, desk):
    spec = write(desk, GOOD.replace("      before: We look forward to it.",
                                    "      befor: We look forward to it.")
                 .replace("  - about", "  - abuot").replace("[investors]", "[investor]")
                 .replace("by: elena-marsh", "by: elena-marsch"))
    fields = [line.split(": ")[1] for line in render_fails(cli, desk, spec)]
    assert fields == ["body[1].quote.by", "body[1].quote.befor", "boilerplate[0]",
                      "contacts[0]"]


def test_a_tab_in_text_never_reaches_an_output(cli, desk):
    spec = write(desk, GOOD.replace("- A paragraph.", '- "A\\tparagraph."'))
    out = desk / "out"
    assert cli("render", spec, "-f", "txt,html", "-o", out)[0] == 0
    for output in out.rglob("*.draft.*"):
        assert "\t" not in output.read_text(), output.name


def test_a_semicolon_separated_csv_gets_one_clear_hint(cli, desk):
    (desk / "releases" / "results.csv").write_text(
        ";Revenue;2025\n;Product;1.234,5\ntotal;Total;1.234,5\n", encoding="utf-8")
    table = ("appendix:\n  - table:\n      columns: [label, currency]\n"
             "      csv: results.csv\n")
    spec = write(desk, GOOD + table)
    lines = render_fails(cli, desk, spec)
    assert len(lines) == 1 and "separated by semicolons" in lines[0]
    assert lines[0].startswith(f"{desk / 'releases' / 'results.csv'}:1: ")


def test_did_you_mean_offers_a_field_of_the_part_where_the_word_stands(cli, desk):
    spec = write(desk, GOOD.replace("  cities: [Cambridge, MA]", "  city: Cambridge, MA")
                 .replace("      before:", "      befor:"))
    problems = render_fails(cli, desk, spec)
    assert f"{spec}:6: dateline.city: unknown field 'city' (did you mean 'cities'?)" in problems
    assert f"{spec}:13: body[1].quote.befor: unknown field 'befor' (did you mean 'before'?)" \
        in problems
    assert not any("credit" in line for line in problems)  # an image's field, not a dateline's


def test_a_misspelled_body_block_is_named_with_the_block_meant(cli, desk):
    spec = write(desk, GOOD.replace("  - quote:", "  - qoute:")
                 + "appendix:\n  -\n    tabel: {columns: [label]}\n  - level: 3\n    headng: X\n"
                 "  - foo: bar\n")
    assert render_fails(cli, desk, spec) == [
        f"{spec}:11: body[1]: unknown body block 'qoute' (did you mean 'quote'?)",
        f"{spec}:21: appendix[0]: unknown body block 'tabel' (did you mean 'table'?)",
        f"{spec}:23: appendix[1]: unknown body block 'headng' (did you mean 'heading'?)",
        f"{spec}:24: appendix[2]: unknown body block 'foo': a body block is a paragraph "
        "(text), or has one of the keys paragraph, list, heading, quote, table, event, "
        "marker, image"]


def test_a_misspelled_key_of_a_list_item_row_or_cell_is_one_problem_with_a_did_you_mean(
        cli, desk):
    table = ("appendix:\n  - table:\n      columns: [label, {knd: number}, curency]\n"
             "      header: [['', {txt: A, span: 2}]]\n"
             "      rows:\n        - totl: [b, 1, 2]\n")
    spec = write(desk, GOOD.replace("  - A paragraph.", "  - list:\n      - {txt: a}") + table)
    assert [line.split(": ", 1)[1] for line in render_fails(cli, desk, spec)] == [
        "body[0].list[0].txt: unknown field 'txt' (did you mean 'text'?)",
        "appendix[0].table.columns[1].knd: unknown field 'knd' (did you mean 'kind'?)",
        "appendix[0].table.columns[2]: 'curency' is not one of 'label', 'text', 'number', "
        "'currency' or 'percent' (did you mean 'currency'?)",
        "appendix[0].table.header[0][1].txt: unknown field 'txt' (did you mean 'text'?)",
        "appendix[0].table.rows[0].totl: unknown field 'totl' (did you mean 'total'?)"]


@pytest.mark.parametrize(("text", "written"), [("- type: event\n- company: corvane\n", "a list"),
                                               ("A release.\n", "'A release.'")])
def test_a_spec_that_is_not_a_mapping_says_what_a_spec_is(cli, desk, text, written):
    spec = write(desk, text)
    assert render_fails(cli, desk, spec) == [
        f"{spec}:1: a release spec is a mapping of fields such as type, company, headline, "
        "dateline, lead, wire, ...: write each as 'key: value' on its own line, not as "
        f"{written}"]


def test_a_value_of_the_wrong_kind_is_named_in_yaml_words(cli, desk):
    spec = write(desk, GOOD.replace("type: event", "type: evnt")
                 .replace("headline: Corvane to Host R&D Day", "headline: {a: b}")
                 .replace("dateline:\n  cities: [Cambridge, MA]\n  date: 2026-03-02",
                          "dateline: [Cambridge]")
                 .replace("lead: today announced an R&D Day.", "lead: 2026"))
    assert [line.split(": ", 1)[1] for line in render_fails(cli, desk, spec)] == [
        "type: 'evnt' is not one of 'event', 'earnings', 'transaction', 'offering', "
        "'clinical', 'personnel', 'partnership' or 'general' (did you mean 'event'?)",
        "headline: text is expected here, not a mapping (key: value lines)",
        "dateline: a mapping of fields such as cities, date, dash, style is expected here: "
        "write each as 'key: value' on its own line, not as a list",
        'lead: text is expected here, and YAML reads 2026 as a number: write "2026"']
    spec = write(desk, GOOD.replace("      before: We look forward to it.",
                                    "      before: We look forward to it.\n"
                                    "  - event: {date: 2026-03-18, webcast: www.corvane.example}"),
                 "b.yaml")
    assert render_fails(cli, desk, spec) == [
        f"{spec}:14: body[2].event.webcast: 'www.corvane.example' is not a web address: "
        "https:// (or http://) and the rest, without spaces"]


WRONG_SHAPES = ([1], {"zz": 1}, 7, True, "x", None, ["a", {"b": [1]}])


def _models(model: type[BaseModel], seen: set) -> set:
    from prauthor.validation import _models_in

    if model not in seen:
        seen.add(model)
        for field in model.model_fields.values():
            for nested in _models_in(field.annotation):
                _models(nested, seen)
    return seen


def _places(data, loc=()):
    yield loc
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        yield from _places(value, (*loc, key))


def _with(data, loc, value):
    if not loc:
        return value
    data = copy.deepcopy(data)
    place = data
    for key in loc[:-1]:
        place = place[key]
    place[loc[-1]] = value
    return data


def test_no_message_speaks_pydantic_whatever_shape_a_value_takes():
    from prauthor.company import Company
    from prauthor.spec import Spec
    from prauthor.validation import validation_message

    classes = {m.__name__ for root in (Spec, Company) for m in _models(root, set())}
    jargon = re.compile(r"instance of|dictionary|[Ii]nput should|\bstr\b|\bdict\b|"
                        r"[Ss]tring should|of the form \^|"
                        + "|".join(rf"\b{name}\b" for name in classes))
    cases = [(Spec, yaml.safe_load(path.read_text())) for path in ROOT.glob("examples/*.yaml")]
    cases.append((Company, yaml.safe_load((ROOT / "examples/companies/corvane.yaml").read_text())))
    leaks, count = set(), 0
    for model, good in cases:
        for loc in _places(good):
            for wrong in WRONG_SHAPES:
                try:
                    model.model_validate(_with(good, loc, wrong))
                except ValidationError as error:
                    for found in error.errors(include_url=False):
                        message, count = validation_message(model, found), count + 1
                        if jargon.search(message):
                            leaks.add(f"{found['type']}: {message}")
    assert count > 1000 and not leaks, sorted(leaks)


def test_a_missing_file_is_named_from_where_the_user_stands(cli, desk, monkeypatch):
    spec = write(desk, GOOD.replace("  - A paragraph.", "  - table: {columns: [label], "
                                    "csv: nothere.csv}\n  - image: {file: no.png, alt: x}"))
    monkeypatch.chdir(desk)
    code, _, err = cli("validate", "releases/release.yaml")
    assert code == 2
    assert err.splitlines()[:2] == [
        "releases/release.yaml:10: error: body[0].table.csv: 'nothere.csv' does not exist "
        "(looked for releases/nothere.csv)",
        "releases/release.yaml:11: error: body[1].image.file: no image file 'no.png' "
        "(looked for releases/no.png and companies/no.png)"]
    monkeypatch.chdir(spec.parent)
    code, _, err = cli("validate", spec.name)
    assert err.splitlines()[:2] == [
        "release.yaml:10: error: body[0].table.csv: 'nothere.csv' does not exist in the "
        "current folder",
        "release.yaml:11: error: body[1].image.file: no image file 'no.png' (looked for "
        "no.png and ../companies/no.png)"]


def test_every_command_prints_findings_and_errors_in_one_compiler_format(cli, desk):
    spec = write(desk, GOOD.replace("an R&D Day.", "an R&D Day. TBD"))
    finding = f"{spec}:8: warning: placeholder 'TBD' is left in the text [placeholder]"
    outputs = {"check": cli("check", spec)[1], "validate": cli("validate", spec)[2],
               "render": cli("render", spec, "-f", "txt", "-o", desk / "out")[2],
               "build": cli("build", spec.parent, "-f", "txt", "-o", desk / "b", "-j", "1")[2]}
    for command, printed in outputs.items():
        assert finding in printed.splitlines(), (command, printed)
    bad = write(desk, GOOD.replace("lead:", "led:"), "bad.yaml")
    problem = f"{bad}:8: error: led: unknown field 'led' (did you mean 'lead'?)"
    for command in ("validate", "check", "render"):
        assert problem in cli(command, bad)[2].splitlines(), command
    code, _, err = cli("build", spec.parent, "-f", "txt", "-o", desk / "c", "-j", "1")
    assert code == 1 and problem in err.splitlines()


VALUE = re.compile(r"^(\s*(?:- )?[a-z_]+: |\s*- )(?=[A-Za-z].*[^:]$)")  # text, not a key


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_value_left_open_is_found_at_its_line(data):
    from prauthor.errors import InputError
    from prauthor.yamlsource import parse_yaml

    lines = QUOTED.splitlines()
    open_at = [n for n, line in enumerate(lines) if VALUE.match(line)]
    mark = data.draw(st.sampled_from(['"', "'"]))
    open_at = [n for n in open_at if mark not in lines[n]]  # no mark inside to close it early
    chosen = data.draw(st.lists(st.sampled_from(open_at), min_size=1, max_size=3, unique=True))
    for n in chosen:  # the author opens a quote and forgets to close it
        lines[n] = VALUE.sub(lambda m: m.group(1) + mark, lines[n])
    try:
        parse_yaml("\n".join(lines) + "\n", Path("r.yaml"))
    except InputError as error:
        found = {p.line for p in error.problems if "never closed" in p.message}
        assert found == {n + 1 for n in chosen}, (lines, error.problems)
    # else the marks paired up into values YAML reads: no mistake it can see
