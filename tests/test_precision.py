"""Precision: each false alarm and each miss seen on real releases, tripped and passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_helpers import BASE, LEGENDS, judged, make_desk, rules_found, spec, write_spec

QUIET_LEAD = "today announced the results of its annual meeting."
EVENT = {"date": "2026-03-18", "time": "10:00 a.m.", "zone": "America/New_York",
         "webcast": "https://investors.corvane.example/events",
         "replay": {"url": "https://investors.corvane.example/events", "until": "2026-06-16"}}
MERGER = dict(type="transaction", wire="none",
              dateline={"cities": ["Cambridge, MA"], "date": "2026-09-15"},
              headline="Stellarion Pharma to Acquire Corvane Therapeutics",
              lead="today announced a definitive merger agreement under which Stellarion "
                   "Pharma will acquire Corvane for $19.75 per share in cash.")
WITH_LEGENDS = ["about", *LEGENDS, {"fls": {"subject": "the deal"}}]
EARNINGS = dict(type="earnings", wire="globenewswire",
                headline="Corvane Therapeutics Reports Fourth Quarter 2025 Results",
                lead="today reported results for the quarter ended Dec. 31, 2025.",
                body=["Net loss was $41.7 million. Adjusted EBITDA was a loss of $30.2 "
                      "million."],
                boilerplate=["about", "non-gaap", {"fls": {"subject": "expenses"}}])


def table(rows) -> dict:
    return {"table": {"title": "Reconciliation of GAAP Net Loss to Adjusted EBITDA",
                      "columns": ["label", "currency"], "rows": rows}}


# (case, rule, spec that trips the rule, spec that does not): one precision point each.
CASES = [
    ("safe-harbor for a private company", "safe-harbor",
     spec(boilerplate=["about"]), spec(company="privco", boilerplate=["privco-about@1"])),
    ("'future' alone is not forward-looking", "safe-harbor",
     spec(lead=QUIET_LEAD, body=["Corvane expects future growth."], boilerplate=["about"]),
     spec(lead=QUIET_LEAD, body=["Holders approved the frequency of future advisory votes."],
          boilerplate=["about"])),
    ("'planning' alone is not forward-looking", "safe-harbor",
     spec(lead=QUIET_LEAD, body=["Corvane plans to expand its research site."],
          boilerplate=["about"]),
     spec(lead=QUIET_LEAD, body=["The board reviewed capital planning."],
          boilerplate=["about"])),
    ("'effective' a future date", "future-date",
     spec(body=["The appointment became effective Jan. 5, 2027."]),
     spec(body=["The appointment is effective Jan. 5, 2027."])),
    ("'effective' a future date in a lead that announces it today", "future-date",
     spec(lead="today announced that the change became effective Jan. 5, 2027."),
     spec(lead="today announced a change, effective Jan. 5, 2027.")),
    ("an appointment effective a later date", "future-date",
     spec(lead="today announced that Jane Roe was appointed chief financial officer on "
               "June 15, 2026."),
     spec(lead="today announced the appointment of Jane Roe as chief financial officer, "
               "effective June 15, 2026.")),
    ("a resignation effective a later date", "future-date",
     spec(body=["Mr. Hale resigned from the board on Jan. 5, 2027."]),
     spec(body=["Mr. Hale resigned from the board, effective Jan. 5, 2027."])),
    ("a date that begins something to come", "future-date",
     spec(body=["The dividend payments started Jan. 5, 2027."]),
     spec(body=["The board declared a dividend, payable beginning Jan. 5, 2027."])),
    ("a date on or about", "future-date",
     spec(body=["The offering closed Jan. 5, 2027, the company announced today."]),
     spec(body=["The offering is expected to close on or about Jan. 5, 2027."])),
    ("'today announced' is the release day, not the date", "future-date",
     spec(lead="today announced that it completed the sale on Jan. 5, 2027."),
     spec(lead="today announced a webcast for investors on Jan. 5, 2027.")),
    ("a fiscal year ending", "future-date",
     spec(body=["The fiscal year ended Dec. 31, 2026, with record sales."]),
     spec(body=["Guidance covers the fiscal year ending Dec. 31, 2026."])),
    ("a call-details line", "future-date",
     spec(body=["The call was held on Thursday, Nov. 12, 2026."]),
     spec(body=[{"list": ["Date: Thursday, Nov. 12, 2026", "Time: 10:00 a.m. ET"]}])),
    ("a merger that does not say 'vote'", "proxy-legends",
     spec(**MERGER), spec(**MERGER, boilerplate=WITH_LEGENDS)),
    ("a tender offer says it has no vote", "proxy-legends",
     spec(**MERGER), spec(**MERGER, shareholder_vote=False)),
    ("the spec says holders vote", "proxy-legends",
     spec(**{**MERGER, "lead": "today announced an agreement with Stellarion Pharma."},
          shareholder_vote=True),
     spec(**{**MERGER, "lead": "today announced an agreement with Stellarion Pharma."})),
    ("a call dated before the release", "event-dates",
     spec(body=[{"event": {**EVENT, "date": "2026-02-27"}}]), spec(body=[{"event": EVENT}])),
    ("a replay that ends before the call", "event-dates",
     spec(body=[{"event": {**EVENT, "replay": {**EVENT["replay"], "until": "2026-03-17"}}}]),
     spec(body=[{"event": EVENT}])),
    ("an embargo that lifts after the call", "event-dates",
     spec(body=[{"event": EVENT}],
          release={"embargo": {"date": "2026-03-18", "time": "11:00 a.m.", "zone": "ET"}}),
     spec(body=[{"event": EVENT}],
          release={"embargo": {"date": "2026-03-18", "time": "8:00 a.m.", "zone": "ET"}})),
    ("an embargo that lifts after the day of an event without a time", "event-dates",
     spec(body=[{"event": {"date": "2026-03-18"}}],
          release={"embargo": {"date": "2026-03-19", "time": "8:00 a.m.", "zone": "ET"}}),
     spec(body=[{"event": {"date": "2026-03-18"}}],
          release={"embargo": {"date": "2026-03-18", "time": "8:00 a.m.", "zone": "ET"}})),
    ("a reconciliation table whose rows never name the measure", "non-gaap-reconciliation",
     spec(**EARNINGS, appendix=[table([["Net loss", -41700], ["Interest", 1200],
                                       {"total": ["Total", -40500]}])]),
     spec(**EARNINGS, appendix=[table([["Net loss", -41700], ["Interest", 1200],
                                       {"total": ["Adjusted EBITDA", -40500]}])])),
    ("a dateline region that is no state, province or country", "dateline",
     spec(dateline={"cities": ["Cambridge, Narnia"], "date": "2026-03-02"}),
     spec(dateline={"cities": ["Cambridge, MA", "Toronto, Ontario", "Basel, Switzerland"],
                    "date": "2026-03-02"})),
    ("a listed company's profile without exchange and ticker", "ticker",
     spec(company="unlisted"), spec()),
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """The sample desk with a private company and a listed one whose profile lacks its
    exchange and ticker."""
    desk = make_desk(tmp_path_factory.mktemp("desk"))
    profile = (desk / "companies" / "corvane.yaml").read_text()
    (desk / "companies" / "unlisted.yaml").write_text(
        profile.replace("id: corvane", "id: unlisted").replace("exchange: Nasdaq\n", "")
        .replace("ticker: CRVN\n", ""))
    (desk / "companies" / "privco.yaml").write_text(
        profile.replace("id: corvane", "id: privco").replace("exchange: Nasdaq\n", "")
        .replace("ticker: CRVN\n", "").replace("Corvane Therapeutics, Inc.", "Privco Labs, Inc."))
    about = desk / "boilerplate" / "privco-about"
    about.mkdir()
    (about / "v1.md").write_text(
        "---\nid: privco-about\ntitle: About Privco Labs\nversion: 1\neffective: 2025-01-01\n"
        "status: draft\nprovides: [about]\n---\nPrivco Labs is a private company.\n")
    return desk


@pytest.mark.parametrize(("case", "rule", "trip", "passing"), CASES, ids=[c[0] for c in CASES])
def test_precision_trip(desk, case, rule, trip, passing):
    assert rule in rules_found(write_spec(desk, trip, "trip.yaml")), case


@pytest.mark.parametrize(("case", "rule", "trip", "passing"), CASES, ids=[c[0] for c in CASES])
def test_precision_pass(desk, case, rule, trip, passing):
    assert rule not in rules_found(write_spec(desk, passing, "pass.yaml")), case


def test_title_case_hint_lowercases_the_whole_title_but_names(desk):
    quote = {"quote": {"by": "elena-marsh", "before": "We are pleased.",
                       "title": "Vice President of Sales at Acme Robotics"}}
    _, _, found = judged(write_spec(desk, spec(body=[quote]), "title.yaml"))
    hint, = [f.hint for f in found if f.rule == "title-case"]
    assert hint.endswith("'vice president of sales at Acme Robotics'")
    quote["quote"]["title"] = "Chief Executive Officer of Corvane"
    _, _, found = judged(write_spec(desk, spec(body=[quote]), "title.yaml"))
    hint, = [f.hint for f in found if f.rule == "title-case"]
    assert hint.endswith("'chief executive officer of Corvane'")


@pytest.mark.parametrize(("zone", "wire", "line"), [
    ("ET", "prnewswire", "EMBARGOED UNTIL 8:00 a.m. ET, Jan. 28, 2026"),
    ("America/Chicago", "none", "EMBARGOED UNTIL 8:00 a.m. CT, January 28, 2026"),
    ("PT", "globenewswire", "EMBARGOED UNTIL 8:00 a.m. PT, Jan. 28, 2026"),
    ("Europe/London", "businesswire", "EMBARGOED UNTIL 8:00 a.m. GMT, Jan. 28, 2026"),
])
def test_embargo_zones_and_the_wires_date_style(desk, zone, wire, line):
    data = spec(wire=wire, dateline={"cities": ["Cambridge, MA"], "date": "2026-01-27"},
                lead="today announced an R&D Day.", headline="Corvane to Host R&D Day",
                release={"embargo": {"date": "2026-01-28", "time": "8:00 a.m.", "zone": zone}})
    _, doc, _ = judged(write_spec(desk, data, "embargo.yaml"))
    assert doc.release_line == line


def test_an_unknown_embargo_zone_is_bad_input(cli, desk):
    data = spec(release={"embargo": {"date": "2026-03-02", "time": "8:00 a.m.", "zone": "EZT"}})
    code, _, err = cli("validate", write_spec(desk, data, "zone.yaml"))
    assert code == 2 and "zone.yaml:" in err and "unknown time zone 'EZT'" in err \
        and "or ET, CT, MT or PT" in err
    data["body"] = [{"event": {**EVENT, "zone": "PT"}}]  # one rule for events and embargoes
    data["release"]["embargo"]["zone"] = "PT"
    assert cli("validate", write_spec(desk, data, "zone.yaml"))[0] == 0


def test_base_uses_only_the_sample_desk():
    assert BASE["company"] == "corvane"
