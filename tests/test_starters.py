"""Starters mark every value an author supplies with <<...>>; none can ship unfilled."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import ROOT
from prauthor.spec import RELEASE_TYPES
from prauthor.starters import starter

PLACEHOLDER = re.compile(r"<<([^<>\n]*)>>")
# What an author would write in place of the placeholders that need a particular form.
# A date every sample block is in effect on (the legends from Aug. 1, 2026).
RELEASE_DATE = dt.date(2026, 9, 15)
FILLED = {"City, ST": "Cambridge, MA", "Company": "Corvane Therapeutics"}


def fill(text: str) -> str:
    """Replace each placeholder with text of the kind it asks for."""
    return PLACEHOLDER.sub(lambda m: FILLED.get(m.group(1), m.group(1).strip(" .")), text)


def check_json(cli, spec) -> tuple[int, dict]:
    code, out, _ = cli("check", "--final", "--format", "json", spec, "--desk", ROOT)
    return code, json.loads(out)


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_an_unfilled_starter_fails_final_at_each_placeholder(cli, tmp_path, kind):
    text = starter(kind, date=RELEASE_DATE)
    spec = tmp_path / f"{kind}.yaml"
    spec.write_text(text, encoding="utf-8")
    code, report = check_json(cli, spec)
    found = [f for f in report["findings"] if f["rule"] == "placeholder"]
    assert code == 1 and found and all(f["severity"] == "error" for f in found)
    lines = text.splitlines()
    for finding in found:
        assert finding["file"] == str(spec)
        placeholder = finding["message"].split("'")[1]
        # a folded scalar (lead: >-) is located at its key, its text on the next line
        assert placeholder in "".join(lines[finding["line"] - 1: finding["line"] + 1])
    written = {m.group() for line in lines if not line.lstrip().startswith("#")
               for m in PLACEHOLDER.finditer(line)}
    assert {f["message"].split("'")[1] for f in found} == written


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_a_filled_starter_passes_final(cli, tmp_path, kind):
    spec = tmp_path / f"{kind}.yaml"
    spec.write_text(fill(starter(kind, date=RELEASE_DATE)), encoding="utf-8")
    code, report = check_json(cli, spec)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert code == 0 and not errors, errors


def test_an_unfilled_starter_renders_as_a_draft_but_not_final(cli, tmp_path):
    spec = tmp_path / "event.yaml"
    spec.write_text(starter("event", date=RELEASE_DATE), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("render", spec, "--desk", ROOT, "--out", out, "--format", "txt",
                       "--final")
    assert code == 1 and "<<" in err and not out.exists()
    code, _, err = cli("render", spec, "--desk", ROOT, "--out", out, "--format", "txt")
    assert code == 0 and "placeholder" in err


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_an_unfilled_starter_is_reported_by_its_placeholders_alone(cli, tmp_path, kind):
    spec = tmp_path / f"{kind}.yaml"
    spec.write_text(starter(kind), encoding="utf-8")
    code, out, _ = cli("check", "--format", "json", spec, "--desk", ROOT)
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert code == 0 and rules == {"placeholder"}, rules


def test_a_half_written_value_is_reported_once_then_by_every_rule(cli, tmp_path):
    text = starter("general").replace('"<<City, ST>>"', '"<<City>>, Narnia"').replace(
        "headline: \"<<Company>> Announces <<News>>\"",
        "headline: \"<<Company>> Announces Record Sales!\"")
    assert "Record Sales!" in text
    spec = tmp_path / "general.yaml"
    for written, expected in ((text, set()), (fill(text), {"dateline", "exclamation"})):
        spec.write_text(written, encoding="utf-8")
        code, out, _ = cli("check", "--format", "json", spec, "--desk", ROOT)
        findings = json.loads(out)["findings"]
        lines = {f["line"] for f in findings if f["rule"] in ("dateline", "exclamation")}
        assert code == 0 and {f["rule"] for f in findings} - {"placeholder"} == expected
        held = {n for n, line in enumerate(written.splitlines(), 1)
                if "Sales!" in line or "Narnia" in line}
        assert lines == (held if expected else set()) and len(held) == 2


def test_new_dates_the_starter_today_or_on_the_date_given(cli):
    code, out, _ = cli("new", "event", "--desk", ROOT)
    today = dt.date.today().isoformat()
    assert code == 0 and f"  date: {today}          # the release date" in out
    assert f"embargo: {{date: {today}," in out
    code, out, _ = cli("new", "transaction", "--desk", ROOT, "--date", "2026-11-30")
    assert code == 0 and "  date: 2026-11-30 " in out and "embargo: {date: 2026-11-30," in out
    assert "2026-03-02" not in out and "2026-09-15" not in out
    code, _, err = cli("new", "event", "--desk", ROOT, "--date", "30/11/2026")
    assert code == 2 and "--date: '30/11/2026' is not a date (YYYY-MM-DD)" in err


def test_a_spec_named_for_another_date_is_warned_at_its_dateline(cli, tmp_path):
    spec = tmp_path / "2026-09-16-vote.yaml"
    spec.write_text(fill(starter("transaction", date=RELEASE_DATE)), encoding="utf-8")
    code, report = check_json(cli, spec)
    (found,) = [f for f in report["findings"] if f["rule"] == "file-date"]
    line = spec.read_text().splitlines()[found["line"] - 1]
    assert code == 0 and found["severity"] == "warning" and line.startswith("  date: 2026-09-15")
    assert "'2026-09-16-vote.yaml' is dated 2026-09-16, the dateline 2026-09-15" in \
        found["message"] and "out/2026-09-16-vote/" in found["message"]
    assert "rename the file to 2026-09-15-vote.yaml" in found["hint"]
    renamed = spec.rename(tmp_path / "2026-09-15-vote.yaml")
    assert "file-date" not in {f["rule"] for f in check_json(cli, renamed)[1]["findings"]}
