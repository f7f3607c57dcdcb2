"""Hostile input: a located error and exit 2, never a traceback, a hang or a file elsewhere."""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import error_lines
from governance_helpers import make_desk

GOOD = """\
type: event
company: corvane
wire: prnewswire
headline: Corvane to Host R&D Day
dateline:
  cities: [Cambridge, MA]
  date: 2026-03-02
lead: today announced an R&D Day.
body:
  - A paragraph.
  - event:
      name: Corvane R&D Day
      date: 2026-03-18
      time: "10:00 a.m."
      zone: America/New_York
boilerplate:
  - about
  - fls:
      subject: the event
contacts: [investors]
"""
TABLE = """\
  - table:
      columns: {columns}
      rows:
        - {row}
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return make_desk(tmp_path)


def write(desk: Path, text: str, name: str = "release.yaml") -> Path:
    path = desk / "releases" / name
    path.write_text(text, encoding="utf-8")
    return path


def with_table(columns: str, row: str) -> str:
    return GOOD.replace("boilerplate:\n", TABLE.format(columns=columns, row=row)
                        + "boilerplate:\n", 1)


def fails(cli, desk: Path, spec: Path, *options: str | Path) -> list[str]:
    """Render; assert exit 2, no traceback and nothing written; return the error lines."""
    out = desk / "out"
    code, _, err = cli("render", spec, "--out", out, *options)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert not out.exists()
    return error_lines(err)


def renders(cli, desk: Path, spec: Path, formats: str) -> Path:
    """Render to `formats`; assert it worked and return the release's output folder."""
    code, _, err = cli("render", spec, "--out", desk / "out", "-f", formats)
    assert code == 0, err
    return desk / "out" / spec.stem


def test_an_alias_that_contains_itself(cli, desk):
    spec = write(desk, GOOD + "silence: &a [*a]\n")
    assert fails(cli, desk, spec) == [f"{spec}:21: an alias refers to the list or mapping that "
                                      "contains it"]


def test_billion_laughs_is_refused_at_once(cli, desk):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]"
               for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    spec = write(desk, GOOD + "\n".join(levels) + "\n")
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:") and "aliases make this file too large" in line


def test_alias_amplification_of_text_is_refused(cli, desk):
    text = "x" * 1000
    spec = write(desk, GOOD.replace("  - A paragraph.\n", f"  - &p {text}\n"
                                    + "  - *p\n" * 200))
    (line,) = fails(cli, desk, spec)
    assert "aliases make this file too large" in line


def test_a_file_too_large(cli, desk):
    spec = write(desk, GOOD + "# " + "x" * 2_100_000 + "\n")
    assert fails(cli, desk, spec) == [f"{spec}: the file is larger than 2,000,000 bytes"]


def test_a_huge_integer_where_text_is_expected_is_text(cli, desk):
    digits = "9" * 4400
    spec = write(desk, GOOD.replace("headline: Corvane to Host R&D Day", f"headline: {digits}"))
    code, _, err = cli("validate", spec)
    assert code == 0, err


def test_an_explicit_int_tag_on_words(cli, desk):
    spec = write(desk, GOOD.replace("headline: Corvane", "headline: !!int abc #"))
    assert fails(cli, desk, spec) == [f"{spec}:4: 'abc' is not an integer"]


def test_a_zone_name_too_long_for_the_file_system(cli, desk):
    spec = write(desk, GOOD.replace("zone: America/New_York", "zone: " + "A" * 300))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:15: body[1].event.zone: unknown time zone")


def test_a_table_figure_of_thirty_digits(cli, desk):
    spec = write(desk, with_table("[label, number]", "[Revenue, " + "9" * 30 + "]"))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:19: body[2].table.rows[0][1]: '") and "24 digits" in line


def test_a_version_pin_with_a_non_ascii_digit(cli, desk):
    spec = write(desk, GOOD.replace("  - about\n", "  - about@²\n"))
    assert fails(cli, desk, spec) == [f"{spec}:17: boilerplate[0]: 'about@²': a version pin "
                                      "is id@N"]


