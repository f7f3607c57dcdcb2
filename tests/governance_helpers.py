"""Build small desks and specs for the governance tests."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

from conftest import ROOT
from prauthor.governance.check import findings
from prauthor.load import load
from prauthor.resolve import resolve

# A release that passes every rule: each test changes one thing.
BASE = {
    "type": "event",
    "company": "corvane",
    "wire": "prnewswire",
    "headline": "Corvane Therapeutics to Host Virtual R&D Day on March 18, 2026",
    "dateline": {"cities": ["Cambridge, MA"], "date": "2026-03-02"},
    "lead": "today announced that it will host a virtual R&D Day at 10:00 a.m. ET on "
            "Wednesday, March 18, 2026.",
    "body": ["The event will review the Phase 2 results of CRV-201."],
    "boilerplate": ["about", {"fls": {"subject": "the event"}}],
    "contacts": ["investors"],
}
LEGENDS = [{"legend-additional-information": {"proxy_filed_on": "August 24, 2026"}},
           {"legend-participants": {"annual_proxy_filed_on": "April 22, 2026"}}]


def make_desk(folder: Path, lock: bool = True) -> Path:
    """Copy the sample desk (profiles and blocks) into `folder`."""
    shutil.copytree(ROOT / "boilerplate", folder / "boilerplate")
    shutil.copytree(ROOT / "examples" / "companies", folder / "companies")
    (folder / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n')
    (folder / "releases").mkdir()
    if not lock:
        (folder / "boilerplate" / "blocks.lock").unlink()
    return folder


def spec(**changes) -> dict:
    """Return BASE with top-level fields replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def write_spec(desk: Path, data: dict, name: str = "release.yaml") -> Path:
    """Write a spec into the desk's releases folder."""
    path = desk / "releases" / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def judged(path: Path, final: bool = False):
    """Return (loaded, document, findings) of a spec."""
    loaded = load(path)
    doc = resolve(loaded)
    return loaded, doc, findings(loaded, doc, final)


def rules_found(path: Path, final: bool = False) -> dict[str, str]:
    """Return {rule: severity} of a spec's findings (the most severe per rule)."""
    found: dict[str, str] = {}
    for finding in judged(path, final)[2]:
        if found.get(finding.rule) != "error":
            found[finding.rule] = finding.severity
    return found


def approver_key(desk: Path, principal: str = "counsel@corvane.example",
                 allowed: bool = True) -> Path:
    """Make a throwaway SSH key in the desk's folder; name it an approver when `allowed`."""
    import subprocess

    key = desk / f"key-{principal.split('@')[0]}"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f",
                    str(key)], check=True)
    if allowed:
        public = " ".join(key.with_suffix(".pub").read_text().split()[:2])
        with (desk / "boilerplate" / "allowed_signers").open("a") as signers:
            signers.write(f"{principal} {public}\n")
    return key


def approved_about(folder: Path, text: str) -> Path:
    """Make a desk whose about@3, naming no company, says `text`, approved and signed."""
    import datetime as dt

    from prauthor.governance.blockops import approve
    from prauthor.library import Library
    from prauthor.save import write_all

    desk = make_desk(folder)
    (desk / "boilerplate" / "about" / "v3.md").write_text(
        "---\nid: about\ntitle: About Us\nversion: 3\neffective: 2025-06-01\n"
        f"status: draft\nprovides: [about]\n---\n{text}\n")
    write_all(approve(Library(desk / "boilerplate"), "about@3", "Legal", dt.date(2025, 6, 1),
                      approver_key(desk)))
    return desk
