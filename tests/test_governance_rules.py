"""Every check rule trips on a spec made to break it and stays quiet on one that does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_helpers import (
    BASE,
    LEGENDS,
    approved_about,
    judged,
    make_desk,
    rules_found,
    spec,
    write_spec,
)
from prauthor.document import Cell, Row, Span, Table
from prauthor.governance.check import findings
from prauthor.governance.rules import RULES
from samples import with_blocks

EARNINGS = dict(type="earnings", wire="globenewswire",
                headline="Corvane Therapeutics Reports Fourth Quarter 2025 Results",
                lead="today reported results for the quarter ended Dec. 31, 2025.")
GAAP_FIRST = ["Net loss was $41.7 million. Non-GAAP operating expenses, which exclude "
              "stock-based compensation, were $40.1 million."]
NON_GAAP_BLOCKS = ["about", "non-gaap", {"fls": {"subject": "expenses"}}]
RECONCILIATION = {"table": {
    "title": "Reconciliation of GAAP to Non-GAAP Operating Expenses",
    "columns": ["label", "currency"],
    "rows": [["GAAP operating expenses", 47600], ["Stock-based compensation", -7500],
             {"total": ["Non-GAAP operating expenses", 40100]}]}}
VOTE = dict(type="transaction", wire="none", dateline={"cities": ["Cambridge, MA"],
                                                      "date": "2026-09-15"},
            headline="Corvane Stockholders to Vote on Acquisition by Stellarion Pharma",
            lead="today announced that it will hold a special meeting of stockholders on "
                 "Sept. 30, 2026 to vote on the merger.")

# rule -> (spec that trips it, spec that passes); each differs from BASE in one point.
CASES = {
    "safe-harbor": (spec(boilerplate=["about"]), spec()),
    "proxy-legends": (spec(**VOTE), spec(**VOTE, boilerplate=["about", *LEGENDS,
                                                             {"fls": {"subject": "the vote"}}])),
    "going-private": (
        spec(**{**VOTE, "lead": VOTE["lead"] + " The merger is a going-private transaction."},
             boilerplate=["about", *LEGENDS, {"fls": {"subject": "the vote"}}]),
        spec(**VOTE, boilerplate=["about", *LEGENDS, {"fls": {"subject": "the vote"}}])),
    "offering-legend": (spec(type="offering"),
                        spec(type="offering", boilerplate=[*BASE["boilerplate"], "no-offer"])),
    "non-gaap-reconciliation": (spec(**EARNINGS, body=GAAP_FIRST, boilerplate=NON_GAAP_BLOCKS),
                                spec(**EARNINGS, body=GAAP_FIRST, boilerplate=NON_GAAP_BLOCKS,
                                     appendix=[RECONCILIATION])),
    "non-gaap-legend": (spec(**EARNINGS, body=GAAP_FIRST),
                        spec(**EARNINGS, body=GAAP_FIRST, boilerplate=NON_GAAP_BLOCKS)),
    "non-gaap-prominence": (
        spec(**EARNINGS, body=list(reversed(GAAP_FIRST[0].split(". ", 1))),
             boilerplate=NON_GAAP_BLOCKS),
        spec(**EARNINGS, body=GAAP_FIRST, boilerplate=NON_GAAP_BLOCKS)),
    "contacts": (spec(contacts=[]), spec()),
    "about": (spec(boilerplate=[{"fls": {"subject": "the event"}}]), spec()),
    "ticker": ("no exchange", spec()),
    "placeholder": (spec(body=["The event will review TBD results."]),
                    spec(body=["The event will review the results of the TK-1 study."])),
    "block-draft": (spec(boilerplate=["about", {"fls@2": {"subject": "the event"}}]), spec()),
    "block-unapproved": (spec(boilerplate=[*BASE["boilerplate"], "bio"]), spec()),
    "block-company": (spec(company="halden"), spec()),
    "block-newer-draft": ("newer draft", "newer draft, pinned"),
    "block-listing": (("about text", "Other Co. (NYSE: OTH) makes things."),
                      ("about text", "Corvane (Nasdaq: CRVN) makes medicines.")),
    "file-date": ("misdated", "dated"),
    "lock-missing": ("no lock", spec()),
    "block-signature": ("unsigned", spec()),
    "signers-missing": ("no signers", spec()),
    "dateline": (spec(dateline={"cities": ["Cambridge"], "date": "2026-03-02"}), spec()),
    "ap-months": (spec(body=["Enrollment began on January 5, 2026."]),
                  spec(body=["Enrollment began on Jan. 5, 2026, and ends in March."])),
    "state-names": (spec(body=["The company has offices in Cambridge, Mass., and Basel."]),
                    spec(body=["The company has offices in Cambridge, Massachusetts."])),
    "attribution": (spec(body=["“We are pleased,” stated Elena Marsh."]),
                    spec(body=["“We are pleased,” said Elena Marsh."])),
    "title-case": (spec(body=[{"quote": {"by": "elena-marsh", "before": "We are pleased.",
                                         "title": "President and Chief Executive Officer"}}]),
                   spec(body=[{"quote": {"by": "elena-marsh", "before": "We are pleased.",
                                         "title": "president and chief executive officer"}}])),
    "headline-length": (spec(headline="Corvane Therapeutics to Host Virtual R&D Day on March "
                             "18, 2026 to Present Phase 2 Data for CRV-201 and Its Plans"),
                        spec()),
    "exclamation": (spec(body=["The event will review the results!"]), spec()),
    "all-caps": (spec(body=["Stockholders should vote FOR the proposal."]),
                 spec(body=["Stockholders should vote for the proposal at the ISS meeting."])),
    "quotes-balanced": (spec(body=["“We are pleased, said Marsh."]),
                        spec(body=["“We are pleased with the data.", "“We look forward to "
                                   "the next study.”"])),
    "defined-term": (spec(body=["The Merger will close soon.", "Corvane agreed to merge with "
                                "Stellarion (the “Merger”)."]),
                     spec(body=["Corvane agreed to merge with Stellarion (the “Merger”).",
                                "The Merger will close soon."])),
    "future-date": (spec(body=["Corvane reported its results on April 5, 2026."]),
                    spec(body=["Corvane will report its results on April 5, 2026."])),
    "weekday": (spec(lead=BASE["lead"].replace("Wednesday", "Tuesday")), spec()),
    "event-dates": (spec(body=[{"event": {"date": "2026-02-27"}}]),
                    spec(body=[{"event": {"date": "2026-03-18"}}])),
    "zone-season": (spec(body=["The replay opens at noon EDT on Dec. 2, 2026."]),
                    spec(body=["The replay opens at noon EST on Dec. 2, 2026."])),
    "thousands-separator": (
        spec(body=[{"table": {"columns": ["label", "number"],
                              "rows": [["Visitors", "97.220"], ["Sites", 812]]}}]),
        spec(body=[{"table": {"columns": ["label", "number"],
                              "rows": [["Visitors", "97,220"], ["Sites", 812]]}}])),
}


def test_every_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A sample desk with a draft version, an approved block without approver and a
    second company, whose releases may not print Corvane's blocks."""
    desk = make_desk(tmp_path_factory.mktemp("desk"))
    fls = (desk / "boilerplate" / "fls" / "v1.md").read_text()
    draft = fls.replace("version: 1", "version: 2").replace("status: approved", "status: draft")
    (desk / "boilerplate" / "fls" / "v2.md").write_text(draft.replace(
        "effective: 2025-01-01", "effective: 2030-01-01"))  # in effect after every case
    (desk / "boilerplate" / "bio").mkdir()
    (desk / "boilerplate" / "bio" / "v1.md").write_text(
        "---\nid: bio\ntitle: Elena Marsh\nversion: 1\neffective: 2025-01-01\n"
        "status: approved\n---\nElena Marsh leads Corvane.\n")
    profile = (desk / "companies" / "corvane.yaml").read_text()
    (desk / "companies" / "halden.yaml").write_text(profile.replace("id: corvane", "id: halden"))
    return desk


