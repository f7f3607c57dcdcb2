"""Watch the files a release is made from and say when one changes."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from prauthor.desk import Desk

# Editors' swap, backup and lock files: saving a spec touches them, rendering needs none.
SCRATCH_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".part", "~")


class Folders(NamedTuple):
    """The folders to watch: the first ones with their subfolders, the others alone."""

    trees: frozenset[Path]
    flat: frozenset[Path]


def folders(spec: Path, desk: Desk, extra_files: Iterable[Path] = ()) -> Folders:
    """Return where a release's inputs live: the spec's folder and the desk's files
    (configuration, profiles, blocks, templates), and the folders of its data files.

    Folders are watched rather than files, because editors save by writing a new file
    and renaming it over the old one.
    """
    trees = {desk.boilerplate_path, *desk.template_dirs()}
    flat = {spec.resolve().parent, desk.root, *(p.resolve().parent for p in extra_files)}
    if desk.companies_path.is_dir():
        trees.add(desk.companies_path)
    else:
        flat.add(desk.companies_path.parent)
    trees = {p.resolve() for p in trees if p.is_dir()}
    return Folders(frozenset(trees), frozenset(p for p in flat if p.is_dir() and p not in trees))


def relevant(path: str) -> bool:
    """Tell whether a changed file could be an input, not an editor's scratch file."""
    name = Path(path).name
    return not (name.startswith((".", "#")) or name.endswith(SCRATCH_SUFFIXES)
                or name.isdigit())  # vim's probe file "4913"


async def watch(where: Folders, changed: Callable[[], Awaitable[None] | None],
                stop: asyncio.Event) -> None:
    """Call `changed` after each burst of changes to an input, until `stop` is set."""
    await asyncio.gather(*(_watch(sorted(paths), recursive, changed, stop)
                           for paths, recursive in ((where.trees, True), (where.flat, False))
                           if paths))


async def _watch(paths: list[Path], recursive: bool, changed, stop: asyncio.Event) -> None:
    from watchfiles import awatch

    while not stop.is_set():
        present = [p for p in paths if p.exists()]
        if not present:
            await asyncio.sleep(0.5)
            continue
        try:
            # step: a burst of writes (an editor's save) ends after 30 ms of quiet.
            async for batch in awatch(*present, recursive=recursive, stop_event=stop,
                                      debounce=400, step=30, rust_timeout=500,
                                      yield_on_timeout=False, watch_filter=None):
                if any(relevant(path) for _, path in batch):
                    result = changed()
                    if asyncio.iscoroutine(result):
                        await result
                if any(not p.exists() for p in present):
                    break  # a watched folder went away: watch again what is left
        except (FileNotFoundError, OSError) as error:
            print(f"warning: watching {', '.join(map(str, present))}: {error}", file=sys.stderr)
        if not stop.is_set():
            await asyncio.sleep(0.5)
