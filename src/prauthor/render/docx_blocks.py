"""Write the Word XML of a release's parts: runs, paragraphs, lists and tables.

Text goes into runs only through docxtpl's RichText, which escapes it; every paragraph
names its style and carries no direct formatting, so a desk restyles the release by
editing the styles of its template. The one exception is the label column of an event's
details, which is widened, from where the style puts it, to fit its longest label.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from docxtpl import RichText

from prauthor.document import (
    Block,
    Cell,
    EventDetails,
    Heading,
    Image,
    ListBlock,
    Marker,
    Paragraph,
    Quote,
    Row,
    Span,
    Spans,
    Table,
)
from prauthor.errors import RenderError
from prauthor.render.docx_measure import bold_width
from prauthor.yamlsource import XML_ILLEGAL

LINK_SCHEMES = ("http://", "https://", "mailto:")
BREAKS = re.compile(r"(\r\n|\n|\r|\t)")
LIST_LEVELS = 3  # the template styles three levels of each kind of list
LABEL_SHARE = 0.4  # the label column's share of a table's width
SIGN_WIDTH = 180, 110  # twips: a sign cell's margins, and each character of the sign
PICTURE_STYLES = {"Figure": "Body Text", "Caption": "Body Text"}
SIGN_STYLES = {"Table Sign": "Table Figure", "Table Total Sign": "Table Total Figure"}


@dataclass(frozen=True)
class Texts:
    """The styles a run of blocks uses: body text, or boilerplate text."""

    paragraph: str = "Body Text"
    heading: str = "Section Heading"


BODY = Texts()
BOILERPLATE = Texts("Boilerplate Text", "Boilerplate Heading")


@dataclass(frozen=True)
class LabelColumn:
    """Where the template's Event Detail lines set their labels, all in twips: the
    labels start at `start` and the values at `start + width` (a hanging indent with a
    tab stop there); `tabs` are the style's own stops; `size` is the labels' size in
    half-points."""

    start: int = 360
    width: int = 1800
    tabs: tuple[int, ...] = (2160,)
    size: int = 21
    gap: int = 200  # the least room between a label and its value
    widest: float = 0.45  # of the text width: a longer label puts its value on a new line

    def fitted(self, labels: Iterable[str], text_width: int) -> tuple[int, tuple[bool, ...]]:
        """Return the column's width for these labels and, for each, whether its value
        follows on the same line (it goes below a label wider than the widest column)."""
        needs = [bold_width(label, self.size) + self.gap for label in labels]
        if not self.width:  # the style sets no label column: leave its layout alone
            return 0, tuple(True for _ in needs)
        room = max(self.width, round(text_width * self.widest) - self.start)
        width = max([self.width, *(n for n in needs if n <= room)])
        return width, tuple(n <= width for n in needs)

    def properties(self, width: int) -> str:
        """Return the paragraph properties that set the values `width` after the labels,
        or nothing where the style already does."""
        if width == self.width:
            return ""
        left = self.start + width
        cleared = "".join(f'<w:tab w:val="clear" w:pos="{pos}"/>' for pos in self.tabs
                          if pos != left)
        return (f'<w:tabs>{cleared}<w:tab w:val="left" w:pos="{left}"/></w:tabs>'
                f'<w:ind w:left="{left}" w:hanging="{width}"/>')


@dataclass
class Writer:
    """Write Word XML in the template's styles.

    `styles` maps style names to the template's style ids; `link` turns a URL into a
    relationship id; `new_list` returns the numId of a fresh numbered list that
    restarts at a level; `picture` returns the drawing of an image, at most a width.
    """

    styles: dict[str, str]
    link: Callable[[str], str]
    new_list: Callable[[int], int]
    text_width: int
    picture: Callable[[Image, int], str] = lambda image, width: ""
    labels: LabelColumn = LabelColumn()
    _links: dict[str, str] = field(default_factory=dict)

    # -- runs and paragraphs --

    def runs(self, spans: Iterable[Span], style: str | None = None) -> str:
        """Return runs for spans: bold, italic, links; line breaks and tabs kept."""
        rich = RichText()
        for span in spans:
            storable(span.text)
            if span.href and span.href.startswith("#"):
                rich.xml += self._anchor(span)
                continue
            url_id = self._url_id(span.href)
            run_style = self._id("Hyperlink") if url_id else (style and self._id(style))
            for piece in BREAKS.split(span.text):
                if piece == "\t":
                    rich.xml += "<w:r><w:tab/></w:r>"
                elif piece in ("\n", "\r", "\r\n"):
                    rich.xml += "<w:r><w:br/></w:r>"
                elif piece:
                    rich.add(piece, style=run_style, bold=span.bold, italic=span.italic,
                             url_id=url_id)
        return rich.xml

    def _anchor(self, span: Span) -> str:
        """Return a link to a bookmark in this document (the review record uses these)."""
        inner = self.runs((Span(span.text, span.bold, span.italic),), "Hyperlink")
        anchor = html.escape(span.href[1:], quote=True)
        return f'<w:hyperlink w:anchor="{anchor}">{inner}</w:hyperlink>'

    def text(self, text: str, style: str | None = None) -> str:
        """Return runs for plain text."""
        return self.runs((Span(text),), style)

    def paragraph(self, style: str, content: str = "", numbering: tuple[int, int] | None = None,
                  layout: str = "") -> str:
        """Return a paragraph in `style` holding `content` (runs); `layout` is direct
        paragraph properties that follow the style's, in the schema's order."""
        numbered = ""
        if numbering:
            level, num_id = numbering
            numbered = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        return (f'<w:p><w:pPr><w:pStyle w:val="{self._id(style)}"/>{numbered}{layout}</w:pPr>'
                f"{content}</w:p>")

    # -- blocks --

    def blocks(self, blocks: Iterable[Block], texts: Texts = BODY) -> str:
        """Return the XML of a run of blocks."""
        return "".join(self.block(block, texts) for block in blocks)

    def block(self, block: Block, texts: Texts = BODY) -> str:
        """Return the XML of one block."""
        if isinstance(block, Paragraph):
            return self.paragraph(texts.paragraph, self.runs(block.spans))
        if isinstance(block, Heading):
            return self.paragraph(self._heading_style(texts.heading, block.level),
                                  self.runs(block.spans))
        if isinstance(block, Quote):
            return "".join(self.paragraph("Quote", self.runs(p.spans)) for p in block.paragraphs)
        if isinstance(block, ListBlock):
            return self.listing(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, EventDetails):
            return self.event(block)
        if isinstance(block, Marker):
            return self.paragraph("Marker", self.text(block.text))
        if isinstance(block, Image):
            return self.figure(block)
        raise TypeError(f"no Word layout for {type(block).__name__}")

    def figure(self, image: Image) -> str:
        """Return an image in a Figure paragraph, then its caption and credit."""
        drawing = f"<w:r>{self.picture(image, self.text_width)}</w:r>"
        caption = list(image.caption)
        if image.credit:
            caption += [Span(" " if caption else ""), Span(image.credit, italic=True)]
        return self.paragraph("Figure", drawing) + (
            self.paragraph("Caption", self.runs(caption)) if caption else "")

    def listing(self, block: ListBlock, depth: int = 0) -> str:
        """Return list paragraphs; a numbered list restarts at 1, nested lists indent."""
        level = min(depth, LIST_LEVELS - 1)
        kind = "List Number" if block.ordered else "List Bullet"
        style = kind + (f" {level + 1}" if level else "")
        numbering = (level, self.new_list(level)) if block.ordered else None
        out = []
        for item in block.items:
            out.append(self.paragraph(style, self.runs(item.spans), numbering))
            if item.children:
                out.append(self.listing(item.children, depth + 1))
        return "".join(out)

    def event(self, block: EventDetails) -> str:
        """Return the event title and one 'Label:<tab>value' line per detail, the values
        in a column as wide as the longest label needs."""
        lines = [self.paragraph("Event Title", self.text(block.title))]
        labels = [f"{label}:" for label, _ in block.items]
        width, beside = self.labels.fitted(labels, self.text_width)
        layout = self.labels.properties(width)
        for label, (_, spans), inline in zip(labels, block.items, beside, strict=True):
            after = "<w:r><w:tab/></w:r>" if inline else "<w:r><w:br/></w:r>"
            content = self.text(label, "Event Label") + after + self.runs(spans)
            lines.append(self.paragraph("Event Detail", content, layout=layout))
        return "".join(lines)

    # -- tables --

    def table(self, table: Table, style: str = "Financial Table",
              shares: tuple[float, ...] | None = None, cells: tuple[str, ...] = ()) -> str:
        """Return a titled table: header rows repeat on each page, figures align right.

        `shares` divide the width among the columns; `cells` name the paragraph style of
        each column's body cells, where the kind of cell should not decide it.
        """
        rows = (*table.header, *table.rows)
        columns = max((sum(c.colspan for c in row.cells) for row in rows), default=1)
        widths = self._widths(columns, shares)
        signs = _sign_widths(table, widths)
        out = []
        if table.title:
            out.append(self.paragraph("Table Title", self.text(table.title)))
        if table.units:
            out.append(self.paragraph("Table Units", self.text(table.units)))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in _grid(widths, signs))
        body = "".join(self._row(row, widths, index < len(table.header), cells, signs)
                       for index, row in enumerate(rows))
        out.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="{self._id(style)}"/>'
                   f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                   f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
                   f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                   f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")
        for marker, spans in table.footnotes:
            note = self.text(marker, "Table Note Reference") + self.text(" ") + self.runs(spans)
            out.append(self.paragraph("Table Note", note))
        return "".join(out)

    def _widths(self, columns: int, shares: tuple[float, ...] | None) -> list[int]:
        if shares is None and columns == 1:
            shares = (1.0,)
        elif shares is None:
            shares = (LABEL_SHARE, *[(1 - LABEL_SHARE) / (columns - 1)] * (columns - 1))
        return [round(self.text_width * share) for share in shares]

    def _row(self, row: Row, widths: list[int], header: bool, styles: tuple[str, ...],
             signs: dict[int, int]) -> str:
        properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        cells, column = [], 0
        for cell in row.cells:
            width = sum(widths[column:column + cell.colspan])
            style = _cell_style(cell, row.kind, header)
            if styles and not header:
                style = styles[column]
            content = self.runs(cell.spans) + self._markers(cell)
            bottom = header or row.kind == "total"  # a total's rule must not lift its text
            if column in signs and cell.numeric and cell.colspan == 1 and not header:
                cells.append(self._sign_cell(cell, row.kind, signs[column]))
                width -= signs[column]
                span = 1
            else:
                span = cell.colspan + sum(i in signs for i in range(column, column + cell.colspan))
            cells.append(self._cell(self.paragraph(style, content), width, span, bottom))
            column += cell.colspan
        return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"

    def _cell(self, content: str, width: int, span: int = 1, bottom: bool = False) -> str:
        spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        align = '<w:vAlign w:val="bottom"/>' if bottom else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{spanned}{align}'
                f"</w:tcPr>{content}</w:tc>")

    def _sign_cell(self, cell: Cell, kind: str, width: int) -> str:
        """Return the cell that holds a figure's currency sign set apart, flush left."""
        style = "Table Total Sign" if kind == "total" else "Table Sign"
        if style not in self.styles:  # a desk template made before sign styles existed
            style = SIGN_STYLES[style]
        return self._cell(self.paragraph(style, self.text(cell.sign) if cell.sign else ""),
                          width, bottom=kind == "total")

    def _markers(self, cell: Cell) -> str:
        return self.text(",".join(cell.footnotes), "Table Note Reference") if cell.footnotes else ""

    # -- helpers --

    def _heading_style(self, style: str, level: int) -> str:
        """Return the style of a sub-heading: "Section Heading 3", or the template's nearest."""
        for depth in range(level, 2, -1):
            if f"{style} {depth}" in self.styles:
                return f"{style} {depth}"
        return style

    def _id(self, style: str) -> str:
        # A desk template made before the picture styles existed sets them as body text.
        found = self.styles.get(style) or self.styles[PICTURE_STYLES.get(style, style)]
        return html.escape(found, quote=True)

    def _url_id(self, href: str | None) -> str | None:
        if not href or not href.lower().startswith(LINK_SCHEMES):
            return None
        if href not in self._links:
            self._links[href] = self.link(href)
        return self._links[href]