@pytest.mark.parametrize(("date", "zone"), [("9999-12-31", "America/Los_Angeles"),
                                            ("0001-01-01", "Asia/Tokyo")])
def test_an_event_at_the_ends_of_the_calendar(cli, desk, date, zone):
    spec = write(desk, GOOD.replace("date: 2026-03-18", f"date: {date}")
                 .replace("America/New_York", zone))
    assert fails(cli, desk, spec, "-f", "ics") == [
        f"{spec}:13: body[1].event.date: the year must be from 1900 to 2200"]


def test_a_release_dated_2108(cli, desk):
    spec = write(desk, GOOD.replace("date: 2026-03-02", "date: 2108-01-02"))
    assert fails(cli, desk, spec, "-f", "docx") == [
        f"{spec}:7: dateline.date: the year must be from 1980 to 2107"]


def test_a_headline_and_subheadlines_over_255_characters_render_to_docx(cli, desk):
    from docx import Document

    headline = "Corvane " + "Long " * 60
    spec = write(desk, GOOD.replace("headline: Corvane to Host R&D Day",
                                    f"headline: {headline}\nsubheadlines: [{'Sub ' * 80}]"))
    folder = renders(cli, desk, spec, "docx")
    props = Document(str(folder / "release.draft.docx")).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert headline.strip().startswith(props.title[:-1].strip())


def test_a_paragraph_separator_is_refused(cli, desk):
    spec = write(desk, GOOD.replace("A paragraph.", '"One\\u2029two"'))
    assert fails(cli, desk, spec) == [f"{spec}:10: body[0]: paragraph separator U+2029 is not "
                                      "allowed in text; start a new paragraph"]


def test_a_table_with_only_a_label_column(cli, desk):
    from tableread import docx_tables, html_tables

    spec = write(desk, with_table("[label]", "[Revenue]"))
    folder = renders(cli, desk, spec, "docx,txt,html")
    assert "\nRevenue\n" in (folder / "release.draft.txt").read_text()
    assert docx_tables((folder / "release.draft.docx").read_bytes())[0].body == [[("Revenue", 1)]]
    assert [table.body for table in html_tables((folder / "release.draft.html").read_bytes())] == [
        [[("Revenue", 1)]]]


def test_a_spec_file_name_too_long_writes_nothing(cli, desk):
    spec = write(desk, GOOD, "x" * 200 + ".yaml")
    (line,) = fails(cli, desk, spec, "-f", "txt,html")
    assert line == (f"{spec}: the file name is longer than 150 bytes; its outputs are named "
                    "after it, so rename the spec, e.g. 2026-03-02-investor-day.yaml")


def test_a_spec_named_with_dots_only(cli, desk):
    spec = write(desk, GOOD, "...yaml")
    (line,) = fails(cli, desk, spec, "-f", "txt")
    assert line.startswith(f"{spec}: the file name starts with a dot")
    assert not (desk / "...manifest.json").exists()


def test_two_specs_of_one_name_are_refused(cli, desk):
    first = write(desk, GOOD)
    (desk / "releases" / "b").mkdir()
    second = write(desk, GOOD, "b/release.yaml")
    (line,) = fails(cli, desk, first, second, "-f", "txt")
    assert line.startswith(f"{second}: has the name of {first}")


def test_a_spec_named_twice_renders_once(cli, desk):
    spec = write(desk, GOOD)
    code, _, err = cli("render", spec, spec, "--out", desk / "out", "-f", "txt")
    assert code == 0 and err.count("release.draft.txt") == 1


def test_out_is_dev_null(cli, desk):
    spec = write(desk, GOOD)
    code, _, err = cli("render", spec, "--out", os.devnull, "-f", "txt")
    assert code == 2 and err == f"error: --out: '{os.devnull}' is not a folder\n"


def test_a_file_in_the_way_of_an_output_folder_leaves_nothing(cli, desk):
    spec = write(desk, GOOD)
    (desk / "out").mkdir()
    (desk / "out" / "release").write_text("a file, not a folder")
    code, _, err = cli("render", spec, "--out", desk / "out", "-f", "txt")
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    assert sorted(p.name for p in (desk / "out").iterdir()) == ["release"]


