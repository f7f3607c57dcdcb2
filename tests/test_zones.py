"""Time zones: a seasonal abbreviation is read as its region's clock, and refused out of
its season, the same way for events, embargoes and every format that prints them."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import icalendar
import pytest

from governance_helpers import make_desk, spec, write_spec
from prauthor.events import time_of_day
from prauthor.zones import season_problem, zone


def at(text: str, name: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(name))


@pytest.mark.parametrize("written, date, time", [
    ("EST", "2026-01-21", "16:30"), ("EDT", "2026-05-21", "16:30"),
    ("CST", "2026-12-01", "09:00"), ("CDT", "2026-07-01", "09:00"),
    ("MST", "2026-02-10", "08:00"), ("MDT", "2026-08-10", "08:00"),
    ("PST", "2026-11-02", "13:00"), ("PDT", "2026-06-02", "13:00"),
    ("AKDT", "2026-06-02", "13:00"), ("HST", "2026-06-02", "13:00"),
    ("HST", "2026-12-02", "13:00"), ("est", "2026-01-21", "16:30"),
    ("EST", "2026-03-08", "01:30"),  # the morning clocks go forward, before 2 a.m.
    ("EDT", "2026-03-08", "10:00"),  # ... and after
])
def test_an_abbreviation_in_its_season_is_its_regions_clock(written, date, time):
    day, clock = dt.date.fromisoformat(date), dt.time.fromisoformat(time)
    assert season_problem(written, day, clock) is None
    moment = dt.datetime.combine(day, clock, tzinfo=zone(written))
    assert moment.tzname() == written.upper()


@pytest.mark.parametrize("written, date, time, message", [
    ("EST", "2026-05-20", "16:30", "'EST' is standard time, but New York keeps daylight time "
     "(EDT) on May 20, 2026: 4:30 p.m. EST is 5:30 p.m. EDT there; write ET (prauthor "
     "prints 4:30 p.m. ET)"),
    ("EDT", "2026-01-15", "10:00", "'EDT' is daylight time, but New York keeps standard time "
     "(EST) on January 15, 2026: 10:00 a.m. EDT is 9:00 a.m. EST there; write ET"),
    ("CST", "2026-07-01", "09:00", "write CT (prauthor prints 9:00 a.m. CT)"),
    ("PDT", "2026-12-01", "13:00", "1:00 p.m. PDT is noon PST there; write PT"),
    ("AKST", "2026-07-01", "09:00", "write AKT"),
    ("MST", "2026-07-01", "16:30", "write MT (prauthor prints 4:30 p.m. MT), or "
     "America/Phoenix for Arizona, which keeps MST all year (prauthor prints 4:30 p.m. MST)"),
    ("EST", "2026-03-08", "10:00", "New York keeps daylight time (EDT) on March 8, 2026"),
    ("EDT", "2026-11-01", "10:00", "New York keeps standard time (EST) on November 1, 2026"),
    ("EST", "2026-07-04", None, "New York keeps daylight time (EDT) on July 4, 2026; write ET"),
    ("MST", "2026-07-04", None, "Denver keeps daylight time (MDT) on July 4, 2026; write MT, "
     "or America/Phoenix for Arizona, which keeps MST all year"),
])
def test_an_abbreviation_out_of_season_is_refused_with_what_to_write(written, date, time,
                                                                     message):
    clock = dt.time.fromisoformat(time) if time else None
    problem = season_problem(written, dt.date.fromisoformat(date), clock)
    assert problem is not None and message in problem, problem


@pytest.mark.parametrize("moment, name, shown", [
    ("2026-07-15 16:30", "America/Phoenix", "4:30 p.m. MST"),  # Arizona: MST all year
    ("2026-01-15 16:30", "America/Phoenix", "4:30 p.m. MST"),
    ("2026-07-15 16:30", "Pacific/Honolulu", "4:30 p.m. HST"),
    ("2026-07-15 16:30", "America/Regina", "4:30 p.m. CST"),  # Saskatchewan
    ("2026-07-15 16:30", "America/Denver", "4:30 p.m. MT"),
    ("2026-07-15 16:30", "America/Anchorage", "4:30 p.m. AKT"),
])
def test_a_clock_without_seasons_keeps_its_abbreviation(moment, name, shown):
    assert time_of_day(at(moment, name)) == shown


def release(tmp_path, date: str, zone_name: str, name: str = "release.yaml"):
    """Write a release with an embargo and a call, both in `zone_name`, on `date`."""
    desk = tmp_path / "desk"
    if not desk.exists():
        make_desk(desk)
    return write_spec(desk, spec(
        dateline={"cities": ["Cambridge, MA"], "date": date},
        release={"embargo": {"date": date, "time": "8:00 a.m.", "zone": zone_name}},
        body=[{"event": {"date": date, "time": "4:30 p.m.", "zone": zone_name,
                         "webcast": "https://ir.example/call"}}]), name)


def test_est_in_may_is_refused_at_each_zone_line(cli, tmp_path):
    path = release(tmp_path, "2026-05-20", "EST")
    lines = path.read_text().splitlines()
    code, _, err = cli("render", path, "-o", tmp_path / "out")
    assert code == 2 and not (tmp_path / "out").exists()
    found = [line for line in err.splitlines() if "is standard time" in line]
    assert len(found) == 2, err
    for field, clock in (("release.embargo.zone", "8:00 a.m."),
                         ("body[0].event.zone", "4:30 p.m.")):
        (line,) = [line for line in found if f": {field}: " in line]
        number = int(line.removeprefix(f"{path}:").split(":")[0])
        assert "zone: EST" in lines[number - 1]
        assert f"{field}: 'EST' is standard time" in line
        assert f"write ET (prauthor prints {clock} ET)" in line


def outputs(cli, path, out) -> dict[str, str]:
    code, _, err = cli("render", path, "-o", out, "-f", "txt,ics,ninjs,newsml")
    assert code == 0, err
    return {p.name.split(".draft.")[1].split(".")[0]: p.read_text()
            for p in (out / path.stem).iterdir() if "manifest" not in p.name}


@pytest.mark.parametrize("date, written", [("2026-01-21", "EST"), ("2026-05-20", "EDT"),
                                           ("2026-05-20", "America/New_York")])
def test_every_format_reads_a_zone_as_et_does(cli, tmp_path, date, written):
    like = outputs(cli, release(tmp_path, date, "ET", "et.yaml"), tmp_path / "et")
    seen = outputs(cli, release(tmp_path, date, written, "seen.yaml"), tmp_path / "seen")
    day = dt.date.fromisoformat(date)
    starts = at(f"{date} 16:30", "America/New_York")
    event = icalendar.Calendar.from_ical(seen["ics"]).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == starts
    lifts = dt.datetime.fromisoformat(json.loads(seen["ninjs"])["embargoedUntil"])
    assert lifts == at(f"{date} 08:00", "America/New_York")
    assert f"{day:%A}" in seen["txt"] and "4:30 p.m. ET" in seen["txt"]
    assert "EMBARGOED UNTIL 8:00 a.m. ET" in seen["txt"]
    assert seen["txt"].replace("seen", "et") == like["txt"]
    assert seen["newsml"].replace("seen", "et") == like["newsml"]


PROSE = [
    "The call on Jan. 14, 2027 starts at 10:00 a.m. EDT, and the replay at noon EST.",
    {"list": ["Date: Thursday, July 16, 2026", "Time: 8:30 a.m. PST (11:30 a.m. EDT)"]},
    "Phoenix staff join at 1:30 p.m. MST on June 2, 2026, and Honolulu at 9 a.m. HST.",
    "A meeting at 9:00 a.m. EST on Dec. 1, 2026 is in its season.",
    "Doors open at 6 p.m. PDT.",  # no date: the last one named, Dec. 1, 2026
]


def test_times_in_the_text_are_checked_against_the_date_they_name(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    path = write_spec(desk, spec(body=PROSE))
    lines = path.read_text().splitlines()
    code, out, _ = cli("check", "--format", "json", path)
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "zone-season"]
    assert code == 0 and [f["message"].split("':")[0] for f in found] == [
        "'10:00 a.m. EDT", "'8:30 a.m. PST", "'6 p.m. PDT"]
    assert found[0]["message"].endswith("on January 14, 2027: 10:00 a.m. EDT is 9:00 a.m. "
                                        "EST there; write 10:00 a.m. ET")
    assert "write 6:00 p.m. PT" in found[2]["message"]
    for finding, text in zip(found, ("10:00 a.m. EDT", "8:30 a.m. PST", "6 p.m. PDT"),
                             strict=True):
        assert text in lines[finding["line"] - 1] and finding["severity"] == "warning"
