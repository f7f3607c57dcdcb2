"""prauthor's performance table: every figure is a ratio taken side by side in one run.

Run: .venv/bin/python benchmarks/bench_all.py [--quick]

(a) cold start: validate and check against importing their libraries, and render to
    every format against WeasyPrint's own command line on prauthor's page
(b) warm cost per release, per format
(c) every format together against WeasyPrint alone on the same HTML
(d) the peer baseline: pandoc turning the same release, as Markdown, into DOCX, HTML, PDF
(e) a build of 200 generated releases with one worker and with every core, per release
    against a warm single render, and a build of 3 with the default workers against one
(f) a release ten times longer, with 20 tables, against a normal one
(g) preview: a saved spec to the HTML in the browser, against a warm render
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PY = sys.executable


def interleaved(actions: dict, runs: int, cpu: dict | None = None) -> dict[str, float]:
    """Return each action's median wall time, the actions taking turns round by round so
    that a busy moment of the machine slows them all alike.

    `cpu`, when given, receives each action's median processor time in the processes it
    ran (user and system): what a busy machine cannot stretch.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    used: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            before = _children_cpu()
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
            used[name].append(_children_cpu() - before)
    if cpu is not None:
        cpu.update({name: statistics.median(found) for name, found in used.items()})
    return {name: statistics.median(found) for name, found in times.items()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_time(action, runs: int) -> float:
    """Return the median wall time of `action()` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli(*args, cwd: Path | None = None) -> None:
    subprocess.run([PY, "-m", "prauthor", *map(str, args)], check=True, capture_output=True,
                   cwd=cwd)


def formats() -> list[str]:
    from prauthor.render import default_formats

    return [name for name in default_formats() if name != "ics"]


def documents():
    from prauthor.load import load
    from prauthor.resolve import resolve

    return [resolve(load(spec)) for spec in EXAMPLES]


def row(label: str, value: str, target: str = "", verdict: str = "") -> None:
    print(f"{label:58} {value:>14} {target:>10} {verdict}")


def check(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def cold_start(runs: int, out: Path, work: Path) -> tuple[float, float]:
    """(a) Print the cold starts against their floors; return the render's and
    WeasyPrint's own command line's times."""
    floor_code = "import pydantic, yaml, typer"
    weasyprint = weasyprint_cli(work)
    cpu: dict[str, float] = {}
    medians = interleaved({
        "floor": lambda: subprocess.run([PY, "-c", floor_code], check=True),
        "validate": lambda: cli("validate", EXAMPLES[0]),
        "check": lambda: cli("check", EXAMPLES[0]),
        "render": lambda: cli("render", EXAMPLES[0], "--out", out),
        "weasyprint": lambda: subprocess.run(weasyprint, check=True, capture_output=True),
    }, runs, cpu)
    floor = medians["floor"]
    row("(a) importing pydantic, PyYAML and typer, cold (the floor)", f"{floor:.3f} s")
    for name in ("validate", "check"):
        ratio = medians[name] / floor
        row(f"(a) {name} one example, cold", f"{medians[name]:.3f} s")
        row(f"(a) {name}, cold / the floor", f"{ratio:.2f}x", "<= 1.60x", check(ratio <= 1.6))
    render, weasy = medians["render"], medians["weasyprint"]
    row("(a) render one example to every format, cold", f"{render:.3f} s")
    row("(a) WeasyPrint's own CLI on prauthor's page, cold", f"{weasy:.3f} s")
    row("(a) render cold / WeasyPrint's CLI cold", f"{render / weasy:.2f}x", "<= 1.10x",
        check(render / weasy <= 1.1))
    row("(a) processor time: validate / check / floor",
        f"{cpu['validate']:.2f}/{cpu['check']:.2f}/{cpu['floor']:.2f} s")
    row("(a) processor time: render (both processes) / WeasyPrint's CLI",
        f"{cpu['render']:.2f}/{cpu['weasyprint']:.2f} s")
    return render, weasy


def warm_per_format(runs: int) -> None:
    """(b) Print the warm cost of each format, per release."""
    from prauthor.render import Options, render

    docs = documents()
    for name in formats():
        render(docs[0], name, Options())
        cost = median_time(lambda n=name: [render(d, n, Options()) for d in docs], runs) / len(docs)
        row(f"(b) warm, per release: {name}", f"{cost * 1000:.1f} ms")


def against_weasyprint(runs: int) -> None:
    """(c) Compare every format together with WeasyPrint alone on the same HTML."""
    if "pdf" not in formats():
        row("(c) every format vs WeasyPrint alone", "n/a (no pdf format)")
        return
    import weasyprint

    from prauthor.pipeline import render_all, resolve_all, with_desk
    from prauthor.render import Options
    from prauthor.render.html import page
    from prauthor.render.pdf import base_url, packaged_fonts

    doc, options = documents()[0], with_desk(Options(), EXAMPLES[0])
    html = page(doc, options)
    fonts, css = packaged_fonts()  # loaded once a process, for WeasyPrint as for prauthor

    def weasyprint_alone() -> None:
        weasyprint.HTML(string=html, base_url=base_url(options)).write_pdf(
            stylesheets=[css], font_config=fonts)

    weasyprint_alone()
    weasy = median_time(weasyprint_alone, runs)
    def every_format() -> None:  # load and resolve the spec too, as a render does
        render_all(resolve_all([EXAMPLES[0]]), formats(), Options())

    every_format()
    every = median_time(every_format, runs)
    ratio = every / weasy
    row("(c) every format, warm / WeasyPrint alone", f"{ratio:.2f}x", "<= 1.25x",
        check(ratio <= 1.25))


def markdown(doc) -> str:
    """Write the release as Markdown, the input pandoc's baseline starts from: same text,
    same sections, the same tables as pipe tables."""
    return "\n\n".join(p for part in doc.parts for p in md_part(part) if p) + "\n"


def md_part(part) -> list[str]:
    """Write one part of the Document, in its reading order, as Markdown."""
    from prauthor.document import Body, Contacts, Headline, Lead, Section, plain

    if isinstance(part, Headline):
        return [f"# {part.text}", *(f"*{s}*" for s in part.subheadlines)]
    if isinstance(part, Lead):
        return [f"{part.dateline.text}{part.dateline.joiner}{plain(part.spans)}"]
    if isinstance(part, Section):
        return [f"## {part.title}", *(md_block(b) for b in part.blocks)]
    if isinstance(part, Body):
        return [md_block(b) for b in part.blocks]
    if isinstance(part, Contacts):
        return ["\\\n".join(card.text_lines()) for card in part.cards]
    return [getattr(part, "text", "")]  # a logo has no text


def md_block(block) -> str:
    """Write one Document block as Markdown."""
    from prauthor.document import (
        EventDetails,
        Heading,
        ListBlock,
        Marker,
        Paragraph,
        Quote,
        Table,
        plain,
    )

    if isinstance(block, Paragraph):
        return plain(block.spans)
    if isinstance(block, Heading):
        return f"### {plain(block.spans)}"
    if isinstance(block, Quote):
        return "\n\n".join(plain(p.spans) for p in block.paragraphs)
    if isinstance(block, ListBlock):
        return md_list(block, 0)
    if isinstance(block, Table):
        return md_table(block)
    if isinstance(block, EventDetails):
        return "\n".join(f"- {label}: {plain(value)}" for label, value in block.items)
    if isinstance(block, Marker):
        return f"**{block.text}**"
    return ""


def md_list(block, depth: int) -> str:
    from prauthor.document import plain

    lines = []
    for item in block.items:
        lines.append(f"{'    ' * depth}- {plain(item.spans)}")
        if item.children:
            lines.append(md_list(item.children, depth + 1))
    return "\n".join(lines)


def md_table(table) -> str:
    from prauthor.document import plain

    def cells(row):
        return [text for cell in row.cells for text in [plain(cell.spans)] * cell.colspan]

    header = cells(table.header[-1]) if table.header else [""] * len(cells(table.rows[0]))
    lines = [f"**{table.title or ''}** {table.units or ''}", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in table.rows]
    return "\n".join(lines)


def pandoc_baseline(runs: int, work: Path, ours: float, weasy: float) -> None:
    """(d) Compare a cold render with pandoc making DOCX, HTML and PDF from Markdown."""
    if not shutil.which("pandoc"):
        row("(d) pandoc baseline", "n/a (pandoc missing)")
        return
    source = work / "release.md"
    source.write_text(markdown(documents()[0]), encoding="utf-8")

    engine = Path(PY).with_name("weasyprint")
    title = ["--metadata", "title=release"]

    def pandoc() -> None:
        for target in ("release.docx", "release.html"):
            subprocess.run(["pandoc", source, "-s", *title, "-o", work / target], check=True)
        subprocess.run(["pandoc", source, *title, "-o", work / "release.pdf",
                        f"--pdf-engine={engine}"], check=True, capture_output=True)

    baseline = median_time(pandoc, runs)
    ratio = ours / baseline
    row("(d) pandoc: DOCX + HTML + PDF from Markdown, cold", f"{baseline:.3f} s")
    row("(d) pandoc / WeasyPrint's own CLI on prauthor's page", f"{baseline / weasy:.2f}x")
    row("(d) prauthor cold render / pandoc baseline", f"{ratio:.2f}x", "<= 0.90x",
        check(ratio <= 0.9))


def weasyprint_cli(work: Path) -> list[str]:
    """Return WeasyPrint's command line on prauthor's page of the same release: the floor
    a cold PDF cannot beat."""
    from prauthor.pipeline import with_desk
    from prauthor.render import Options
    from prauthor.render.html import page
    from prauthor.render.pdf import base_url

    options = with_desk(Options(), EXAMPLES[0])
    html = work / "page.html"
    html.write_text(page(documents()[0], options), encoding="utf-8")
    return [str(Path(PY).with_name("weasyprint")), "--base-url", base_url(options),
            str(html), str(work / "floor.pdf")]


def generated_desk(work: Path, count: int, scale: int = 1, tables: int = 0) -> Path:
    """Make a desk with `count` releases generated from the earnings example."""
    desk = work / f"desk-{count}-{scale}-{tables}"
    shutil.copytree(ROOT / "boilerplate", desk / "boilerplate")
    shutil.copytree(ROOT / "examples" / "companies", desk / "companies")
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n')
    base = yaml.safe_load((ROOT / "examples" / "2026-02-26-q4-fy2025-results.yaml").read_text())
    body = [b for b in base["body"] if "table" not in (b if isinstance(b, dict) else {})]
    table = next((b for b in [*base["body"], *base.get("appendix", [])]
                  if isinstance(b, dict) and "table" in b), None)
    releases = desk / "releases"
    releases.mkdir()
    for number in range(count):
        spec = dict(base, headline=f"{base['headline']} ({number})")
        spec["body"] = body * scale + ([table] * tables if table else [])
        (releases / f"release-{number:03d}.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return desk


def batch_build(work: Path, count: int, runs: int) -> None:
    """(e) Build `count` releases with one worker and with every core; compare a release
    in a build with a warm single render; build 3 with the default workers and with one."""
    from prauthor.pipeline import build

    desk = generated_desk(work, count)
    spec = next(desk.glob("releases/*.yaml"))
    build([spec], formats(), work / "warm")  # every renderer loaded, as in a build's worker
    warms = [median_time(lambda: build([spec], formats(), work / "warm"), runs)]
    one = median_time(lambda: cli("build", desk, "--out", work / "b1", "--force", "-j", "1"), 1)
    warms.append(median_time(lambda: build([spec], formats(), work / "warm"), runs))
    warm = statistics.mean(warms)  # taken just before and just after the build
    cores = os.cpu_count() or 1
    every = median_time(lambda: cli("build", desk, "--out", work / "bn", "--force", "-j",
                                    cores), 1)
    speedup = one / every
    row(f"(e) build {count} releases, 1 worker", f"{one:.1f} s")
    row(f"(e) build {count} releases, {cores} workers", f"{every:.1f} s")
    row("(e) speed-up", f"{speedup:.2f}x", ">= 1.80x", check(speedup >= 1.8))
    row("(e) warm single render of one of them, written", f"{warm * 1000:.0f} ms")
    per = one / count / warm
    row("(e) per release in the 1-worker build / warm render", f"{per:.2f}x", "<= 1.25x",
        check(per <= 1.25))
    small = generated_desk(work, 3)
    medians = interleaved({
        "one": lambda: cli("build", small, "--out", work / "s1", "--force", "-j", "1"),
        "default": lambda: cli("build", small, "--out", work / "sd", "--force"),
    }, runs)
    row("(e) load of the last minute, when the small builds ended", f"{os.getloadavg()[0]:.1f}")
    ratio = medians["default"] / medians["one"]
    row("(e) build 3 releases: default workers / 1 worker",
        f"{medians['default']:.2f}/{medians['one']:.2f} s", "", "")
    row("(e) build 3 releases, default / 1 worker", f"{ratio:.2f}x", "<= 1.00x",
        check(ratio <= 1.0))
    peak = peak_worker_mb(desk, work)
    row("(e) peak memory of one worker", f"{peak:.0f} MB", "< 300 MB", check(peak < 300))


def peak_worker_mb(desk: Path, work: Path) -> float:
    """Return the peak resident memory of a process rendering 20 releases to every format."""
    code = ("import resource, sys; from pathlib import Path; from prauthor.pipeline import build;"
            f"specs = sorted(Path({str(desk)!r}).glob('releases/*.yaml'))[:20];"
            f"[build([s], {formats()!r}, Path({str(work / 'peak')!r})) for s in specs];"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    return float(subprocess.run([PY, "-c", code], check=True, capture_output=True,
                                text=True).stdout)


def growth(work: Path, runs: int) -> None:
    """(f) Compare a release ten times longer, with 20 tables, with a normal one."""
    from prauthor.load import load
    from prauthor.render import Options, render
    from prauthor.resolve import resolve

    normal = next(generated_desk(work, 1).glob("releases/*.yaml"))
    long = next(generated_desk(work, 1, scale=10, tables=20).glob("releases/*.yaml"))

    def every(spec: Path) -> None:
        doc = resolve(load(spec))
        for name in formats():
            render(doc, name, Options())

    every(normal)
    base = median_time(lambda: every(normal), runs)
    big = median_time(lambda: every(long), runs)
    ratio = big / base
    row("(f) ten-times release with 20 tables / normal", f"{ratio:.2f}x", "<= 10x",
        check(ratio <= 10))


def preview(edits: int) -> None:
    """(g) Time the preview from a saved spec to the HTML in the browser."""
    import shutil as tools

    from bench_preview import desk_copy, measure

    if not tools.which("chromium"):
        row("(g) preview", "n/a (chromium missing)")
        return
    with tempfile.TemporaryDirectory() as folder:
        previews, warms = measure(desk_copy(Path(folder), EXAMPLES[0]), edits)
    shown, warm = statistics.median(previews), statistics.median(warms)
    row(f"(g) preview: saved spec to HTML in the browser ({edits} edits)", f"{shown * 1000:.0f} ms")
    row("(g) warm render to every format, between the edits", f"{warm * 1000:.0f} ms")
    row("(g) preview / warm render", f"{shown / warm:.2f}x", "<= 1.30x", check(shown / warm <= 1.3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, 40 releases in (e)")
    quick = parser.parse_args().quick
    runs = 3 if quick else 7
    print(f"{'measure':58} {'value':>14} {'target':>10}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ours, weasy = cold_start(runs, work / "cold", work)
        warm_per_format(runs)
        against_weasyprint(runs)
        pandoc_baseline(runs, work, ours, weasy)
        batch_build(work, 40 if quick else 200, runs)
        growth(work, runs)
        preview(5 if quick else 20)


if __name__ == "__main__":
    main()
