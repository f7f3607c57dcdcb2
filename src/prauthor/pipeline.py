"""Run load, resolve, render and save for one or many specs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from prauthor.desk import Desk, desk_root, find_desk, open_desk
from prauthor.document import Document
from prauthor.errors import InputError, Problem
from prauthor.load import load
from prauthor.render import Options, applies, format_of, render, renderer
from prauthor.resolve import Loaded, resolve
from prauthor.save import write_all
from prauthor.wires import unknown_wire


@dataclass(frozen=True)
class Release:
    """One spec resolved, with the outputs rendered from it."""

    spec_path: Path
    document: Document
    outputs: dict[str, bytes]


def resolve_loaded(paths: list[Path], desk_dir: Path | None = None,
                   wire: str | None = None,
                   desks: dict[Path, Desk] | None = None) -> list[tuple[Loaded, Document]]:
    """Load and resolve every spec, keeping each one's source and desk.

    `desks` caches the desks opened, by folder, across calls that read the same files
    (a build); without it, each call reads profiles and blocks afresh.
    """
    fixed: Desk | None = open_desk(desk_dir) if desk_dir else None
    desks = {} if desks is None else desks  # one per folder: profiles and blocks read once
    problems: list[Problem] = []
    resolved = []
    for path in paths:
        try:
            root = desk_root(path.parent)
            if not fixed and root not in desks:
                desks[root] = open_desk(root)
            desk = fixed or desks[root]
            if wire is not None and wire not in desk.wires:
                raise InputError.one("--wire", unknown_wire(wire, desk.wires))
            loaded = load(path, desk)
            doc = resolve(loaded, wire)
            _refuse_changed_inputs(loaded)
            resolved.append((loaded, doc))
        except InputError as error:
            # A desk-wide problem (a changed approved text) is told once, not once a spec.
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise InputError(problems)
    return resolved


def _refuse_changed_inputs(loaded: Loaded) -> None:
    """Stop on what no render may use: changed approved texts, unknown rule ids."""
    from prauthor.governance.check import input_problems

    problems = input_problems(loaded)
    if problems:
        raise InputError(problems)


def warnings_of(resolved: list[tuple[Loaded, Document]]) -> dict[Path, tuple[str, ...]]:
    """Return, per spec, what its draft still owes legal and policy."""
    from prauthor.governance.check import draft_warnings

    return {loaded.source.path: draft_warnings(loaded, doc) for loaded, doc in resolved}


def resolve_all(paths: list[Path], desk_dir: Path | None = None,
                wire: str | None = None) -> list[tuple[Path, Document]]:
    """Load and resolve every spec; raise one InputError listing all their problems."""
    return [(loaded.source.path, doc) for loaded, doc in resolve_loaded(paths, desk_dir, wire)]


def render_all(documents: list[tuple[Path, Document]], formats: list[str],
               options: Options, desk_dir: Path | None = None,
               pdf_worker=None, warnings: dict[Path, tuple[str, ...]] | None = None,
               ) -> list[Release]:
    """Render each document to each format, in memory; PDFs in the worker when given.

    `warnings` are each draft's open findings, which the DOCX review record lists.
    """
    offloaded = {"pdf"} if pdf_worker else set()
    for name in set(formats) - offloaded:
        renderer(name)
    warnings = warnings or {}
    jobs = [(path, doc, replace(with_desk(options, path, desk_dir),
                                warnings=warnings.get(path, ()) if options.draft else ()))
            for path, doc in documents]
    # Every PDF is handed over first, so the worker is never idle while others render.
    pdfs = {path: pdf_worker.submit(doc, opts) for path, doc, opts in jobs
            if offloaded and "pdf" in formats and applies(doc, "pdf")}
    return [Release(path, doc, {name: _finish(pdfs[path]) if name in offloaded
                                else render(doc, name, opts)
                                for name in formats if applies(doc, name)})
            for path, doc, opts in jobs]


def _finish(future) -> bytes:
    from prauthor.render.offload import result

    return result(future)


def with_desk(options: Options, spec_path: Path, desk_dir: Path | None = None) -> Options:
    """Point the options at the spec's desk: its templates, its folder and the spec itself."""
    desk = open_desk(desk_dir) if desk_dir else find_desk(spec_path.parent)
    return replace(options, template_dirs=options.template_dirs or tuple(desk.template_dirs()),
                   desk_root=desk.root, spec_path=spec_path)


def output_path(out_dir: Path, release: Release, name: str) -> Path:
    """Return OUT/<slug>/<slug>.<suffix>."""
    slug = release.document.meta.slug
    return out_dir / slug / f"{slug}.{format_of(name).suffix}"


def release_files(out_dir: Path, release: Release) -> dict[Path, bytes]:
    """Return the files a release's render writes, by path."""
    return {output_path(out_dir, release, name): data for name, data in release.outputs.items()}


def build(paths: list[Path], formats: list[str], out_dir: Path, options: Options | None = None,
          desk_dir: Path | None = None, wire: str | None = None,
          warn: Callable[[list[str]], None] | None = None,
          parallel: bool = False) -> list[Path]:
    """Validate everything, render everything, then write; nothing is written on error.

    A --final render (options.draft False) first refuses any release with errors.
    Each release's manifest is written last, beside its outputs. With `parallel`, PDFs
    render in a second process that starts before the specs are read.
    """
    from prauthor.render.offload import worker_for

    pdf_worker = worker_for(formats) if parallel else None
    try:
        return _build(paths, formats, out_dir, options or Options(), desk_dir, wire, warn,
                      pdf_worker)
    finally:
        if pdf_worker:
            pdf_worker.close()


def _build(paths, formats, out_dir, options, desk_dir, wire, warn, pdf_worker) -> list[Path]:
    from prauthor.governance.check import refuse_unfinished

    resolved = resolve_loaded(paths, desk_dir, wire)
    if not options.draft:
        refuse_unfinished(resolved)
    warnings = warnings_of(resolved)
    if warn:
        warn([line for lines in warnings.values() for line in lines])
    return write_releases(resolved, formats, out_dir, options, desk_dir, pdf_worker, warnings)


def write_releases(resolved: list[tuple[Loaded, Document]], formats: list[str], out_dir: Path,
                   options: Options, desk_dir: Path | None = None, pdf_worker=None,
                   warnings: dict[Path, tuple[str, ...]] | None = None) -> list[Path]:
    """Render resolved releases and write their outputs, each manifest beside them."""
    from prauthor.governance.manifest import manifest_bytes, manifest_path

    warnings = warnings_of(resolved) if warnings is None else warnings
    releases = render_all([(loaded.source.path, doc) for loaded, doc in resolved], formats,
                          options, desk_dir, pdf_worker, warnings)
    files: dict[Path, bytes] = {}
    for (loaded, doc), release in zip(resolved, releases, strict=True):
        outputs = release_files(out_dir, release)
        folder = out_dir / doc.meta.slug
        files |= outputs
        files[manifest_path(folder, doc.meta.slug)] = manifest_bytes(
            loaded, doc, formats, options, outputs, folder, warnings[loaded.source.path])
    return write_all(files)


def is_current(spec: Path, formats: list[str] | tuple[str, ...], out_dir: Path,
               options: Options) -> bool:
    """Tell whether a release's outputs are up to date with all its inputs (its manifest)."""
    from prauthor.errors import PrauthorError
    from prauthor.governance.verify import up_to_date

    try:
        (loaded, doc), = resolve_loaded([spec])
    except PrauthorError:
        return False  # let the build report the problem
    return up_to_date(loaded, doc, formats, out_dir, options)
