"""Starters mark every value an author supplies with <<...>>; none can ship unfilled."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from prauthor.spec import RELEASE_TYPES
from prauthor.starters import starter

PLACEHOLDER = re.compile(r"<<([^<>\n]*)>>")
# What an author would write in place of the placeholders that need a particular form.
FILLED = {"City, ST": "Cambridge, MA", "Company": "Corvane Therapeutics"}


def fill(text: str) -> str:
    """Replace each placeholder with text of the kind it asks for."""
    return PLACEHOLDER.sub(lambda m: FILLED.get(m.group(1), m.group(1).strip(" .")), text)


def check_json(cli, spec) -> tuple[int, dict]:
    code, out, _ = cli("check", "--final", "--format", "json", spec, "--desk", ROOT)
    return code, json.loads(out)


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_an_unfilled_starter_fails_final_at_each_placeholder(cli, tmp_path, kind):
    text = starter(kind)
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
    spec.write_text(fill(starter(kind)), encoding="utf-8")
    code, report = check_json(cli, spec)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert code == 0 and not errors, errors


def test_an_unfilled_starter_renders_as_a_draft_but_not_final(cli, tmp_path):
    spec = tmp_path / "event.yaml"
    spec.write_text(starter("event"), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli("render", spec, "--desk", ROOT, "--out", out, "--format", "txt",
                       "--final")
    assert code == 1 and "<<" in err and not out.exists()
    code, _, err = cli("render", spec, "--desk", ROOT, "--out", out, "--format", "txt")
    assert code == 0 and "placeholder" in err
