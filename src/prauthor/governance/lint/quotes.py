"""Quotations (guide, section 6): 'said', lowercase titles after names, balanced marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.errors import InputError
from prauthor.governance.findings import Finding
from prauthor.governance.text import Context, Prose
from prauthor.spec import QuoteBlock

VERBS = ("stated|commented|exclaimed|remarked|claimed|declared|noted|explained|shared|"
         "enthused|quipped|boasted|touted|opined|asserted|affirmed|observed")
NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z(][\w.'’()-]*){0,3}"
VERB_AFTER = re.compile(rf"[”\"]\s*(?:{NAME}\s+)?(?P<verb>{VERBS})\b")
VERB_BEFORE = re.compile(rf"\b(?P<verb>{VERBS})[,:]\s*[“\"]")
TITLE_WORDS = ("Chief", "President", "Vice", "Senior", "Executive", "Officer", "Director",
               "Head", "Chairman", "Chairwoman", "Chairperson", "Chair", "Founder",
               "Co-Founder", "Cofounder", "General", "Counsel", "Managing", "Partner",
               "Treasurer", "Secretary", "Manager", "Principal", "Controller")
TITLE = "(?:" + "|".join(TITLE_WORDS) + r")\b"
TITLE_WORD = re.compile(r"\b" + TITLE)
SAID_NAME_TITLE = re.compile(rf"\bsaid\s+{NAME},\s+(?:the\s+)?{TITLE}")


def attribution(ctx: Context) -> Iterator[Finding]:
    """Flag attribution verbs other than 'said' around quotations the author wrote."""
    for prose in ctx.body_prose():
        if prose.kind == "quote":
            continue  # laid out by prauthor with 'said' or 'added'
        for pattern in (VERB_AFTER, VERB_BEFORE):
            for match in pattern.finditer(prose.text):
                yield ctx.finding("attribution", prose.loc, f"quotation attributed with "
                                  f"'{match.group('verb')}'", "AP attributes with 'said'; "
                                  "write a quote block, which does")


def title_case(ctx: Context) -> Iterator[Finding]:
    """Flag capitalized titles after a name: in quote attributions and in the prose."""
    spec = ctx.loaded.spec
    try:
        company = ctx.loaded.desk.company(spec.company)
        people, names = company.people, {company.name, company.short_name or ""}
    except InputError:
        people, names = {}, set()
    keep = {w.strip(",.()") for n in names | {ctx.doc.meta.company} for w in n.split()}
    for index, item in enumerate(spec.body):
        if not isinstance(item, QuoteBlock) or item.quote.style != "said":
            continue
        quote = item.quote
        person = people.get(quote.by)
        title = quote.title or (person.title if person else "")
        if TITLE_WORD.search(title):
            field = "title" if quote.title else "by"
            where = "" if quote.title else " (from the company profile)"
            yield ctx.finding("title-case", ("body", index, "quote", field), f"the title after "
                              f"the name is capitalized: '{title}'{where}",
                              f"AP lowercases it after the name: '{_lower(title, keep)}'")
    for prose in ctx.body_prose():
        for match in SAID_NAME_TITLE.finditer(prose.text):
            yield ctx.finding("title-case", prose.loc, f"'{match.group()}': the title after "
                              "the name is capitalized", "AP lowercases titles after a name")


def _lower(title: str, names: set[str]) -> str:
    """Lowercase a title but for the organization after "at", the company's own name and
    acronyms: "vice president of sales at Acme", "chief executive officer of Corvane"."""
    head, at, organization = title.partition(" at ")
    words = [w if _proper(w, names) else w.lower() for w in head.split(" ")]
    return " ".join(words) + at + organization


def _proper(word: str, names: set[str]) -> bool:
    bare = word.strip(",.;:()")
    return bare in names or any(c.isupper() for c in bare[1:])


OPENING, CLOSING = "“", "”"


def balanced(ctx: Context) -> Iterator[Finding]:
    """Flag unbalanced quotation marks; a quote may run on into the next paragraph."""
    prose = ctx.body_prose() + [p for p in ctx.prose if p.kind in ("headline", "subheadline")]
    for index, item in enumerate(prose):
        problem = _imbalance(item.text)
        if problem == "open" and item.kind != "quote" and _continues(prose, index):
            continue  # AP: the next paragraph of the same quote opens with a mark
        if problem:
            yield ctx.finding("quotes-balanced", item.loc, _MESSAGES[problem],
                              "close every quotation; a quote that runs on closes only at "
                              "the end of its last paragraph, and each paragraph opens it")


_MESSAGES = {"open": "a quotation mark is opened and never closed",
             "close": "a closing quotation mark has no opening one",
             "straight": "an odd number of straight quotation marks (\")"}


def _imbalance(text: str) -> str | None:
    depth = 0
    for char in text:
        if char == OPENING:
            depth += 1
        elif char == CLOSING:
            depth -= 1
            if depth < 0:
                return "close"
    if depth > 0:
        return "open"
    if text.count('"') % 2:
        return "straight"
    return None


def _continues(prose: list[Prose], index: int) -> bool:
    following = prose[index + 1] if index + 1 < len(prose) else None
    return bool(following and following.kind != "quote"
                and following.text.lstrip().startswith((OPENING, '"')))
