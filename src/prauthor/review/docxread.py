"""Read a DOCX counsel edited: its paragraphs before and after, tracked changes, comments.

Follows ECMA-376 part 1: insertions (w:ins, w:moveTo) and deletions (w:del, w:moveFrom)
around runs, deleted text in w:delText, paragraph marks inserted or deleted in the
paragraph's run properties, comments in the comments part anchored by
w:commentRangeStart and w:commentRangeEnd.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree

from prauthor.errors import problem
from prauthor.render.docx_package import custom_properties

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and .doc files
INSERTS, DELETES = {f"{{{W}}}ins", f"{{{W}}}moveTo"}, {f"{{{W}}}del", f"{{{W}}}moveFrom"}
TEXTS = {f"{{{W}}}t": None, f"{{{W}}}delText": None, f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n",
         f"{{{W}}}cr": "\n", f"{{{W}}}noBreakHyphen": "\u2011", f"{{{W}}}softHyphen": ""}
RECORD_STYLE = "Review Record Title"  # the draft's last page, prauthor's own
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def w(name: str) -> str:
    """Return the Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


@dataclass
class Change:
    """A tracked change in one paragraph, at an offset of its text before the change."""

    kind: str  # insert, delete or replace
    start: int  # in the paragraph's old text
    end: int  # start + length of the deleted text
    deleted: str
    inserted: str
    author: str
    date: str


@dataclass
class ReviewParagraph:
    """A paragraph of the reviewed document: its text before and after the changes."""

    old: str = ""
    new: str = ""
    changes: list[Change] = field(default_factory=list)
    mark: str | None = None  # insert or delete: the paragraph mark itself was changed
    author: str = ""
    style: str = ""  # the paragraph style's name


@dataclass
class Comment:
    """A comment with the paragraph and old-text range it is anchored on."""

    id: str
    author: str
    date: str
    text: str
    paragraph: int | None = None
    start: int = 0
    end: int | None = None
    anchor: str = ""


@dataclass
class Reviewed:
    """What `review` reads from a DOCX."""

    path: Path
    properties: dict[str, str]
    paragraphs: list[ReviewParagraph]
    comments: list[Comment]
    formatting: int = 0  # tracked formatting changes: listed, never applied
    styles: dict[str, str] = field(default_factory=dict)  # style id -> name
    accepted: tuple[str, str] | None = None  # (author, date) of revisions taken as made

    def taken(self, revision) -> bool:
        """Tell whether a revision counts as already accepted."""
        return self.accepted is not None and (revision.get(w("author"), ""),
                                              revision.get(w("date"), "")) == self.accepted


def read(path: Path, data: bytes | None = None,
         accepted: tuple[str, str] | None = None) -> Reviewed:
    """Read a reviewed DOCX; raise InputError if it is not one prauthor can read.

    Revisions by the `accepted` (author, date) count as accepted: a redline's own.
    """
    try:
        data = path.read_bytes() if data is None else data
    except OSError as error:
        raise problem(path, None, "", f"cannot read: {error.strerror}") from None
    if data.startswith(OLE_SIGNATURE):
        raise problem(path, None, "", "is password-protected or an old binary .doc file: "
                      "remove the password and save it as a Word document (.docx)")
    try:
        package = zipfile.ZipFile(BytesIO(data))
        document = etree.fromstring(package.read("word/document.xml"), SAFE)
        comments_xml = _optional(package, "word/comments.xml")
        styles = _style_names(_optional(package, "word/styles.xml"))
        properties = custom_properties(package)
    except (zipfile.BadZipFile, zlib.error, KeyError, etree.XMLSyntaxError, OSError, EOFError,
            ValueError, NotImplementedError) as error:
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise problem(path, None, "", f"is not a readable Word document (.docx): {reason}") \
            from None
    texts = _comment_texts(comments_xml)
    reviewed = Reviewed(path, properties, [], [], styles=styles, accepted=accepted)
    anchors: dict[str, Comment] = {}
    body = document.find(w("body"))
    try:
        for paragraph in (body.iter(w("p")) if body is not None else ()):
            _read_paragraph(paragraph, reviewed, texts, anchors)
    except OverlapError as error:
        raise problem(path, None, "", str(error)) from None
    reviewed.comments = list(anchors.values())
    for comment_id, (author, date, text) in texts.items():  # a comment with no range
        if comment_id not in anchors:
            reviewed.comments.append(Comment(comment_id, author, date, text))
    return reviewed


