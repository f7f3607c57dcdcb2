"""Wording: headline length, exclamation marks, words in capitals (guide, section 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.text import Context

HEADLINE_MAX = 100
SUBHEADLINE_MAX = 125
CAPS_WORD = re.compile(r"(?<![\w-])[A-Z][A-Z'’]+(?![\w-])")
# A run of capitals is shouting; a single capitalized word is emphasis when it is
# an ordinary word rather than an acronym.
SHOUT_RUN = 3
EMPHASIS = frozenset((
    "FOR", "AGAINST", "WITHHOLD", "NOT", "NOW", "NEW", "FREE", "ALL", "TODAY", "ONLY",
    "MUST", "NEVER", "ALWAYS", "IMPORTANT", "URGENT", "BREAKING", "HUGE", "RECORD", "BEST",
    "FIRST", "VOTE", "WIN", "EXCLUSIVE", "ANNOUNCES", "REPORTS", "AND", "THE", "OF", "YOUR",
    "YOU", "WE", "OUR", "BIG", "GREAT", "AMAZING", "LIMITED", "SAVE", "ACT", "PLEASE",
    "YES", "NO", "VERY", "STRONG", "HISTORIC",
))


def headline_length(ctx: Context) -> Iterator[Finding]:
    """Warn when the headline or a subheadline is longer than wires show in full."""
    spec = ctx.loaded.spec
    if len(spec.headline) > HEADLINE_MAX:
        yield ctx.finding("headline-length", ("headline",), f"the headline is "
                          f"{len(spec.headline)} characters, over {HEADLINE_MAX}",
                          "wires and search results cut long headlines; move detail to a "
                          "subheadline")
    for index, text in enumerate(spec.subheadlines):
        if len(text) > SUBHEADLINE_MAX:
            yield ctx.finding("headline-length", ("subheadlines", index), f"a subheadline is "
                              f"{len(text)} characters, over {SUBHEADLINE_MAX}",
                              "shorten it or split it in two")


def exclamation(ctx: Context) -> Iterator[Finding]:
    """Flag exclamation marks outside legends."""
    for prose in ctx.prose:
        if "!" in prose.text:
            yield ctx.finding("exclamation", prose.loc, "an exclamation mark",
                              "wires ask for news without hype; let the facts carry it")


def all_caps(ctx: Context) -> Iterator[Finding]:
    """Flag words in capitals used for emphasis; acronyms and legends are fine."""
    for prose in ctx.prose:
        shouted = _shouting(prose.text)
        if shouted:
            yield ctx.finding("all-caps", prose.loc, f"words in capitals: "
                              f"{', '.join(repr(w) for w in shouted)}", "write them in "
                              "lower case; use bold if the emphasis must stay")


def _shouting(text: str) -> list[str]:
    words = list(CAPS_WORD.finditer(text))
    found, run = [], []
    for match in words:
        if run and text[run[-1].end():match.start()].strip(" ,;:–—-&") == "":
            run.append(match)
        else:
            found += _judge(run)
            run = [match]
    found += _judge(run)
    return list(dict.fromkeys(found))


def _judge(run: list[re.Match[str]]) -> list[str]:
    if len(run) >= SHOUT_RUN:
        return [" ".join(m.group() for m in run)]
    return [m.group() for m in run if m.group() in EMPHASIS]