def storable(text: str) -> str:
    """Return text that XML can hold; the core refuses anything else, so this is a bug."""
    if XML_ILLEGAL.search(text):
        raise RenderError(f"text holds a control character Word cannot store: {text[:60]!r}")
    return text


def _sign_widths(table: Table, widths: list[int]) -> dict[int, int]:
    """Return the width of the sign cell of each column whose signs are set apart."""
    signs: dict[int, str] = {}
    for row in table.rows:
        column = 0
        for cell in row.cells:
            if cell.sign and len(cell.sign) > len(signs.get(column, "")):
                signs[column] = cell.sign
            column += cell.colspan
    margins, per_character = SIGN_WIDTH
    return {column: min(margins + per_character * len(sign), widths[column] // 3)
            for column, sign in signs.items()}


def _grid(widths: list[int], signs: dict[int, int]) -> list[int]:
    """Return the Word grid: a column with signs set apart is a sign cell and a figure cell."""
    grid: list[int] = []
    for column, width in enumerate(widths):
        grid += [signs[column], width - signs[column]] if column in signs else [width]
    return grid


def _cell_style(cell: Cell, kind: str, header: bool) -> str:
    if header:
        return "Table Heading Label" if cell.kind == "label" else "Table Heading"
    if kind == "section":
        return "Table Section"
    if kind == "total":
        return "Table Total Figure" if cell.numeric else "Table Total Label"
    if cell.numeric:
        return "Table Figure"
    return "Table Label" + (f" {min(cell.indent, 2) + 1}" if cell.indent else "")


def lines(spans_by_line: Iterable[Spans]) -> tuple[Span, ...]:
    """Join lines of spans with line breaks."""
    out: list[Span] = []
    for index, spans in enumerate(spans_by_line):
        if index:
            out.append(Span("\n"))
        out.extend(spans)
    return tuple(out)
