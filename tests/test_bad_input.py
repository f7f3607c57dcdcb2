"""Bad input ends with exit code 2, every problem located, and nothing written."""

from __future__ import annotations

import textwrap
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
  - quote:
      by: elena-marsh
      before: We look forward to it.
boilerplate:
  - about
  - fls:
      subject: the event
contacts: [investors]
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """Copy the sample desk into a temporary folder."""
    return make_desk(tmp_path)


def write(desk: Path, text: str, name: str = "release.yaml") -> Path:
    path = desk / "releases" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def render_fails(cli, desk: Path, spec: Path) -> list[str]:
    """Render, assert exit 2 with no output, and return the error lines."""
    out = desk / "out"
    code, _, err = cli("render", spec, "--out", out)
    assert code == 2, err
    assert not out.exists()
    assert "Traceback" not in err
    return error_lines(err)


def test_good_spec_renders(cli, desk):
    code, _, err = cli("render", write(desk, GOOD), "--out", desk / "out", "--format", "txt")
    assert code == 0, err
    assert (desk / "out" / "release" / "release.draft.txt").is_file()


def test_invalid_yaml_names_the_line(cli, desk):
    spec = write(desk, GOOD.replace("lead: today", "lead: [today"))
    (line,) = render_fails(cli, desk, spec)
    assert line.startswith(f"{spec}:") and "invalid YAML" in line


def test_duplicate_key(cli, desk):
    spec = write(desk, GOOD + "headline: Again\n")
    assert render_fails(cli, desk, spec) == [f"{spec}:19: headline: this key appears twice"]


def test_every_spec_problem_at_once(cli, desk):
    text = (GOOD.replace("headline:", "headlin:")
            .replace("date: 2026-03-02", "date: 2026-02-30")
            .replace("wire: prnewswire", "wire: reuters")
            .replace("  - A paragraph.", "  - 42\n  - {tabel: 1}"))
    lines = render_fails(cli, desk, write(desk, text))
    joined = "\n".join(lines)
    assert ":3: wire: unknown wire 'reuters'" in joined
    assert ":4: headlin: unknown field 'headlin' (did you mean 'headline'?)" in joined
    assert ": headline: required field is missing" not in joined  # the did-you-mean says it
    assert ":7: dateline.date: '2026-02-30' should be a valid date" in joined
    assert ":10: body[0]: a body block is a paragraph (text), or has one of the keys" in joined
    assert ":11: body[1]: unknown body block 'tabel' (did you mean 'table'?)" in joined
    assert len(lines) == 5


def test_unknown_references_are_all_reported(cli, desk):
    text = (GOOD.replace("company: corvane", "company: corvane")
            .replace("by: elena-marsh", "by: elena-mars")
            .replace("contacts: [investors]", "contacts: [investor, media]")
            .replace("  - about\n", "  - abuot\n  - about@7\n"))
    lines = render_fails(cli, desk, write(desk, text))
    assert any(":12: body[1].quote.by: unknown person 'elena-mars' (did you mean "
               "'elena-marsh'?)" in line for line in lines)
    assert any(":19: contacts[0]: unknown contact 'investor' (did you mean 'investors'?)" in line
               for line in lines)
    assert any(":15: boilerplate[0]: no block 'abuot'" in line and "did you mean 'about'" in line
               for line in lines)
    assert any(":16: boilerplate[1]: 'about' has no version 7 (it has v1, v2)" in line
               for line in lines)
    assert len(lines) == 4


def test_unknown_company(cli, desk):
    spec = write(desk, GOOD.replace("company: corvane", "company: corvan"))
    assert render_fails(cli, desk, spec) == [
        f"{spec}:2: company: unknown company 'corvan' (did you mean 'corvane'?) (companies "
        f"of the desk: corvane, in {desk / 'companies'})"]


def test_block_parameters_missing_and_undeclared(cli, desk):
    spec = write(desk, GOOD.replace("subject: the event", "subjct: the event"))
    lines = render_fails(cli, desk, spec)
    assert f"{spec}:17: boilerplate[1].fls.subjct: 'fls@1' declares no parameter 'subjct' " \
           "(did you mean 'subject'?)" in lines
    assert any("'fls@1' needs the parameter 'subject'" in line for line in lines)


