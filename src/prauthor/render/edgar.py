"""Render the SEC filing copy: Exhibit 99.1 as the HTML EDGAR accepts.

EDGAR's HTML is an old, closed set of tags and attributes (prauthor.edgar.rules): no
scripts or style elements, no links out of the submission (addresses become plain
text), no nested tables, ASCII only (everything else as `&#N;`), and images as JPEG or
GIF files beside the exhibit. The markup is also well-formed XML, as Arelle reads it.
"""

from __future__ import annotations

import io
import re

from prauthor.document import (
    Block,
    Body,
    Cell,
    ContactCard,
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
    Part,
    Quote,
    ReleaseLine,
    Row,
    Section,
    Spans,
    Table,
    links,
    plain,
    shown_address,
)
from prauthor.edgar import rules
from prauthor.errors import InputError, Problem

WIDEST = 600  # pixels: images are shown at most this wide
FACE = "font-family: 'Times New Roman', Times, serif"
FONT = f"{FACE}; font-size: 10pt"
CELL = "padding: 1pt 4pt; vertical-align: bottom"


def filename(doc: Document) -> str:
    """Return the exhibit's file name: the spec's, or TICKER_ex991.htm."""
    if doc.meta.edgar_file:
        return doc.meta.edgar_file
    prefix = re.sub(r"[^a-z0-9]", "", (doc.meta.ticker or doc.meta.company_id).lower())
    prefix = prefix if prefix[:1].isalpha() else "x" + prefix
    exhibit = re.sub(r"[^0-9a-z]", "", doc.meta.exhibit.lower())
    return f"{prefix[:rules.MAX_NAME - len(exhibit) - 7]}_ex{exhibit}.htm"


def attachments(doc: Document, options=None) -> dict[str, bytes]:
    """Return the exhibit's images, as JPEG or GIF files named for the submission."""
    return {name: data for name, (data, _, _) in _graphics(doc).items()}


def render(doc: Document, options) -> bytes:
    """Return the exhibit as ASCII bytes."""
    problems = _uncarried(doc)
    if problems:
        raise InputError(problems)
    writer = _Writer({id(image): name for name, image in _named(doc)})
    title = f"Exhibit {doc.meta.exhibit}"
    writer.line(f'<p align="right" style="{FONT}"><b>{_text(title)}</b></p>')
    for part in doc.parts:
        writer.part(part)
    page = (f"<html>\n<head>\n<title>{_text(title)}</title>\n</head>\n<body>\n"
            + "\n".join(writer.lines) + "\n</body>\n</html>\n")
    return page.encode("ascii")


