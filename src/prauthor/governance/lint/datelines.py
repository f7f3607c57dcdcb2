"""Dateline: each city in the form the chosen wire prints (guide, sections 1 and 2)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from prauthor.dateline import DOMESTIC_STANDALONE, FOREIGN_STANDALONE, Place
from prauthor.governance.findings import Finding
from prauthor.governance.text import Context

DASHES = ("–", "—", "-", "--")


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Return the countries and provinces a dateline may name, folded for lookup."""
    text = Path(__file__).with_name("regions.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def dateline(ctx: Context) -> Iterator[Finding]:
    """Flag cities a wire cannot print correctly, and an odd company-copy dash."""
    spec, name = ctx.loaded.spec, ctx.doc.meta.wire
    wire = ctx.loaded.desk.wires[name]
    listed = wire.standalone_form if isinstance(wire.standalone_form, tuple) else ()
    for index, written in enumerate(spec.dateline.cities):
        loc = ("dateline", "cities", index)
        place = Place.parse(written)
        city = place.city.upper()
        if place.region is None:
            if city not in {*DOMESTIC_STANDALONE, *FOREIGN_STANDALONE, *listed}:
                yield ctx.finding("dateline", loc, f"'{written}' has no state or country; "
                                  "only AP's stand-alone cities go without one",
                                  "write 'City, ST' for the U.S. or 'City, Country'")
        elif place.state is None and wire.places != "company" and not place.stands_alone(wire) \
                and place.region.isupper() and len(place.region.replace(".", "")) <= 3:
            yield ctx.finding("dateline", loc, f"'{place.region}' is not a U.S. state, and "
                              f"{name} prints it as written", "spell the country or province "
                              "out, as AP does: 'Basel, Switzerland', 'Toronto, Ontario'")
        elif place.state is None and place.region.casefold() not in regions():
            yield ctx.finding("dateline", loc, f"'{place.region}' is not a U.S. state, a "
                              "province or a country", "write 'City, ST' for the U.S., "
                              "'City, Country' or 'City, Province' elsewhere")
    if "{dash}" in wire.pattern(spec.dateline.style) and spec.dateline.dash not in DASHES:
        yield ctx.finding("dateline", ("dateline", "dash"), f"'{spec.dateline.dash}' is not "
                          "a dash", "use an en dash (–), an em dash (—) or a hyphen")
