"""The DOCX as LibreOffice lays it out: event labels fit their column, totals are bold."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from conftest import require_tool
from docx_text import body_paragraphs, open_docx
from prauthor.document import EventDetails
from prauthor.render import Options, render
from samples import document, event, income_table, text

LONG = "Dial-in (toll-free from Australia, New Zealand, Singapore and Hong Kong)"
DETAILS = EventDetails(title="Investor Call Details", items=(
    ("Date and time", text("Thursday, May 7, 2026, 4:30 p.m. ET")),
    ("Dial-in (U.S.)", text("+1 (800) 555-0134")),
    ("Dial-in (International)", text("+1 (646) 555-0134")),
    ("Access code", text("417 2025")),
))
WITH_LONG = EventDetails(title="Analyst Call Details", items=(
    *DETAILS.items[:2], (LONG, text("+61 2 5550 1234")), ("Access code", text("5551 9921"))))


@dataclass
class Word:
    """A word as pdftotext places it on its page, in points."""

    text: str
    page: int
    left: float
    right: float
    top: float


@pytest.fixture(scope="module")
def laid_out_pdf(tmp_path_factory) -> Path:
    """Render a release with three event blocks and a table to DOCX; have LibreOffice
    lay it out as PDF."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("docx-layout")
    doc = document(body=[DETAILS, event(), WITH_LONG, income_table()])
    (folder / "release.docx").write_bytes(render(doc, "docx", Options(draft=False)))
    profile = tmp_path_factory.mktemp("lo-profile")
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder),
                           str(folder / "release.docx")], capture_output=True, text=True,
                          timeout=300)
    assert (folder / "release.pdf").is_file(), done.stdout + done.stderr
    return folder / "release.pdf"


@pytest.fixture(scope="module")
def laid_out(laid_out_pdf) -> list[Word]:
    """Return the laid-out PDF's words with their places, as pdftotext reads them."""
    pdftotext = require_tool("pdftotext")
    html = subprocess.run([pdftotext, "-bbox", str(laid_out_pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                          r"(.*)</word>", line)
        if found:
            left, top, right, word = found.groups()
            words.append(Word(word.replace("&amp;", "&"), page, float(left), float(right),
                              float(top)))
    return words


def _places(words: list[Word], block: EventDetails) -> dict[str, tuple[float, float, float]]:
    """Return, for each label of an event block, where the label ends, where its value
    starts and how far below the label's line the value is set."""
    order = sorted(words, key=lambda w: (w.page, round(w.top), w.left))
    title = block.title.split()
    at = next(i for i in range(len(order))
              if [w.text for w in order[i:i + len(title)]] == title)
    places = {}
    for label, spans in block.items:
        last, first = label.split()[-1] + ":", plain_text(spans).split()[0]
        at = next(i for i in range(at, len(order)) if order[i].text == last)
        end = order[at]
        at = next(i for i in range(at + 1, len(order)) if order[i].text == first)
        places[label] = (end.right, order[at].left, order[at].top - end.top)
    return places


def test_every_value_starts_at_one_column_clear_of_its_label(laid_out):
    places = _places(laid_out, DETAILS).values()
    assert len({round(left) for _, left, _ in places}) == 1, places  # one column
    for right, left, below in places:
        assert left - right >= 6 and abs(below) < 2, places  # clear of its label, on its line


def test_short_labels_keep_the_templates_column(laid_out):
    wide = _places(laid_out, DETAILS)["Dial-in (International)"][1]
    short = {round(left) for _, left, _ in _places(laid_out, event()).values()}
    # the template's column: labels 0.25 in and values 1.5 in from the 1 in margin
    assert short == {72 + 108} and wide > 72 + 108


def test_a_label_too_long_for_any_column_puts_its_value_below_it(laid_out):
    places = _places(laid_out, WITH_LONG)
    right, left, below = places.pop(LONG)
    others = {round(left) for _, left, _ in places.values()}
    assert others == {round(left)} and below > 8 and left < right, places


def test_totals_are_bold_as_in_the_html_and_pdf(laid_out_pdf):
    word = open_docx(render(document(body=[income_table()]), "docx", Options(draft=False)))
    styles = {p.text: p.style for table in word.tables for cell in table._cells
              for p in cell.paragraphs}
    assert _bold(styles["Total revenue"]) and _bold(styles["$1,290.5"])
    assert not _bold(styles["Product revenue, net"]) and not _bold(styles["$1,234.5"])
    fonts = _fonts(laid_out_pdf)
    assert "Bold" in fonts["Total revenue"] and "Bold" in fonts["$1,290.5"], fonts
    assert "Bold" not in fonts["Product revenue, net"] + fonts["$1,234.5"], fonts


def _fonts(pdf) -> dict[str, str]:
    """Return the name of the font pdfium reads at the first letter of each phrase asked
    for, such as LiberationSans-Bold (pdfium's weights say 400 for LibreOffice's bold)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    phrases = ["Total revenue", "$1,290.5", "Product revenue, net", "$1,234.5"]
    out = {}
    for page in pypdfium2.PdfDocument(pdf):
        chars = page.get_textpage()
        text = chars.get_text_range()
        for phrase in (p for p in phrases if p in text and p not in out):
            name, flags = ctypes.create_string_buffer(200), ctypes.c_int()
            pdfium_c.FPDFText_GetFontInfo(chars.raw, text.index(phrase), name, 200,
                                          ctypes.byref(flags))
            out[phrase] = name.value.decode()
    return out


def _bold(style) -> bool:
    """Tell whether a paragraph style, or a style it is based on, sets bold."""
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def test_the_event_lines_carry_no_direct_formatting_where_the_style_fits():
    word = open_docx(render(document(body=[event(), DETAILS]), "docx", Options(draft=False)))
    details = [p for p in body_paragraphs(word) if p.style.name == "Event Detail"]
    direct = [p._p.pPr.find(qn("w:ind")) is not None for p in details]
    assert direct == [False] * len(event().items) + [True] * len(DETAILS.items)


def plain_text(spans) -> str:
    return "".join(span.text for span in spans)
