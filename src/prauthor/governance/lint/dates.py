"""Dates in the body: AP months, weekdays that match, nothing after the release date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from prauthor.dateline import month_names
from prauthor.governance.findings import Finding
from prauthor.governance.text import Context, sentence_span

# A spec named as releases are filed: 2026-03-02-rd-day.yaml.
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?![\d])")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE = re.compile(
    r"(?:\b(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?P<dot>\.)?"
    r"\s+(?P<day>\d{1,2})(?P<ordinal>st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<year>\d{4})\b)?")
MONTH_YEAR = re.compile(r"\b(?P<month>Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{4}\b")
AP_FORM = {1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July",
           8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}
# A sentence narrates a date as past only with one of these; "the fiscal year ending
# Dec. 31, 2027" and "Date: Tuesday, Nov. 12, 2026" narrate nothing.
NARRATED = re.compile(
    r"\b(?:was|were|had|did|has been|have been|took place|occurred|reported|announced|"
    r"completed|held|hosted|closed|received|achieved|enrolled|dosed|began|started|ended|"
    r"concluded|presented|published|filed|signed|entered|launched|raised|approved|granted|"
    r"acquired|paid|issued|delivered|posted|generated|recorded|appointed|joined|resigned|"
    r"retired|expired|matured|released|submitted|initiated|opened|finished|met|showed|"
    r"demonstrated|declared|elected|voted|became|made)\b", re.IGNORECASE)
FUTURE = re.compile(
    r"\b(?:will|shall|would|to be|scheduled|expects?|expected|plans?|planned|upcoming|until|"
    r"through|by|before|due|anticipate[sd]?|intends?|set to|on or about|next|later|deadline|"
    r"expires?|matures?|to (?:host|hold|present|report|release|announce|participate|webcast|"
    r"attend|close|vote))\b", re.IGNORECASE)
# A date these words introduce is to come, whatever else the sentence narrates: "today
# announced the appointment of Jane Roe as CFO, effective June 15, 2026" ...
INTRODUCED = re.compile(r"\b(?:effective|beginning|starting|commencing|on or about|on or "
                        r"after|no later than|expected|scheduled|due|will\s+\w+)"
                        r"(?:\s+(?:on|as of|from))?\s*$", re.IGNORECASE)
# ... unless they are narrated themselves: "became effective Jan. 5, 2027".
PAST_LINK = re.compile(r"\b(?:became|become|was|were|been|went|had)\s+$", re.IGNORECASE)
# "today announced" and "announced today" speak of the release day, not of the date.
TODAY = re.compile(r"\btoday\s+$|^\s+today\b", re.IGNORECASE)


class Found:
    """One date written in the text."""

    def __init__(self, match: re.Match[str], release: dt.date):
        self.match = match
        self.month = _month_number(match.group("month"))
        self.day = int(match.group("day"))
        year = match.group("year")
        self.explicit_year = year is not None
        self.year = int(year) if year else release.year

    @property
    def date(self) -> dt.date | None:
        """Return the date, or None for an impossible one."""
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def _month_number(name: str) -> int:
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
            "dec"].index(name[:3].lower()) + 1


def _dates(ctx: Context):
    release = ctx.doc.meta.date
    for prose in ctx.body_prose():
        for match in DATE.finditer(prose.text):
            yield prose, Found(match, release)


def ap_months(ctx: Context) -> Iterator[Finding]:
    """Flag month forms AP does not use, for the wire the release goes to."""
    wire = ctx.doc.meta.wire
    months = month_names(ctx.loaded.desk.wires[wire])
    abbreviates = any(month.endswith(".") for month in months)
    for prose, found in _dates(ctx):
        written = found.match.group("month") + (found.match.group("dot") or "")
        ap = AP_FORM[found.month]
        if found.match.group("ordinal"):
            yield ctx.finding("ap-months", prose.loc, f"'{found.match.group(0).strip()}': "
                              "no st, nd, rd or th after the day", "write the day as a figure")
        elif written in (ap, _full(found.month)):
            if written != ap and abbreviates:
                yield ctx.finding("ap-months", prose.loc, f"'{written} {found.day}': AP writes "
                                  f"'{ap} {found.day}' in {wire} copy", _hint(found.month))
        elif written not in months:
            yield ctx.finding("ap-months", prose.loc, f"'{written} {found.day}' is not an AP "
                              f"month: write '{ap} {found.day}'", _hint(found.month))
    for prose in ctx.body_prose():
        for match in MONTH_YEAR.finditer(prose.text):
            yield ctx.finding("ap-months", prose.loc, f"'{match.group()}': a month with a year "
                              "only is spelled out", "write 'February 2020', without a comma")


def _full(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")


def _hint(month: int) -> str:
    return ("AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov. and Dec. with a day, and "
            "never March, April, May, June or July")


def weekday(ctx: Context) -> Iterator[Finding]:
    """Flag a weekday that does not fall on its date."""
    for prose, found in _dates(ctx):
        named, date = found.match.group("weekday"), found.date
        if named and date and WEEKDAYS[date.weekday()] != named:
            yield ctx.finding("weekday", prose.loc, f"{date:%B} {date.day}, {date.year} is a "
                              f"{WEEKDAYS[date.weekday()]}, not a {named}",
                              "correct the weekday or the date")


def future_date(ctx: Context) -> Iterator[Finding]:
    """Flag a date after the release date in a sentence that narrates it as past."""
    release = ctx.doc.meta.date
    for prose, found in _dates(ctx):
        date = found.date
        if not (found.explicit_year and date and date > release):
            continue
        if _narrated_as_past(prose.text, found.match.start()):
            yield ctx.finding("future-date", prose.loc, f"{date:%B} {date.day}, {date.year} is "
                              f"after the release date {release:%B} {release.day}, "
                              f"{release.year}", "check the year, or say that it is to come "
                              "('will', 'scheduled')")


def _narrated_as_past(text: str, position: int) -> bool:
    """Tell whether the sentence holding the date at `position` tells of it as past."""
    start, end = sentence_span(text, position)
    sentence, at = text[start:end], position - start
    introduced = INTRODUCED.search(sentence[:at])
    if introduced and not PAST_LINK.search(sentence[:introduced.start()]):
        return False
    narrated = [m for m in NARRATED.finditer(sentence)
                if not (TODAY.search(sentence[:m.start()]) or TODAY.search(sentence[m.end():]))]
    return bool(narrated) and not FUTURE.search(sentence)


def file_date(ctx: Context) -> Iterator[Finding]:
    """Flag a spec file named for a date other than its dateline's: the slug and the
    output folder are named from the file, so they would carry the wrong date."""
    path = ctx.loaded.source.path
    named = FILE_DATE.match(path.name)
    if not named or ctx.loaded.source.raw is not None:  # a piped spec is named by its date
        return
    try:
        date = dt.date.fromisoformat(named.group(1))
    except ValueError:
        return
    release = ctx.doc.meta.date
    if date != release:
        yield ctx.finding("file-date", ("dateline", "date"), f"the file name '{path.name}' "
                          f"is dated {date}, the dateline {release}; the slug and the output "
                          f"folder (out/{ctx.doc.meta.slug}/) are named from the file",
                          f"correct the dateline's date, or rename the file to "
                          f"{release}{path.name[10:]}")
