"""Hostile text: whatever an author types, the DOCX opens and says exactly that."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_text import body_paragraphs, expected_paragraphs, open_docx
from prauthor.load import load
from prauthor.markup import typographer
from prauthor.render import Options, render
from prauthor.resolve import resolve

EXAMPLES_RUN = 60  # enough to meet every kind of hostile piece; keeps the suite fast

HOSTILE = ["&", "<", ">", '"', "'", "]]>", "<![CDATA[", "{{", "}}", "{%", "%}", "{#", "#}",
           "{_{", "}_}", "{{p body }}", "{% for x in y %}", "<w:p>", "</w:t>", "&amp;", "&#x0;",
           "\\", "*", "**", "[x](https://e.example/?a=1&b=<2>)", "[y](javascript:alert(1))",
           "®", "™", "©", "–", "—", "“", "”", "😀", "👩‍⚖️", "🇺🇸", "中文字符", "日本語", "한국어",
           "مرحبا بالعالم", "שלום", "\u200f", "\u200e", "\u200b", "e\u0301", "a\u0308\u0323",
           "Z\u0351\u0352\u0353", " ", "  ", "\t", "\n", "\u00a0"]
# Refused with a located error instead (tests/test_hostile_input.py): separators, overrides.
REFUSED = "\ufffe\uffff\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LEGAL = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=REFUSED)
PIECE = st.one_of(st.sampled_from(HOSTILE), st.text(LEGAL, min_size=1, max_size=10))
TEXT = st.lists(PIECE, min_size=1, max_size=10).map("".join).filter(lambda s: s.strip())
LONG = TEXT.map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]).filter(lambda s: s.strip())
PARAGRAPH = st.one_of(TEXT, TEXT, TEXT, LONG)
ILLEGAL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\ufffe",
           "\uffff"]


def _yaml_text(data: dict) -> str:
    """Write a spec as YAML, letting the YAML library quote and escape the text."""
    return yaml.safe_dump(data, allow_unicode=True, width=10**6, sort_keys=False)


@st.composite
def specs(draw) -> dict:
    """A valid spec for the built-in desk whose every author-written text is hostile."""
    items = draw(st.lists(TEXT, min_size=1, max_size=3))
    body = [*draw(st.lists(PARAGRAPH, min_size=1, max_size=3)),
            {"heading": draw(TEXT)},
            {"list": [items[0], {"text": draw(TEXT), "items": items}],
             "ordered": draw(st.booleans())},
            {"quote": {"by": "elena-marsh", "before": draw(TEXT), "after": [draw(PARAGRAPH)]}}]
    return {"type": "general", "company": "corvane", "wire": draw(st.sampled_from(
                ["none", "prnewswire", "businesswire"])),
            "headline": draw(TEXT), "subheadlines": draw(st.lists(TEXT, max_size=2)),
            "dateline": {"cities": ["Cambridge, MA"], "date": "2026-05-04"},
            "intro": {"descriptor": draw(TEXT)}, "lead": draw(PARAGRAPH), "body": body,
            "boilerplate": ["about"], "contacts": ["investors"]}


def _lines(text: str) -> str:
    # Tabs are read as spaces: a tab never reaches an output.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


@settings(max_examples=EXAMPLES_RUN, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_any_text_renders_to_a_docx_that_holds_it(data):
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "hostile.yaml"
        spec.write_text(_yaml_text(data), encoding="utf-8")
        doc = resolve(load(spec))
    word = open_docx(render(doc, "docx", Options()))
    got = [p.text for p in body_paragraphs(word)]
    assert got == [_lines(text) for text in expected_paragraphs(doc)]
    # The headline is not markup: verbatim, but for a tab (a space) and curled quotes.
    headline = got.index(doc.release_line) + 1  # after the logo, if any, and release line
    assert got[headline] == _lines(typographer(data["headline"].replace("\t", " ").strip()))
    assert len(list(word.comments)) == 1


@pytest.mark.parametrize("char", ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", ["headline", "lead", "body"])
def test_xml_illegal_characters_are_refused_cleanly(cli, tmp_path, char, field):
    data = {"type": "general", "company": "corvane", "headline": "A headline",
            "dateline": {"cities": ["Cambridge, MA"], "date": "2026-05-04"},
            "lead": "announced today.", "body": ["A paragraph."], "boilerplate": ["about"],
            "contacts": ["investors"]}
    data[field] = [f"bad {char} text"] if field == "body" else f"bad {char} text"
    spec = tmp_path / "illegal.yaml"
    spec.write_text(_yaml_text(data), encoding="utf-8")
    code, _, err = cli("render", spec, "-f", "docx", "-o", tmp_path / "out")
    assert code == 2 and not (tmp_path / "out").exists()
    location = f"{field}[0]" if field == "body" else field
    assert f"{spec}:" in err and f"{location}: control character U+{ord(char):04X}" in err
    assert "Traceback" not in err
