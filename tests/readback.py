"""Read rendered releases back with real readers, for the HTML and PDF tests."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import tempfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from conftest import EXAMPLES, REFERENCE, REFERENCE_SPECS, STYLE_SPECS, expected_text
from prauthor.document import Document, Image, Logo, Table, walk
from prauthor.load import load
from prauthor.pipeline import with_desk
from prauthor.render import Options, render
from prauthor.resolve import resolve
from samples import with_blocks

EXPECTED = REFERENCE / "cbmg" / "expected"
FINAL = Options(draft=False)  # the release as published; Options() is a draft


def compare_module():
    """Import the reference comparison rule from ../shared/reference/compare.py."""
    spec = importlib.util.spec_from_file_location("compare", REFERENCE / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_cases() -> list[tuple[Path, str | None, Path]]:
    """Return (spec, wire, expected text) for every expected file of the fixture desks."""
    cases = []
    for expected in sorted(EXPECTED.glob("*.txt")):
        name, wire = expected.name.removesuffix(".txt").rsplit(".", 1)
        cases.append((REFERENCE / "cbmg" / "releases" / f"{name}.yaml",
                      "none" if wire == "company" else wire, expected))
    for spec in STYLE_SPECS:
        expected, wire = expected_text(spec)
        cases.append((spec, wire, expected))
    return cases


def prose_cases() -> list[tuple[Path, str | None, Path]]:
    """Return the reference cases without tables, whose expected text a page can match line
    by line (a text table is a fixed-width grid; the table tests read tables cell by cell,
    and every format's paragraphs are checked against the newswire text)."""
    return [case for case in reference_cases()
            if not any(isinstance(b, Table) for _, b in walk(resolve(load(case[0]))))]


def all_specs() -> list[tuple[Path, str | None]]:
    """Return every example and every reference release with the wire to render it for."""
    cases = [(path, None) for path in [*EXAMPLES, *REFERENCE_SPECS, *STYLE_SPECS]]
    for spec, wire, _ in reference_cases():
        if wire != load(spec).spec.wire:
            cases.append((spec, wire))
    return cases


def case_id(case) -> str:
    """Name a (spec, wire) case for test ids."""
    spec, wire = case
    return spec.stem + (f"@{wire}" if wire else "")


def document(spec: Path, wire: str | None = None) -> tuple[Document, Options]:
    """Resolve a spec and return it with the options the pipeline would render it with."""
    return resolve(load(spec), wire), with_desk(FINAL, spec)


def render_cases(name: str) -> dict:
    """Render every example and reference release to `name` and to wire text."""
    out = {}
    for case in all_specs():
        doc, options = document(*case)
        out[case] = (doc, render(doc, name, options), render(doc, "txt", options))
    return out


def without_logo(doc: Document) -> Document:
    """Return `doc` without its logo part."""
    return replace(doc, parts=tuple(p for p in doc.parts if not isinstance(p, Logo)))


def prose_pair(case, name: str, doc: Document, page: bytes, txt: bytes) -> tuple[bytes, bytes]:
    """Return the page and wire text to compare line by line: where the release has
    tables or images, both rendered without them (the text sets tables as fixed-width
    grids and names images after the body; the table and image tests read them back)."""
    if not any(isinstance(b, Table | Image) for b in (*doc.body, *doc.appendix)) \
            and not doc.logo:
        return page, txt
    _, options = document(*case)
    prose = with_blocks(without_logo(doc),
                        tuple(b for b in doc.body if not isinstance(b, Table | Image)))
    prose = with_blocks(prose, tuple(b for b in doc.appendix if not isinstance(b, Table | Image)),
                        "appendix")
    return render(prose, name, options), render(prose, "txt", options)


def with_options(options: Options, **changes) -> Options:
    """Return options with some choices changed."""
    return replace(options, **changes)


# A dl row (<div><dt><dd>) is one line on the page: label, then value.
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "address", "ul", "ol",
          "div", "section", "article", "header", "hgroup", "table", "tr", "caption", "dl"}


class BlockReader(HTMLParser):
    """Collect the text of an element's block elements, one line each, as a reader sees it."""

    def __init__(self, root: str = "article"):
        super().__init__(convert_charrefs=True)
        self.root, self.depth, self.lines, self.text = root, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == self.root:
            self.depth += 1
        if self.depth and (tag in BLOCKS or tag == "br"):
            self.flush()

    def handle_endtag(self, tag):
        if self.depth and tag in BLOCKS:
            self.flush()
        if tag == self.root:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)

    def flush(self):
        line = " ".join("".join(self.text).split())
        if line:
            self.lines.append(line)
        self.text = []


def html_lines(html: str | bytes, root: str = "article") -> list[str]:
    """Return the block-level lines of the page's release, in order."""
    reader = BlockReader(root)
    reader.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    reader.close()
    return reader.lines


def pdf_text(pdf: bytes, *args: str) -> str:
    """Return pdftotext's reading of a PDF (extra pdftotext arguments allowed)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, file.name, "-"],
                              capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_info(pdf: bytes, *args: str) -> str:
    """Return pdfinfo's report on a PDF."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(["pdfinfo", *args, file.name], capture_output=True, check=True,
                              text=True).stdout


def page_size(pdf: bytes) -> tuple[float, float]:
    """Return the first page's width and height in points."""
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", pdf_info(pdf))
    return float(found.group(1)), float(found.group(2))


def body_text(pdf: bytes, margin: float = 50) -> str:
    """Return the text inside the page margins: no running header, no footer."""
    width, height = page_size(pdf)
    return pdf_text(pdf, "-x", "0", "-y", str(int(margin)), "-W", str(int(width)),
                    "-H", str(int(height - 2 * margin)))


def margin_text(pdf: bytes, page: int, top: bool, margin: float = 50) -> str:
    """Return the text of one page's top or bottom margin."""
    width, height = page_size(pdf)
    y = 0 if top else int(height - margin)
    return pdf_text(pdf, "-f", str(page), "-l", str(page), "-x", "0", "-y", str(y),
                    "-W", str(int(width)), "-H", str(int(margin))).strip()


def squash(text: str, normalize) -> str:
    """Normalize text by the reference rule, then drop white space and hyphens.

    Line breaks are white space, and pdftotext drops the hyphen of a word that breaks
    at one ("vein-to-vein" across lines reads "veinto-vein").
    """
    return re.sub(r"[\s-]+", "", normalize(text))


def missing_in_order(expected: list[str], text: str, normalize) -> list[str]:
    """Return the expected lines not found in `text` in order (white space ignored)."""
    flat, position, missing = squash(text, normalize), 0, []
    for line in expected:
        key = squash(line, normalize)
        found = flat.find(key, position)
        if found < 0:
            missing.append(line)
        else:
            position = found + len(key)
    return missing