class _Writer:
    """Collect the exhibit's lines, one block element a line."""

    def __init__(self, names: dict[int, str]):
        self.lines: list[str] = []
        self.names = names

    def line(self, html: str) -> None:
        self.lines.append(html)

    def part(self, part: Part) -> None:
        """Write one part of the release, in reading order."""
        if isinstance(part, Logo):
            self.line(f"<p>{self.image(part.image)}</p>")
        elif isinstance(part, ReleaseLine):
            self.line(f'<p style="{FACE}; font-size: 9pt"><b>{_text(part.text)}</b></p>')
        elif isinstance(part, Headline):
            self.line(f'<p align="center" style="{FACE}; font-size: 13pt"><b>'
                      f"{_text(part.text)}</b></p>")
            for line in part.subheadlines:
                self.line(f'<p align="center" style="{FONT}"><i>{_text(line)}</i></p>')
        elif isinstance(part, Lead):
            self.line(f'<p style="{FONT}"><b>{_text(part.dateline.text)}</b>'
                      f"{_text(part.dateline.joiner)}{_spans(part.spans)}</p>")
        elif isinstance(part, Body | Section):
            if isinstance(part, Section) and part.show_title:
                self.line(f'<p style="{FONT}"><b>{_text(part.title)}</b></p>')
            self.blocks(part.blocks)
        elif isinstance(part, Contacts):
            if part.heading:
                self.line(f'<p style="{FONT}"><b>{_text(part.heading)}</b></p>')
            for card in part.cards:
                self.contact(card)
        elif isinstance(part, EndMark):
            self.line(f'<p align="center" style="{FONT}">{_text(part.text)}</p>')
        else:
            raise TypeError(f"no EDGAR layout for {type(part).__name__}")

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.line(f'<p style="{FONT}">{_spans(block.spans)}</p>')
        elif isinstance(block, Heading):
            self.line(f'<p style="{FONT}"><b>{_spans(block.spans)}</b></p>')
        elif isinstance(block, Quote):
            for paragraph in block.paragraphs:
                self.line(f'<p style="{FONT}">{_spans(paragraph.spans)}</p>')
        elif isinstance(block, ListBlock):
            self.line(self.listing(block))
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, EventDetails):
            self.line(f'<p style="{FONT}"><b>{_text(block.title)}</b></p>')
            for label, spans in block.items:
                self.line(f'<p style="{FONT}; margin: 0 0 0 18pt">{_text(label)}: '
                          f"{_spans(spans)}</p>")
        elif isinstance(block, Marker):
            self.line(f'<p align="center" style="{FONT}"><b>{_text(block.text)}</b></p>')
        elif isinstance(block, Image):
            self.line(f'<p align="center">{self.image(block)}</p>')
            caption = plain(block.caption)
            credit = f" {block.credit}" if block.credit else ""
            if caption or credit:
                self.line(f'<p align="center" style="{FACE}; font-size: 9pt"><i>'
                          f"{_spans(block.caption)}</i>{_text(credit)}</p>")
        else:
            raise TypeError(f"no EDGAR layout for {type(block).__name__}")

    def listing(self, block: ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        items = "".join(f'<li style="{FONT}">{_spans(item.spans)}'
                        f"{self.listing(item.children) if item.children else ''}</li>"
                        for item in block.items)
        return f"<{tag}>{items}</{tag}>"

    def image(self, image: Image) -> str:
        width = min(image.width, WIDEST if image.kind != "logo" else 200)
        height = round(image.height * width / image.width)
        return (f'<img src="{self.names[id(image)]}" alt="{_attribute(image.alt)}" '
                f'width="{width}" height="{height}" />')

    def table(self, table: Table) -> None:
        from prauthor.render.html import padded_cells, table_width

        if table.title:
            self.line(f'<p align="center" style="{FONT}"><b>{_text(table.title)}</b></p>')
        if table.units:
            self.line(f'<p align="center" style="{FONT}"><i>{_text(table.units)}</i></p>')
        columns = table_width(table)
        rows = [self._row(row, padded_cells(row, columns), True) for row in table.header]
        rows += [self._row(row, padded_cells(row, columns), False) for row in table.rows]
        self.line('<table cellpadding="0" cellspacing="0" border="0" '
                  'style="width: 100%; border-collapse: collapse">\n' + "\n".join(rows)
                  + "\n</table>")
        for marker, spans in table.footnotes:
            self.line(f'<p style="{FACE}; font-size: 8pt">({_text(marker)}) {_spans(spans)}</p>')

    def _row(self, row: Row, cells: list[tuple[Cell, int]], header: bool) -> str:
        out = []
        for index, (cell, span) in enumerate(cells):
            align = "center" if header and index else "right" if cell.numeric else "left"
            style = CELL + f"; {FONT}"
            if header and index:
                style += "; font-weight: bold; border-bottom: 1px solid #000000"
            if row.kind == "total" and cell.numeric:
                style += "; border-top: 1px solid #000000"
            if row.kind == "section":
                style += "; font-weight: bold"
            if cell.indent:
                style += f"; padding-left: {4 + 10 * cell.indent}pt"
            marks = "".join(f"<sup>{_text(m)}</sup>" for m in cell.footnotes)
            sign = _text(cell.sign)
            colspan = f' colspan="{span}"' if span > 1 else ""
            out.append(f'<td align="{align}"{colspan} style="{style}">{sign}'
                       f"{_spans(cell.spans)}{marks}</td>")
        return "<tr>" + "".join(out) + "</tr>"

    def contact(self, card: ContactCard) -> None:
        lines = [(f"<b>{_text(label)}:</b>" + (f" {_spans(spans)}" if spans else ""))
                 if label is not None else _spans(spans) for label, spans in card.lines]
        self.line(f'<p style="{FONT}">' + "<br />".join(lines) + "</p>")


def _text(text: str) -> str:
    """Write text for EDGAR: ASCII as itself, everything else as a character reference."""
    return "".join(rules.reference(char) for char in text)


def _attribute(text: str) -> str:
    """Write text for an attribute value: as `_text`, quotation marks as references too."""
    return _text(text).replace('"', "&#34;")


def _spans(spans: Spans) -> str:
    """Write inline spans: bold and italic; a link's address printed as plain text."""
    out = []
    for href, run in links(spans):
        for span in run:
            html = _text(span.text)
            if span.italic:
                html = f"<i>{html}</i>"
            if span.bold:
                html = f"<b>{html}</b>"
            out.append(html)
        address = shown_address(plain(run), href)
        if address:
            out.append(f" ({_text(address)})")
    return "".join(out)


def _named(doc: Document) -> list[tuple[str, Image]]:
    """Name each image of the release for the submission: PREFIX_logo.gif, PREFIX_img1.jpg."""
    prefix = re.split(r"[_-]", filename(doc).removesuffix(".htm"))[0][:20]
    named, number = [], 0
    for image in doc.images():
        suffix = ".gif" if _as_gif(image) else ".jpg"
        if image.kind == "logo":
            named.append((f"{prefix}_logo{suffix}", image))
        else:
            number += 1
            named.append((f"{prefix}_img{number}{suffix}", image))
    return named


def _as_gif(image: Image) -> bool:
    """Tell whether an image goes as GIF: a GIF, a logo or chart, or a PNG of few colours.

    Drawn images keep their sharp edges in GIF; photos go as JPEG.
    """
    if image.format == "gif" or (image.format == "png" and image.kind in ("logo", "chart")):
        return True
    if image.format != "png":
        return False
    from PIL import Image as Pillow

    with Pillow.open(io.BytesIO(image.data)) as picture:
        return picture.getcolors(256) is not None


def _graphics(doc: Document) -> dict[str, tuple[bytes, int, int]]:
    """Convert each image to the JPEG or GIF bytes EDGAR takes."""
    from PIL import Image as Pillow

    out = {}
    for name, image in _named(doc):
        if (image.format, name[-4:]) in (("jpeg", ".jpg"), ("gif", ".gif")):
            out[name] = (image.data, image.width, image.height)
            continue
        with Pillow.open(io.BytesIO(image.data)) as picture:
            flat = Pillow.new("RGB", picture.size, (255, 255, 255))
            rgba = picture.convert("RGBA")
            flat.paste(rgba, mask=rgba.getchannel("A"))  # transparency over white paper
            buffer = io.BytesIO()
            if name.endswith(".gif"):
                flat.convert("P", palette=Pillow.Palette.ADAPTIVE, colors=256).save(buffer, "GIF")
            else:
                flat.save(buffer, "JPEG", quality=90, optimize=True)
        out[name] = (buffer.getvalue(), image.width, image.height)
    return out


def _uncarried(doc: Document) -> list[Problem]:
    """Report characters no EDGAR exhibit can carry, naming where they are."""
    from prauthor.edgar.literals import uncarried_in_document

    return uncarried_in_document(doc)