@pytest.mark.parametrize("wrap", ["-5", "0", "3"])
def test_a_wrap_too_narrow(cli, desk, wrap):
    code, _, err = cli("render", write(desk, GOOD), "--out", desk / "out", "--wrap", wrap)
    assert code == 2 and err == f"error: --wrap: wrap at 20 to 10000 columns, not {wrap}\n"


@pytest.mark.parametrize(("config", "message"), [
    ("desk = 5\n", "desk: a table: [desk], then companies, boilerplate and templates as "
     "folder names"),
    ("[desk]\ncompanies = 5\n", 'desk.companies: a path as text, e.g. "companies"'),
    ('[desk]\ncompanies = "companies"\n[check]\nsilence = [1]\n',
     'check.silence: a list of rule ids, e.g. ["all-caps"]'),
    ('check = "x"\n[desk]\ncompanies = "companies"\n', "check: a table: [check], then silence"),
])
def test_prauthor_toml_values_of_the_wrong_type(cli, desk, config, message):
    (desk / "prauthor.toml").write_text(config)
    code, _, err = cli("check", write(desk, GOOD))
    assert code == 2 and re.search(rf"{desk / 'prauthor.toml'}(:\d+)?: error: {re.escape(message)}",
                                   err), err


@pytest.mark.parametrize("setting", ["templates", "companies", "boilerplate"])
@pytest.mark.parametrize("path", ["/etc", "/", "../..", "releases/../.."])
def test_prauthor_toml_cannot_point_outside_the_desk(cli, desk, setting, path):
    (desk / "prauthor.toml").write_text(f'[desk]\n{setting} = "{path}"\n')
    code, _, err = cli("validate", write(desk, GOOD))
    assert code == 2 and f"desk.{setting}: '{path}' is outside the desk" in err, err


def test_a_link_out_of_the_desk_counts_as_outside(cli, desk, tmp_path):
    (desk / "shared").symlink_to("/etc")
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n'
                                        'templates = "shared"\n')
    code, _, err = cli("validate", write(desk, GOOD))
    assert code == 2 and "desk.templates: 'shared' is outside the desk" in err


@pytest.mark.parametrize("company", ["../../../elsewhere/evilco", "/tmp/evilco", "..", "a/b"])
def test_a_company_id_is_never_a_path(cli, desk, tmp_path, company):
    evil = tmp_path / "elsewhere" / "evilco.yaml"
    evil.parent.mkdir()
    evil.write_text((desk / "companies" / "corvane.yaml").read_text())
    spec = write(desk, GOOD.replace("company: corvane", f"company: {company}"))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:2: company: unknown company '{company}'")


def test_a_contact_owner_is_never_a_path(cli, desk):
    spec = write(desk, GOOD.replace("contacts: [investors]", "contacts: [../../x/media]"))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:20: contacts[0]: unknown company '../../x'")


@pytest.mark.parametrize(("written", "code", "kind"), [
    ("\\u202e", "U+202E", "text direction control"),
    ("\\u2066", "U+2066", "text direction control"),
    ("\\x85", "U+0085", "control character"), ("\\x9b", "U+009B", "control character"),
    ("\\r", "U+000D", "control character"), ("\\x1b", "U+001B", "control character"),
    ("\\u2028", "U+2028", "line separator"),
])
def test_control_and_direction_characters_are_refused(cli, desk, written, code, kind):
    spec = write(desk, GOOD.replace("A paragraph.", f'"A {written} paragraph."'))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{spec}:10: body[0]: {kind} {code} is not allowed")


def test_a_bare_cr_cannot_inject_a_calendar_line(cli, desk):
    spec = write(desk, GOOD.replace("name: Corvane R&D Day", 'name: "R&D\\rBEGIN:VEVENT"'))
    (line,) = fails(cli, desk, spec, "-f", "ics")
    assert line.startswith(f"{spec}:12: body[1].event.name: control character U+000D")


def test_the_calendar_escapes_a_cr_that_reaches_it():
    from prauthor.render.ics import escape

    assert escape("a\rBEGIN:VEVENT\r\nb") == "a\\nBEGIN:VEVENT\\nb"


