#!/usr/bin/env python3
"""Measure `prauthor check` on a labelled set: false errors and misses, per rule.

The labelled set: releases that are right (the examples, the reference desk and the
house-style desks of ../shared/reference), each judged as a final release; and, for each
legal block one of them carries (safe harbor, About, the two Rule 14a-12 legends, the
non-GAAP legend, the offering legend), a copy of that release with the block removed; for
each reconciliation table, a copy without it; and a copy of each release in a file named
for the day after its dateline's date.

- a false error is an error `check --final` reports on a release that is right;
- a miss is a removed block or table whose rule reports nothing (at any severity), or a
  misdated file that `file-date` does not report.

Each desk is copied and locked first, so that a reference desk without a lock file is
judged on its releases rather than on its library. Prints a Markdown table; exits 1
when any false error or miss is found.

    .venv/bin/python scripts/labelled_checks.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from prauthor.desk import desk_root, open_desk
from prauthor.errors import PrauthorError
from prauthor.governance.blockops import lock
from prauthor.governance.check import findings
from prauthor.governance.kinds import kinds_of
from prauthor.governance.lint.dates import FILE_DATE
from prauthor.governance.rules import RULES
from prauthor.library import Library
from prauthor.pipeline import resolve_loaded
from prauthor.save import write_all

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or beside a folder above it.
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "reference").is_dir()),
              ROOT.parent / "shared")
# The rule that must speak when a block of this kind is taken out of a release.
RULE_OF_KIND = {
    "safe-harbor": "safe-harbor",
    "about": "about",
    "legend-14a12-additional-information": "proxy-legends",
    "legend-14a12-participants": "proxy-legends",
    "non-gaap": "non-gaap-legend",
    "offering-legend": "offering-legend",
}


# The labels: what a reader who knows the rules says of some releases of the set.
# A release left incomplete on purpose, with the errors it deserves.
INCOMPLETE = {
    "2020-02-28-fy2019-results.yaml": ({"safe-harbor", "about", "contacts"},
                                       "the seed stops at its highlights heading: no "
                                       "boilerplate and no contacts, and it says 'will'"),
}
# Blocks a release carries that nothing in it requires: removing them is no miss.
NOT_REQUIRED = {
    ("2025-11-13-q3-results.yaml", "fls"): "every sentence reports the past quarter; there "
                                           "is no forward-looking statement to protect",
}


def labelled_specs(shared: Path) -> list[Path]:
    """Return the releases that are right: examples, reference desk, house-style desks."""
    found = sorted((ROOT / "examples").glob("*.yaml"))
    found += sorted((shared / "reference" / "cbmg" / "releases").glob("*.yaml"))
    found += sorted((shared / "reference" / "styles").glob("*/releases/*.yaml"))
    return found


def copied_desk(spec: Path, into: Path) -> Path:
    """Copy a spec's desk (or, for the examples, this repository's sample desk) and lock it."""
    spec = spec.resolve()
    source = desk_root(spec.parent)
    target = into / f"{source.name}-{len(list(into.iterdir()))}"
    ignore = shutil.ignore_patterns("out", ".git", ".venv", "node_modules", "tests",
                                    "benchmarks", "src", "__pycache__")
    shutil.copytree(source, target, ignore=ignore)
    library = Library(open_desk(target).boilerplate_path)
    if library.root.is_dir():
        files, _ = lock(library)
        write_all(files)
    return target / spec.relative_to(source)


def judge(spec: Path) -> list:
    """Return the --final findings of one spec."""
    (loaded, doc), = resolve_loaded([spec])
    return findings(loaded, doc, final=True)


def without_block(spec: Path, index: int, name: str) -> Path:
    """Write a copy of the spec beside it with its index-th boilerplate entry removed."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    del data["boilerplate"][index]
    path = spec.with_name(f"{spec.stem}--without-{name}.yaml")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def without_tables(spec: Path) -> list[tuple[str, Path]]:
    """Write a copy of the spec without each reconciliation table it holds (a table whose
    title speaks of a reconciliation or of non-GAAP measures)."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    copies = []
    for field in ("body", "appendix"):
        for index, item in enumerate(data.get(field) or []):
            title = str((item.get("table") or {}).get("title", "")) if isinstance(item, dict) \
                else ""
            if "reconcil" in title.lower() or "non-gaap" in title.lower():
                changed = yaml.safe_load(spec.read_text(encoding="utf-8"))
                del changed[field][index]
                path = spec.with_name(f"{spec.stem}--without-{field}-{index}.yaml")
                path.write_text(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True),
                                encoding="utf-8")
                copies.append((title, path))
    return copies


def misdated(spec: Path, date: dt.date) -> Path:
    """Write a copy of the spec beside it, named for the day after its dateline's date."""
    rest = FILE_DATE.sub("", spec.name).lstrip("-")
    path = spec.with_name(f"{date + dt.timedelta(days=1)}-{rest}")
    path.write_bytes(spec.read_bytes())
    return path