def trips(desk: Path, tmp_path: Path, case, name: str) -> dict[str, str]:
    if case == "no lock":
        desk = make_desk(tmp_path / "unlocked", lock=False)
        case = spec()
    elif case == "unsigned":  # approved and locked, its signature file gone
        desk = make_desk(tmp_path / "unsigned")
        (desk / "boilerplate" / "fls" / "v1.md.sig").unlink()
        case = spec()
    elif case == "no signers":
        desk = make_desk(tmp_path / "no-signers")
        (desk / "boilerplate" / "allowed_signers").unlink()
        case = spec()
    elif case in ("newer draft", "newer draft, pinned"):  # fls@2 drafted, in effect
        desk = make_desk(tmp_path / "drafted")
        fls = (desk / "boilerplate" / "fls" / "v1.md").read_text()
        (desk / "boilerplate" / "fls" / "v2.md").write_text(
            fls.replace("version: 1", "version: 2").replace("status: approved", "status: draft"))
        case = spec() if case == "newer draft" else \
            spec(boilerplate=["about", {"fls@1": {"subject": "the event"}}])
    elif case == "no exchange":  # the company's profile lacks its exchange
        desk = make_desk(tmp_path / "no-exchange")
        profile = desk / "companies" / "corvane.yaml"
        profile.write_text(profile.read_text().replace("exchange: Nasdaq\n", ""))
        case = spec()
    elif isinstance(case, tuple) and case[0] == "about text":  # about@3, approved, no company
        desk = approved_about(tmp_path / "about", case[1])
        case = spec(boilerplate=["about@3", {"fls": {"subject": "the event"}}])
    elif case in ("misdated", "dated"):  # the spec's file named for a date
        name = ("2026-03-05-" if case == "misdated" else "2026-03-02-") + name
        case = spec()
    return rules_found(write_spec(desk, case, name))


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_trips(desk, tmp_path, rule):
    found = trips(desk, tmp_path, CASES[rule][0], f"trip-{rule}.yaml")
    # Each case breaks one rule only (a non-GAAP release without a table breaks two).
    assert set(found) - {"non-gaap-reconciliation"} == {rule} or found == {rule: found[rule]}


