"""Every example resolves to its reviewed golden Document and renders in every format."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, REFERENCE_SPECS, ROOT
from prauthor.document import Paragraph, Quote, plain
from prauthor.load import load
from prauthor.render import render
from prauthor.resolve import resolve

GOLDEN = ROOT / "tests" / "golden"
ALL_SPECS = EXAMPLES + REFERENCE_SPECS


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare with tests/golden/NAME; --update-golden rewrites it for review."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run pytest --update-golden and review it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_document_matches_golden(spec, update_golden):
    doc = resolve(load(spec))
    data = doc.to_dict()
    data["meta"]["spec_sha256"] = "<hash>"
    check_golden(f"{spec.stem}.document.json",
                 json.dumps(data, indent=1, ensure_ascii=False) + "\n", update_golden)


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_text_matches_golden(spec, update_golden):
    text = render(resolve(load(spec)), "txt").decode("utf-8")
    check_golden(f"{spec.stem}.txt", text, update_golden)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda p: p.stem)
def test_text_holds_every_paragraph_in_order(spec):
    doc = resolve(load(spec))
    lines = render(doc, "txt").decode("utf-8").splitlines()
    expected = [plain(p.spans) for p in paragraphs(doc)]
    found = [line for line in lines if line in set(expected)]
    assert found == expected


def paragraphs(doc):
    """Yield every paragraph of a Document in reading order."""
    for block in [*doc.body, *(b for s in doc.sections for b in s.blocks)]:
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Quote):
            yield from block.paragraphs


def test_document_is_immutable():
    doc = resolve(load(EXAMPLES[0]))
    with pytest.raises(AttributeError):
        doc.meta = None
