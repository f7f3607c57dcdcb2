"""Render the calendar file of an event release (RFC 5545), one VEVENT per event.

The file is the same bytes for the same release: DTSTAMP is the release date and the
UID is built from the release's slug, so a calendar that imports it twice keeps one entry.
"""

from __future__ import annotations

import datetime as dt

from prauthor import __version__
from prauthor.document import Document, EventDetails, linked, walk

LINE_OCTETS = 75  # RFC 5545 3.1: fold lines longer than 75 octets


def events(doc: Document) -> list[EventDetails]:
    """Return the events of `doc` that have a start time."""
    return [block for _, block in walk(doc)
            if isinstance(block, EventDetails) and block.starts is not None]


def applies(doc: Document) -> bool:
    """Tell whether `doc` has a calendar file: only releases with a timed event do."""
    return bool(events(doc))


def render(doc: Document, options) -> bytes:
    """Return the iCalendar file of the events in `doc`."""
    found = events(doc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//prauthor//prauthor {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for number, event in enumerate(found, start=1):
        suffix = f"-{number}" if len(found) > 1 else ""
        lines += _vevent(doc, event, f"{doc.meta.slug}{suffix}@{_domain(doc)}")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _vevent(doc: Document, event: EventDetails, uid: str) -> list[str]:
    ends = event.ends or event.starts + dt.timedelta(hours=1)
    description = "\n".join(f"{label}: {linked(spans)}" for label, spans in event.items)
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{doc.meta.date:%Y%m%d}T000000Z",
             f"DTSTART:{_utc(event.starts)}", f"DTEND:{_utc(ends)}",
             f"SUMMARY:{escape(event.name or event.title)}",
             f"DESCRIPTION:{escape(description)}"]
    if event.location or event.url:
        lines.append(f"LOCATION:{escape(event.location or event.url)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    return [*lines, "END:VEVENT"]


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _domain(doc: Document) -> str:
    site = (doc.meta.website or "").split("://")[-1].split("/")[0].removeprefix("www.")
    return site or f"{doc.meta.company_id}.prauthor"


def escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a CR would end the line
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(char, escaped)
    return text


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a character."""
    out, current = [], ""
    for char in line:
        limit = LINE_OCTETS - (1 if out else 0)  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)