def test_the_base_release_is_clean(desk):
    assert rules_found(write_spec(desk, spec(), "base.yaml")) == {}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes(desk, tmp_path, rule):
    passing = CASES[rule][1]
    found = trips(desk, tmp_path, passing, f"pass-{rule}.yaml")
    assert rule not in found, found


def test_a_table_in_the_body_also_reconciles(desk):
    """A reconciliation table may stand in the body as well as in the appendix."""
    path = write_spec(desk, CASES["non-gaap-reconciliation"][0], "table.yaml")
    loaded, doc, before = judged(path)
    assert "non-gaap-reconciliation" in {f.rule for f in before}
    cells = (Cell((Span("Non-GAAP operating expenses"),)), Cell((Span("$40.1"),), "currency"))
    table = Table("Reconciliation of GAAP to Non-GAAP Operating Expenses", None, (),
                  (Row(cells),))
    after = findings(loaded, with_blocks(doc, (*doc.body, table)))
    assert "non-gaap-reconciliation" not in {f.rule for f in after}


def test_non_gaap_in_the_headline_needs_its_gaap_measure(desk):
    data = spec(**{**EARNINGS, "headline": "Corvane Reports Adjusted EBITDA of $5 Million"},
                body=GAAP_FIRST, boilerplate=NON_GAAP_BLOCKS)
    messages = [f.message for f in judged(write_spec(desk, data, "headline.yaml"))[2]
                if f.rule == "non-gaap-prominence"]
    assert messages == ["a non-GAAP measure in the headline without its GAAP measure"]


def test_bold_non_gaap_needs_bold_gaap(desk):
    body = ["Net loss was $41.7 million. **Non-GAAP operating expenses** were $40.1 million."]
    data = spec(**EARNINGS, body=body, boilerplate=NON_GAAP_BLOCKS)
    messages = [f.message for f in judged(write_spec(desk, data, "bold.yaml"))[2]
                if f.rule == "non-gaap-prominence"]
    assert messages == ["a non-GAAP measure is set in bold and no GAAP measure is"]


def test_findings_are_located_with_rule_severity_and_hint(desk):
    path = write_spec(desk, CASES["exclamation"][0], "located.yaml")
    (finding,) = [f for f in judged(path)[2] if f.rule == "exclamation"]
    line = path.read_text().splitlines().index("body:") + 2
    assert (finding.file, finding.line, finding.severity) == (path, line, "warning")
    assert finding.hint and str(finding).startswith(f"{path}:{line}: warning: ")


def test_required_rules_are_warnings_in_drafts_and_errors_when_final(desk):
    path = write_spec(desk, CASES["contacts"][0], "final.yaml")
    assert rules_found(path)["contacts"] == "warning"
    assert rules_found(path, final=True)["contacts"] == "error"


def test_placeholders_in_blocks_are_found_with_their_line(desk, tmp_path):
    desk = make_desk(tmp_path / "desk")
    block = desk / "boilerplate" / "about" / "v1.md"
    block.write_text(block.read_text().replace("For more information", "XX For more information"))
    (desk / "boilerplate" / "blocks.lock").unlink()
    found = [f for f in judged(write_spec(desk, spec()))[2] if f.rule == "placeholder"]
    assert [(f.file, f.line) for f in found] == [(block, 12)]


def test_ticker_is_not_a_placeholder(desk):
    data = spec(body=["Corvane (Nasdaq: TK) trades as TK."])
    profile = desk / "companies" / "tk.yaml"
    profile.write_text((desk / "companies" / "corvane.yaml").read_text()
                       .replace("id: corvane", "id: tk").replace("ticker: CRVN", "ticker: TK"))
    assert "placeholder" not in rules_found(write_spec(desk, {**data, "company": "tk"}, "tk.yaml"))


def test_multi_paragraph_quote_must_close_at_its_end(desk):
    data = spec(body=["“We are pleased with the data.", "We look forward to the study."])
    assert "quotes-balanced" in rules_found(write_spec(desk, data, "open.yaml"))


def test_ap_months_depend_on_the_wire(desk):
    body = ["Enrollment began on January 5, 2026."]
    assert "ap-months" not in rules_found(write_spec(desk, spec(body=body, wire="none"), "a.yaml"))
    for wrong in ["Enrollment began on Mar. 5, 2026.", "Enrollment began on March 5th, 2026.",
                  "Enrollment began in Jan. 2026."]:
        found = rules_found(write_spec(desk, spec(body=[wrong], wire="none"), "b.yaml"))
        assert "ap-months" in found, wrong


def test_foreign_region_codes_in_wire_datelines(desk):
    cities = {"cities": ["Cambridge, MA", "Basel, CH"], "date": "2026-03-02"}
    assert "dateline" in rules_found(write_spec(desk, spec(dateline=cities), "d.yaml"))
    company_copy = spec(dateline=cities, wire="none")
    assert "dateline" not in rules_found(write_spec(desk, company_copy, "e.yaml"))