def measure(shared: Path) -> tuple[dict[str, Counter], list[str]]:
    """Return, per rule, releases judged, false errors, removals and misses; and notes."""
    table: dict[str, Counter] = {rule: Counter() for rule in RULES}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="prauthor-labelled-") as folder:
        for original in labelled_specs(shared):
            spec = copied_desk(original, Path(folder))
            try:
                found = judge(spec)
                (_, doc), = resolve_loaded([spec])
            except PrauthorError as error:
                notes.append(f"{original.name}: cannot be judged: {error}")
                continue
            deserved = INCOMPLETE.get(original.name, (set(), ""))[0]
            for rule in table:
                table[rule]["releases"] += 1
            for finding in found:
                if finding.severity == "error" and finding.rule not in deserved:
                    table[finding.rule]["false errors"] += 1
                    notes.append(f"{original.name}: false error: {finding}")
            for rule in deserved - {f.rule for f in found if f.severity == "error"}:
                table[rule]["misses"] += 1
                notes.append(f"{original.name}: {rule} did not report what it lacks")
            for index, section in enumerate(doc.sections):
                for kind in sorted(kinds_of(section) & RULE_OF_KIND.keys()):
                    rule = RULE_OF_KIND[kind]
                    if (original.name, section.block_id) in NOT_REQUIRED:
                        table[rule]["not required"] += 1
                        continue
                    table[rule]["removals"] += 1
                    removed = without_block(spec, index, section.block_id)
                    try:
                        reported = {f.rule for f in judge(removed)}
                    except PrauthorError as error:
                        reported = set()
                        notes.append(f"{original.name} without {section.block_id}: {error}")
                    if rule not in reported:
                        table[rule]["misses"] += 1
                        notes.append(f"{original.name} without {section.block_id}: "
                                     f"{rule} did not report it")
            for title, removed in without_tables(spec):
                table["non-gaap-reconciliation"]["removals"] += 1
                if "non-gaap-reconciliation" not in {f.rule for f in judge(removed)}:
                    table["non-gaap-reconciliation"]["misses"] += 1
                    notes.append(f"{original.name} without its table '{title}': "
                                 "non-gaap-reconciliation did not report it")
            table["file-date"]["removals"] += 1
            if "file-date" not in {f.rule for f in judge(misdated(spec, doc.meta.date))}:
                table["file-date"]["misses"] += 1
                notes.append(f"{original.name} misdated: file-date did not report it")
    return table, notes


def markdown(table: dict[str, Counter]) -> str:
    """Write the table as Markdown."""
    lines = ["| rule | releases judged | false errors | required parts removed (files "
             "misdated) | misses |",
             "|---|---|---|---|---|"]
    for rule, counts in table.items():
        removed = str(counts["removals"]) if counts["removals"] else "-"
        if counts["not required"]:
            removed += f" (and {counts['not required']} not required)"
        lines.append(f"| `{rule}` | {counts['releases']} | {counts['false errors']} | "
                     f"{removed} | {counts['misses']} |")
    total = Counter()
    for counts in table.values():
        total.update(counts)
    lines.append(f"| all | | {total['false errors']} | {total['removals']} | "
                 f"{total['misses']} |")
    return "\n".join(lines)


def main() -> int:
    """Print the table and what went wrong; exit 1 on any false error or miss."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED,
                        help="the shared fixtures folder (default: ../shared)")
    args = parser.parse_args()
    if not (args.shared / "reference").is_dir():
        print(f"no reference fixtures at {args.shared}/reference", file=sys.stderr)
        return 2
    table, notes = measure(args.shared)
    print(markdown(table))
    for note in notes:
        print(note, file=sys.stderr)
    bad = sum(c["false errors"] + c["misses"] for c in table.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
