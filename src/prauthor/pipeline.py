"""Run load, resolve, render and save for one or many specs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from prauthor.desk import Desk, builtin_root, enclosing_desk, find_desk, open_desk
from prauthor.document import Document
from prauthor.errors import InputError, Problem
from prauthor.load import STDIN_NAME, Piped, load, load_stdin
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
    draft: bool = True


STDIN = Path("-")  # a spec read from standard input
NO_DESK = ("not in a desk, so the built-in sample desk is used; make the company's own desk "
           "with `prauthor init DIR`, or name one with --desk DIR")
log = logging.getLogger("prauthor")


def resolve_loaded(paths: list[Path], desk_dir: Path | None = None,
                   wire: str | None = None,
                   desks: dict[Path, Desk] | None = None,
                   piped: Piped | None = None) -> list[tuple[Loaded, Document]]:
    """Load and resolve every spec, keeping each one's source and desk.

    `desks` caches the desks opened, by folder, across calls that read the same files
    (a build); without it, each call reads profiles and blocks afresh. The spec `-` is
    read from standard input, or is `piped` when given (a spec rendered from it before).
    """
    fixed: Desk | None = open_desk(desk_dir) if desk_dir else None
    desks = {} if desks is None else desks  # one per folder: profiles and blocks read once
    problems: list[Problem] = []
    resolved = []
    for path in paths:
        try:
            desk = fixed or _desk_of(path, desks)
            if wire is not None and wire not in desk.wires:
                raise InputError.one("--wire", unknown_wire(wire, desk.wires))
            loaded = load_stdin(desk, piped) if path == STDIN else load(path, desk)
            doc = resolve(loaded, wire)
            _refuse_changed_inputs(loaded)
            resolved.append((loaded, doc))
            _tell(loaded, doc)
        except InputError as error:
            # A desk-wide problem (a changed approved text) is told once, not once a spec.
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise InputError(problems)
    return resolved


def _desk_of(path: Path, desks: dict[Path, Desk]) -> Desk:
    root = enclosing_desk(path.parent)
    if root is None:
        log.info("%s: %s", path, NO_DESK)
        root = builtin_root().resolve()
    if root not in desks:
        desks[root] = open_desk(root)
    return desks[root]


def _tell(loaded: Loaded, doc: Document) -> None:
    blocks = ", ".join(f"{s.block_id}@{s.version}" for s in doc.sections) or "none"
    log.debug("%s: desk %s; company %s; blocks %s", loaded.source.path, loaded.desk.root,
              doc.meta.company_id, blocks)


def expand_paths(given: list[Path], desk_dir: Path | None) -> list[Path]:
    """Expand folders to the specs under them; allow - (standard input) once, with a desk."""
    from prauthor.batch import find_specs

    paths: list[Path] = []
    problems = []
    for path in given:
        if path == STDIN and desk_dir is None:
            problems.append(Problem(None, None, "-", "a spec read from standard input needs "
                                    "--desk DIR (the desk of its company and blocks)"))
        if path != STDIN and path.is_dir():
            found = find_specs(path)
            if not found:
                problems.append(Problem(path, None, "", "no release specs (*.yaml) in this "
                                        "folder"))
            paths += found
        else:
            paths.append(path)
    if paths.count(STDIN) > 1:
        problems.append(Problem(None, None, "-", "standard input can be read only once"))
    if problems:
        raise InputError(problems)
    return paths


def refuse_builtin_final(paths: list[Path], desk_dir: Path | None) -> None:
    """Refuse a final release of a spec that is in no desk: its blocks are only samples."""
    if desk_dir is not None:
        return
    outside = [p for p in paths if p != STDIN and enclosing_desk(p.parent) is None]
    if outside:
        raise InputError([Problem(p, None, "--final", "a final release needs its company's "
                                  "own desk, and this spec is in none (only the built-in "
                                  "sample desk); make one with `prauthor init DIR`, or name "
                                  "one with --desk DIR") for p in outside])


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


def recorded_warnings(resolved: list[tuple[Loaded, Document]],
                      draft: bool) -> dict[Path, tuple[str, ...]]:
    """Return, per spec, every finding its render printed, for the manifest to keep."""
    from prauthor.governance.check import draft_warnings

    return {loaded.source.path: draft_warnings(loaded, doc, style=True, final=not draft)
            for loaded, doc in resolved}


def resolve_all(paths: list[Path], desk_dir: Path | None = None,
                wire: str | None = None) -> list[tuple[Path, Document]]:
    """Load and resolve every spec; raise one InputError listing all their problems."""
    return [(loaded.source.path, doc) for loaded, doc in resolve_loaded(paths, desk_dir, wire)]


def render_all(documents: list[tuple[Path, Document]], formats: list[str],
               options: Options, desk_dir: Path | None = None,
               pdf_worker=None, warnings: dict[Path, tuple[str, ...]] | None = None,
               piped: dict[Path, bytes] | None = None) -> list[Release]:
    """Render each document to each format, in memory; PDFs in the worker when given.

    `warnings` are each draft's open findings, which the DOCX review record lists;
    `piped` holds the text of specs that have no file, which a PDF/A-3b attaches.
    """
    piped = piped or {}
    offloaded = {"pdf"} if pdf_worker else set()
    for name in set(formats) - offloaded:
        renderer(name)
    warnings = warnings or {}
    jobs = [(path, doc, replace(with_desk(options, path, desk_dir),
                                warnings=warnings.get(path, ()) if options.draft else (),
                                spec_text=piped.get(path)))
            for path, doc in documents]
    # Every PDF is handed over first, so the worker is never idle while others render.
    pdfs = {path: pdf_worker.submit(doc, opts) for path, doc, opts in jobs
            if offloaded and "pdf" in formats and applies(doc, "pdf")}
    return [Release(path, doc, {name: _finish(pdfs[path]) if name in offloaded
                                else render(doc, name, opts)
                                for name in formats if applies(doc, name)}, options.draft)
            for path, doc, opts in jobs]


def piped_specs(resolved: list[tuple[Loaded, Document]]) -> dict[Path, bytes]:
    """Return the text of each spec read from standard input, by its path."""
    return {loaded.source.path: loaded.source.raw for loaded, _ in resolved
            if loaded.source.raw is not None}


def _finish(future) -> bytes:
    from prauthor.render.offload import result

    return result(future)


def with_desk(options: Options, spec_path: Path, desk_dir: Path | None = None) -> Options:
    """Point the options at the spec's desk: its templates, its folder and the spec itself."""
    desk = open_desk(desk_dir) if desk_dir else find_desk(spec_path.parent)
    spec_file = None if spec_path == STDIN or spec_path.name == STDIN_NAME.name else spec_path
    return replace(options, template_dirs=options.template_dirs or tuple(desk.template_dirs()),
                   desk_root=desk.root, spec_path=spec_file)


