"""Drive LibreOffice through its UNO bridge: edit a DOCX as counsel would, read one back.

Run with the system Python (Debian's python3-uno): `/usr/bin/python3 uno_office.py`.
It starts one headless soffice, then answers one JSON request per line of standard
input with one JSON line on standard output:

  {"edit": IN, "out": OUT, "author": NAME, "steps": [...]}   record changes, save as DOCX
  {"read": PATH}             the tracked changes, comments and paragraphs a reviewer sees

Steps: {"replace": OLD, "with": NEW}, {"delete": TEXT}, {"insert_after": ANCHOR,
"text": TEXT}, {"new_paragraph_after": ANCHOR, "text": TEXT} (a paragraph typed after the
one holding ANCHOR), {"delete_paragraph": ANCHOR} (its text and its mark), {"comment":
ANCHOR, "text": TEXT}. Each finds the first occurrence of its text in the body or a
table cell; a step that finds nothing is an error.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import uno
from com.sun.star.beans import PropertyValue

WORD_FILTER = "MS Word 2007 XML"
PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK


def prop(name, value):
    """Return a UNO PropertyValue."""
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


class Office:
    """One soffice process with a private profile, connected over a named pipe."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="lo-uno-")
        pipe = f"prauthor_uno_{os.getpid()}"
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation=file://{self.profile}", "--headless",
             "--invisible", "--norestore", "--nologo", "--nodefault",
             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=sys.stderr)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):
            try:
                self.ctx = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # soffice is still starting
                if self.process.poll() is not None:
                    raise RuntimeError("soffice exited while starting") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("soffice did not answer within 60 s")
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.config = smgr.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.ctx)

    def close(self):
        """Stop soffice."""
        with contextlib.suppress(Exception):  # the bridge drops as soffice exits
            self.desktop.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def configure(self, path, **values):
        """Set configuration values under a node path."""
        access = self.config.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", path),))
        for name, value in values.items():
            access.setPropertyValue(name, value)
        access.commitChanges()

    def set_author(self, name):
        """Make `name` the user LibreOffice records changes and comments under."""
        given, _, family = name.partition(" ")
        self.configure("/org.openoffice.UserProfile/Data", givenname=given, sn=family)

    def open(self, path):
        """Open a document hidden."""
        # A model without a frame or view: Writer's view builds comment windows from
        # .ui files that the headless (nogui) packages leave out.
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.text.TextDocument", self.ctx)
        doc.load((prop("URL", url), prop("FilterName", WORD_FILTER)))
        return doc


def find(doc, text):
    """Return a cursor over the first occurrence of text in a body paragraph or table cell."""
    for paragraph in _paragraph_objects(doc):
        at = paragraph.getString().find(text)
        if at >= 0:
            cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
            cursor.goRight(at, False)
            cursor.goRight(len(text), True)
            if cursor.getString() != text:
                raise RuntimeError(f"could not select {text!r}: got {cursor.getString()!r}")
            return cursor
    raise RuntimeError(f"text not found: {text!r}")


def _paragraph_objects(doc):
    """Yield the body's paragraphs and the paragraphs of its table cells, in order."""
    items = doc.Text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.TextTable"):
            for name in item.getCellNames():
                cells = item.getCellByName(name).createEnumeration()
                while cells.hasMoreElements():
                    yield cells.nextElement()
        else:
            yield item


def edit(office, request):
    """Record changes and comments as counsel would, then save as DOCX."""
    author = request.get("author", "Reviewer")
    office.set_author(author)
    doc = office.open(request["edit"])
    try:
        doc.RecordChanges = True
        for step in request["steps"]:
            if "replace" in step:
                find(doc, step["replace"]).setString(step["with"])
            elif "delete" in step:
                find(doc, step["delete"]).setString("")
            elif "insert_after" in step:
                found = find(doc, step["insert_after"])
                found.collapseToEnd()
                found.getText().insertString(found, step["text"], False)
            elif "new_paragraph_after" in step:
                found = find(doc, step["new_paragraph_after"])
                found.collapseToEnd()
                found.gotoEndOfParagraph(False)
                text = found.getText()
                text.insertControlCharacter(found, PARAGRAPH_BREAK, False)
                text.insertString(found, step["text"], False)
            elif "delete_paragraph" in step:  # the text and its paragraph mark
                found = find(doc, step["delete_paragraph"])
                found.gotoStartOfParagraph(False)
                found.gotoNextParagraph(True)
                found.setString("")
            elif "comment" in step:
                found = find(doc, step["comment"])
                note = doc.createInstance("com.sun.star.text.textfield.Annotation")
                note.Author = step.get("author", author)
                note.Content = step["text"]
                found.getText().insertTextContent(found, note, True)
            else:
                raise RuntimeError(f"unknown step {step}")
        url = uno.systemPathToFileUrl(os.path.abspath(request["out"]))
        doc.storeToURL(url, (prop("FilterName", WORD_FILTER),))
    finally:
        doc.close(True)
    return {"saved": request["out"]}


def read(office, request):
    """Return what a reviewer sees: tracked changes in order, comments, paragraph texts."""
    doc = office.open(request["read"])
    try:
        changes = []
        enum = doc.Redlines.createEnumeration()
        while enum.hasMoreElements():
            redline = enum.nextElement()
            start, end = redline.RedlineStart, redline.RedlineEnd
            try:
                cursor = start.getText().createTextCursorByRange(start)
                cursor.gotoRange(end, True)
                text = cursor.getString()
            except Exception:  # a change spanning table cells
                text = None
            changes.append({"type": redline.RedlineType, "author": redline.RedlineAuthor,
                            "date": _date(redline.RedlineDateTime), "text": text,
                            "comment": redline.RedlineComment})
        comments = []
        fields = doc.TextFields.createEnumeration()
        while fields.hasMoreElements():
            field = fields.nextElement()
            if field.supportsService("com.sun.star.text.textfield.Annotation"):
                comments.append({"author": field.Author, "text": field.Content,
                                 "anchor": field.getAnchor().getString()})
        return {"changes": changes, "comments": comments, "paragraphs": _paragraphs(doc),
                "modified": bool(doc.isModified())}
    finally:
        doc.close(True)


def _date(value):
    return f"{value.Year:04d}-{value.Month:02d}-{value.Day:02d}"


def _paragraphs(doc):
    """Return the text of each body paragraph and table cell paragraph, in order."""
    return [paragraph.getString() for paragraph in _paragraph_objects(doc)]


def main():
    """Answer requests, one JSON line each, until standard input closes."""
    office = Office()
    try:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            try:
                answer = edit(office, request) if "edit" in request else read(office, request)
            except Exception as error:  # reported to the test, which fails
                answer = {"error": f"{error}\n{traceback.format_exc()}"}
            print(json.dumps(answer), flush=True)
    finally:
        office.close()


if __name__ == "__main__":
    main()
