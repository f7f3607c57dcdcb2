"""Render an IPTC ninjs 3.1 news item (JSON), the format newsrooms ingest.

Pinned to ninjs 3.1: field names differ between the 1.x, 2.x and 3.x schemas.
A draft is `withheld` (not for publication); a final render is `usable`, with its
embargo in `embargoedUntil`.
"""

from __future__ import annotations

import json

from prauthor.document import ContactCard, Contacts, Document, Image, Quote, linked, plain, walk
from prauthor.render import newsitem

VERSION = "3.1"
SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"
TICKER = "http://cv.iptc.org/newscodes/financialinstrumentsymboltype/ticker"


def render(doc: Document, options) -> bytes:
    """Return the ninjs item of `doc` as UTF-8 JSON."""
    return (json.dumps(item(doc, options), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def item(doc: Document, options) -> dict:
    """Return the ninjs item as data."""
    from prauthor.render.newswire import render as newswire

    m = doc.meta
    data: dict = {
        "standard": {"name": "ninjs", "version": VERSION, "schema": SCHEMA},
        "uri": newsitem.guid(doc),
        "type": "text",
        "representationType": "full",
        "profile": f"press-release/{m.type}",
        "firstCreated": newsitem.created(doc),
        "versionCreated": newsitem.created(doc),
        "contentCreated": newsitem.created(doc),
        "embargoedUntil": newsitem.embargo_until(doc),
        "pubStatus": "withheld" if options.draft else "usable",
        "edNote": ("Draft for review: not for publication." if options.draft else None),
        "language": "en",
        "copyrightHolder": m.company,
        "slugline": m.slug,
        "by": m.company,
        "located": doc.dateline.places or doc.dateline.text,
        "headlines": [{"role": "main", "value": doc.headline},
                      *({"role": "sub", "value": line} for line in doc.subheadlines)],
        "descriptions": [{"role": "summary", "contentType": "text/plain",
                          "value": linked(doc.lead.spans).strip()}],
        "bodies": [
            {"role": "main", "contentType": "text/plain",
             "value": newsitem.plain_body(doc, newswire(doc, options).decode("utf-8"))},
            {"role": "richtext", "contentType": "application/xhtml+xml",
             "value": str(newsitem.xhtml_body(doc))},
        ],
        "genres": [{"name": "Press Release", "literal": "press-release"}],
        "people": _people(doc),
        "organisations": [_issuer(doc)],
        "associations": [_association(image, n) for n, image in enumerate(doc.images(), 1)],
        "altIds": [{"role": "spec-sha256", "value": m.spec_sha256}],
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


def _people(doc: Document) -> list[dict]:
    speakers = dict.fromkeys(b.speaker for _, b in walk(doc) if isinstance(b, Quote))
    people = [{"name": name, "rel": "quoted"} for name in speakers]
    names = dict.fromkeys(_card_name(card) for card in _cards(doc))
    return people + [{"name": name, "rel": "contact"} for name in names if name]


def _cards(doc: Document) -> list[ContactCard]:
    """Return the contact cards in reading order, separators aside."""
    return [card for part in doc.parts if isinstance(part, Contacts) for card in part.cards
            if not card.separator]


def _card_name(card: ContactCard) -> str | None:
    """Return the first unlabelled line of a contact card: the person or the desk."""
    return next((plain(spans) for label, spans in card.lines if label is None), None)


def _issuer(doc: Document) -> dict:
    m = doc.meta
    issuer: dict = {"name": m.company, "rel": "issuer", "literal": m.company_id}
    if m.website:
        issuer["uri"] = m.website if "://" in m.website else f"https://{m.website}"
    if m.ticker:
        issuer["symbols"] = [{"exchange": m.exchange or "", "symbol": m.ticker,
                              "symbolType": TICKER}]
    contacts = [info for card in _cards(doc) for info in _contact(card)]
    if contacts:
        issuer["contactInfo"] = contacts
    return issuer


def _contact(card: ContactCard) -> list[dict]:
    """Return a card as contact info: its e-mail address, and the card as printed."""
    role = next((label for label, _ in card.lines if label), "contact")
    name = _card_name(card) or role
    out = [{"type": "email", "role": role, "name": name, "value": card.email}] \
        if card.email else []
    return [*out, {"type": "card", "role": role, "name": name,
                   "value": "\n".join(card.text_lines())}]


def _association(image: Image, number: int) -> dict:
    rendition: dict = {"name": "original", "contentType": image.media_type,
                       "width": image.width, "height": image.height,
                       "sizeInBytes": len(image.data)}
    if image.url:
        rendition["href"] = image.url
    data: dict = {"name": image.kind if image.kind == "logo" else f"{image.kind}{number}",
                  "rel": image.kind, "uri": image.url or f"urn:sha256:{image.sha256}",
                  "type": "picture", "renditions": [rendition],
                  "descriptions": [{"role": "alt", "value": image.alt}]}
    if image.caption:
        data["headlines"] = [{"role": "caption", "value": linked(image.caption)}]
    if image.credit:
        data["by"] = image.credit
    return data
