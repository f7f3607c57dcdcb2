"""Write datelines the way each wire and the company copy write them.

Rules and sources: guides/wire-and-legal.md, sections 1 and 2 (AP Stylebook).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from prauthor.document import Dateline
from prauthor.wires import Wire, builtin_wires

# (name, AP abbreviation, USPS code); the eight AP never abbreviates keep their name.
STATES = [
    ("Alabama", "Ala.", "AL"), ("Alaska", "Alaska", "AK"), ("Arizona", "Ariz.", "AZ"),
    ("Arkansas", "Ark.", "AR"), ("California", "Calif.", "CA"), ("Colorado", "Colo.", "CO"),
    ("Connecticut", "Conn.", "CT"), ("Delaware", "Del.", "DE"), ("Florida", "Fla.", "FL"),
    ("Georgia", "Ga.", "GA"), ("Hawaii", "Hawaii", "HI"), ("Idaho", "Idaho", "ID"),
    ("Illinois", "Ill.", "IL"), ("Indiana", "Ind.", "IN"), ("Iowa", "Iowa", "IA"),
    ("Kansas", "Kan.", "KS"), ("Kentucky", "Ky.", "KY"), ("Louisiana", "La.", "LA"),
    ("Maine", "Maine", "ME"), ("Maryland", "Md.", "MD"), ("Massachusetts", "Mass.", "MA"),
    ("Michigan", "Mich.", "MI"), ("Minnesota", "Minn.", "MN"), ("Mississippi", "Miss.", "MS"),
    ("Missouri", "Mo.", "MO"), ("Montana", "Mont.", "MT"), ("Nebraska", "Neb.", "NE"),
    ("Nevada", "Nev.", "NV"), ("New Hampshire", "N.H.", "NH"), ("New Jersey", "N.J.", "NJ"),
    ("New Mexico", "N.M.", "NM"), ("New York", "N.Y.", "NY"), ("North Carolina", "N.C.", "NC"),
    ("North Dakota", "N.D.", "ND"), ("Ohio", "Ohio", "OH"), ("Oklahoma", "Okla.", "OK"),
    ("Oregon", "Ore.", "OR"), ("Pennsylvania", "Pa.", "PA"), ("Rhode Island", "R.I.", "RI"),
    ("South Carolina", "S.C.", "SC"), ("South Dakota", "S.D.", "SD"), ("Tennessee", "Tenn.", "TN"),
    ("Texas", "Texas", "TX"), ("Utah", "Utah", "UT"), ("Vermont", "Vt.", "VT"),
    ("Virginia", "Va.", "VA"), ("Washington", "Wash.", "WA"), ("West Virginia", "W.Va.", "WV"),
    ("Wisconsin", "Wis.", "WI"), ("Wyoming", "Wyo.", "WY"),
    ("District of Columbia", "D.C.", "DC"),
]


def _key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").lower()


STATE_BY_KEY = {_key(form): state for state in STATES for form in state}

DOMESTIC_STANDALONE = {
    "ATLANTA", "BALTIMORE", "BOSTON", "CHICAGO", "CINCINNATI", "CLEVELAND", "DALLAS", "DENVER",
    "DETROIT", "HONOLULU", "HOUSTON", "INDIANAPOLIS", "LAS VEGAS", "LOS ANGELES", "MIAMI",
    "MILWAUKEE", "MINNEAPOLIS", "NEW ORLEANS", "NEW YORK", "OKLAHOMA CITY", "PHILADELPHIA",
    "PHOENIX", "PITTSBURGH", "ST. LOUIS", "SALT LAKE CITY", "SAN ANTONIO", "SAN DIEGO",
    "SAN FRANCISCO", "SEATTLE", "WASHINGTON",
}
# The guide marks this list as recalled, not confirmed; SHANGHAI is confirmed by the
# CBMG wire copies.
FOREIGN_STANDALONE = {
    "AMSTERDAM", "BAGHDAD", "BANGKOK", "BEIJING", "BEIRUT", "BERLIN", "BRUSSELS", "CAIRO",
    "DJIBOUTI", "DUBLIN", "GENEVA", "GIBRALTAR", "GUATEMALA CITY", "HAVANA", "HELSINKI",
    "HONG KONG", "ISLAMABAD", "ISTANBUL", "JERUSALEM", "JOHANNESBURG", "KABUL", "KUWAIT CITY",
    "LONDON", "LUXEMBOURG", "MACAU", "MADRID", "MEXICO CITY", "MILAN", "MONACO", "MONTREAL",
    "MOSCOW", "MUNICH", "NEW DELHI", "OTTAWA", "PANAMA CITY", "PARIS", "PRAGUE", "QUEBEC CITY",
    "RIO DE JANEIRO", "ROME", "SAN MARINO", "SAO PAULO", "SHANGHAI", "SINGAPORE", "STOCKHOLM",
    "SYDNEY", "TOKYO", "TORONTO", "VATICAN CITY", "VIENNA", "ZURICH",
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec."]
# Business Wire's feed was seen writing "Sep." where AP writes "Sept.".
BW_MONTHS = [*AP_MONTHS[:8], "Sep.", *AP_MONTHS[9:]]
MONTH_FORMS = {"ap": AP_MONTHS, "ap-sep": BW_MONTHS, "full": MONTHS}
# A state AP abbreviates, a stand-alone foreign city, a month each form writes differently.
SAMPLE_CITIES = ("Rockville, Maryland", "Shanghai, China")
SAMPLE_DATE = dt.date(2026, 9, 9)


@dataclass(frozen=True)
class Place:
    """One dateline city: its name and its region as the company wrote them."""

    city: str
    region: str | None

    @classmethod
    def parse(cls, written: str) -> Place:
        """Read "City, REGION" (the region is optional)."""
        city, _, region = written.partition(",")
        return cls(city.strip(), region.strip() or None)

    @property
    def state(self) -> tuple[str, str, str] | None:
        """Return the U.S. state (name, AP, USPS) when the region is one."""
        return STATE_BY_KEY.get(_key(self.region)) if self.region else None

    def write(self, wire: Wire | str) -> str:
        """Write the place as `wire` does: the city in capitals, then its region unless alone."""
        wire = _wire(wire)
        city, state = self.city.upper(), self.state
        if self.region is None or self.stands_alone(wire):
            return city
        if state and wire.places in ("ap", "ap-country"):
            return f"{city}, {state[1]}"
        if state and wire.places == "postal":
            return f"{city}, {state[2]}"
        return f"{city}, {self.region}"

    def stands_alone(self, wire: Wire) -> bool:
        """Tell whether `wire` writes this city without its state or country."""
        city, state, form = self.city.upper(), self.state, wire.standalone_form
        if form == "none" or (wire.places == "ap-country" and not state):
            return False
        if form == "ap":
            return city in (DOMESTIC_STANDALONE if state else FOREIGN_STANDALONE)
        return city in form


def month_names(wire: Wire | str) -> list[str]:
    """Return the twelve months as `wire` writes them with a day."""
    months = _wire(wire).months
    return MONTH_FORMS[months] if isinstance(months, str) else list(months)


def long_date(date: dt.date) -> str:
    """Write 'January 28, 2021'."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def ap_date(date: dt.date, months: list[str] = AP_MONTHS, pad: bool = False) -> str:
    """Write 'Jan. 28, 2021' (AP months; `pad` zero-pads the day)."""
    day = f"{date.day:02d}" if pad else str(date.day)
    return f"{months[date.month - 1]} {day}, {date.year}"


