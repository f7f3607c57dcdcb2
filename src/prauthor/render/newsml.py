"""Render an IPTC NewsML-G2 2.35 news item (XML): the release as a wire service ingests it.

The body travels as XHTML in `inlineXML`; images the wire hosts (those with a gallery
address) are linked from `itemMeta`.
"""

from __future__ import annotations

import re

from lxml import etree

from prauthor.document import Document, linked
from prauthor.render import newsitem

NAR = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"


def render(doc: Document, options) -> bytes:
    """Return the NewsML-G2 news item of `doc` as UTF-8 XML."""
    root = item(doc, options)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _el(parent, name: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAR}}}{name}",
                               {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def item(doc: Document, options) -> etree._Element:
    """Return the newsItem element."""
    m = doc.meta
    root = etree.Element(f"{{{NAR}}}newsItem", nsmap={None: NAR})
    for name, value in (("guid", newsitem.guid(doc)), ("version", "1"),
                        ("standard", "NewsML-G2"), ("standardversion", "2.35"),
                        ("conformance", "power"), (XML_LANG, "en")):
        root.set(name, value)
    _el(root, "catalogRef", href=CATALOG)
    rights = _el(root, "rightsInfo")
    _el(_el(rights, "copyrightHolder", literal=m.company_id), "name", m.company)
    _item_meta(_el(root, "itemMeta"), doc, options)
    _content_meta(_el(root, "contentMeta"), doc)
    content = _el(_el(root, "contentSet"), "inlineXML", contenttype="application/xhtml+xml")
    content.append(_xhtml(doc))
    return root


def _item_meta(meta, doc: Document, options) -> None:
    _el(meta, "itemClass", qcode="ninat:text")
    _el(_el(meta, "provider", literal=doc.meta.company_id), "name", doc.meta.company)
    _el(meta, "versionCreated", newsitem.created(doc))
    _el(meta, "firstCreated", newsitem.created(doc))
    embargo = newsitem.embargo_until(doc)
    if embargo:
        _el(meta, "embargoed", embargo)
    _el(meta, "pubStatus", qcode="stat:withheld" if options.draft else "stat:usable")
    if options.draft:
        _el(meta, "edNote", "Draft for review: not for publication.")
    for image in doc.images():
        if image.url:
            _el(meta, "link", rel=f"irel:{'logo' if image.kind == 'logo' else 'seeAlso'}",
                href=image.url, contenttype=image.media_type, title=image.alt)


def _content_meta(meta, doc: Document) -> None:
    m = doc.meta
    _el(meta, "contentCreated", newsitem.created(doc))
    _el(_el(meta, "located", type="cptype:city"), "name",
        doc.dateline.places or doc.dateline.text)
    _el(_el(meta, "creator", literal=m.company_id), "name", m.company)
    _el(meta, "language", tag="en")
    _el(_el(meta, "genre", literal="press-release"), "name", "Press Release")
    # The issuer, identified by its ticker in its exchange's scheme (nasdaq:CRVN), as
    # wire services code listed companies; without a ticker, by the desk's id.
    exchange = re.sub(r"[^a-z0-9]", "", (m.exchange or "ticker").lower())
    code = {"qcode": f"{exchange}:{m.ticker}"} if m.ticker else {"literal": m.company_id}
    _el(_el(meta, "subject", type="cpnat:organisation", **code), "name", m.company)
    _el(meta, "slugline", m.slug)
    _el(meta, "headline", doc.headline)
    for line in doc.subheadlines:
        _el(meta, "headline", line, role="hlrole:sub")
    _el(meta, "dateline", doc.dateline.text)
    _el(meta, "by", m.company)
    _el(meta, "description", linked(doc.lead.spans).strip(), role="drol:summary")


def _xhtml(doc: Document) -> etree._Element:
    body = str(newsitem.xhtml_body(doc))
    page = (f'<html xmlns="{newsitem.XHTML}"><head><title></title></head>'
            f"<body>{body}</body></html>")
    html = etree.fromstring(page.encode("utf-8"))
    html.find(f"{{{newsitem.XHTML}}}head/{{{newsitem.XHTML}}}title").text = doc.headline
    return html
