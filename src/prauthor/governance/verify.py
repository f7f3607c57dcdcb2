"""Verify rendered outputs against their manifests: render again and compare.

An output fails when its file no longer has the hash the manifest recorded, or when
rendering the recorded inputs again gives other bytes; the verdict says which inputs
changed since (spec, blocks, templates, prauthor version), or that none did.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from prauthor import __version__
from prauthor.desk import builtin_root
from prauthor.errors import InputError, PrauthorError, problem
from prauthor.governance.manifest import SUFFIX, inputs, locate, manifest_path, sha256

if TYPE_CHECKING:
    from prauthor.document import Document
    from prauthor.resolve import Loaded


class Verdict(NamedTuple):
    """Whether one output still matches, and why not."""

    file: Path
    ok: bool
    reasons: tuple[str, ...] = ()


def manifests_in(folder: Path) -> list[Path]:
    """Return the manifests in an output folder or in its release folders."""
    if not folder.is_dir():
        raise problem(folder, None, "", "no such folder")
    found = sorted(folder.glob(f"*{SUFFIX}")) or sorted(folder.glob(f"*/*{SUFFIX}"))
    if not found:
        raise problem(folder, None, "", f"no *{SUFFIX} here or in its folders: render first")
    return found


def read_manifest(path: Path) -> dict:
    """Read a manifest, or raise InputError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("outputs"), dict) or "spec" not in data:
            raise ValueError("it lists no outputs or spec")
        return data
    except (OSError, ValueError, AttributeError) as error:
        raise problem(path, None, "", f"not a prauthor manifest ({error})") from None


def verify_manifest(path: Path) -> list[Verdict]:
    """Verify every output a manifest lists."""
    data = read_manifest(path)
    folder = path.parent
    reasons: dict[str, list[str]] = {name: [] for name in data["outputs"]}
    for name, recorded in data["outputs"].items():
        file = folder / name
        if not file.is_file():
            reasons[name].append("the file is missing")
        elif (now := sha256(file.read_bytes())) != recorded:
            reasons[name].append(f"the file changed after rendering (sha-256 {now}, "
                                 f"manifest {recorded})")
    try:
        fresh, changes = rerender(data, folder)
    except PrauthorError as error:
        for name in reasons:
            reasons[name].append(f"cannot render it again: {error}")
    else:
        for name, recorded in data["outputs"].items():
            if name not in fresh:
                reasons[name].append("rendering again no longer produces it")
            elif sha256(fresh[name]) != recorded:
                why = "; ".join(changes) or ("the same inputs now give other bytes: the "
                                             "renderer is not reproducible")
                reasons[name].append(f"rendering again gives other bytes ({why})")
    return [Verdict(folder / name, not found, tuple(found)) for name, found in reasons.items()]


def rerender(data: dict, folder: Path) -> tuple[dict[str, bytes], list[str]]:
    """Render the manifest's inputs again; return outputs by file name and what changed."""
    from prauthor.pipeline import release_files, render_all, resolve_loaded, warnings_of
    from prauthor.render import Options

    spec = locate(data["spec"], folder)
    desk = data.get("desk", {})
    desk_dir = builtin_root() if desk.get("builtin") else locate(desk, folder)
    options = _options(Options, data.get("options", {}))
    resolved = resolve_loaded([spec], desk_dir, data.get("wire"))
    (loaded, doc), = resolved
    release, = render_all([(spec, doc)], list(data.get("formats", [])), options, desk_dir,
                          warnings=warnings_of(resolved))
    fresh = {path.name: content for path, content in release_files(folder.parent, release).items()}
    now = inputs(loaded, doc, list(data.get("formats", [])), options, folder)
    return fresh, changed_inputs(data, now)


def _options(kind, recorded: dict):
    known = {f.name for f in dataclasses.fields(kind)}
    unknown = sorted(set(recorded) - known)
    if unknown:
        raise InputError.one("options", f"the manifest has render options this prauthor "
                             f"does not know: {', '.join(unknown)}")
    # JSON gave lists where the options hold tuples
    return kind(**{k: tuple(v) if isinstance(v, list) else v for k, v in recorded.items()})


def changed_inputs(recorded: dict, now: dict) -> list[str]:
    """Say which inputs differ between a manifest and the current state."""
    changes = []
    if recorded.get("prauthor") != now["prauthor"]:
        changes.append(f"prauthor {recorded.get('prauthor')} rendered it, this is {__version__}")
    if recorded["spec"].get("sha256") != now["spec"]["sha256"]:
        changes.append("the spec changed")
    before = {(b["id"], b["version"]): b["sha256"] for b in recorded.get("blocks", [])}
    after = {(b["id"], b["version"]): b["sha256"] for b in now["blocks"]}
    for key in sorted(before.keys() | after.keys()):
        if before.get(key) != after.get(key):
            ref = f"{key[0]}@{key[1]}"
            changes.append(f"block {ref} " + ("is no longer used" if key not in after else
                                              "is newly used" if key not in before else
                                              "has another text"))
    templates = sorted(name for name in recorded.get("templates", {}).keys() | now["templates"]
                       if recorded.get("templates", {}).get(name) != now["templates"].get(name))
    if templates:
        changes.append(f"templates changed: {', '.join(templates)}")
    if not changes and recorded.get("document") != now["document"]:
        changes.append("the release's content changed (its company profile or a data file)")
    return changes


def up_to_date(loaded: Loaded, doc: Document, formats, out_dir: Path, options) -> bool:
    """Tell whether a resolved release's outputs match its manifest and its inputs are
    unchanged."""
    folder = out_dir / doc.meta.slug
    path = manifest_path(folder, doc.meta.slug)
    if not path.is_file():
        return False
    try:
        data = read_manifest(path)
    except InputError:
        return False
    now = inputs(loaded, doc, list(formats), options, folder)
    same = all(data.get(key) == value for key, value in now.items())
    return same and all((folder / name).is_file() and sha256((folder / name).read_bytes()) == h
                        for name, h in data["outputs"].items())
