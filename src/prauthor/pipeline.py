"""Run load, resolve, render and save for one or many specs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from prauthor.desk import Desk, find_desk, open_desk
from prauthor.document import Document
from prauthor.errors import InputError, Problem
from prauthor.load import load
from prauthor.render import Options, applies, render, renderer
from prauthor.resolve import resolve
from prauthor.save import write_all


@dataclass(frozen=True)
class Release:
    """One spec resolved, with the outputs rendered from it."""

    spec_path: Path
    document: Document
    outputs: dict[str, bytes]


def resolve_all(paths: list[Path], desk_dir: Path | None = None,
                wire: str | None = None) -> list[tuple[Path, Document]]:
    """Load and resolve every spec; raise one InputError listing all their problems."""
    desk: Desk | None = open_desk(desk_dir) if desk_dir else None
    problems: list[Problem] = []
    documents = []
    for path in paths:
        try:
            documents.append((path, resolve(load(path, desk), wire)))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return documents


def render_all(documents: list[tuple[Path, Document]], formats: list[str],
               options: Options, desk_dir: Path | None = None) -> list[Release]:
    """Render each document to each format, in memory."""
    for name in formats:
        renderer(name)
    return [Release(path, doc, {name: render(doc, name, with_desk(options, path, desk_dir))
                                for name in formats if applies(doc, name)})
            for path, doc in documents]


def with_desk(options: Options, spec_path: Path, desk_dir: Path | None = None) -> Options:
    """Point the options at the spec's desk: its templates, its folder and the spec itself."""
    desk = open_desk(desk_dir) if desk_dir else find_desk(spec_path.parent)
    return replace(options, template_dirs=options.template_dirs or tuple(desk.template_dirs()),
                   desk_root=desk.root, spec_path=spec_path)


def output_path(out_dir: Path, release: Release, name: str) -> Path:
    """Return OUT/<slug>/<slug>.<suffix>."""
    slug = release.document.meta.slug
    return out_dir / slug / f"{slug}.{renderer(name).SUFFIX}"


def build(paths: list[Path], formats: list[str], out_dir: Path, options: Options | None = None,
          desk_dir: Path | None = None, wire: str | None = None) -> list[Path]:
    """Validate everything, render everything, then write; nothing is written on error."""
    options = options or Options()
    releases = render_all(resolve_all(paths, desk_dir, wire), formats, options, desk_dir)
    return write_all({output_path(out_dir, r, name): data
                      for r in releases for name, data in r.outputs.items()})


def is_current(spec: Path, formats: list[str] | tuple[str, ...], out_dir: Path,
               options: Options) -> bool:
    """Tell whether a release's outputs are up to date with all its inputs."""
    return False
