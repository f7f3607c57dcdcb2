"""Name every rule `prauthor check` knows, with its default severity.

Severities: "error", "warning", "required" (a warning in drafts, an error with
--final) and "off". Release policies (policies.toml) change them per release type;
rules that guard approved text cannot be silenced or switched off.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    """One rule: its id, default severity, what it checks, and whether it may be silenced."""

    id: str
    severity: str
    about: str
    silenceable: bool = True


SEVERITIES = ("error", "warning", "required", "off")

_RULES = [
    # Approved text (governance): not silenceable.
    Rule("lock-missing", "required", "the block library has no lock file", False),
    Rule("block-draft", "required", "a draft block version is used", False),
    Rule("block-unapproved", "required",
         "a block is approved without approver or date, or is not in the lock file", False),
    Rule("signers-missing", "warning",
         "the block library names no approvers (allowed_signers): approvals are unsigned",
         False),
    Rule("block-signature", "required",
         "an approved block lacks a valid signature by an approver the desk names", False),
    Rule("block-company", "required",
         "a block that names its company prints only in that company's releases", False),
    Rule("block-listing", "warning",
         "an About block prints a listing that is none of the release's companies'"),
    Rule("block-newer-draft", "warning",
         "an approved block prints while a newer draft version of it awaits approval"),
    Rule("placeholder", "required",
         "placeholder text is left: <<...>>, TBD, TK, XX, [ ], lorem ipsum", False),
    # Release policies (wire-and-legal.md, section 4): policies.toml turns them on per type.
    Rule("safe-harbor", "off", "forward-looking language needs a safe-harbor block"),
    Rule("proxy-legends", "off",
         "a transaction with a shareholder vote needs both Rule 14a-12 legends"),
    Rule("going-private", "off", "the PSLRA safe harbor does not cover going-private deals"),
    Rule("offering-legend", "off", "an offering needs a not-an-offer legend"),
    Rule("non-gaap-reconciliation", "off", "a non-GAAP measure needs a reconciliation table"),
    Rule("non-gaap-legend", "off", "a non-GAAP measure needs the non-GAAP legend block"),
    Rule("non-gaap-prominence", "off",
         "the GAAP measure is no less prominent than the non-GAAP one"),
    Rule("contacts", "off", "the release has contacts"),
    Rule("about", "off", "the release has an About block"),
    Rule("ticker", "off", "(Exchange: TICKER) follows the company's first mention"),
    Rule("event-dates", "error", "a call is not before its release, its replay not before "
         "it, the embargo lifts before it"),
    Rule("thousands-separator", "warning", "a figure written 97.220 among whole figures "
         "(a European thousands separator) is read as three decimals"),
    # Style (AP and wire practice, sections 2, 3 and 6 of the guide).
    Rule("dateline", "warning", "dateline cities take the form the wire prints"),
    Rule("ap-months", "warning", "dates in the body use AP months"),
    Rule("state-names", "warning", "state names are spelled out in the body"),
    Rule("attribution", "warning", "quotes are attributed with 'said'"),
    Rule("title-case", "warning", "a title after a name is lowercase"),
    Rule("headline-length", "warning", "the headline fits in 100 characters"),
    Rule("exclamation", "warning", "no exclamation marks"),
    Rule("all-caps", "warning", "no words in capitals for emphasis outside legends"),
    Rule("quotes-balanced", "error", "quotation marks are balanced"),
    Rule("defined-term", "warning", "a defined term is not used before it is defined"),
    Rule("future-date", "warning", "no date in the body after the release date"),
    Rule("weekday", "error", "a weekday agrees with its date"),
    Rule("zone-season", "warning", "a time is not written EST in summer or EDT in winter"),
    Rule("file-date", "warning", "a spec file named for a date has its dateline's date"),
]
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
