"""Times in the body: a zone written with the wrong season (guide, section 2.5).

Business Wire's editors ask for ET rather than EST or EDT because the season is so often
wrong; a time written "4:30 p.m. EST" on a date in May is an hour off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.lint.dates import DATE, Found
from prauthor.governance.text import Context, sentence_span
from prauthor.spec import clock
from prauthor.zones import SEASONAL, season_problem

TIME = re.compile(r"(?i:\b(?P<clock>\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|noon|midnight))"
                  r"\s*\(?(?P<zone>" + "|".join(SEASONAL) + r")\b")


def zone_season(ctx: Context) -> Iterator[Finding]:
    """Flag a time written EST on a date New York keeps daylight time, EDT in winter, ..."""
    release = ctx.doc.meta.date
    last = release  # the date the text last named: list items name it lines before
    for prose in ctx.body_prose():
        dates = [(m, found.date) for m in DATE.finditer(prose.text)
                 if (found := Found(m, release)).date]
        for match in TIME.finditer(prose.text):
            day = _date_of(prose.text, match, dates) or last
            try:
                at = clock(match.group("clock"))
            except ValueError:
                continue
            problem = season_problem(match.group("zone"), day, at, prose=True)
            if problem:
                yield ctx.finding("zone-season", prose.loc, f"'{match.group()}': {problem}",
                                  "ET, CT, MT and PT are right all year, as AP and Business "
                                  "Wire write them")
        last = dates[-1][1] if dates else last


def _date_of(text: str, time: re.Match[str], dates: list) -> dt.date | None:
    """Return the date a time belongs to: the last one named before it, else the next one
    in its sentence."""
    before = [date for match, date in dates if match.end() <= time.start()]
    if before:
        return before[-1]
    _, end = sentence_span(text, time.start())
    after = [date for match, date in dates if time.end() <= match.start() < end]
    return after[0] if after else None
