"""Read the time zones events and embargoes are written in, and name them as AP does.

Wires write U.S. zones without the season (ET, not EST or EDT: guides/wire-and-legal.md,
section 2.5), because a season written wrong moves the time by an hour. An author may
still write EST or PDT: it is read as its region's clock, and refused on a date when that
clock keeps the other season, before anything is printed at the wrong hour.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

# The U.S. zones as the wires write them, without the season.
WIRE_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
              "PT": "America/Los_Angeles"}
# A seasonal abbreviation: the clock it names and whether it is that clock's daylight time.
SEASONAL = {"EST": ("America/New_York", False), "EDT": ("America/New_York", True),
            "CST": ("America/Chicago", False), "CDT": ("America/Chicago", True),
            "MST": ("America/Denver", False), "MDT": ("America/Denver", True),
            "PST": ("America/Los_Angeles", False), "PDT": ("America/Los_Angeles", True),
            "AKST": ("America/Anchorage", False), "AKDT": ("America/Anchorage", True),
            "HST": ("Pacific/Honolulu", False)}
SEASONLESS = {region: short for short, region in WIRE_ZONES.items()} | {
    "America/Anchorage": "AKT"}
# Where a standard time holds all year, for the author who means that place.
ALL_YEAR = {"MST": ("America/Phoenix", "Arizona")}
# North American zones are named without the season, as Business Wire's editors ask.
NORTH_AMERICAN = {"EST": "ET", "EDT": "ET", "CST": "CT", "CDT": "CT", "MST": "MT", "MDT": "MT",
                  "PST": "PT", "PDT": "PT", "AKST": "AKT", "AKDT": "AKT", "HST": "HT"}


def zone(name: str) -> zoneinfo.ZoneInfo:
    """Return the time zone `name`: an IANA name, ET, CT, MT or PT, or a seasonal
    abbreviation (EST, PDT, ...) as its region's clock; ValueError if unknown.

    Events and embargoes read their zones with this one rule; `season_problem` says
    when a seasonal abbreviation does not fit its date.
    """
    written = name.strip()
    seasonal = SEASONAL.get(written.upper())
    try:
        return zoneinfo.ZoneInfo(seasonal[0] if seasonal else WIRE_ZONES.get(written, written))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
        raise ValueError(f"unknown time zone '{name}'; use an IANA name such as "
                         "America/New_York or Europe/London, or ET, CT, MT or PT") from None


def season_problem(name: str, date: dt.date, time: dt.time | None = None,
                   prose: bool = False) -> str | None:
    """Say why a seasonal abbreviation is wrong on `date` (EST in May), or return None.

    `prose`: the time is the author's text, not a field prauthor prints; there MST may be
    Arizona's, right all year.
    """
    written = name.strip().upper()
    if written not in SEASONAL or (prose and written in ALL_YEAR):
        return None
    region, daylight = SEASONAL[written]
    moment = dt.datetime.combine(date, time or dt.time(12), tzinfo=zoneinfo.ZoneInfo(region))
    if bool(moment.dst()) == daylight:
        return None
    from prauthor.events import time_of_day

    city = region.split("/")[-1].replace("_", " ")
    message = (f"'{written}' is {'daylight' if daylight else 'standard'} time, but {city} "
               f"keeps {'standard' if daylight else 'daylight'} time ({moment.tzname()}) on "
               f"{date:%B} {date.day}, {date.year}")
    if time:  # what the abbreviation says, on the clock people there read
        now = moment.utcoffset() or dt.timedelta()
        said = now + dt.timedelta(hours=1) if daylight else now - (moment.dst() or dt.timedelta())
        there = moment.replace(tzinfo=dt.timezone(said)).astimezone(moment.tzinfo)
        message += (f": {_clock(time_of_day(moment))} {written} is "
                    f"{_clock(time_of_day(there))} {there.tzname()} there")
    short = SEASONLESS.get(region, moment.tzname() or "")
    if prose:
        return message + f"; write {time_of_day(moment) if time else short}"
    message += f"; write {short}" + _printed(moment, time)
    if written in ALL_YEAR:
        place, where = ALL_YEAR[written]
        there = moment.replace(tzinfo=zoneinfo.ZoneInfo(place))
        message += f", or {place} for {where}, which keeps {written} all year"
        message += _printed(there, time)
    return message


def _printed(moment: dt.datetime, time: dt.time | None) -> str:
    """Say how prauthor prints a time, where there is one to print."""
    from prauthor.events import time_of_day

    return f" (prauthor prints {time_of_day(moment)})" if time else ""


def _clock(shown: str) -> str:
    """Return '4:30 p.m.' from '4:30 p.m. ET'."""
    return shown.rpartition(" ")[0]


def zone_abbreviation(moment: dt.datetime) -> str:
    """Name the moment's zone: ET, PT, CET, GMT, or UTC+8 where the zone has no letters;
    MST or HST where the clock keeps standard time all year (Arizona, Hawaii)."""
    name = moment.tzname() or "UTC"
    key = str(getattr(moment.tzinfo, "key", ""))
    if (key.startswith(("America/", "US/", "Canada/")) and name in NORTH_AMERICAN
            and _keeps_seasons(moment)):
        return NORTH_AMERICAN[name]
    if name[0] in "+-":
        offset = moment.utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds()) // 60
        sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
        return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return name


def _keeps_seasons(moment: dt.datetime) -> bool:
    """Tell whether the moment's clock changes between standard and daylight time that year."""
    year = moment.year
    return any(dt.datetime(year, month, 1, tzinfo=moment.tzinfo).dst()
               for month in (1, 4, 7, 10))