def test_a_spec_that_is_not_utf8_names_its_line(cli, desk):
    spec = desk / "releases" / "release.yaml"
    spec.write_bytes(GOOD.encode().replace(b"R&D Day\n", b"R&D \xff Day\n", 1))
    assert fails(cli, desk, spec) == [f"{spec}:4: not UTF-8 text: byte 0xFF (invalid start "
                                      "byte); save the file as UTF-8"]


def test_a_nul_names_its_line(cli, desk):
    spec = desk / "releases" / "release.yaml"
    spec.write_bytes(GOOD.encode().replace(b"A paragraph.", b"A \x00 paragraph."))
    assert fails(cli, desk, spec) == [f"{spec}:10: character U+0000 is not allowed in YAML"]


def test_a_csv_that_is_not_utf8_names_its_line(cli, desk):
    (desk / "releases" / "t.csv").write_bytes(b",Revenue,1\n,Costs \xe9,2\n")
    spec = write(desk, with_table("[label, number]", "x").replace(
        "      rows:\n        - x\n", "      csv: t.csv\n"))
    (line,) = fails(cli, desk, spec)
    assert line.startswith(f"{desk / 'releases' / 't.csv'}:2: not UTF-8 text: byte 0xE9")


def test_a_missing_csv_names_the_spec_line(cli, desk):
    spec = write(desk, with_table("[label, number]", "x").replace(
        "      rows:\n        - x\n", "      csv: nothing.csv\n"))
    assert fails(cli, desk, spec) == [f"{spec}:18: body[2].table.csv: 'nothing.csv' does not "
                                      f"exist (looked for {desk / 'releases' / 'nothing.csv'})"]


def test_a_fifo_named_as_the_csv_does_not_block(cli, desk):
    os.mkfifo(desk / "releases" / "t.csv")
    spec = write(desk, with_table("[label, number]", "x").replace(
        "      rows:\n        - x\n", "      csv: t.csv\n"))
    assert fails(cli, desk, spec) == [f"{spec}:18: body[2].table.csv: 't.csv' is not a regular "
                                      "file"]


def test_a_fifo_named_as_the_spec_does_not_block(cli, desk):
    spec = desk / "releases" / "release.yaml"
    os.mkfifo(spec)
    assert fails(cli, desk, spec) == [f"{spec}: not a regular file"]


@pytest.mark.parametrize("unit", ["[", "*x ", "[a](", "**x "])
def test_markup_openers_without_closers_are_read_in_linear_time(unit):
    from prauthor import markup

    def seconds(count: int) -> float:  # CPU time: other processes on the machine add none
        text = unit * count
        gc.collect()
        gc.disable()  # in a full run, collecting the suite's heap would be timed too
        try:
            start = time.process_time()
            assert "".join(span.text for span in markup.parse(text)) == text
            return time.process_time() - start
        finally:
            gc.enable()

    small = seconds(100_000 // len(unit) // 4)
    large = seconds(100_000 // len(unit))
    assert large < 8 * small + 0.1 and large < 4  # four times the text: 4x linear, 16x quadratic


def test_an_uncaught_error_is_a_bug_with_its_own_exit_code(cli, desk, monkeypatch):
    import prauthor.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(prauthor.pipeline, "resolve_loaded", broken)
    code, _, err = cli("validate", write(desk, GOOD))
    assert code == 3 and "Traceback" not in err
    assert err.startswith("internal error: ZeroDivisionError: float division by zero. This is "
                          "a bug in prauthor") and len(err.strip().splitlines()) == 1
    code, _, err = cli("--debug", "validate", write(desk, GOOD))
    assert code == 3 and "Traceback (most recent call last)" in err
    assert 'raise ZeroDivisionError("float division by zero")' in err


SANDBOX_TRIGGERS = {
    "repeat": ("{{ 'a' * 300000000 }}", "a repeated value over 1,000,000 characters"),
    "loops": ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}"
              "{% endfor %}", "template loops over more than 200,000 steps"),
    "doubling": ("{% set n = namespace(s='ab') %}{% for i in range(40) %}"
                 "{% set n.s = n.s ~ n.s %}{% endfor %}{{ n.s }}", "over 1,000,000 characters"),
    "made": ("{% for i in range(100000) %}{{ 'a' * 1000000 }}{% endfor %}",
             "over 20,000,000 characters in one render"),
    "width": ("{{ 'a'|center(999999999) }}", "the number 999999999 is too large"),
    "format": ("{{ '{:>999999999}'.format(1) }}", "a format width too large"),
    "power": ("{{ 2 ** 100000000 }}", "a power too large"),
    "divide": ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
    "blocked": ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object "
                "is unsafe"),
}


