"""Measure cold starts of the commands that do not render: each run is a new process.

validate and check must answer in under 0.3 s (issues 2 and 5); none of them may
import a renderer's heavy libraries.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
# The reference releases in ../shared, when present: two pass, 2020-02-28 has errors.
REFERENCE = next((sorted(str(p) for p in (d / "shared/reference/cbmg/releases").glob("*.yaml"))
                  for d in ROOT.parents if (d / "shared/reference").is_dir()), [])
HEAVY = ("weasyprint", "docxtpl", "docx", "lxml")
PROBE = ("import sys; from prauthor.cli import main; main(sys.argv[1:]); "
         f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), "
         "file=sys.stderr)")


# A cold start is a new process with Python's bytecode cache in place, as an installed
# prauthor has it (pip compiles it). PYTHONDONTWRITEBYTECODE would make every run
# compile prauthor's modules again, so the untimed first round writes the cache.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def cold(cases: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Time `python -m prauthor ARGS` in fresh processes, `runs` rounds of every case.

    Rounds interleave the cases, so that a busy moment of the machine slows all of
    them alike rather than one.
    """
    times: dict[str, list[float]] = {label: [] for label in cases}
    for round_number in range(runs + 1):
        for label, args in cases.items():
            start = time.perf_counter()
            # check exits 1 when it finds errors; that is an answer, not a failure
            done = subprocess.run([sys.executable, "-m", "prauthor", *args], capture_output=True,
                                  env=ENV)
            if round_number:
                times[label].append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"prauthor {' '.join(args)} failed:\n{done.stderr.decode()}")
    return times


def heavy_imports(args: list[str]) -> str:
    """Return which heavy libraries a command imports."""
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    return run.stderr.strip().splitlines()[-1]


def cases() -> dict[str, list[str]]:
    """Return the commands to time, by label."""
    found = {"python -m prauthor --version": ["--version"],
             "validate one example": ["validate", EXAMPLES[0]],
             "validate every example": ["validate", *EXAMPLES],
             "check one example": ["check", EXAMPLES[0]],
             "check every example": ["check", *EXAMPLES],
             "check --final every example": ["check", "--final", *EXAMPLES],
             "check --format json, examples": ["check", "--format", "json", *EXAMPLES]}
    if REFERENCE:
        found["check reference releases"] = ["check", *REFERENCE]
    found["schema"] = ["schema"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    table = cases()
    times = cold(table, runs)
    print(f"{'command (cold start)':32} {'median s':>9} {'min s':>7}  {'target':>7}  heavy imports")
    for label, args in table.items():
        target = "< 0.30" if label.startswith(("validate", "check")) else ""
        heavy = heavy_imports(args) if args != ["--version"] else ""
        print(f"{label:32} {statistics.median(times[label]):9.3f} {min(times[label]):7.3f}  "
              f"{target:>7}  {heavy}")


if __name__ == "__main__":
    main()
