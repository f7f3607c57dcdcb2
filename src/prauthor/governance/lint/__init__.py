"""Style lint: AP and wire practice (wire-and-legal.md, sections 2, 3 and 6).

Each rule reads the spec's prose with its locations; legends and other approved
blocks are legal's text and are not linted.
"""

from __future__ import annotations

from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.lint import datelines, dates, places, quotes, terms, times, wording
from prauthor.governance.text import Context

RULES = (datelines.dateline, dates.ap_months, dates.weekday, dates.future_date,
         dates.file_date,
         places.state_names, quotes.attribution, quotes.title_case, quotes.balanced,
         wording.headline_length, wording.exclamation, wording.all_caps, terms.defined_terms,
         times.zone_season)


def lint_findings(ctx: Context) -> Iterator[Finding]:
    """Yield the findings of every style rule."""
    for rule in RULES:
        yield from rule(ctx)
