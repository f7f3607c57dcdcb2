"""Write datelines the way each wire and the company copy write them.

Rules and sources: guides/wire-and-legal.md, sections 1 and 2 (AP Stylebook).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prauthor.document import Dateline

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

    def company(self) -> str:
        """Write the place as the company copy does: city in capitals, region as written."""
        return f"{self.city.upper()}, {self.region}" if self.region else self.city.upper()

    def ap(self, keep_country: bool = False) -> str:
        """Write the place AP style: stand-alone cities alone, AP state abbreviations."""
        city, state = self.city.upper(), self.state
        if state:
            return city if city in DOMESTIC_STANDALONE else f"{city}, {state[1]}"
        if not self.region or (city in FOREIGN_STANDALONE and not keep_country):
            return city
        return f"{city}, {self.region}"

    def postal(self) -> str:
        """Write the place as Accesswire does: USPS state codes, countries as written."""
        state = self.state
        return f"{self.city.upper()}, {state[2]}" if state else self.company()


def long_date(date: dt.date) -> str:
    """Write 'January 28, 2021'."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def ap_date(date: dt.date, months: list[str] = AP_MONTHS, pad: bool = False) -> str:
    """Write 'Jan. 28, 2021' (AP months; `pad` zero-pads the day)."""
    day = f"{date.day:02d}" if pad else str(date.day)
    return f"{months[date.month - 1]} {day}, {date.year}"


def make_dateline(cities: list[str], date: dt.date, wire: str, dash: str = "–",
                  style: str = "comma") -> Dateline:
    """Return the dateline of a release for one wire ('none' is the company copy)."""
    places = [Place.parse(c) for c in cities]
    if wire == "prnewswire":
        where = " and ".join(p.ap() for p in places)
        return Dateline(f"{where}, {ap_date(date)} /PRNewswire/ --", " ", wire)
    if wire == "businesswire":
        where = " & ".join(p.ap() for p in places)
        return Dateline(f"{where}--(BUSINESS WIRE)--{ap_date(date, BW_MONTHS)}--", "", wire)
    if wire == "globenewswire":
        where = " and ".join(p.ap(keep_country=True) for p in places)
        return Dateline(f"{where}, {ap_date(date, pad=True)} (GLOBE NEWSWIRE) --", " ", wire)
    if wire == "accesswire":
        where = " and ".join(p.postal() for p in places)
        return Dateline(f"{where} / ACCESSWIRE / {long_date(date)} /", " ", wire)
    return Dateline(_company(places, date, dash, style), " ", wire)


def _company(places: list[Place], date: dt.date, dash: str, style: str) -> str:
    where = " and ".join(p.company() for p in places)
    if style == "dash":
        return f"{where} {dash} {long_date(date)} {dash}"
    if style == "parens":
        return f"{where} ({long_date(date)}) {dash}"
    return f"{where}, {long_date(date)} {dash}"
