"""State names: spelled out in body text since AP's 2014 change (guide, section 2.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.dateline import STATES
from prauthor.governance.findings import Finding
from prauthor.governance.text import Context

# MD and PA are also degrees and job titles ("Jane Doe, MD"); their AP forms still count.
AMBIGUOUS = {"MD", "PA"}
AP_FORMS = {ap: name for name, ap, _ in STATES if ap.endswith(".") and ap != "D.C."}
USPS = {code: name for name, _, code in STATES if code not in AMBIGUOUS | {"DC"}}
# "City, Md." or "City, MD", not before a ZIP code; the state is then looked up.
ABBREVIATED = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,\s(?P<state>(?:[A-Z][a-z]*\.){1,2}"
                         r"|[A-Z]{2}\b)(?!\s*\d{5})")


def state_names(ctx: Context) -> Iterator[Finding]:
    """Flag 'City, Md.' or 'City, MD' in the body; full addresses with a ZIP may keep them."""
    for prose in ctx.body_prose():
        if prose.kind == "heading":
            continue
        for match in ABBREVIATED.finditer(prose.text):
            state = match.group("state")
            name = AP_FORMS.get(state) or USPS.get(state)
            if name is None:
                continue
            yield ctx.finding("state-names", prose.loc, f"'{match.group()}': spell out the "
                              f"state in body text ('{name}')", "AP abbreviates states only in "
                              "datelines, lists, tables and addresses with a ZIP code")
