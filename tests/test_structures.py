"""Releases shaped like the corpus ones (tests/data/desk) render in every format, and
their tables read back cell by cell."""

from __future__ import annotations

import pytest

from conftest import ROOT
from prauthor.document import EventDetails, ListBlock, Marker, Table, plain
from prauthor.load import load
from prauthor.render import FORMATS, Options, applies, render
from prauthor.resolve import resolve
from tableread import bands, expected_header, expected_rows, read_header, read_rows

DESK = ROOT / "tests" / "data" / "desk"
EARNINGS = DESK / "releases" / "2023-03-15-q1-results.yaml"
SPIN_OFF = DESK / "releases" / "2024-03-08-spin-off.yaml"
EXAMPLE_EARNINGS = ROOT / "examples" / "2026-02-26-q4-fy2025-results.yaml"
SPECS = [EARNINGS, SPIN_OFF, EXAMPLE_EARNINGS]


@pytest.fixture(scope="module")
def documents():
    return {spec: resolve(load(spec)) for spec in SPECS}


@pytest.fixture(scope="module")
def texts(documents):
    """Each spec's newswire text, unwrapped and wrapped at 80."""
    return {(spec, wrap): render(doc, "txt", Options(wrap=wrap)).decode("utf-8")
            for spec, doc in documents.items() for wrap in (None, 80)}


def tables(doc) -> list[Table]:
    return [block for block in (*doc.body, *doc.appendix) if isinstance(block, Table)]


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_renders_in_every_format(documents, spec, name):
    doc = documents[spec]
    if applies(doc, name):
        assert render(doc, name)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_text_under_wrap_80_has_no_line_over_80(texts, spec):
    long = [line for line in texts[spec, 80].splitlines() if len(line) > 80]
    assert not long


@pytest.mark.parametrize("wrap", [None, 80])
@pytest.mark.parametrize("spec", [EARNINGS, EXAMPLE_EARNINGS], ids=lambda p: p.stem)
def test_titled_tables_read_back_from_the_text_cell_by_cell(documents, texts, spec, wrap):
    titled = [table for table in tables(documents[spec]) if table.title]
    assert titled
    for table in titled:
        expected = expected_rows(table)
        read = [[] for _ in expected]
        for band in bands(texts[spec, wrap], table.title):
            rows = read_rows(band, [label for label, _ in expected])
            assert [label for label, _ in rows] == [label for label, _ in expected]
            for index, (_, figures) in enumerate(rows):
                read[index] += figures
            header = read_header(band, expected[0][0])
            if len(bands(texts[spec, wrap], table.title)) == 1:
                assert header == expected_header(table), table.title
        assert [(label, figures) for (label, _), figures in zip(expected, read, strict=True)] \
            == expected, table.title


def test_untitled_target_table_reads_back(documents, texts):
    (targets,) = [t for t in tables(documents[EARNINGS]) if not t.title]
    lines = texts[EARNINGS, 80].splitlines()
    start = lines.index("Net new subscription revenue  ~$1.70 billion")
    assert read_rows(lines[start:start + 2], [label for label, _ in expected_rows(targets)]) \
        == expected_rows(targets)


def test_earnings_dateline_is_the_corpus_dash_style(documents, texts):
    doc = documents[EARNINGS]
    assert doc.dateline.text == "SAN JOSE, Calif. – March 15, 2023 –"
    assert ("SAN JOSE, Calif. – March 15, 2023 – Lumora Systems Inc. (Nasdaq: LUMR) today "
            "reported") in texts[EARNINGS, None]


def test_marker_and_tables_follow_the_boilerplate(texts):
    chunks = texts[EARNINGS, None].split("\n\n")

    def first(start: str) -> int:
        return next(i for i, chunk in enumerate(chunks) if chunk.startswith(start))

    assert (first("FINANCIAL TABLES FOLLOW") < first("About Lumora")
            < first("Condensed Consolidated Statements of Income")
            < first("Investor Relations Contact:") < first("###"))


def test_call_details_are_labelled_lines(texts):
    assert ("Conference Call\n"
            "Date and time: Wednesday, March 15, 2023, 2:00 p.m. PT\n"
            "Webcast: https://investors.lumora.example/q1-2023\n"
            "Dial-in: +1 (877) 555-0190\n"
            "Access code: 8820") in texts[EARNINGS, None]


def test_spin_off_structures(documents):
    doc = documents[SPIN_OFF]
    assert doc.subheadlines == (
        "Record date set for March 18, 2024 and distribution date set for April 1, 2024",
        "Veratrix to hold its first investor day on March 19, 2024")
    assert doc.dateline.text == "ST. PAUL, Minn., March 8, 2024 /PRNewswire/ --"
    assert [s.title for s in doc.sections] == ["Forward-Looking Statements", "About Halden",
                                               "About Veratrix"]
    (event,) = [b for b in doc.body if isinstance(b, EventDetails)]
    assert event.starts.isoformat() == "2024-03-19T09:00:00-04:00"
    assert not any(isinstance(b, Marker) for b in doc.body)


def test_lists_nest_three_levels_in_the_text(documents, texts):
    (bullets,) = [b for b in documents[SPIN_OFF].body if isinstance(b, ListBlock)]
    third = bullets.items[2].children.items[1].children
    assert [plain(i.spans) for i in third.items] == ["clear aligners",
                                                     "digital impression systems"]
    text = texts[SPIN_OFF, None]
    assert ("- Organized into four business segments:\n"
            "  - Medical Surgical: wound care and surgical products.\n"
            "  - Dental Solutions: prevention, procedure and orthodontic products, including:\n"
            "    - clear aligners\n"
            "    - digital impression systems\n") in text


def test_contacts_of_two_companies_are_grouped_and_named(documents, texts):
    contacts = documents[SPIN_OFF].contacts
    assert [c.text_lines()[:2] for c in contacts] == [
        ("Halden Investor Contact:", "Luc Baptiste"), ("Nora Farrell", "Phone: (612) 555-0149"),
        ("Owen Hughes", "Phone: (651) 555-0143"), ("Halden Media Contact:", "Sean Laird"),
        ("Veratrix Investor Contact:", "Kim Morales"), ("Veratrix Media Contact:", "Cara Rothe")]
    text = texts[SPIN_OFF, None]
    assert "Halden Investor Contact:\nLuc Baptiste\nPhone: (651) 555-0107\n\nNora Farrell\n" in text
    assert text.count("Investor Contact:") == 2


def test_contacts_of_one_company_keep_their_labels(documents):
    assert [c.lines[0][0] for c in documents[EARNINGS].contacts] == [
        "Investor Relations Contact", "Public Relations Contact"]
