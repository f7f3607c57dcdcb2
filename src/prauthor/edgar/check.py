"""Check an HTML file against EDGAR's rules: one located finding per breach."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from prauthor.edgar import rules
from prauthor.governance.findings import Finding

# Rule id -> what it checks; each has a trip test.
RULES = {
    "edgar-file-name": "the file name follows EDGAR's rule",
    "edgar-character": "raw characters are EDGAR's ASCII set; no byte-order mark",
    "edgar-reference": "character references are numeric or HTML 4 entities EDGAR carries",
    "edgar-tag": "only the elements EDGAR accepts",
    "edgar-attribute": "only the attributes EDGAR accepts, on the elements that take them",
    "edgar-active-content": "no scripts, styles, objects, event handlers or javascript: URLs",
    "edgar-external-reference": "no references outside the submission (URLs, e-mail)",
    "edgar-link": "every link inside the submission resolves",
    "edgar-image": "images are JPEG or GIF files of the submission, named by the rule",
    "edgar-nested-table": "no table inside a table",
    "edgar-structure": "one html, head and body; content inside the body; no xmlns",
}
MAGIC = {".jpg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a")}
HEAD_TAGS = {"html", "head", "title", "meta", "isindex", "body"}


def check_file(path: Path) -> list[Finding]:
    """Return every breach of EDGAR's rules in one HTML file, in file order."""
    data = path.read_bytes()
    found = [_finding(path, 1, "edgar-file-name", problem)
             for problem in [rules.name_problem(path.name)] if problem]
    found += _characters(path, data)
    reader = _Reader(path)
    reader.feed(data.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    reader.close()
    found += reader.found + reader.unresolved()
    return sorted(found, key=lambda f: f.line or 0)


def _finding(path: Path, line: int, rule: str, message: str, hint: str = "") -> Finding:
    return Finding(rule, message, hint, path, line, "error")


def _characters(path: Path, data: bytes) -> list[Finding]:
    found = []
    if data.startswith(b"\xef\xbb\xbf"):
        found.append(_finding(path, 1, "edgar-character", "the file starts with a byte-order "
                              "mark", "save it as plain ASCII"))
    for number, line in enumerate(data.split(b"\n"), start=1):
        text = line.decode("utf-8", errors="replace")
        bad = sorted({ch for ch in text if ch not in rules.ASCII} - {"\ufeff"})
        if bad:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in bad)
            found.append(_finding(path, number, "edgar-character",
                                  f"character outside EDGAR's ASCII set: {shown}",
                                  "write it as a numeric character reference, e.g. &#8212;"))
    return found