def _optional(package: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(package.read(name), SAFE)
    except KeyError:
        return None


def _style_names(root) -> dict[str, str]:
    if root is None:
        return {}
    return {style.get(w("styleId")): name.get(w("val"))
            for style in root.iter(w("style")) if (name := style.find(w("name"))) is not None}


def _comment_texts(root) -> dict[str, tuple[str, str, str]]:
    if root is None:
        return {}
    out = {}
    for comment in root.iter(w("comment")):
        lines = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        out[comment.get(w("id"))] = (comment.get(w("author"), ""), comment.get(w("date"), ""),
                                     "\n".join(lines).strip())
    return out


def _read_paragraph(element, reviewed: Reviewed, texts, anchors: dict[str, Comment]) -> None:
    index = len(reviewed.paragraphs)
    style = element.find(f"{w('pPr')}/{w('pStyle')}")
    para = ReviewParagraph(style=reviewed.styles.get(style.get(w("val")), "")
                           if style is not None else "")
    mark = element.find(f"{w('pPr')}/{w('rPr')}")
    for tag, kind in ((w("ins"), "insert"), (w("del"), "delete"), (w("moveTo"), "insert"),
                      (w("moveFrom"), "delete")):
        found = mark.find(tag) if mark is not None else None
        if found is not None and reviewed.taken(found):
            if kind == "delete":
                return  # a paragraph the redline deleted is gone
        elif found is not None:
            para.mark, para.author = kind, found.get(w("author"), "")
    reviewed.formatting += len(element.findall(f".//{w('rPrChange')}"))
    reviewed.formatting += len(element.findall(f".//{w('pPrChange')}"))
    for node in element.iter():
        if node is not element and _in_nested_paragraph(node, element):
            continue
        if node.tag == w("commentRangeStart"):
            comment_id = node.get(w("id"))
            author, date, text = texts.get(comment_id, ("", "", ""))
            anchors[comment_id] = Comment(comment_id, author, date, text, index, len(para.old))
        elif node.tag == w("commentRangeEnd") and node.get(w("id")) in anchors:
            comment = anchors[node.get(w("id"))]
            comment.end = len(para.old)
            if comment.paragraph == index:
                comment.anchor = para.old[comment.start:comment.end]
        elif node.tag in TEXTS:
            _add_text(para, node, reviewed)
    reviewed.paragraphs.append(para)


def _in_nested_paragraph(node, paragraph) -> bool:
    """Tell whether node sits in a paragraph nested inside this one (a text box)."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == w("p"):
            return True
        parent = parent.getparent()
    return False


def _add_text(para: ReviewParagraph, node, reviewed: Reviewed) -> None:
    text = TEXTS[node.tag]
    text = node.text or "" if text is None else text
    if not text:
        return
    revision, gone = _revision(node, reviewed)
    if gone:
        return
    if revision is None:
        para.old += text
        para.new += text
        return
    kind = "insert" if revision.tag in INSERTS else "delete"
    author, date = revision.get(w("author"), ""), revision.get(w("date"), "")
    last = para.changes[-1] if para.changes else None
    at = len(para.old)
    joins = last is not None and last.author == author and last.end == at
    if kind == "delete":
        if joins and not last.inserted:
            last.deleted += text
            last.end += len(text)
        else:
            para.changes.append(Change("delete", at, at + len(text), text, "", author, date))
        para.old += text
    else:
        if joins:
            last.inserted += text
            last.kind = "replace" if last.deleted else "insert"
        else:
            para.changes.append(Change("insert", at, at, "", text, author, date))
        para.new += text


def _revision(node, reviewed: Reviewed):
    """Return the revision around a text node, and whether an accepted deletion removed
    it; refuse revisions nested in others."""
    found = []
    parent = node.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag in INSERTS or parent.tag in DELETES:
            found.append(parent)
        parent = parent.getparent()
    if any(reviewed.taken(r) and r.tag in DELETES for r in found):
        return None, True
    found = [r for r in found if not reviewed.taken(r)]
    if len(found) > 1:
        raise OverlapError(found[0].get(w("author"), ""), found[1].get(w("author"), ""))
    return (found[0] if found else None), False


class OverlapError(Exception):
    """Two revisions cover the same text (a deletion inside someone's insertion)."""

    def __init__(self, inner: str, outer: str):
        super().__init__(f"overlapping revisions: a change by {inner or 'someone'} inside a "
                         f"change by {outer or 'someone'}; accept or reject one of them in "
                         "Word first")
