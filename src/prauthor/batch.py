"""Build every release under a folder in parallel worker processes."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from prauthor.errors import PrauthorError

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


def find_specs(folder: Path) -> list[Path]:
    """Return the release specs under `folder`, skipping profiles, blocks and outputs."""
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        parts = set(path.relative_to(folder).parts[:-1])
        if not parts & NOT_RELEASES and path.name != "company.yaml":
            found.append(path)
    return found


def build_one(spec: Path, formats: tuple[str, ...], out_dir: Path, options, force: bool) -> Outcome:
    """Render one release in a worker; turn its errors into an outcome, never a crash."""
    start = time.perf_counter()
    try:
        from prauthor.pipeline import build, is_current

        if not force and is_current(spec, formats, out_dir, options):
            return Outcome(spec, "skipped", time.perf_counter() - start, "unchanged")
        build([spec], list(formats), out_dir, options)
        status, message = "rendered", ""
    except PrauthorError as error:
        status, message = "failed", str(error)
    except Exception as error:  # a bug must not stop the other releases
        status, message = "failed", f"internal error: {type(error).__name__}: {error}"
    return Outcome(spec, status, time.perf_counter() - start, message, _peak_mb())


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(specs: list[Path], formats: tuple[str, ...], out_dir: Path, options, jobs: int,
        force: bool = False) -> Iterator[Outcome]:
    """Yield each release's outcome as workers finish them."""
    if jobs <= 1:
        for spec in specs:
            yield build_one(spec, formats, out_dir, options, force)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(formats,)) as pool:
        futures = [pool.submit(build_one, s, formats, out_dir, options, force) for s in specs]
        for future in as_completed(futures):
            yield future.result()


def _warm(formats: tuple[str, ...]) -> None:
    """Import each renderer once per worker, not once per release."""
    from prauthor.render import renderer

    for name in formats:
        renderer(name)


def cores() -> int:
    """Return how many cores this process may use: the default number of build workers."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
