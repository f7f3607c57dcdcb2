"""Corpus-shaped releases read back from Word and the page: tables cell by cell,
contacts under one heading, third-level bullets."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from prauthor.document import Table
from prauthor.load import load
from prauthor.render import Options, render
from prauthor.resolve import resolve
from tableread import docx_tables, grid, html_tables

DESK = ROOT / "tests" / "data" / "desk"
SPECS = [DESK / "releases" / "2023-03-15-q1-results.yaml",
         ROOT / "examples" / "2026-02-26-q4-fy2025-results.yaml"]


@pytest.fixture(scope="module")
def documents():
    return {spec: resolve(load(spec)) for spec in SPECS}


def tables(doc) -> list[Table]:
    return [block for block in (*doc.body, *doc.appendix) if isinstance(block, Table)]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_docx_tables_read_back_cell_by_cell(documents, spec):
    doc = documents[spec]
    found = [t for t in docx_tables(render(doc, "docx", Options(draft=False)))
             if t.style == "Financial Table"]
    expected = tables(doc)
    assert len(found) == len(expected)
    for read, table in zip(found, expected, strict=True):
        assert read.header == grid(table.header), table.title
        assert read.body == grid(table.rows), table.title


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_html_tables_read_back_cell_by_cell(documents, spec):
    doc = documents[spec]
    found = html_tables(render(doc, "html", Options()))
    expected = tables(doc)
    assert len(found) == len(expected)
    for read, table in zip(found, expected, strict=True):
        caption = " ".join(t for t in (table.title, table.units) if t)
        assert read.caption == caption
        assert read.header == grid(table.header), table.title
        assert read.body == grid(table.rows), table.title


def test_docx_contacts_under_one_heading_show_it_once():
    from docx_text import body_paragraphs, open_docx

    doc = resolve(load(DESK / "releases" / "2024-03-08-spin-off.yaml"))
    word = open_docx(render(doc, "docx", Options(draft=False)))
    contacts = [p for p in body_paragraphs(word) if p.style.name == "Contact"]
    labelled = [[r.text for r in p.runs if r.style.name == "Contact Label"] for p in contacts]
    assert labelled == [["Halden Investor Contact:"], [], [], ["Halden Media Contact:"],
                        ["Veratrix Investor Contact:"], ["Veratrix Media Contact:"]]
    assert contacts[1].text.splitlines() == ["Nora Farrell", "Phone: (612) 555-0149"]


def test_html_contacts_under_one_heading_show_it_once():
    doc = resolve(load(DESK / "releases" / "2024-03-08-spin-off.yaml"))
    page = render(doc, "html", Options()).decode("utf-8")
    contacts = page[page.index('<section class="contacts"'):]
    assert re.findall(r"<strong>(.*?)</strong>", contacts) == [
        "Halden Investor Contact:", "Halden Media Contact:", "Veratrix Investor Contact:",
        "Veratrix Media Contact:"]
    assert "Nora Farrell" in contacts


def test_third_level_bullets_in_word_and_on_the_page():
    from docx_text import open_docx

    doc = resolve(load(DESK / "releases" / "2024-03-08-spin-off.yaml"))
    word = open_docx(render(doc, "docx", Options(draft=False)))
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert [styles[t] for t in ("Organized into four business segments:",
                                "Medical Surgical: wound care and surgical products.",
                                "clear aligners")] == ["List Bullet", "List Bullet 2",
                                                       "List Bullet 3"]
    page = render(doc, "html", Options()).decode("utf-8")
    before = page[:page.index("clear aligners")]
    assert before.count("<ul>") - before.count("</ul>") == 3
