"""Build every release under a folder in parallel worker processes."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from prauthor.errors import InputError, PrauthorError, Problem
from prauthor.memory import peak_mb

# Folders and files of a desk that hold YAML but are not release specs.
NOT_RELEASES = {"companies", "boilerplate", "templates", "out", "node_modules", ".venv", ".git"}


@dataclass(frozen=True)
class Outcome:
    """What happened to one release in a build."""

    spec: Path
    status: str  # rendered, skipped or failed
    seconds: float
    message: str = ""
    peak_mb: float = 0.0
    warnings: tuple[Problem, ...] = ()  # the release's findings, as `render` prints them


def find_specs(folder: Path) -> list[Path]:
    """Return the release specs under `folder`, skipping profiles, blocks and outputs."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        parts = set(path.relative_to(folder).parts[:-1])
        if not parts & NOT_RELEASES and path.name != "company.yaml":
            found.append(path)
    return found


def shard(specs: list[Path], folder: Path, part: str) -> list[Path]:
    """Return shard K of N (`part` is "K/N") of the specs under `folder`.

    A spec's shard follows from its path inside the folder alone, so it stays in the same
    shard when other releases are added or removed, and every shard can be built on
    another machine from the same checkout.
    """
    number, count = parse_shard(part)
    return [spec for spec in specs if _bucket(spec.relative_to(folder), count) == number - 1]


def parse_shard(part: str) -> tuple[int, int]:
    """Return (K, N) from "K/N", or raise InputError."""
    number, _, count = part.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise InputError.one("--shard", f"'{part}' is not K/N with 1 <= K <= N (such as 2/4)")
    return int(number), int(count)


def _bucket(relative: Path, count: int) -> int:
    digest = hashlib.sha256(relative.as_posix().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def build_one(spec: Path, formats: tuple[str, ...], out_dir: Path, options,
              force: bool = True, desk: Path | None = None, wire: str | None = None) -> Outcome:
    """Render one release in a worker; turn its errors into an outcome, never a crash."""
    start = time.perf_counter()
    try:
        from prauthor.pipeline import resolve_loaded

        resolved = resolve_loaded([spec], desk, wire)
        if not force and _current(resolved[0], formats, out_dir, options):
            return Outcome(spec, "skipped", time.perf_counter() - start, "unchanged")
        return _write(spec, resolved, formats, out_dir, options, start, desk)
    except Exception as error:
        return _failed(spec, error, start)


def _write(spec: Path, resolved, formats, out_dir: Path, options, start: float,
           desk: Path | None = None) -> Outcome:
    """Render and write releases already resolved."""
    from prauthor.governance.check import refuse_unfinished, shown_warnings
    from prauthor.pipeline import write_releases

    try:
        if not options.draft:
            refuse_unfinished(resolved)
        write_releases(resolved, list(formats), out_dir, options, desk)
        warnings = tuple(line for loaded, doc in resolved
                         for line in shown_warnings(loaded, doc, final=not options.draft))
    except Exception as error:
        return _failed(spec, error, start)
    return Outcome(spec, "rendered", time.perf_counter() - start, "", peak_mb(), warnings)


def _failed(spec: Path, error: Exception, start: float) -> Outcome:
    if isinstance(error, PrauthorError):  # one line a problem, as `render` prints them
        problems = getattr(error, "problems", None)
        message = "\n".join(p.labelled("error") for p in problems) if problems else str(error)
    else:  # a bug must not stop the other releases
        message = f"internal error: {type(error).__name__}: {error}"
    return Outcome(spec, "failed", time.perf_counter() - start, message, peak_mb())


def _current(release, formats, out_dir: Path, options) -> bool:
    from prauthor.governance.verify import up_to_date

    loaded, doc = release
    return up_to_date(loaded, doc, formats, out_dir, options)


def run(specs: list[Path], formats: tuple[str, ...], out_dir: Path, options, jobs: int = 0,
        force: bool = False, desk: Path | None = None, wire: str | None = None,
        start_method: str | None = None) -> Iterator[Outcome]:
    """Yield each release's outcome: unchanged and broken ones at once, the rest as they
    are rendered.

    This process resolves each spec first (no renderer loaded for that), so a build with
    nothing to do starts no worker and a release goes to a worker only to be rendered.
    `jobs` 0 means one worker per idle core but never more than releases are left; with
    one worker, releases render in this process, without a pool. Workers start by
    `start_method` (the platform's default unless named: spawn on Windows and macOS).
    """
    where = (desk, wire)
    items = ((n, (s, None, 0.0)) for n, s in enumerate(specs)) if force else \
        _checked(specs, formats, out_dir, options, *where)
    pool: ProcessPoolExecutor | None = None
    decided, futures = False, []
    try:
        for position, item in items:
            if isinstance(item, Outcome):
                yield item
                continue
            if not decided:
                decided = True
                workers = jobs or min(idle_cores(), len(specs) - position)
                pool = _pool(workers, formats, start_method) if workers > 1 else None
            if pool is None:
                yield _render_here(item, formats, out_dir, options, *where)
                continue
            futures.append(pool.submit(build_one, item[0], formats, out_dir, options, True,
                                       *where))
            yield from _collect(futures, wait=False)
        yield from _collect(futures, wait=True)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _checked(specs: list[Path], formats, out_dir: Path, options, desk: Path | None = None,
             wire: str | None = None) -> Iterator[tuple[int, object]]:
    """Yield each spec's position with its outcome when it needs no render (unchanged or
    broken), else with the spec and its resolved release."""
    from prauthor.pipeline import resolve_loaded

    desks: dict = {}  # one read of each desk for the whole build
    for position, spec in enumerate(specs):
        start = time.perf_counter()
        try:
            resolved = resolve_loaded([spec], desk, wire, desks=desks)
        except Exception as error:  # reported as the release's failure, as a worker would
            yield position, _failed(spec, error, start)
            continue
        if _current(resolved[0], formats, out_dir, options):
            yield position, Outcome(spec, "skipped", time.perf_counter() - start, "unchanged")
        else:
            yield position, (spec, resolved, start)


def _render_here(item, formats, out_dir: Path, options, desk: Path | None = None,
                 wire: str | None = None) -> Outcome:
    spec, resolved, start = item
    if resolved is None:
        return build_one(spec, formats, out_dir, options, True, desk, wire)
    return _write(spec, resolved, formats, out_dir, options, start, desk)


def _collect(futures: list, wait: bool) -> Iterator[Outcome]:
    """Yield the outcomes of finished futures (all of them, with `wait`), removing them."""
    for future in as_completed(futures) if wait else [f for f in futures if f.done()]:
        futures.remove(future)
        yield future.result()


def _pool(workers: int, formats: tuple[str, ...], start_method: str | None = None,
          ) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(formats,),
                               mp_context=multiprocessing.get_context(start_method))


def _warm(formats: tuple[str, ...]) -> None:
    """Import each renderer once per worker, not once per release."""
    from prauthor.budget import die_with_parent
    from prauthor.render import renderer

    die_with_parent()
    for name in formats:
        renderer(name)


def cores() -> int:
    """Return how many cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def idle_cores() -> int:
    """Return how many cores other processes leave idle (at least one), by the load of the
    last minute: a worker on a core that is busy anyway only slows the others down."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cores()
    return max(1, cores() - int(load))
