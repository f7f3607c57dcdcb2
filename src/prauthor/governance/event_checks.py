"""Check that a release's dates agree: the call, its replay, the release and its embargo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.text import Context, spec_events
from prauthor.spec import Replay, clock
from prauthor.zones import zone


def event_dates(ctx: Context) -> Iterator[Finding]:
    """Flag a call dated before its release, a replay that ends before the call, and an
    embargo that lifts after the call has begun."""
    spec = ctx.loaded.spec
    released = spec.dateline.date
    embargo = spec.release.embargo
    for loc, event in spec_events(spec):
        if event.date < released:
            yield ctx.finding("event-dates", (*loc, "date"), f"the event is dated "
                              f"{event.date}, before the release date {released}",
                              "check the event's date and the dateline's")
        replay = event.replay
        if isinstance(replay, Replay) and replay.until and replay.until < event.date:
            yield ctx.finding("event-dates", (*loc, "replay", "until"), f"the replay ends "
                              f"{replay.until}, before the event on {event.date}",
                              "check the replay's last day")
        if embargo and _after(embargo, event):
            yield ctx.finding("event-dates", ("release", "embargo"), f"the embargo lifts "
                              f"{embargo.date} at {embargo.time} {embargo.zone}, after the "
                              f"event begins ({event.date}"
                              + (f" at {event.time} {event.zone})" if event.time else ")"),
                              "lift the embargo before the event, or move the event")


def _after(embargo, event) -> bool:
    """Tell whether an embargo lifts after an event begins; an event without a time, on a
    later day."""
    if not (event.time and event.zone):
        return embargo.date > event.date
    starts = dt.datetime.combine(event.date, clock(event.time), tzinfo=zone(event.zone))
    return embargo.moment() > starts
