"""Check what a release type requires (wire-and-legal.md, section 4).

Which rules apply to which release type, and how severe they are, is data:
policies.toml. The words a rule looks for are data there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.document import Paragraph, Quote, Table
from prauthor.governance.blockrules import block_of
from prauthor.governance.event_checks import event_dates
from prauthor.governance.figure_checks import thousands_separator
from prauthor.governance.findings import Finding
from prauthor.governance.kinds import sections_of
from prauthor.governance.text import (
    Context,
    Hit,
    Prose,
    authored_blocks,
    find_words,
    lead_text,
    listed,
    listing_in_text,
    presented_companies,
    row_labels,
)

MONTH_MAY = re.compile(r"May\s+\d")
BLOCKS = ("boilerplate",)  # where a missing block is reported


def policy_findings(ctx: Context) -> Iterator[Finding]:
    """Yield the findings of every policy that applies to the release's type."""
    kind = ctx.doc.meta.type
    for rule_ids, rule in POLICIES:
        if any(ctx.policies.severity(rule_id, kind) != "off" for rule_id in rule_ids):
            yield from rule(ctx)


def _matches(ctx: Context, words: str, text: str) -> list[Hit]:
    found = [h for h in find_words(ctx.words(words), text) if not MONTH_MAY.match(text, h.start)]
    if words == "gaap":  # "non-GAAP operating expenses" names no GAAP measure
        taken = [(h.start, h.end) for h in find_words(ctx.words("non-gaap"), text)]
        found = [h for h in found if not any(a <= h.start <= b + 1 for a, b in taken)]
    return found


def _first_prose(ctx: Context, words: str) -> tuple[Prose, Hit] | None:
    for prose in ctx.prose:
        found = _matches(ctx, words, prose.text)
        if found:
            return prose, found[0]
    return None


def _mentions(ctx: Context, words: str) -> list[str]:
    return [hit.text for hit in _matches(ctx, words, ctx.text)]


def _safe_harbor(ctx: Context) -> Iterator[Finding]:
    """PSLRA protects only reporting issuers: a private company owes no safe harbor."""
    if sections_of("safe-harbor", ctx.doc.sections) or not listed(ctx):
        return
    found = _first_prose(ctx, "forward-looking")
    words = sorted({w.lower() for w in _mentions(ctx, "forward-looking")})
    if found or words:
        loc = found[0].loc if found else ("body",)
        shown = ", ".join(f"'{w}'" for w in words[:6])
        yield ctx.finding("safe-harbor", loc, f"forward-looking language ({shown}) without a "
                          "safe-harbor block", "add the approved forward-looking statements "
                          "block (a block that provides safe-harbor); PSLRA protects only "
                          "statements accompanied by meaningful cautionary language")


def _proxy_legends(ctx: Context) -> Iterator[Finding]:
    said = ctx.loaded.spec.shareholder_vote
    words = sorted({w.lower() for w in _mentions(ctx, "shareholder-vote")})
    if said is False or not (said or words):
        return
    why = "the spec says holders vote" if said else f"it speaks of {', '.join(words[:3])}"
    for kind, name in (("legend-14a12-additional-information",
                        "Additional Information and Where to Find It"),
                       ("legend-14a12-participants", "Participants in the Solicitation")):
        if not sections_of(kind, ctx.doc.sections):
            yield ctx.finding("proxy-legends", BLOCKS, f"a transaction that holders vote on "
                              f"({why}) needs the Rule 14a-12 legend '{name}'",
                              f"add the approved block that provides {kind}; for a deal "
                              "without a vote (a tender offer) say `shareholder_vote: false`")


def _going_private(ctx: Context) -> Iterator[Finding]:
    found = _first_prose(ctx, "going-private")
    if found or _mentions(ctx, "going-private"):
        loc = found[0].loc if found else ("body",)
        yield ctx.finding("going-private", loc, "a going-private transaction: the PSLRA safe "
                          "harbor does not cover its forward-looking statements",
                          "legal must confirm the cautionary text for this deal")


def _offering(ctx: Context) -> Iterator[Finding]:
    if not sections_of("offering-legend", ctx.doc.sections):
        yield ctx.finding("offering-legend", BLOCKS, "an offering release needs the "
                          "'not an offer to sell' legend (Rules 134, 135, 135c)",
                          "add the approved block that provides offering-legend")


def _non_gaap(ctx: Context) -> Iterator[Finding]:
    measures = sorted({m.lower() for m in _mentions(ctx, "non-gaap")})
    if not measures:
        return
    named = ", ".join(f"'{m}'" for m in measures)
    tables = _reconciliation_tables(ctx)
    rows = " ".join(row_labels(t) for t in tables)
    missing = [m for m in measures if not find_words((m,), rows)]
    if not tables or missing:
        which = ", ".join(f"'{m}'" for m in missing) if tables else named
        yield ctx.finding("non-gaap-reconciliation", ("body",), f"the release names non-GAAP "
                          f"measures ({named}) but no table's rows reconcile {which}",
                          "add a table reconciling each measure to its GAAP counterpart, a "
                          "row naming the measure (Regulation G)")
    if not sections_of("non-gaap", ctx.doc.sections):
        yield ctx.finding("non-gaap-legend", BLOCKS, f"the release names non-GAAP "
                          f"measures ({named}) without the non-GAAP legend",
                          "add the approved block that provides non-gaap (Item 10(e))")
    yield from _prominence(ctx)


