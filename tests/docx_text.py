"""Read a rendered DOCX back the way a reviewer sees it, and say what it should hold."""

from __future__ import annotations

import importlib.util
import re
from io import BytesIO

import docx

from conftest import REFERENCE
from prauthor.document import (
    Contacts,
    Document,
    EndMark,
    EventDetails,
    Heading,
    Headline,
    Image,
    Lead,
    ListBlock,
    Logo,
    Marker,
    Paragraph,
    Quote,
    ReleaseLine,
    Section,
    Table,
    plain,
)

RECORD_TITLE = "Review Record Title"


def open_docx(data: bytes):
    """Open DOCX bytes with python-docx."""
    return docx.Document(BytesIO(data))


def body_paragraphs(word) -> list:
    """Return the release's paragraphs: everything before the review record."""
    out = []
    for paragraph in word.paragraphs:
        if paragraph.style.name == RECORD_TITLE:
            break
        out.append(paragraph)
    return out


def record_paragraphs(word) -> list:
    """Return the review record's paragraphs, its title first."""
    names = [p.style.name for p in word.paragraphs]
    return word.paragraphs[names.index(RECORD_TITLE):] if RECORD_TITLE in names else []


def squash(text: str) -> str:
    """Collapse white space, which Word and readers may turn into breaks or tabs."""
    return re.sub(r"\s+", " ", text).strip()


def expected_paragraphs(doc: Document) -> list[str]:
    """Return the text of every body paragraph the DOCX of `doc` should hold, in order."""
    return [text for part in doc.parts for text in _part(part)]


def _part(part) -> list[str]:
    if isinstance(part, Logo):  # the logo's paragraph holds a picture, no text
        return [""]
    if isinstance(part, ReleaseLine | EndMark):
        return [part.text]
    if isinstance(part, Headline):
        return [part.text, *part.subheadlines]
    if isinstance(part, Lead):
        return [part.dateline.text + part.dateline.joiner + plain(part.spans)]
    if isinstance(part, Contacts):
        return ([part.heading] if part.heading else []) + [
            "\n".join(card.text_lines()) for card in part.cards]
    title = [part.title] if isinstance(part, Section) and part.show_title else []
    return title + [text for block in part.blocks for text in _block(block)]


def _block(block) -> list[str]:
    if isinstance(block, Paragraph | Heading):
        return [plain(block.spans)]
    if isinstance(block, Quote):
        return [plain(p.spans) for p in block.paragraphs]
    if isinstance(block, ListBlock):
        return [text for item in block.items
                for text in [plain(item.spans), *(_block(item.children) if item.children else [])]]
    if isinstance(block, EventDetails):
        return [block.title, *(f"{label}:\t{plain(spans)}" for label, spans in block.items)]
    if isinstance(block, Marker):
        return [block.text]
    if isinstance(block, Image):  # the picture's paragraph, then its caption
        caption = " ".join(t for t in (plain(block.caption), block.credit) if t)
        return ["", *([caption] if caption else [])]
    if isinstance(block, Table):
        return ([block.title] if block.title else []) + ([block.units] if block.units else []) \
            + [f"{marker} {plain(spans)}" for marker, spans in block.footnotes]
    raise TypeError(type(block).__name__)


def compare_module():
    """Import ../shared/reference/compare.py, the comparison rule of the fixtures."""
    spec = importlib.util.spec_from_file_location("reference_compare", REFERENCE / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