@pytest.mark.parametrize("name", SANDBOX_TRIGGERS)
def test_block_text_stays_within_the_sandbox_limits(cli, desk, name):
    text, message = SANDBOX_TRIGGERS[name]
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("{{ subject }}", "{{ subject }} " + text))
    line = block.read_text().splitlines().index(next(
        row for row in block.read_text().splitlines() if text in row)) + 1
    (error,) = fails(cli, desk, write(desk, GOOD))
    assert error.startswith(f"{block}:{line}: text: cannot fill the block: ") and message in error


def test_block_text_cannot_include_other_templates(cli, desk):
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("{{ subject }}", "{% include 'about' %}"))
    (error,) = fails(cli, desk, write(desk, GOOD))
    assert error.startswith(f"{block}:") and error.endswith(
        "text: block text cannot include, import or extend other templates")


@pytest.mark.parametrize("name", ["repeat", "loops", "divide", "blocked"])
def test_a_desk_template_stays_within_the_sandbox_limits(cli, desk, name):
    text, message = SANDBOX_TRIGGERS[name]
    page = desk / "templates" / "html" / "release.html.j2"
    page.parent.mkdir(parents=True)
    builtin = (Path(__file__).parents[1] / "templates" / "html" / "release.html.j2").read_text()
    page.write_text(builtin.replace("<body", text + "<body", 1))
    (error,) = fails(cli, desk, write(desk, GOOD), "-f", "html")
    assert error.startswith(f"{page}:") and message in error


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "nothing.j2"])
def test_a_desk_template_includes_only_desk_templates(cli, desk, name):
    page = desk / "templates" / "html" / "release.html.j2"
    page.parent.mkdir(parents=True)
    page.write_text(f"{{% include '{name}' %}}")
    assert fails(cli, desk, write(desk, GOOD), "-f", "html") == [
        f"{page}:1: template: no template '{name}' in the template folders"]


def test_a_desk_docx_template_tag_that_divides_by_zero(cli, desk):
    from docx import Document

    word = Document(str(Path(__file__).parents[1] / "templates" / "docx" / "release.docx"))
    word.sections[0].header.add_paragraph("{{ 1/0 }}")
    (desk / "templates" / "docx").mkdir(parents=True)
    word.save(str(desk / "templates" / "docx" / "release.docx"))
    (error,) = fails(cli, desk, write(desk, GOOD), "-f", "docx")
    assert "release.docx: template error: ZeroDivisionError: division by zero" in error


LONG_WORD = GOOD.replace("A paragraph.", "x" * 100_000)


def test_a_render_over_its_time_budget_stops_with_a_message(cli, desk, monkeypatch):
    monkeypatch.setenv("PRAUTHOR_TIME_LIMIT", "1")
    spec = write(desk, LONG_WORD)
    start = time.perf_counter()
    (error,) = fails(cli, desk, spec, "-f", "pdf")
    assert time.perf_counter() - start < 15
    assert error.startswith(f"{spec}: the pdf took longer than 1 s of CPU to render")


def test_the_pdf_worker_dies_with_its_parent(desk):
    spec = write(desk, LONG_WORD)
    env = dict(os.environ, PRAUTHOR_TIME_LIMIT="300")
    parent = subprocess.Popen([sys.executable, "-m", "prauthor", "render", str(spec), "-f",
                               "pdf,txt", "--out", str(desk / "out")], env=env,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (workers := _children(parent.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not workers:
        parent.kill()
        pytest.skip("no PDF worker was started (a machine with one core renders in-process)")
    time.sleep(2)  # the worker is laying out the long word now
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False
