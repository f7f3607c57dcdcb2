"""The reference releases render to the newswire text legal expects, dateline by dateline."""

from __future__ import annotations

import importlib.util
import re

import pytest

from conftest import REFERENCE, REFERENCE_SPECS
from prauthor.load import load
from prauthor.render import Options, render
from prauthor.resolve import resolve

EXPECTED_WIRE = {"2020-06-30-rd-showcase": "prnewswire"}


def compare_module():
    """Import ../shared/reference/compare.py, the comparison rule itself."""
    spec = importlib.util.spec_from_file_location("compare", REFERENCE / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_file(stem: str):
    wire = EXPECTED_WIRE.get(stem, "company")
    return REFERENCE / "cbmg" / "expected" / f"{stem}.{wire}.txt"


@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize("spec_path", REFERENCE_SPECS, ids=lambda p: p.stem)
def test_reference_text_matches_expected(spec_path):
    compare = compare_module()
    text = render(resolve(load(spec_path)), "txt").decode("utf-8")
    expected = compare.lines(expected_file(spec_path.stem).read_text(encoding="utf-8"))
    actual = compare.strip_furniture(compare.lines(text))
    assert compare.differences(expected, actual) == []
    assert len(actual) == len(expected)


def dateline_rows():
    """Read the dateline table of ../shared/reference/README.md."""
    readme = REFERENCE / "README.md"
    if not readme.is_file():
        return []
    row = re.compile(r"^\| ([\w-]+) \| (\w+) \| `([^`]+)`")
    return [m.groups() for line in readme.read_text().splitlines() if (m := row.match(line))]


@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize(("release", "wire", "dateline"), dateline_rows())
def test_dateline_table_row(release, wire, dateline):
    doc = resolve(load(REFERENCE / "cbmg" / "releases" / f"{release}.yaml"), wire)
    first = render(doc, "txt", Options()).decode().split("\n\n")[2]
    assert first.startswith(dateline + doc.dateline.joiner + "Cellular Biomedicine Group, Inc.")
    assert doc.dateline.text == dateline


def test_dateline_table_is_read():
    if not REFERENCE.is_dir():
        pytest.skip(f"reference fixtures not found at {REFERENCE}")
    assert len(dateline_rows()) == 9