def make_dateline(cities: list[str], date: dt.date, wire: str, dash: str = "–",
                  style: str = "comma", pad_day: bool = False,
                  wires: Mapping[str, Wire] | None = None) -> Dateline:
    """Return the dateline of a release for one wire ('none' is the company copy).

    `wires` is the desk's table (the built-in one by default). `pad_day` is the house
    style's zero-padded day, for wires that follow it (`day = "house"`: the company copy);
    a wire whose table says `padded` pads anyway.
    """
    rule = (wires or builtin_wires())[wire]
    pad = rule.day == "padded" or (rule.day == "house" and pad_day)
    places = rule.separator.join(Place.parse(c).write(rule) for c in cities)
    text = rule.pattern(style).format(places=places, date=ap_date(date, month_names(rule), pad),
                                      dash=dash)
    return Dateline(text, rule.joiner, wire, places)


def samples(wires: Mapping[str, Wire]) -> list[tuple[str, Wire, Dateline]]:
    """Return each wire with its dateline for two sample cities on a fixed date."""
    return [(name, wire, make_dateline(list(SAMPLE_CITIES), SAMPLE_DATE, name, wires=wires))
            for name, wire in wires.items()]


def _wire(wire: Wire | str) -> Wire:
    return builtin_wires()[wire] if isinstance(wire, str) else wire
