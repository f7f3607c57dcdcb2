"""What the newsroom formats (ninjs, NewsML-G2) share: the item's id, times and bodies."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from prauthor.document import (
    Block,
    Body,
    Contacts,
    Document,
    EndMark,
    EventDetails,
    Heading,
    Image,
    Lead,
    ListBlock,
    Marker,
    Paragraph,
    Quote,
    Section,
    Spans,
    Table,
    linked,
)
from prauthor.errors import InputError
from prauthor.spec import clock
from prauthor.zones import zone

XHTML = "http://www.w3.org/1999/xhtml"


def guid(doc: Document) -> str:
    """Return the item's global id: urn:newsml:DOMAIN:YYYYMMDD:SLUG."""
    m = doc.meta
    site = m.website or ""
    host = urlsplit(site if "://" in site else f"https://{site}").hostname if site else None
    domain = (host or f"{m.company_id}.invalid").removeprefix("www.")
    slug = re.sub(r"[^A-Za-z0-9._-]", "-", m.slug)
    return f"urn:newsml:{domain}:{m.date.strftime('%Y%m%d')}:{slug}"


def embargo_until(doc: Document) -> str | None:
    """Return the embargo's end as an ISO date-time with its offset, or None."""
    if not doc.meta.embargo:
        return None
    day, _, rest = doc.meta.embargo.partition(" ")
    time_text, _, zone_text = rest.rpartition(" ")
    try:
        tz = zone(zone_text)
        moment = dt.datetime.combine(dt.date.fromisoformat(day), clock(time_text), tz)
    except ValueError as error:
        raise InputError.one("release.embargo", f"{doc.meta.embargo}: {error}; newsroom "
                             "formats need a zone such as ET or America/New_York") from None
    return moment.isoformat()


def created(doc: Document) -> str:
    """Return when the item was made: the release date, at the start of the day, UTC."""
    return f"{doc.meta.date.isoformat()}T00:00:00Z"


def plain_body(doc: Document, newswire_text: str) -> str:
    """Return the wire text from the dateline on: the body as text/plain."""
    start = newswire_text.find(doc.dateline.text)
    return newswire_text[start if start >= 0 else 0:].strip() + "\n"


def xhtml_body(doc: Document) -> Markup:
    """Return the release's body as XHTML elements, from the dateline to the end mark."""
    out = []
    for part in doc.parts:
        if isinstance(part, Lead):
            out.append(Markup('<p><span class="dateline">{}</span>{}{}</p>').format(
                part.dateline.text, part.dateline.joiner, _spans(part.spans)))
        elif isinstance(part, Body | Section):
            if isinstance(part, Section) and part.show_title:
                out.append(Markup("<h2>{}</h2>").format(part.title))
            out += [_block(block) for block in part.blocks]
        elif isinstance(part, Contacts):
            if part.heading:
                out.append(Markup("<h2>{}</h2>").format(part.heading))
            out += [Markup("<p>{}</p>").format(Markup("<br/>").join(card.text_lines()))
                    for card in part.cards]
        elif isinstance(part, EndMark):
            out.append(Markup("<p>{}</p>").format(part.text))
    return Markup("\n").join(out)


def _spans(spans: Spans) -> Markup:
    out = []
    for span in spans:
        html = escape(span.text)
        if span.italic:
            html = Markup("<em>{}</em>").format(html)
        if span.bold:
            html = Markup("<strong>{}</strong>").format(html)
        if span.href and span.href.lower().startswith(("http://", "https://", "mailto:")):
            html = Markup('<a href="{}">{}</a>').format(span.href, html)
        out.append(html)
    return Markup("").join(out)


def _block(block: Block) -> Markup:
    if isinstance(block, Paragraph):
        return Markup("<p>{}</p>").format(_spans(block.spans))
    if isinstance(block, Heading):
        return Markup("<h{0}>{1}</h{0}>").format(min(block.level, 6), _spans(block.spans))
    if isinstance(block, Quote):
        return Markup("<blockquote>{}</blockquote>").format(Markup("").join(
            Markup("<p>{}</p>").format(_spans(p.spans)) for p in block.paragraphs))
    if isinstance(block, ListBlock):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, EventDetails):
        rows = Markup("").join(Markup("<li>{}: {}</li>").format(label, _spans(spans))
                               for label, spans in block.items)
        return Markup("<h3>{}</h3><ul>{}</ul>").format(block.title, rows)
    if isinstance(block, Marker):
        return Markup("<p><strong>{}</strong></p>").format(block.text)
    if isinstance(block, Image):
        caption = " ".join(t for t in (linked(block.caption), block.credit or "") if t)
        return Markup("<p>{}</p>").format(caption) if caption else Markup("")
    raise TypeError(f"no XHTML for {type(block).__name__}")


def _list(block: ListBlock) -> Markup:
    tag = Markup("ol" if block.ordered else "ul")
    items = Markup("").join(
        Markup("<li>{}{}</li>").format(_spans(item.spans),
                                       _list(item.children) if item.children else "")
        for item in block.items)
    return Markup("<{0}>{1}</{0}>").format(tag, items)


def _table(table: Table) -> Markup:
    caption = " ".join(t for t in (table.title, table.units and f"({table.units})") if t)
    rows = []
    for row in (*table.header, *table.rows):
        tag = Markup("th" if row in table.header else "td")
        cells = Markup("").join(
            Markup("<{0}{1}>{2}{3}</{0}>").format(
                tag, Markup(f' colspan="{cell.colspan}"') if cell.colspan > 1 else "",
                cell.sign, _spans(cell.spans)) for cell in row.cells)
        rows.append(Markup("<tr>{}</tr>").format(cells))
    notes = Markup("").join(Markup("<p>({}) {}</p>").format(mark, _spans(spans))
                            for mark, spans in table.footnotes)
    head = Markup("<caption>{}</caption>").format(caption) if caption else ""
    return Markup("<table>{}{}</table>{}").format(head, Markup("").join(rows), notes)
