"""Time a 40-row table with six figure columns through resolve and every output format.

Run: .venv/bin/python benchmarks/bench_tables.py [--runs N]

The release holds one table (labels plus six figure columns, two header rows with a
span, sections, indents and totals); the target is under 1 s for resolving it and
rendering it to every format prauthor has, warm (renderer imports excluded).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS, COLUMNS, TARGET = 40, 6, 1.0

SPEC = """\
type: earnings
company: corvane
headline: Corvane Reports Six Years of Results
dateline: {{cities: [Cambridge, MA], date: 2026-02-26}}
lead: today reported six years of results.
body:
  - Six years of results follow.
  - event: {{date: 2026-02-26, time: "4:30 p.m.", zone: America/New_York,
             webcast: "https://investors.corvane.example/events"}}
  - table:
      title: Six-Year Summary of Operations
      units: in thousands, except per share data
      columns: [label{kinds}]
      header:
        - ["", {{text: Year Ended December 31, span: {columns}}}]
        - ["", {years}]
      rows:
{rows}
"""


def row_lines(rows: int, columns: int) -> list[str]:
    """Return `rows` YAML table rows: sections of nine items closed by a total."""
    lines = []
    for number in range(rows):
        figures = ", ".join(str((number + 1) * 1009 * (c + 3) - 50000 * (number % 7 == 3))
                            for c in range(columns))
        if number % 10 == 0:
            lines.append(f'        - section: "Segment {number // 10 + 1}:"')
        elif number % 10 == 9:
            lines.append(f'        - total: ["    Total segment {number // 10 + 1}", {figures}]')
        else:
            lines.append(f'        - ["  Line item {number} of the segment", {figures}]')
    return lines


def write_spec(folder: Path, rows: int = ROWS, columns: int = COLUMNS) -> Path:
    """Write the benchmark release and return its path."""
    path = folder / "bench-table.yaml"
    path.write_text(SPEC.format(
        kinds=", currency" * columns, columns=columns,
        years=", ".join(str(2025 - c) for c in range(columns)),
        rows="\n".join(row_lines(rows, columns))), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is shown")
    runs = parser.parse_args().runs
    from prauthor.load import load
    from prauthor.render import Options, applies, default_formats, render, renderer
    from prauthor.resolve import resolve

    with tempfile.TemporaryDirectory() as folder:
        spec = write_spec(Path(folder))
        doc = resolve(load(spec))
        names = [name for name in default_formats() if applies(doc, name)]
        for name in names:  # import each renderer and warm it once
            renderer(name)
            render(doc, name, Options())
        times: dict[str, list[float]] = {"resolve": [], **{name: [] for name in names}}
        for _ in range(runs):
            start = time.perf_counter()
            doc = resolve(load(spec))
            times["resolve"].append(time.perf_counter() - start)
            for name in names:
                start = time.perf_counter()
                render(doc, name, Options())
                times[name].append(time.perf_counter() - start)
        cold = statistics.median(cold_render(spec, Path(folder)) for _ in range(3))
    medians = {step: statistics.median(values) for step, values in times.items()}
    total = sum(medians.values())
    print(f"{ROWS}-row table, labels + {COLUMNS} figure columns, median of {runs} runs")
    for step, seconds in medians.items():
        print(f"  {step:10} {seconds * 1000:8.1f} ms")
    verdict = "met" if total < TARGET else "NOT MET"
    print(f"  {'total':10} {total * 1000:8.1f} ms   target < {TARGET * 1000:.0f} ms: {verdict}")
    print(f"  {'cold':10} {cold * 1000:8.1f} ms   (prauthor render in a new process, imports "
          "and writing included)")
    sys.exit(0 if total < TARGET else 1)


def cold_render(spec: Path, folder: Path) -> float:
    """Return the wall time of `prauthor render SPEC` to every format in a new process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "prauthor", "render", str(spec), "--out",
                    str(folder / "out")], check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