def output_path(out_dir: Path, release: Release, name: str) -> Path:
    """Return OUT/<slug>/<slug>.<suffix> for a final, <slug>.draft.<suffix> for a draft;
    a format whose own rules name its file (EDGAR's) names it, a draft's with .draft."""
    from prauthor.governance.manifest import file_stem

    slug = release.document.meta.slug
    module = renderer(name)
    if hasattr(module, "filename"):
        stem, _, suffix = module.filename(release.document).rpartition(".")
        return out_dir / slug / f"{file_stem(stem, release.draft)}.{suffix}"
    return out_dir / slug / f"{file_stem(slug, release.draft)}.{format_of(name).suffix}"


def release_files(out_dir: Path, release: Release) -> dict[Path, bytes]:
    """Return the files a release's render writes, by path: outputs and their attachments."""
    files = {}
    for name, data in release.outputs.items():
        path = output_path(out_dir, release, name)
        files[path] = data
        attached = getattr(renderer(name), "attachments", None)
        for file_name, content in (attached(release.document) if attached else {}).items():
            files[path.parent / file_name] = content
    return files


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
    resolved = _resolve_for_render(paths, formats, options, desk_dir, wire, warn)
    return write_releases(resolved, formats, out_dir, options, desk_dir, pdf_worker)


