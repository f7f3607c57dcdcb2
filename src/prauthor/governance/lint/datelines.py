"""Dateline: each city in the form the chosen wire prints (guide, sections 1 and 2)."""

from __future__ import annotations

from collections.abc import Iterator

from prauthor.dateline import DOMESTIC_STANDALONE, FOREIGN_STANDALONE, Place
from prauthor.governance.findings import Finding
from prauthor.governance.text import Context

AP_WIRES = ("prnewswire", "businesswire")
DASHES = ("–", "—", "-", "--")


def dateline(ctx: Context) -> Iterator[Finding]:
    """Flag cities a wire cannot print correctly, and an odd company-copy dash."""
    spec, wire = ctx.loaded.spec, ctx.doc.meta.wire
    for index, written in enumerate(spec.dateline.cities):
        loc = ("dateline", "cities", index)
        place = Place.parse(written)
        city = place.city.upper()
        if place.region is None:
            if city not in DOMESTIC_STANDALONE | FOREIGN_STANDALONE:
                yield ctx.finding("dateline", loc, f"'{written}' has no state or country; "
                                  "only AP's stand-alone cities go without one",
                                  "write 'City, ST' for the U.S. or 'City, Country'")
        elif place.state is None and wire != "none" and _printed(place, wire) \
                and place.region.isupper() and len(place.region.replace(".", "")) <= 3:
            yield ctx.finding("dateline", loc, f"'{place.region}' is not a U.S. state, and "
                              f"{wire} prints it as written", "spell the country or province "
                              "out, as AP does: 'Basel, Switzerland', 'Toronto, Ontario'")
    if wire == "none" and spec.dateline.dash not in DASHES:
        yield ctx.finding("dateline", ("dateline", "dash"), f"'{spec.dateline.dash}' is not "
                          "a dash", "use an en dash (–), an em dash (—) or a hyphen")


def _printed(place: Place, wire: str) -> bool:
    return not (wire in AP_WIRES and place.city.upper() in FOREIGN_STANDALONE)
