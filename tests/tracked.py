"""Write tracked changes into a DOCX the way Word stores them (ECMA-376 w:ins and w:del).

For fast tests of inputs LibreOffice would not make: edits in generated text,
overlapping revisions, edits with Track Changes off.
"""

from __future__ import annotations

import copy
import zipfile
from io import BytesIO

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2026-09-16T10:00:00Z"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def edited(data: bytes, change) -> bytes:
    """Return the DOCX with its document part changed by change(root)."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "word/document.xml":
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            target.writestr(entry, content)
    return out.getvalue()


def replace(old: str, new: str, author: str = "Counsel", nested: bool = False):
    """Return a change that tracks replacing the first `old` with `new`."""
    def change(root) -> None:
        run, text = _run_with(root, old)
        before, after = text.text.split(old, 1)
        revisions = []
        if old:
            deleted = _run(run, old, deleted=True)
            revisions.append(_wrap("del", deleted, author, len(revisions)))
        if new:
            revisions.append(_wrap("ins", _run(run, new), author, len(revisions) + 10))
        if nested:  # someone's deletion inside another's insertion
            revisions = [_wrap("ins", revisions[0], "Someone Else", 20)]
        pieces = [_run(run, before)] if before else []
        pieces += revisions + ([_run(run, after)] if after else [])
        parent = run.getparent()
        at = parent.index(run)
        parent.remove(run)
        for offset, piece in enumerate(pieces):
            parent.insert(at + offset, piece)
    return change


def untracked(old: str, new: str):
    """Return a change that edits text with Track Changes off."""
    def change(root) -> None:
        _, text = _run_with(root, old)
        text.text = text.text.replace(old, new, 1)
    return change


def _run_with(root, old: str):
    for text in root.iter(w("t")):
        if old in (text.text or ""):
            return text.getparent(), text
    raise AssertionError(f"no run holds {old!r}")


def _run(template, text: str, deleted: bool = False):
    run = copy.deepcopy(template)
    for child in list(run):
        if child.tag != w("rPr"):
            run.remove(child)
    node = etree.SubElement(run, w("delText" if deleted else "t"))
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _wrap(kind: str, run, author: str, number: int):
    wrapper = etree.Element(w(kind))
    wrapper.set(w("id"), str(900 + number))
    wrapper.set(w("author"), author)
    wrapper.set(w("date"), DATE)
    wrapper.append(run)
    return wrapper


def new_paragraph(after: str, text: str, author: str = "Counsel"):
    """Return a change that tracks a new paragraph typed after the one holding `after`."""
    def change(root) -> None:
        run, _ = _run_with(root, after)
        paragraph = run.getparent()
        while paragraph.tag != w("p"):
            paragraph = paragraph.getparent()
        added = copy.deepcopy(paragraph)
        for child in list(added):
            if child.tag != w("pPr"):
                added.remove(child)
        added.append(_wrap("ins", _run(run, text), author, 30))
        _mark(paragraph, "ins", author)  # Word marks the split paragraph's mark inserted
        paragraph.addnext(added)
    return change


def dropped_paragraph(holding: str, author: str = "Counsel"):
    """Return a change that tracks deleting the whole paragraph holding `holding`."""
    def change(root) -> None:
        run, _ = _run_with(root, holding)
        paragraph = run.getparent()
        for number, old in enumerate(paragraph.findall(w("r"))):
            text = "".join(t.text or "" for t in old.iter(w("t")))
            wrapper = _wrap("del", _run(old, text, deleted=True), author, 40 + number)
            old.addprevious(wrapper)
            paragraph.remove(old)
        _mark(paragraph, "del", author)
    return change


def _mark(paragraph, kind: str, author: str) -> None:
    properties = paragraph.find(w("pPr"))
    if properties is None:
        properties = etree.SubElement(paragraph, w("pPr"))
        paragraph.insert(0, properties)
    marks = properties.find(w("rPr"))
    if marks is None:
        marks = etree.SubElement(properties, w("rPr"))
    marks.append(_wrap(kind, etree.Element(w("rPr")), author, 50)[0].getparent())
    marks[-1].remove(marks[-1][0])
