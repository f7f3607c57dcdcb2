"""Time prauthor rendering one release to every format against WeasyPrint alone on its HTML.

Both are measured side by side in one process, warm, alternating, several times; the
table gives medians. prauthor's time covers loading and resolving the spec and rendering
every registered format in memory (no file is written). WeasyPrint's time is one
HTML(...).write_pdf() of the same page with the same packaged fonts, loaded once as
prauthor loads them: the floor that the PDF itself costs. The target is a ratio of at most 1.25.

    .venv/bin/python benchmarks/bench_render.py [SPEC] [--repeats N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.25


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path,
                        default=ROOT / "examples" / "2026-02-26-q4-fy2025-results.yaml")
    parser.add_argument("--repeats", type=int, default=25)
    args = parser.parse_args(argv)

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from prauthor.pipeline import render_all, resolve_all, with_desk
    from prauthor.render import Options, default_formats, render
    from prauthor.render.html import page
    from prauthor.render.pdf import base_url, font_faces

    formats = default_formats()
    options = with_desk(Options(), args.spec)
    doc = resolve_all([args.spec])[0][1]
    html = page(doc, options)

    def prauthor_all() -> None:
        render_all(resolve_all([args.spec]), formats, Options())

    # WeasyPrint at its best: the fonts loaded once, as prauthor loads them once a process.
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=font_faces(), font_config=fonts)

    def weasyprint_alone() -> None:
        weasyprint.HTML(string=html, base_url=base_url(options)).write_pdf(
            stylesheets=[css], font_config=fonts)

    def one_format(name: str):
        return lambda: render(doc, name, options)

    timers = {"prauthor, every format": prauthor_all, "weasyprint alone": weasyprint_alone}
    timers |= {f"  of which {name}": one_format(name) for name in formats}
    samples: dict[str, list[float]] = {label: [] for label in timers}
    for timer in timers.values():  # warm up: imports, caches, fonts
        timer()
    for _ in range(args.repeats):
        for label, timer in timers.items():
            gc.collect()  # so that one side does not pay for the other's garbage
            start = time.perf_counter()
            timer()
            samples[label].append(time.perf_counter() - start)

    medians = {label: statistics.median(times) for label, times in samples.items()}
    # Each prauthor run is paired with the WeasyPrint run right after it, so that a
    # busy moment on the machine weighs on both sides of a ratio.
    ratio = statistics.median(ours / theirs for ours, theirs in zip(
        samples["prauthor, every format"], samples["weasyprint alone"], strict=True))
    print(f"{args.spec.name}: formats {', '.join(formats)}; median of {args.repeats} warm runs")
    print(f"{'measure':<28}{'median':>10}{'min':>10}{'max':>10}")
    for label, times in samples.items():
        print(f"{label:<28}{medians[label] * 1000:>8.1f}ms{min(times) * 1000:>8.1f}ms"
              f"{max(times) * 1000:>8.1f}ms")
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"{'ratio (median of pairs)':<28}{ratio:>10.3f}  ({verdict} the {TARGET} target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
