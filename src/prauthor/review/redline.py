"""Mark up a new draft's DOCX with Word tracked changes against an older draft's DOCX.

Both files come from prauthor's renderer and the same template, so their paragraphs,
tables and styles line up: paragraphs and table rows are paired in reading order,
changed paragraphs are compared word by word, and the result is the new draft with
native revisions (ECMA-376 part 1, 17.13.5: w:ins, w:del, w:moveFrom, w:moveTo,
inserted and deleted paragraph marks and table rows). The review record at the end
belongs to the new draft and is left as it is.
"""

from __future__ import annotations

import copy
import difflib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from docx import Document as WordDocument
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from prauthor.review.docxread import RECORD_STYLE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Words, figures (1,234.5 is one), spaces and single marks: the units a change is shown in.
TOKENS = re.compile(r"\d[\d,.]*\d|[\w’'-]+|\s+|[^\w\s]")
SIMILAR = 0.5  # paragraphs this alike are one paragraph changed, not one deleted, one added
FIRST_ID = 10_000  # revision ids, clear of the template's bookmarks and the comments
MOVE_MIN = 20  # a deleted and an added paragraph with the same text this long is a move


def w(name: str) -> str:
    """Return the Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Note:
    """A comment to anchor on the first paragraph after a bookmark: a block's new version."""

    bookmark: str
    text: str


@dataclass
class Atom:
    """A word, a space, a tab or a line break, with the run and link it came from."""

    text: str
    run: object
    link: object | None = None


class Marker:
    """Write revisions with one author and date, numbering them as it goes."""

    def __init__(self, author: str, date: str):
        self.author, self.date, self.next_id = author, date, FIRST_ID
        self.moves = 0

    def revision(self, kind: str, **extra) -> etree._Element:
        """Return a new w:ins, w:del, w:moveFrom or w:moveTo element."""
        element = etree.Element(w(kind))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        for name, value in extra.items():
            element.set(w(name), value)
        self.next_id += 1
        return element


def redline(old: bytes, new: bytes, author: str, date: str, notes: list[Note] = ()) -> bytes:
    """Return `new` with tracked changes against `old`; both are prauthor DOCX files."""
    word = WordDocument(BytesIO(new))
    record_style = _style_id(word, RECORD_STYLE)
    marker = Marker(author, date)
    for note in notes:
        _note(word, note, marker)
    old_body = etree.fromstring(zipfile.ZipFile(BytesIO(old)).read("word/document.xml"))
    old_body = old_body.find(w("body"))
    new_body = word.element.body
    ids = set(word.element.xpath("//w:numId/@w:val")) | _numbering_ids(word)
    differ = _Differ(marker, ids)
    differ.blocks(_content(old_body, record_style), _content(new_body, record_style), new_body)
    differ.pair_moves()
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _style_id(word, name: str) -> str | None:
    try:
        return word.styles[name].style_id
    except KeyError:
        return None


def _numbering_ids(word) -> set[str]:
    try:
        return set(word.part.numbering_part.element.xpath("./w:num/@w:numId"))
    except (KeyError, NotImplementedError):
        return set()


def _content(container, record_style: str | None) -> list:
    """Return the paragraphs and tables of a body or cell, up to the review record."""
    out = []
    for child in container:
        if child.tag not in (w("p"), w("tbl")):
            continue
        style = child.find(f"{w('pPr')}/{w('pStyle')}")
        if record_style and style is not None and style.get(w("val")) == record_style:
            break
        out.append(child)
    return out


def _note(word, note: Note, marker: Marker) -> None:
    """Anchor a comment on the paragraph a bookmark starts."""
    starts = word.element.body.xpath(f"//w:bookmarkStart[@w:name='{note.bookmark}']")
    if not starts:
        return
    paragraph = starts[0].getparent()
    if paragraph.tag != w("p"):
        paragraph = next((e for e in starts[0].itersiblings() if e.tag == w("p")), None)
    runs = paragraph.findall(w("r")) if paragraph is not None else []
    if not runs:
        return
    parent = WordParagraph(paragraph, word._body)
    comment = word.add_comment([Run(runs[0], parent), Run(runs[-1], parent)], text=note.text,
                               author=marker.author, initials=_initials(marker.author))
    comment._comment_elm.date = _as_datetime(marker.date)


