"""Read tables back out of rendered text, HTML and Word, to compare with the Document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

from prauthor.document import Cell, Table, plain

RUN = re.compile(r"\S+(?: \S+)*")  # a run of text: words with single spaces between
LABEL_INDENT = 12  # labels start nearer the margin than this; figures start further right


def shown(cell: Cell) -> str:
    """Return a cell's text as the newswire text shows it, footnote markers included."""
    marks = "".join(f"({m})" for m in cell.footnotes)
    text = plain(cell.spans)
    return f"{text} {marks}" if text and marks else text + marks


def expected_rows(table: Table) -> list[tuple[str, list[str]]]:
    """Return (label, non-empty figures) for each body row of a Document table."""
    return [(shown(row.cells[0]), [shown(c) for c in row.cells[1:] if shown(c)])
            for row in table.rows]


def expected_header(table: Table) -> list[list[str]]:
    """Return the non-empty header texts of each header row."""
    return [[shown(c) for c in row.cells if shown(c)] for row in table.header]


def bands(text: str, title: str) -> list[list[str]]:
    """Return the lines of each band of the table titled `title`, title and units cut:
    the first band, then each chunk right after it titled '... (continued)'."""
    chunks = [chunk.splitlines() for chunk in text.split("\n\n")]
    at = next(i for i, chunk in enumerate(chunks) if chunk[0] == title)
    band = chunks[at][1:]
    found = [band[1:] if band and band[0].startswith("(") and band[0].endswith(")") else band]
    for chunk in chunks[at + 1:]:
        if chunk[0] != f"{title} (continued)":
            break
        found.append(chunk[1:])
    return found


def is_rule(line: str) -> bool:
    """Tell whether a line is only a rule: dashes and spaces."""
    return bool(line.strip()) and set(line.strip()) <= {"-", " "}


def _label_line(line: str) -> bool:
    """Tell whether a line starts in the label column (figures start far to the right)."""
    return bool(line.strip()) and len(line) - len(line.lstrip()) < LABEL_INDENT


def read_rows(band: list[str], labels: list[str]) -> list[tuple[str, list[str]]]:
    """Read a band's rows, one per expected label: wrapped label lines joined, figures
    split where two or more spaces separate them."""
    lines = [line for line in band if not is_rule(line)]
    first = labels[0].split()[0]
    at = next(i for i, line in enumerate(lines) if _label_line(line)
              and line.strip().startswith(first))
    rows = []
    for label in labels:
        fragments: list[str] = []
        while at < len(lines):
            runs = RUN.findall(lines[at])
            if _label_line(lines[at]):
                fragments.append(runs.pop(0))
            at += 1
            if runs or len(" ".join(fragments)) >= len(label):
                break
        rows.append((" ".join(fragments), runs))
    return rows


def read_header(band: list[str], first_label: str) -> list[list[str]]:
    """Read the header above the body: texts stacked in overlapping columns join."""
    end = next(i for i, line in enumerate(band) if _label_line(line)
               and line.strip().startswith(first_label.split()[0]))
    groups: list[list[str]] = [[]]
    for line in band[:end]:
        if is_rule(line):
            groups.append([])
        else:
            groups[-1].append(line)
    return [_stacked(group) for group in groups if group]


def _stacked(lines: list[str]) -> list[str]:
    cells: list[tuple[int, int, str]] = []
    for line in lines:
        for match in RUN.finditer(line):
            start, end = match.span()
            for index, (left, right, text) in enumerate(cells):
                if start < right and left < end:
                    cells[index] = (min(left, start), max(right, end), f"{text} {match.group()}")
                    break
            else:
                cells.append((start, end, match.group()))
    return [text for _, _, text in sorted(cells)]


@dataclass
class ReadTable:
    """A table as a reader finds it: its caption, header rows and body rows of
    (text, columns spanned) cells."""

    caption: str = ""
    header: list[list[tuple[str, int]]] = field(default_factory=list)
    body: list[list[tuple[str, int]]] = field(default_factory=list)
    style: str | None = None


def marked(cell: Cell) -> str:
    """Return a cell's text as HTML and Word show it: footnote markers run on, raised."""
    return plain(cell.spans) + "".join(cell.footnotes)


def grid(rows) -> list[list[tuple[str, int]]]:
    """Return Document rows as (text, columns spanned) cells, markers run on."""
    return [[(marked(cell), cell.colspan) for cell in row.cells] for row in rows]


class _TableParser(HTMLParser):
    """Collect every <table>: caption, thead and tbody rows, cell text and colspan."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[ReadTable] = []
        self.part, self.cell, self.caption = None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(ReadTable())
        elif tag in ("thead", "tbody"):
            self.part = tag
        elif tag == "tr" and self.tables:
            rows = self.tables[-1].header if self.part == "thead" else self.tables[-1].body
            rows.append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = ([], int(dict(attrs).get("colspan") or 1))
        elif tag == "caption":
            self.caption = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            rows = self.tables[-1].header if self.part == "thead" else self.tables[-1].body
            rows[-1].append((" ".join("".join(self.cell[0]).split()), self.cell[1]))
            self.cell = None
        elif tag == "caption" and self.caption is not None:
            self.tables[-1].caption = " ".join("".join(self.caption).split())
            self.caption = None
        elif tag in ("thead", "tbody"):
            self.part = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0].append(data)
        elif self.caption is not None:
            self.caption.append(data)


def html_tables(html: bytes) -> list[ReadTable]:
    """Read every table of an HTML page with the standard library's HTML parser."""
    parser = _TableParser()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser.tables


def docx_tables(data: bytes) -> list[ReadTable]:
    """Read every table of a Word file with python-docx: cells as Word holds them."""
    from docx import Document as WordDocument
    from docx.oxml.ns import qn

    word = WordDocument(BytesIO(data))
    found = []
    for table in word.tables:
        read = ReadTable(style=table.style.name if table.style else None)
        for tr in table._tbl.tr_lst:
            header = tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
            cells = [(" ".join(tc.xpath("string(.)").split()), tc.grid_span) for tc in tr.tc_lst]
            (read.header if header else read.body).append(cells)
        found.append(read)
    return found
