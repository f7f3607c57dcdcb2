"""Resolve call and event details: AP dates and times, labelled lines, calendar times.

AP style (guides/wire-and-legal.md, section 2.5): the weekday spelled out, AP months,
lowercase a.m. and p.m., noon and midnight, and ET rather than EST or EDT.
"""

from __future__ import annotations

import datetime as dt

from prauthor import markup
from prauthor.dateline import ap_date
from prauthor.document import EventDetails, Span, Spans
from prauthor.spec import Event, Replay, clock
from prauthor.zones import zone, zone_abbreviation


def event_details(event: Event, company: str) -> EventDetails:
    """Return the event's labelled lines and its start and end for the calendar."""
    starts = ends = None
    when = day(event.date)
    if event.time and event.zone:
        starts = dt.datetime.combine(event.date, clock(event.time), tzinfo=zone(event.zone))
        ends = starts + dt.timedelta(minutes=event.duration)
        when += f", {time_of_day(starts)}"
    items: list[tuple[str, Spans]] = [("Date and time" if starts else "Date", (Span(when),))]
    if event.location:
        items.append(("Location", markup.parse(event.location)))
    if event.webcast:
        items.append(("Webcast", _link(event.webcast)))
    items += _dial_in(event.dial_in, "Dial-in")
    if event.access_code:
        items.append(("Access code", (Span(event.access_code),)))
    if event.replay:
        items.append(("Replay", _replay(event.replay)))
    return EventDetails(title=event.title, items=tuple(items), starts=starts, ends=ends,
                        location=event.location, name=event.name or f"{company} {event.title}",
                        url=event.webcast)


def day(date: dt.date) -> str:
    """Write 'Thursday, March 19, 2026' (AP months: 'Tuesday, Sept. 15, 2026')."""
    return f"{date:%A}, {ap_date(date)}"


def time_of_day(moment: dt.datetime) -> str:
    """Write '10:00 a.m. ET', 'noon ET' or '3:30 p.m. CET'."""
    if (moment.hour, moment.minute) in ((12, 0), (0, 0)):
        clock_text = "noon" if moment.hour == 12 else "midnight"
    else:
        hour = moment.hour % 12 or 12
        clock_text = f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"
    return f"{clock_text} {zone_abbreviation(moment)}"


def _link(url: str) -> Spans:
    return (Span(url, href=url),)


def _dial_in(numbers: str | dict[str, str] | None, label: str) -> list[tuple[str, Spans]]:
    if numbers is None:
        return []
    if isinstance(numbers, str):
        return [(label, (Span(numbers),))]
    return [(f"{label} ({where})", (Span(number),)) for where, number in numbers.items()]


def _replay(replay: str | Replay) -> Spans:
    """Write the replay line: where, until when, and by phone."""
    if isinstance(replay, str):
        return markup.parse(replay)
    parts: list[Spans] = []
    if replay.url:
        parts.append(_link(replay.url))
    if replay.until:
        parts.append((Span(f"available until {day(replay.until)}"),))
    if replay.dial_in:
        code = f", access code {replay.access_code}" if replay.access_code else ""
        parts.append((Span(f"dial-in {replay.dial_in}{code}"),))
    joined: list[Span] = []
    for index, part in enumerate(parts):
        joined += [Span("; ")] * bool(index) + list(part)
    text = tuple(joined)
    if text and not text[0].href:
        text = (Span(text[0].text[0].upper() + text[0].text[1:]), *text[1:])
    return text
