"""Every output format meets one contract, and every renderer walks the one reading order."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from prauthor.render import FORMATS, Options, default_formats, format_of, renderer

# The Document's shortcuts to one kind of part: fine for metadata, never for layout.
SHORTCUTS = re.compile(r"\bdoc\.(body|appendix|contacts|end_mark|release_line)\b")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_meets_the_renderer_contract(name):
    fmt = FORMATS[name]
    module = renderer(name)
    assert callable(module.render)
    assert set(fmt.options) <= {f.name for f in dataclasses.fields(Options)}
    assert fmt.suffix and fmt.about and fmt.name == name


def test_suffixes_are_unique_and_the_defaults_are_the_four_outputs_and_the_calendar():
    suffixes = [f.suffix for f in FORMATS.values()]
    assert len(set(suffixes)) == len(suffixes)
    assert {"txt", "docx", "html", "pdf"} <= set(default_formats())


def test_an_unknown_format_names_the_known_ones():
    with pytest.raises(Exception, match=r"unknown format 'dcox' \(did you mean 'docx'\?\)"):
        format_of("dcox")


def test_no_renderer_has_its_own_reading_order():
    files = [*(ROOT / "src" / "prauthor" / "render").glob("*.py"),
             *(ROOT / "templates" / "html").glob("*.j2")]
    found = [f"{path.name}:{number}: {line.strip()}" for path in files
             for number, line in enumerate(path.read_text().splitlines(), start=1)
             if SHORTCUTS.search(line)]
    assert found == []


def test_resolve_imports_nothing_from_governance():
    probe = ("import sys; import prauthor.resolve; "
             "print(sorted(m for m in sys.modules if m.startswith('prauthor.governance')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