def _initials(author: str) -> str:
    return "".join(part[0] for part in author.split() if part[:1].isalpha())[:4] or "PA"


def _as_datetime(text: str):
    import datetime as dt

    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def text_of(element) -> str:
    """Return the text of a paragraph or table as displayed (tabs and breaks included)."""
    out = []
    for node in element.iter(w("t"), w("tab"), w("br"), w("delText")):
        if node.tag == w("t"):
            out.append(node.text or "")
        elif node.tag != w("delText"):
            out.append("\t" if node.tag == w("tab") else "\n")
    return "".join(out)


class _Differ:
    """Compare block-level content and write the differences into the new content."""

    def __init__(self, marker: Marker, numbering: set[str]):
        self.marker, self.numbering = marker, numbering
        self.deleted: list[etree._Element] = []
        self.inserted: list[etree._Element] = []

    # -- paragraphs and tables in order --------------------------------------------------

    def blocks(self, olds: list, news: list, parent, in_cell: bool = False) -> None:
        """Mark the differences between two runs of paragraphs and tables.

        In a table cell, as many paragraphs as before are the same paragraphs changed.
        """
        last = None
        same = in_cell and len(olds) == len(news)
        for old, new in (zip(olds, news, strict=True) if same else _paired(olds, news)):
            if old is None:
                self._insert_block(new)
            elif new is None:
                last = _place(self._deleted_block(old), last, news, parent)
                continue
            elif old.tag == w("p"):
                self._paragraph(old, new)
            else:
                self._table(old, new)
            last = new

    # -- one paragraph ----------------------------------------------------------------------

    def _paragraph(self, old, new) -> None:
        if text_of(old) == text_of(new):
            return
        olds, news = list(_atoms(old)), list(_atoms(new))
        keeps = _keeps(new)
        matcher = difflib.SequenceMatcher(None, [a.text for a in olds], [a.text for a in news],
                                          autojunk=False)
        pieces: list[tuple[str | None, Atom, int | None]] = []
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op in ("delete", "replace"):
                pieces += [("del", atom, None) for atom in olds[a1:a2]]
            if op in ("insert", "replace"):
                pieces += [("ins", news[k], k) for k in range(b1, b2)]
            if op == "equal":
                pieces += [(None, news[k], k) for k in range(b1, b2)]
        self._rewrite(new, pieces, keeps, len(news))

    def _rewrite(self, paragraph, pieces, keeps: dict[int, list], count: int) -> None:
        """Replace a paragraph's content with runs built from pieces, revisions marked."""
        for child in list(paragraph):
            if child.tag != w("pPr"):
                paragraph.remove(child)
        writer = _Writer(paragraph, self.marker)
        for kind, atom, index in pieces:
            if index is not None:
                for element in keeps.pop(index, []):
                    writer.keep(element)
            writer.add(kind, atom)
        for index in sorted(keeps):
            for element in keeps[index]:
                writer.keep(element)

    def _insert_block(self, new) -> None:
        if new.tag == w("tbl"):
            for row in new.findall(w("tr")):
                self._mark_row(row, "ins")
            return
        self._whole(new, "ins")
        self.inserted.append(new)

    def _whole(self, paragraph, kind: str) -> None:
        atoms = list(_atoms(paragraph))
        keeps = _keeps(paragraph) if kind == "ins" else {}
        self._rewrite(paragraph, [(kind, atom, k if kind == "ins" else None)
                                  for k, atom in enumerate(atoms)], keeps, len(atoms))
        self._mark(paragraph, kind)

    def _mark(self, paragraph, kind: str) -> None:
        """Mark the paragraph mark itself inserted or deleted."""
        properties = paragraph.find(w("pPr"))
        if properties is None:
            properties = etree.Element(w("pPr"))
            paragraph.insert(0, properties)
        marks = properties.find(w("rPr"))
        if marks is None:
            marks = etree.SubElement(properties, w("rPr"))
        marks.insert(0, self.marker.revision(kind))

    def _deleted_block(self, old):
        """Return a copy of an old paragraph or table with everything in it deleted."""
        element = copy.deepcopy(old)
        _strip_references(element)
        if element.tag == w("tbl"):
            for row in element.findall(w("tr")):
                self._mark_row(row, "del")
            return element
        for numbering in element.findall(f"{w('pPr')}/{w('numPr')}"):
            num = numbering.find(w("numId"))
            if num is None or num.get(w("val")) not in self.numbering:
                numbering.getparent().remove(numbering)
        self._whole(element, "del")
        self.deleted.append(element)
        return element

    # -- tables ---------------------------------------------------------------------------

    def _table(self, old, new) -> None:
        if text_of(old) == text_of(new):
            return
        new_rows = new.findall(w("tr"))
        last = None
        for old_row, new_row in _paired(old.findall(w("tr")), new_rows, same_shape=True):
            if old_row is None:
                self._mark_row(new_row, "ins")
            elif new_row is None:
                row = copy.deepcopy(old_row)
                _strip_references(row)
                self._mark_row(row, "del")
                last = _place(row, last, new_rows, new)
                continue
            else:
                for old_cell, new_cell in zip(old_row.findall(w("tc")), new_row.findall(w("tc")),
                                              strict=True):
                    self.blocks(_content(old_cell, None), _content(new_cell, None), new_cell,
                                in_cell=True)
            last = new_row

    def _mark_row(self, row, kind: str) -> None:
        properties = row.find(w("trPr"))
        if properties is None:
            properties = etree.Element(w("trPr"))
            row.insert(0 if row.find(w("tblPrEx")) is None else 1, properties)
        properties.append(self.marker.revision(kind))
        for cell in row.findall(w("tc")):
            for paragraph in cell.iter(w("p")):
                self._whole(paragraph, kind)

    # -- moves ----------------------------------------------------------------------------

    def pair_moves(self) -> None:
        """Turn a deleted paragraph and an added one with the same text into a move."""
        added = {}
        for paragraph in self.inserted:
            added.setdefault(_moved_text(paragraph), []).append(paragraph)
        for paragraph in self.deleted:
            text = _moved_text(paragraph)
            if len(text) < MOVE_MIN or not added.get(text):
                continue
            self.marker.moves += 1
            name = f"move{self.marker.moves}"
            _as_move(paragraph, "moveFrom", name, self.marker)
            _as_move(added[text].pop(0), "moveTo", name, self.marker)


