"""Time `prauthor preview` from a saved spec to the new HTML page in a browser, against a
warm in-process render of the same release to every format.

A preview server runs on a copy of the example's desk; headless Chromium (the system's,
driven by Playwright) shows it. Each round saves the spec with a new headline and times
until the page in the browser shows it; the round then waits for the PDF's pages too, so
that nothing runs in the background, and times one warm render to every format (load,
resolve, newswire text, DOCX, HTML, PDF; in this process, renderers loaded) of the spec
just saved. The rounds alternate the two, so a busy moment slows both alike. Target: the
median preview latency at most 1.3 times the median warm render.

    .venv/bin/python benchmarks/bench_preview.py [SPEC] [--edits N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
TARGET = 1.3


def desk_copy(work: Path, spec: Path) -> Path:
    """Copy the sample desk and the spec into `work`; return the copied spec."""
    shutil.copytree(ROOT / "boilerplate", work / "boilerplate")
    shutil.copytree(ROOT / "examples" / "companies", work / "companies")
    (work / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n')
    (work / "releases").mkdir()
    return Path(shutil.copy(spec, work / "releases" / spec.name))


def measure(spec: Path, edits: int) -> tuple[list[float], list[float]]:
    """Return the preview latencies and the warm render times, round by round."""
    from prauthor.pipeline import render_all, resolve_all
    from prauthor.render import FORMATS, Options
    from preview_helpers import HEADLINE_IN_PAGE, chromium_page, preview_server

    original = spec.read_text(encoding="utf-8")
    headline = re.search(r"^headline: (.+)$", original, re.M).group(1)
    formats = [name for name in FORMATS if name != "ics"]

    def warm_render() -> float:
        start = time.perf_counter()
        render_all(resolve_all([spec]), formats, Options())
        return time.perf_counter() - start

    warm_render()  # load every renderer once, as the preview has
    previews, warms = [], []
    with preview_server(spec) as (url, _), chromium_page() as page:
        page.goto(url)
        page.wait_for_function(HEADLINE_IN_PAGE, arg=headline, timeout=120_000)
        for number in range(edits + 1):
            new = f"{headline} (revision {number})"
            pdf = page.evaluate("Number(document.body.dataset.pdfVersion || 0)")
            start = time.perf_counter()
            spec.write_text(original.replace(headline, new), encoding="utf-8")
            page.wait_for_function(HEADLINE_IN_PAGE, arg=new, timeout=120_000)
            latency = time.perf_counter() - start
            page.wait_for_function(f"Number(document.body.dataset.pdfVersion) > {pdf}",
                                   timeout=120_000)
            warm = warm_render()
            if number:  # the first round warms the browser's side
                previews.append(latency)
                warms.append(warm)
    return previews, warms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path,
                        default=ROOT / "examples" / "2026-02-26-q4-fy2025-results.yaml")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        previews, warms = measure(desk_copy(Path(folder), args.spec), args.edits)
    preview, warm = statistics.median(previews), statistics.median(warms)
    ratio = preview / warm
    print(f"{'measure':58} {'value':>14} {'target':>10}")
    print(f"{'saved spec to HTML in the browser, median of ' + str(len(previews)):58} "
          f"{preview * 1000:>11.0f} ms")
    print(f"{'warm render to every format in one process, median':58} {warm * 1000:>11.0f} ms")
    print(f"{'preview / warm render':58} {ratio:>13.2f}x {'<= 1.30x':>10} "
          f"{'met' if ratio <= TARGET else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
