"""Defined terms: a term such as (the “merger proposal”) is not used before it is defined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.text import Context, lead_text

PARENTHETICAL = re.compile(r"\(([^()]*)\)")
QUOTED = re.compile(r"[“\"]([^”\"]{1,60}?),?[”\"]")
TICKER = re.compile(r"\([A-Za-z][\w .&-]*: [A-Z][A-Z0-9.\-]*\)")
# A term that shortens the name just before its definition is that name, not a use:
# Corvane Therapeutics, Inc. (“Corvane”).
NAME_WINDOW = 100


def defined_terms(ctx: Context) -> Iterator[Finding]:
    """Flag the first use of each defined term that comes before its definition."""
    lead = lead_text(ctx.doc)
    listing = ctx.doc.meta.listing
    texts = [(("lead",), lead.replace(listing, " ") if listing else TICKER.sub(" ", lead))]
    texts += [(p.loc, p.text) for p in ctx.body_prose() if p.kind != "lead"]
    defined = _definitions(texts)
    for term, (where, start) in defined.items():
        use = _first_use(term, texts, (where, start))
        if use is not None and use < (where, start):
            loc = texts[use[0]][0]
            yield ctx.finding("defined-term", loc, f"“{term}” is used before it is defined",
                              "define it at its first use, or move the definition up")


def _definitions(texts: list[tuple]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for index, (_, text) in enumerate(texts):
        for group in PARENTHETICAL.finditer(text):
            inside = group.group(1).strip()
            if not inside.startswith(("“", '"', "the ", "together, the ", "collectively, ")):
                continue
            for term in QUOTED.findall(inside):
                found.setdefault(term.strip(), (index, group.start()))
    return found


def _first_use(term: str, texts: list[tuple], definition: tuple[int, int]
               ) -> tuple[int, int] | None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")
    for index, (_, text) in enumerate(texts):
        for match in pattern.finditer(text):
            naming = index == definition[0] and 0 <= definition[1] - match.start() <= NAME_WINDOW
            if not naming:
                return index, match.start()
    return None