class _Reader(HTMLParser):
    """Walk the tags, keeping line numbers, the open tables and the link targets."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=False)
        self.path, self.found = path, []
        self.tables = 0
        self.counts = {"html": 0, "head": 0, "body": 0}
        self.body_over = self.told_outside = False
        self.targets: set[str] = set()
        self.fragments: list[tuple[int, str]] = []

    def _report(self, rule: str, message: str, hint: str = "") -> None:
        self.found.append(_finding(self.path, self.getpos()[0], rule, message, hint))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in rules.ACTIVE:
            self._structure(tag)
        if tag in rules.ACTIVE:
            self._report("edgar-active-content", f"<{tag}> is not allowed in an EDGAR document",
                         "remove it: EDGAR suspends filings with active content")
        elif tag not in rules.TAGS:
            self._report("edgar-tag", f"<{tag}> is not an element EDGAR accepts")
        if tag == "table":
            if self.tables:
                self._report("edgar-nested-table", "a table inside a table")
            self.tables += 1
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "table":
            self.tables -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self.tables -= 1
        if tag == "body":
            self.body_over = True

    def _structure(self, tag: str) -> None:
        if tag in self.counts:
            self.counts[tag] += 1
            if self.counts[tag] == 2:
                self._report("edgar-structure", f"a second <{tag}> element")
        elif tag not in HEAD_TAGS and self._outside():
            self._report_once("edgar-structure", f"<{tag}> outside the <body>")

    def handle_data(self, data: str) -> None:
        in_title = self.lasttag == "title" and not self.counts["body"]
        quiet = in_title or self.lasttag in rules.ACTIVE  # a script's text is told already
        if data.strip() and not quiet and self._outside():
            self._report_once("edgar-structure", "text outside the <body>")

    def _outside(self) -> bool:
        return not self.counts["body"] or self.body_over

    def _report_once(self, rule: str, message: str) -> None:
        if not self.told_outside:  # once: a missing <body> would put everything outside
            self.told_outside = True
            self._report(rule, message, "put the document's content inside one <body>")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._report("edgar-active-content", f"event handler {name} on <{tag}>")
            return
        if name == "xmlns" or name.startswith("xmlns:"):
            self._report("edgar-structure", f"{name} attribute on <{tag}>")
            return
        if value.strip().lower().startswith(("javascript:", "vbscript:")):
            self._report("edgar-active-content", f"script URL in {name} of <{tag}>")
            return
        allowed = rules.ATTRIBUTES.get(name)
        if allowed is None or not (tag in allowed or "*" in allowed):
            self._report("edgar-attribute", f"attribute {name} is not allowed on <{tag}>")
        if name in ("id", "name") and tag in ("a", "div", "p", "table", "td", "h1", "h2",
                                             "h3", "h4", "h5", "h6", "tr", "img"):
            self.targets.add(value)
        if (tag, name) == ("a", "href"):
            self._href(value)
        elif (tag, name) == ("img", "src"):
            self._image(value)
        elif name in ("background", "src", "href") and rules.EXTERNAL.match(value):
            self._report("edgar-external-reference", f"{name} of <{tag}> points outside the "
                         f"submission: {value}")

    def _href(self, value: str) -> None:
        if rules.SEC_ARCHIVES.match(value):
            return
        if rules.EXTERNAL.match(value):
            self._report("edgar-external-reference", f"link outside the submission: {value}",
                         "write the address as plain text")
        elif value.startswith("#"):
            self.fragments.append((self.getpos()[0], value[1:]))
        elif not (self.path.parent / value.partition("#")[0]).is_file():
            self._report("edgar-link", f"link to '{value}', which is not beside the document")

    def _image(self, value: str) -> None:
        if rules.EXTERNAL.match(value):
            kind = "a data: URL" if value.lower().startswith("data:") else "outside the submission"
            self._report("edgar-image", f"image source is {kind}: {value[:40]}",
                         "attach the image as a JPEG or GIF file beside the document")
            return
        problem = rules.name_problem(value, rules.IMAGE_SUFFIXES)
        if problem:
            self._report("edgar-image", f"image {problem}")
            return
        image = self.path.parent / value
        if not image.is_file():
            self._report("edgar-image", f"image '{value}' is not beside the document")
        elif not image.read_bytes()[:6].startswith(MAGIC[image.suffix]):
            self._report("edgar-image", f"image '{value}' is not a {image.suffix[1:].upper()} "
                         "file inside")

    def handle_entityref(self, name: str) -> None:
        if not rules.is_html4_entity(name):
            self._report("edgar-reference", f"&{name}; is not an HTML 4 entity")

    def handle_charref(self, name: str) -> None:
        try:
            char = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            self._report("edgar-reference", f"&#{name}; is not a character")
            return
        if not rules.carries(char):
            self._report("edgar-reference", f"&#{name}; (U+{ord(char):04X}) is a character "
                         "EDGAR cannot carry", "EDGAR shows ASCII and HTML 4's entity characters")

    def unresolved(self) -> list[Finding]:
        """Report links to a #name that no element in the document carries."""
        return [_finding(self.path, line, "edgar-link", f"link to '#{target}', which no "
                         "element carries") for line, target in self.fragments
                if target not in self.targets]