def _reconciliation_tables(ctx: Context) -> list[Table]:
    """Return the tables whose rows name a non-GAAP measure: a title alone reconciles
    nothing."""
    blocks = [*authored_blocks(ctx.doc), *(b for s in ctx.doc.sections for b in s.blocks)]
    tables = [b for b in blocks if isinstance(b, Table)]
    return [t for t in tables if find_words(ctx.words("non-gaap"), row_labels(t))]


def _prominence(ctx: Context) -> Iterator[Finding]:
    """Item 10(e)(1)(i)(A): the GAAP measure comes first, and no less emphasized."""
    for prose in ctx.prose:
        if prose.kind in ("headline", "subheadline") and _matches(ctx, "non-gaap", prose.text) \
                and not _matches(ctx, "gaap", prose.text):
            yield ctx.finding("non-gaap-prominence", prose.loc, "a non-GAAP measure in the "
                              "headline without its GAAP measure", "name the GAAP measure "
                              "first, or take the non-GAAP one out of the headline (C&DI 102.10)")
    body = [p for p in ctx.body_prose() if p.kind != "heading"]
    first_gaap = _first_index(ctx, "gaap", body)
    first_non = _first_index(ctx, "non-gaap", body)
    if first_non is not None and (first_gaap is None or first_non < first_gaap):
        yield ctx.finding("non-gaap-prominence", body[first_non[0]].loc, "a non-GAAP measure "
                          "comes before any GAAP measure", "present the most directly "
                          "comparable GAAP measure first (Item 10(e)(1)(i)(A))")
    if _bold(ctx, "non-gaap") and not _bold(ctx, "gaap"):
        yield ctx.finding("non-gaap-prominence", ("body",), "a non-GAAP measure is set in bold "
                          "and no GAAP measure is", "give the GAAP measure at least the same "
                          "emphasis")


def _first_index(ctx: Context, words: str, prose: list[Prose]) -> tuple[int, int] | None:
    for index, item in enumerate(prose):
        found = _matches(ctx, words, item.text)
        if found:
            return index, found[0].start
    return None


def _bold(ctx: Context, words: str) -> bool:
    spans = [s for b in ctx.doc.body for s in _spans(b) if s.bold]
    return any(_matches(ctx, words, s.text) for s in spans)


def _spans(block) -> list:
    if isinstance(block, Paragraph):
        return list(block.spans)
    if isinstance(block, Quote):
        return [s for p in block.paragraphs for s in p.spans]
    return []


def _contacts(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.contacts:
        yield ctx.finding("contacts", ("contacts",), "the release has no contacts",
                          "name press or investor contacts from the company profile")


def _about(ctx: Context) -> Iterator[Finding]:
    """Every company a release presents has its About block (one will do for one)."""
    abouts = sections_of("about", ctx.doc.sections)
    companies = presented_companies(ctx)
    if len(companies) < 2:
        if not abouts:
            yield ctx.finding("about", BLOCKS, "the release has no About block",
                              "add the approved block that provides about")
        return
    for company in companies:
        if not any(_about_of(ctx, section, company) for section in abouts):
            yield ctx.finding("about", BLOCKS, f"the release presents {company.name} but has "
                              "no About block for it", f"add its approved About block "
                              f"(about-{company.id}); each company's About is its own block")


def _about_of(ctx: Context, section, company) -> bool:
    """Tell whether an About section is the one of `company`: by the companies its block
    names, else by its title or its id."""
    block = block_of(ctx, section)
    if block is not None and block.meta.companies:
        return company.id in block.meta.companies
    title = section.title.lower()
    names = [n.lower() for n in (company.name, company.short_name) if n]
    return any(n in title for n in names) or section.block_id.endswith(f"-{company.id}")


def _ticker(ctx: Context) -> Iterator[Finding]:
    meta = ctx.doc.meta
    where = ("intro",) if "intro" in ctx.loaded.spec.model_fields_set else ("company",)
    if not (meta.ticker and meta.exchange):
        shown = listing_in_text(ctx.doc)
        if meta.ticker or meta.exchange or shown:
            has = f"'{meta.exchange or meta.ticker}'" if meta.ticker or meta.exchange else \
                f"no exchange or ticker, but the release shows '{shown.group()}'"
            yield ctx.finding("ticker", where, f"the company is listed, and its profile gives "
                              f"{has}: the intro cannot show (Exchange: TICKER)",
                              "give the profile (or the intro) both the exchange and the ticker")
        return  # a private company has no ticker
    if meta.listing == "":
        return  # the house style leaves the listing out of the intro on purpose
    lead = lead_text(ctx.doc)
    first = lead.find(meta.company)
    listed = meta.exchange and meta.ticker and meta.listing
    if first < 0 or not listed or lead.find(meta.listing, first) < 0:
        shown = meta.listing or f"({meta.exchange}: {meta.ticker})"
        yield ctx.finding("ticker", where, f"the company's first mention is not followed by "
                          f"its listing {shown}", "give the profile (or the intro) both the "
                          "exchange and the ticker")


# The rule ids each policy reports, so that a policy off for a release type is not run.
POLICIES = (
    (("safe-harbor",), _safe_harbor),
    (("proxy-legends",), _proxy_legends),
    (("going-private",), _going_private),
    (("offering-legend",), _offering),
    (("non-gaap-reconciliation", "non-gaap-legend", "non-gaap-prominence"), _non_gaap),
    (("contacts",), _contacts),
    (("about",), _about),
    (("ticker",), _ticker),
    (("event-dates",), event_dates),
    (("thousands-separator",), thousands_separator),
)
