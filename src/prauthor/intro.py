"""Open the lead with the company intro: name, listing, defined terms, descriptor."""

from __future__ import annotations

from prauthor import markup
from prauthor.company import Company
from prauthor.document import Span, Spans
from prauthor.spec import Intro
from prauthor.style import Style, fill


def intro(companies: list[Company], written: Intro, style: Style) -> Spans:
    """Return the intro's spans, ending in the space before the lead.

    A joint intro presents each company in turn, joined by "and"; the spec's overrides
    (name, exchange, ticker, terms, descriptor) apply to a single company's intro.
    """
    if len(companies) == 1:
        pieces = [_one(companies[0], style, written)]
    else:
        pieces = [_one(company, style) for company in companies]
    return (*markup.parse(" and ".join(pieces)), Span(" "))


def tickers_of(company: Company, written: Intro | None = None) -> tuple[str, ...]:
    """Return the symbols the intro lists: the spec's override, else the profile's."""
    return (written.ticker,) if written and written.ticker else company.tickers


def listing(company: Company, style: Style, written: Intro | None = None) -> str | None:
    """Return the listing as the intro prints it, "" when the style leaves it out.

    None means there is nothing to list: the company has no ticker.
    """
    o = written or Intro()
    tickers = tickers_of(company, o)
    if not tickers:
        return None
    if "ticker" not in style.intro:
        return ""
    return fill(style.ticker, {"exchange": o.exchange or company.exchange,
                               "ticker": ", ".join(tickers)})


def _one(company: Company, style: Style, written: Intro | None = None) -> str:
    """Write one company's intro in the order the house style gives."""
    o = written or Intro()
    values = {
        "name": o.name or company.name,
        "ticker": listing(company, style, o),
        "terms": company.defined_terms if o.defined_terms is None else o.defined_terms,
        "descriptor": company.descriptor if o.descriptor is None else o.descriptor,
    }
    text = ""
    for part in style.intro:
        value = values[part]
        if not value:
            continue
        if part == "name":
            text = value
        elif part == "descriptor":
            text += f", {value},"
        else:
            text += f" {value}"
    return text