class _Writer:
    """Append runs to a paragraph, grouping atoms of one kind, link and formatting."""

    def __init__(self, paragraph, marker: Marker):
        self.paragraph, self.marker = paragraph, marker
        self.key = None
        self.run = None
        self.link, self.link_element = None, None

    def keep(self, element) -> None:
        """Append a bookmark, comment range or reference as it was."""
        self.paragraph.append(element)
        self.key, self.link = None, None

    def add(self, kind: str | None, atom: Atom) -> None:
        """Append one atom, continuing the current run when it can."""
        link = atom.link if kind != "del" else None  # old links point into the old file
        properties = atom.run.find(w("rPr"))
        key = (kind, id(link), etree.tostring(properties) if properties is not None else b"")
        if key != self.key:
            self._open(kind, link, properties)
            self.key = key
        self._text(atom.text, kind == "del")

    def _open(self, kind, link, properties) -> None:
        container = self.paragraph
        if link is not None:
            if link is not self.link:
                self.link_element = etree.SubElement(self.paragraph, w("hyperlink"),
                                                     dict(link.attrib))
            container = self.link_element
        self.link = link
        if kind is not None:
            wrapper = self.marker.revision(kind)
            container.append(wrapper)
            container = wrapper
        self.run = etree.SubElement(container, w("r"))
        if properties is not None:
            self.run.append(copy.deepcopy(properties))

    def _text(self, text: str, deleted: bool) -> None:
        if text in ("\t", "\n"):
            etree.SubElement(self.run, w("tab" if text == "\t" else "br"))
            return
        last = self.run[-1] if len(self.run) else None
        tag = w("delText" if deleted else "t")
        if last is None or last.tag != tag:
            last = etree.SubElement(self.run, tag)
            last.set(XML_SPACE, "preserve")
            last.text = ""
        last.text += text


def _place(element, last, news: list, parent):
    """Put an old element back after the last new one placed, or before the first new one."""
    if last is not None:
        last.addnext(element)
    elif news:
        news[0].addprevious(element)
    else:
        end = parent.find(w("sectPr"))
        end.addprevious(element) if end is not None else parent.append(element)
    return element