def test_broken_front_matter(cli, desk):
    block = desk / "boilerplate" / "about" / "v2.md"
    block.write_text(block.read_text().replace("status: approved", "status: aproved")
                     .replace("version: 2", "version: two"))
    lines = render_fails(cli, desk, write(desk, GOOD))
    assert f"{block}:4: version: a whole number is expected here, not 'two'" in lines
    assert f"{block}:6: status: 'aproved' is not one of 'draft', 'approved' or 'retired' " \
           "(did you mean 'approved'?)" in lines


def test_block_without_front_matter(cli, desk):
    block = desk / "boilerplate" / "about" / "v1.md"
    block.write_text("Just text.\n")
    lines = render_fails(cli, desk, write(desk, GOOD))
    assert lines == [f"{block}:1: a block starts with YAML front matter between '---' lines"]


def test_block_slot_not_declared(cli, desk):
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("{{ subject }}", "{{ subject }} {{ extra }}"))
    lines = render_fails(cli, desk, write(desk, GOOD))
    assert any("uses '{{ extra }}' but the front matter does not declare it" in line
               for line in lines)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0c"])
def test_control_characters_are_refused(cli, desk, char):
    spec = desk / "releases" / "release.yaml"
    spec.write_text(GOOD.replace("A paragraph.", f'"A para{char!r}graph."'.replace("'", "")
                                 .replace("\\x", "\\x")))
    lines = render_fails(cli, desk, spec)
    assert lines == [f"{spec}:10: body[0]: control character U+{ord(char):04X} is not allowed "
                     "in text"]


def test_hostile_text_comes_out_as_typed(cli, desk):
    hostile = "{{ 7*7 }} {% raw %} <script>alert(1)</script> R&D ]]> {{ subject }}"
    spec = write(desk, GOOD.replace("A paragraph.", f"'{hostile}'")
                 .replace("subject: the event", f"subject: '{hostile}'"))
    code, _, err = cli("render", spec, "--out", desk / "out", "--format", "txt")
    assert code == 0, err
    text = (desk / "out" / "release" / "release.draft.txt").read_text()
    assert f"\n{hostile}\n" in text
    assert f"statements regarding {hostile}." in text
    assert "49" not in text


def test_one_bad_spec_stops_all_output(cli, desk):
    good = write(desk, GOOD, "good.yaml")
    bad = write(desk, GOOD.replace("lead:", "led:"), "bad.yaml")
    code, _, err = cli("render", good, bad, "--out", desk / "out")
    assert code == 2 and "bad.yaml:8: error: led: unknown field" in err
    assert not (desk / "out").exists()


def test_empty_spec(cli, desk):
    spec = write(desk, "")
    assert render_fails(cli, desk, spec) == [f"{spec}:1: the file is empty"]


def test_missing_spec_file(cli, desk):
    lines = render_fails(cli, desk, desk / "nope.yaml")
    assert lines == [f"{desk / 'nope.yaml'}: no such file"]


def test_unknown_format_and_wire(cli, desk):
    spec = write(desk, GOOD)
    code, _, err = cli("render", spec, "--format", "rtf", "--out", desk / "out")
    assert code == 2 and "unknown format 'rtf'" in err
    code, _, err = cli("render", spec, "--wire", "reuters", "--out", desk / "out")
    assert code == 2 and "--wire: unknown wire 'reuters'" in err


def test_control_character_in_block_text(cli, desk):
    block = desk / "boilerplate" / "fls" / "v1.md"
    block.write_text(block.read_text().replace("Forward-looking statements speak",
                                               "Forward-looking\x0bstatements speak"))
    lines = render_fails(cli, desk, write(desk, GOOD))
    assert lines == [f"{block}:16: text: control character U+000B is not allowed in text"]


def test_embargo_release_line(cli, desk):
    embargo = "release:\n  embargo: {date: 2026-03-02, time: 8:00 a.m., zone: ET}\n"
    spec = write(desk, GOOD + embargo)
    code, _, err = cli("render", spec, "--out", desk / "out", "--format", "txt")
    assert code == 0, err
    text = (desk / "out" / "release" / "release.draft.txt").read_text()
    assert text.startswith("EMBARGOED UNTIL 8:00 a.m. ET, March 2, 2026\n\n")
