"""Datelines follow AP style and each wire's own conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from prauthor.dateline import Place, ap_date, make_dateline

SEPT_9 = dt.date(2026, 9, 9)


@pytest.mark.parametrize(("written", "ap"), [
    ("Gaithersburg, MD", "GAITHERSBURG, Md."),
    ("Cambridge, Massachusetts", "CAMBRIDGE, Mass."),
    ("Boise, ID", "BOISE, Idaho"),
    ("New York, NY", "NEW YORK"),
    ("St. Louis, Mo.", "ST. LOUIS"),
    ("Washington, D.C.", "WASHINGTON"),
    ("Morgantown, WV", "MORGANTOWN, W.Va."),
    ("Shanghai, China", "SHANGHAI"),
    ("Santiago, Chile", "SANTIAGO, Chile"),
    ("Mississauga, Ontario", "MISSISSAUGA, Ontario"),
    ("London", "LONDON"),
])
def test_ap_place(written, ap):
    assert Place.parse(written).write("prnewswire") == ap


def test_accesswire_uses_postal_codes_and_full_months():
    line = make_dateline(["Raleigh, North Carolina"], dt.date(2023, 12, 5), "accesswire")
    assert line.text == "RALEIGH, NC / ACCESSWIRE / December 5, 2023 /"


def test_ap_months_abbreviate_only_the_long_ones():
    assert [ap_date(dt.date(2026, m, 1)).split()[0] for m in range(1, 13)] == [
        "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
        "Nov.", "Dec."]


def test_globenewswire_pads_the_day_and_businesswire_writes_sep():
    assert "Sept. 09, 2026 (GLOBE NEWSWIRE) --" in make_dateline(
        ["Boston, MA"], SEPT_9, "globenewswire").text
    assert make_dateline(["Boston, MA"], SEPT_9, "businesswire").text == (
        "BOSTON--(BUSINESS WIRE)--Sep. 9, 2026--")


@pytest.mark.parametrize(("style", "text"), [
    ("comma", "SAN JOSE, Calif., March 15, 2023 –"),
    ("dash", "SAN JOSE, Calif. – March 15, 2023 –"),
    ("parens", "SAN JOSE, Calif. (March 15, 2023) –"),
])
def test_company_dateline_styles(style, text):
    line = make_dateline(["San Jose, Calif."], dt.date(2023, 3, 15), "none", "–", style)
    assert line.text == text