def _atoms(paragraph) -> Iterator[Atom]:
    """Yield a paragraph's words, spaces, tabs and breaks with their runs and links."""
    for run in paragraph.iter(w("r")):
        if _in_revision(run, w("del")) or _in_revision(run, w("moveFrom")):
            continue
        link = run.getparent() if run.getparent().tag == w("hyperlink") else None
        for node in run:
            if node.tag == w("t"):
                for token in TOKENS.findall(node.text or ""):
                    yield Atom(token, run, link)
            elif node.tag in (w("tab"), w("br"), w("cr")):
                yield Atom("\t" if node.tag == w("tab") else "\n", run, link)


def _in_revision(run, tag: str) -> bool:
    parent = run.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _keeps(paragraph) -> dict[int, list]:
    """Return the paragraph's non-text content (bookmarks, comment ranges and references)
    by the index of the atom it came before."""
    keeps: dict[int, list] = {}
    count = 0
    for child in paragraph:
        if child.tag == w("pPr"):
            continue
        atoms = sum(1 for _ in _atoms_of(child))
        if atoms:
            count += atoms
        else:
            keeps.setdefault(count, []).append(child)
    return keeps


def _atoms_of(element) -> Iterator[Atom]:
    wrapper = etree.Element(w("p"))
    wrapper.append(copy.deepcopy(element))
    return _atoms(wrapper)


def _strip_references(element) -> None:
    """Drop what points into the old file: bookmarks, comments, links (kept as text)."""
    for tag in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd"):
        for found in element.iter(w(tag)):
            found.getparent().remove(found)
    for run in list(element.iter(w("r"))):
        if run.find(w("commentReference")) is not None:
            run.getparent().remove(run)
    for link in list(element.iter(w("hyperlink"))):
        parent = link.getparent()
        at = parent.index(link)
        for offset, child in enumerate(list(link)):
            parent.insert(at + offset, child)
        parent.remove(link)


def _paired(olds: list, news: list, same_shape: bool = False) -> list[tuple]:
    """Pair old and new elements in order: equal ones, then alike ones; the rest alone."""
    matcher = difflib.SequenceMatcher(None, [_key(e) for e in olds], [_key(e) for e in news],
                                      autojunk=False)
    out: list[tuple] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out += list(zip(olds[a1:a2], news[b1:b2], strict=True))
        else:
            out += _alike(olds[a1:a2], news[b1:b2], same_shape)
    return out


def _alike(olds: list, news: list, same_shape: bool) -> list[tuple]:
    out: list[tuple] = []
    start = 0
    for old in olds:
        match = next((k for k in range(start, len(news)) if _similar(old, news[k], same_shape)),
                     None)
        if match is None:
            out.append((old, None))
            continue
        out += [(None, new) for new in news[start:match]]
        out.append((old, news[match]))
        start = match + 1
    out += [(None, new) for new in news[start:]]
    return out


def _key(element) -> str:
    return f"{element.tag}\n{text_of(element)}"


def _similar(old, new, same_shape: bool) -> bool:
    if old.tag != new.tag:
        return False
    if same_shape and len(old.findall(w("tc"))) != len(new.findall(w("tc"))):
        return False
    if old.tag == w("tbl"):
        return True  # a table changed in place: its rows are compared one by one
    matcher = difflib.SequenceMatcher(None, TOKENS.findall(text_of(old)),
                                      TOKENS.findall(text_of(new)), autojunk=False)
    # The cheap upper bounds first: most pairs of unrelated paragraphs stop there.
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and \
        matcher.ratio() >= SIMILAR


def _moved_text(paragraph) -> str:
    return "".join(node.text or "" for node in paragraph.iter(w("t"), w("delText")))


def _as_move(paragraph, kind: str, name: str, marker: Marker) -> None:
    """Rewrite a wholly inserted or deleted paragraph as one end of a move."""
    old_kind = "del" if kind == "moveFrom" else "ins"
    for wrapper in paragraph.iter(w(old_kind)):
        wrapper.tag = w(kind)
    for node in paragraph.iter(w("delText")):
        node.tag = w("t")  # moved-from text is w:t (17.13.5.22)
    start = marker.revision(f"{kind}RangeStart", name=name)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), start.get(w("id")))
    properties = paragraph.find(w("pPr"))
    (properties.addnext(start) if properties is not None else paragraph.insert(0, start))
    paragraph.append(end)
