"""Measure cold starts of the commands that do not render: each run is a new process.

validate and check must answer in under 0.3 s (issues 2 and 5); none of them may
import a renderer's heavy libraries.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
HEAVY = ("weasyprint", "docxtpl", "docx", "lxml")
PROBE = ("import sys; from prauthor.cli import main; main(sys.argv[1:]); "
         f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), "
         "file=sys.stderr)")


def cold(args: list[str], runs: int) -> float:
    """Return the median wall time of `python -m prauthor ARGS` in fresh processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        # check exits 1 when it finds errors; that is an answer, not a failure
        done = subprocess.run([sys.executable, "-m", "prauthor", *args], capture_output=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"prauthor {' '.join(args)} failed:\n{done.stderr.decode()}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heavy_imports(args: list[str]) -> str:
    """Return which heavy libraries a command imports."""
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    return run.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    baseline = cold(["--version"], runs)
    rows = [("python -m prauthor --version", baseline, "")]
    for label, args in [("validate one example", ["validate", EXAMPLES[0]]),
                        ("validate every example", ["validate", *EXAMPLES]),
                        ("check one example", ["check", EXAMPLES[0]]),
                        ("check every example", ["check", *EXAMPLES]),
                        ("check --final every example", ["check", "--final", *EXAMPLES]),
                        ("check --format json, examples", ["check", "--format", "json",
                                                           *EXAMPLES]),
                        ("schema", ["schema"])]:
        rows.append((label, cold(args, runs), heavy_imports(args)))
    print(f"{'command (cold start)':32} {'median s':>9}  {'target':>7}  heavy imports")
    for label, seconds, heavy in rows:
        target = "< 0.30" if label.startswith(("validate", "check")) else ""
        print(f"{label:32} {seconds:9.3f}  {target:>7}  {heavy}")


if __name__ == "__main__":
    main()
