"""Event details: AP dates and times, located input errors, and the .ics calendar file."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest

from conftest import ROOT
from prauthor.document import EventDetails, plain
from prauthor.errors import InputError
from prauthor.events import day, time_of_day
from prauthor.load import load
from prauthor.render import render
from prauthor.render.ics import fold
from prauthor.resolve import resolve

INVESTOR_DAY = ROOT / "examples" / "2026-03-02-investor-day.yaml"
MERGER_VOTE = ROOT / "examples" / "2026-09-15-merger-vote.yaml"

SPEC = """\
type: event
company: corvane
headline: Call
dateline: {{cities: [Cambridge, MA], date: 2026-03-02}}
lead: today announced a call.
body:
  - event:
{event}
"""


def event_of(folder, event: str) -> EventDetails:
    path = folder / "call.yaml"
    body = "\n".join("      " + line for line in event.strip("\n").splitlines())
    path.write_text(SPEC.format(event=body), encoding="utf-8")
    doc = resolve(load(path))
    return next(block for block in doc.body if isinstance(block, EventDetails))


def at(text: str, zone: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.mark.parametrize("date, shown", [
    (dt.date(2026, 3, 19), "Thursday, March 19, 2026"),
    (dt.date(2026, 9, 15), "Tuesday, Sept. 15, 2026"),
    (dt.date(2026, 2, 6), "Friday, Feb. 6, 2026"),
])
def test_day_is_written_ap_style(date, shown):
    assert day(date) == shown


@pytest.mark.parametrize("moment, zone, shown", [
    ("2026-03-19 10:00", "America/New_York", "10:00 a.m. ET"),
    ("2026-01-15 14:30", "America/Los_Angeles", "2:30 p.m. PT"),
    ("2026-07-01 08:05", "America/Chicago", "8:05 a.m. CT"),
    ("2026-03-19 12:00", "America/New_York", "noon ET"),
    ("2026-03-19 00:00", "America/New_York", "midnight ET"),
    ("2026-01-15 15:00", "Europe/Berlin", "3:00 p.m. CET"),
    ("2026-07-15 15:00", "Europe/London", "3:00 p.m. BST"),
    ("2026-07-15 09:00", "Asia/Singapore", "9:00 a.m. UTC+8"),
    ("2026-07-15 09:00", "Asia/Kolkata", "9:00 a.m. IST"),
])
def test_time_of_day_names_its_zone(moment, zone, shown):
    assert time_of_day(at(moment, zone)) == shown


def test_event_lines_and_calendar_times(tmp_path):
    event = event_of(tmp_path, """
date: 2026-03-19
time: 10:00 a.m.
zone: America/New_York
duration: 90
webcast: https://ir.example/call
dial_in: {U.S.: "+1 800 555 0100", International: "+1 646 555 0100"}
access_code: "12345"
replay: {url: https://ir.example/replay, until: 2026-04-02, dial_in: "+1 800 555 0111",
         access_code: "678"}
""")
    assert [(label, plain(spans)) for label, spans in event.items] == [
        ("Date and time", "Thursday, March 19, 2026, 10:00 a.m. ET"),
        ("Webcast", "https://ir.example/call"),
        ("Dial-in (U.S.)", "+1 800 555 0100"),
        ("Dial-in (International)", "+1 646 555 0100"),
        ("Access code", "12345"),
        ("Replay", "https://ir.example/replay; available until Thursday, April 2, 2026; "
                   "dial-in +1 800 555 0111, access code 678"),
    ]
    assert event.items[1][1][0].href == "https://ir.example/call"
    assert event.starts == at("2026-03-19 10:00", "America/New_York")
    assert event.ends - event.starts == dt.timedelta(minutes=90)
    assert event.name == "Corvane Conference Call and Webcast"


def test_event_without_a_time_has_a_date_and_no_calendar_start(tmp_path):
    event = event_of(tmp_path, "date: 2026-03-19\nlocation: New York City\n")
    assert [label for label, _ in event.items] == ["Date", "Location"]
    assert event.starts is None


@pytest.mark.parametrize("event, message", [
    ("date: 2026-03-19\ntime: 10:00\nzone: Eastern", "event.zone: unknown time "
     "zone 'Eastern'; use an IANA name such as America/New_York or Europe/London"),
    ("date: 2026-03-19\ntime: '25:00'\nzone: UTC", "event.time: '25:00' is not "
     "a time; write e.g. 10:00 a.m. or 14:00"),
    ("date: 2026-03-19\ntime: 10 a.m.", "event: an event with a time needs its "
     "zone, e.g. America/New_York"),
    ("date: 2026-02-30", "event.date: '2026-02-30' should be a valid date"),
    ("date: 2026-03-19\nwebcast: www.example.com", "event.webcast: 'www.example.com' is "
     "not a web address"),
    ("date: 2026-03-19\nreplay: {access_code: '1'}", "event.replay: a replay "
     "needs its 'url' or its 'dial_in' number"),
])
def test_bad_event_input_is_located(tmp_path, event, message):
    with pytest.raises(InputError) as caught:
        event_of(tmp_path, event)
    lines = [str(p) for p in caught.value.problems]
    assert any(message.lower() in line.lower() for line in lines), lines


@pytest.fixture(scope="module")
def investor_day() -> bytes:
    return render(resolve(load(INVESTOR_DAY)), "ics")


def test_calendar_file_reads_back(investor_day):
    calendar = icalendar.Calendar.from_ical(investor_day)
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == "2026-03-02-investor-day@corvane.example"
    assert event["SUMMARY"] == "Corvane Therapeutics Virtual R&D Day"
    assert event.decoded("DTSTART") == dt.datetime(2026, 3, 18, 14, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2026, 3, 18, 16, 30, tzinfo=dt.UTC)
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert event["URL"] == "https://investors.corvane.example/rd-day"
    assert "Date and time: Wednesday, March 18, 2026, 10:00 a.m. ET" in event["DESCRIPTION"]
    assert "Access code: 318 2026" in event["DESCRIPTION"].splitlines()


def test_calendar_file_follows_rfc_5545_lines(investor_day):
    assert investor_day.endswith(b"\r\n") and b"\n" not in investor_day.replace(b"\r\n", b"")
    lines = investor_day.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def test_calendar_file_is_the_same_bytes_each_time(investor_day):
    assert render(resolve(load(INVESTOR_DAY)), "ics") == investor_day


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line).encode("utf-8")
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert folded.decode("utf-8").replace("\r\n ", "") == line


def test_render_writes_a_calendar_only_for_releases_with_a_timed_event(cli, tmp_path):
    code, _, err = cli("render", INVESTOR_DAY, MERGER_VOTE, "--out", tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.rglob("*.ics")) == ["2026-03-02-investor-day.draft.ics"]