def _resolve_for_render(paths, formats, options, desk_dir, wire,
                        warn) -> list[tuple[Loaded, Document]]:
    """Resolve specs to render; a final refuses any error, a draft prints its findings."""
    from prauthor.governance.check import refuse_unfinished, shown_warnings

    if not options.draft:
        refuse_builtin_final(paths, desk_dir)
    unique: dict[Path, Path] = {}  # a spec named twice renders once
    for path in paths:
        unique.setdefault(path.resolve(), path)
    resolved = resolve_loaded(list(unique.values()), desk_dir, wire)
    refuse_shared_slugs([loaded.source.path for loaded, _ in resolved])
    if "edgar" in formats:
        _edgar_literals(resolved)
    if not options.draft:
        refuse_unfinished(resolved)
    if warn:
        warn([line for loaded, doc in resolved
              for line in shown_warnings(loaded, doc, final=not options.draft)])
    return resolved


def render_to_stream(paths: list[Path], formats: list[str], options: Options,
                     desk_dir: Path | None = None, wire: str | None = None,
                     warn: Callable[[list[str]], None] | None = None) -> bytes:
    """Render one spec to one format and return the bytes, for standard output."""
    if len(formats) != 1 or len(paths) != 1:
        asked = f"{len(formats)} formats" if len(formats) != 1 else f"{len(paths)} specs"
        raise InputError.one("--out", f"- writes one spec in one format to standard output, "
                             f"not {asked}; name one with --format, e.g. -f txt")
    resolved = _resolve_for_render(paths, formats, options, desk_dir, wire, warn)
    (loaded, doc), = resolved
    name = formats[0]
    if not applies(doc, name):
        raise InputError.one("--format", f"{loaded.source.path} has no {name} output "
                             "(a calendar file needs an event with a time)")
    (release,) = render_all([(loaded.source.path, doc)], [name], options,
                            desk_dir or loaded.desk.root, warnings=warnings_of(resolved),
                            piped=piped_specs(resolved))
    return release.outputs[name]


def write_releases(resolved: list[tuple[Loaded, Document]], formats: list[str], out_dir: Path,
                   options: Options, desk_dir: Path | None = None, pdf_worker=None,
                   warnings: dict[Path, tuple[str, ...]] | None = None) -> list[Path]:
    """Render resolved releases and write their outputs, each manifest beside them."""
    from prauthor.governance.manifest import file_stem, manifest_bytes, manifest_path

    warnings = warnings_of(resolved) if warnings is None else warnings
    recorded = recorded_warnings(resolved, options.draft)
    releases = render_all([(loaded.source.path, doc) for loaded, doc in resolved], formats,
                          options, desk_dir, pdf_worker, warnings, piped_specs(resolved))
    files: dict[Path, bytes] = {}
    for (loaded, doc), release in zip(resolved, releases, strict=True):
        outputs = release_files(out_dir, release)
        folder = out_dir / doc.meta.slug
        files |= outputs
        files[manifest_path(folder, file_stem(doc.meta.slug, options.draft))] = manifest_bytes(
            loaded, doc, formats, options, outputs, folder, recorded[loaded.source.path])
    return write_all(files)


def refuse_shared_slugs(paths: list[Path]) -> None:
    """Refuse specs of one name from several folders: their outputs would share a folder."""
    by_slug: dict[str, list[Path]] = {}
    for path in paths:
        by_slug.setdefault(path.stem.casefold(), []).append(path)
    problems = [Problem(same[1], None, "", f"has the name of {same[0]}: both would write to "
                        f"the output folder '{same[0].stem}'; rename one or render them apart")
                for same in by_slug.values() if len(same) > 1]
    if problems:
        raise InputError(problems)


def _edgar_literals(resolved) -> None:
    """Refuse, at their lines, spec fields holding characters an EDGAR exhibit cannot carry."""
    from prauthor.edgar.literals import uncarried_in_spec

    problems = [p for loaded, _ in resolved for p in uncarried_in_spec(loaded.source)]
    if problems:
        raise InputError(problems)


def is_current(spec: Path, formats: list[str] | tuple[str, ...], out_dir: Path,
               options: Options, desk_dir: Path | None = None, wire: str | None = None) -> bool:
    """Tell whether a release's outputs are up to date with all its inputs (its manifest)."""
    from prauthor.errors import PrauthorError
    from prauthor.governance.verify import up_to_date

    try:
        (loaded, doc), = resolve_loaded([spec], desk_dir, wire)
    except PrauthorError:
        return False  # let the build report the problem
    return up_to_date(loaded, doc, formats, out_dir, options)
