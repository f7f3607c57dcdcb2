"""Give editors JSON Schemas: of a release spec, a company profile and a block's front matter.

Every field carries a description, shown by editors as the author types. A model's own
`Field(description=...)` comes first; DESCRIBED fills in the fields that have none.
"""

from __future__ import annotations

SCHEMA = "https://json-schema.org/draft/2020-12/schema"
TITLES = {"spec": "prauthor release spec", "profile": "prauthor company profile",
          "block": "prauthor block front matter"}
ROOTS = {"spec": "Spec", "profile": "Company", "block": "BlockMeta"}

DESCRIBED: dict[str, dict[str, str]] = {
    "Spec": {
        "type": "the kind of release; it picks the policies `check` applies",
        "headline": "the headline, in title case, within 100 characters",
        "subheadlines": "lines printed under the headline, in italics",
        "dateline": "where and when: the cities and the release date",
        "release": "the release line: immediate (leave out) or an embargo",
        "intro": "overrides of the company intro that opens the lead",
        "body": "the body in reading order: paragraphs (text), lists, headings, quotes, "
                "tables, events and markers",
    },
    "Intro": {
        "name": "the company's name as the lead gives it (default: the profile's)",
        "exchange": "the exchange in the intro's listing, e.g. Nasdaq",
        "ticker": "the ticker symbol in the intro's listing",
        "defined_terms": 'what the name is defined as, e.g. ("Corvane" or the "Company")',
        "descriptor": "the phrase after the name, e.g. a clinical-stage biotechnology company",
    },
    "Release": {"embargo": "when the news may run: date, time and zone"},
    "Embargo": {"date": "the embargo's date, YYYY-MM-DD"},
    "ParagraphBlock": {"paragraph": "a paragraph; plain text is a paragraph too"},
    "ListBlock": {"list": "the items: text, or {text, items} for a nested list",
                  "ordered": "true for a numbered list"},
    "ListNode": {"text": "the item's text", "items": "the nested items"},
    "HeadingBlock": {"heading": "a section heading inside the body"},
    "QuoteBlock": {"quote": "a quotation by a person of a company profile"},
    "TableBlock": {"table": "a financial table, inline or from a CSV file"},
    "EventBlock": {"event": "call or event details; with a time, render writes a calendar "
                            "file"},
    "Table": {"title": "the table's title, printed above it",
              "rows": "the rows: a list of cells, {section: label}, {total: [cells]} or "
                      "{cells: [...], kind: ...}"},
    "Column": {"kind": "label, text, number, currency or percent"},
    "HeaderCell": {"text": "the header text", "span": "how many columns it spans"},
    "SectionRow": {"section": "a label-only row opening a group, e.g. 'Operating expenses:'"},
    "TotalRow": {"total": "the cells of a total row, ruled above"},
    "CellsRow": {"cells": "the row's cells: a label, then figures as written"},
    "Event": {"date": "the event's date, YYYY-MM-DD",
              "location": "where it takes place, for an event in person",
              "webcast": "the webcast's address (https://...)",
              "access_code": "the conference code callers give"},
    "Replay": {"url": "where the recording can be played (https://...)",
               "until": "the last day of the replay, YYYY-MM-DD",
               "dial_in": "the replay's phone number",
               "access_code": "the replay's access code"},
    "Style": {"contacts": "how contacts print", "quotes": "how quotations are attributed",
              "tables": "how financial tables print"},
    "Company": {
        "id": "the profile's id: the file name without .yaml, as specs name it",
        "name": "the full legal name, e.g. Corvane Therapeutics, Inc.",
        "short_name": "the name on second reference, e.g. Corvane",
        "exchange": "where the shares are listed, e.g. Nasdaq or NYSE",
        "website": "the website the About block names, e.g. www.corvane.example",
        "descriptor": "the phrase after the name in the lead",
        "defined_terms": 'what the name is defined as in the lead, e.g. ("Corvane")',
        "people": "people who may be quoted, by id: name, title, honorific, surname",
        "contacts": "media and investor contacts, by id: label, name, title, phone, email",
    },
    "Person": {"name": "the full name as printed, e.g. Elena Marsh, Ph.D.",
               "title": "the title, lowercase after a name in AP style",
               "honorific": "Dr., Mr., Ms. ... for a second reference, when the house uses one",
               "surname": "the surname for a second reference (default: the last word of the "
                          "name)"},
    "Contact": {"name": "the contact's name", "title": "the contact's title",
                "organization": "an agency or firm the contact works for",
                "phone": "the phone number as printed", "email": "the email address"},
    "BlockMeta": {
        "title": "the block's heading, e.g. Forward-Looking Statements",
        "version": "this version's number: the file is boilerplate/ID/vN.md",
        "effective": "the first release date this version may be used on, YYYY-MM-DD",
        "status": "draft, approved (by legal) or retired",
        "approved_by": "who approved it, e.g. Margaret Lin, General Counsel",
        "approved_on": "when it was approved, YYYY-MM-DD",
        "expires": "the last release date it may be used on, YYYY-MM-DD",
        "show_title": "print the title above the text",
    },
}


def json_schema(kind: str = "spec") -> dict:
    """Return the JSON Schema of a spec, a company profile or a block's front matter."""
    schema = _model(kind).model_json_schema()
    if kind == "spec":
        from prauthor.wires import builtin_wires

        schema["properties"]["wire"]["examples"] = list(builtin_wires())
    _describe(ROOTS[kind], schema)
    for name, definition in schema.get("$defs", {}).items():
        _describe(name, definition)
    return {"$schema": SCHEMA, **schema, "title": TITLES[kind]}


def undescribed(schema: dict) -> list[str]:
    """Return `Model.field` for each property of a schema without a description."""
    parts = [(schema.get("title", "root"), schema), *schema.get("$defs", {}).items()]
    return [f"{name}.{field}" for name, part in parts
            for field, prop in part.get("properties", {}).items() if "description" not in prop]


def _describe(name: str, part: dict) -> None:
    for field, text in DESCRIBED.get(name, {}).items():
        prop = part.get("properties", {}).get(field)
        if prop is not None and "description" not in prop:
            prop["description"] = text


def _model(kind: str):
    if kind == "profile":
        from prauthor.company import Company

        return Company
    if kind == "block":
        from prauthor.library import BlockMeta

        return BlockMeta
    from prauthor.spec import Spec

    return Spec
