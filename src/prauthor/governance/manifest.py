"""Write the render manifest: what went in (spec, blocks, templates, version, options)
and what came out (each output's sha-256), beside the outputs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from prauthor import __version__
from prauthor.desk import CONFIG, Desk, builtin_root
from prauthor.document import Document

if TYPE_CHECKING:
    from prauthor.resolve import Loaded

FORMAT = 2
# Fields a manifest carries from the format that added them on: an older manifest,
# written without them, is still read, and they are not compared with it.
ADDED = {"data": 2}
SUFFIX = ".manifest.json"
DRAFT = "draft"  # the word a draft's file names carry: <slug>.draft.<suffix>
# Template folders that no renderer reads.
NOT_TEMPLATES = {"starters", "__pycache__"}


def sha256(data: bytes) -> str:
    """Return the hex sha-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def file_stem(slug: str, draft: bool) -> str:
    """Name a release's files: a draft's say so, so that a draft never overwrites a final."""
    return f"{slug}.{DRAFT}" if draft else slug


def is_draft_file(path: Path) -> bool:
    """Tell whether a file of a release folder is named as a draft's (`file_stem`)."""
    return f".{DRAFT}." in path.name


def manifest_path(folder: Path, stem: str) -> Path:
    """Return where the manifest of the files named `stem` goes in their output folder."""
    return folder / f"{stem}{SUFFIX}"


def template_hashes(desk: Desk) -> dict[str, str]:
    """Return the sha-256 of every template file the desk renders with, by name."""
    found: dict[str, str] = {}
    for folder in desk.template_dirs():
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            parts = set(path.relative_to(folder).parts)
            if path.is_file() and not parts & NOT_TEMPLATES and not name.startswith(".") \
                    and name not in found:  # the desk's own template overrides by name
                found[name] = sha256(path.read_bytes())
    return dict(sorted(found.items()))


def inputs(loaded: Loaded, doc: Document, formats: list[str], options, folder: Path) -> dict:
    """Return what a render was made from, with paths relative to the output folder."""
    desk = loaded.desk
    builtin = desk.root == builtin_root().resolve()
    return {
        "prauthor": __version__,
        "final": not options.draft,
        "spec": _spec(loaded, doc, folder),
        "desk": {"builtin": True} if builtin else _where(desk.root, folder),
        "wire": doc.meta.wire,
        "formats": list(formats),
        "options": _plain({k: v for k, v in dataclasses.asdict(options).items()
                           if k not in ("warnings", "spec_text")}),
        "blocks": [{"id": s.block_id, "version": s.version, "sha256": s.sha256}
                   for s in doc.sections],
        "templates": template_hashes(desk),
        "config": config_hash(desk),
        "images": [{"file": i.name, "kind": i.kind, "sha256": i.sha256} for i in doc.images()],
        "data": [{"file": f.name, "sha256": f.sha256} for f in doc.data_files()],
        # The resolved release itself: it changes with anything it was made from that the
        # entries above do not name, such as the company profile.
        "document": document_hash(doc),
    }


def compared(field: str, recorded: dict) -> bool:
    """Tell whether a field is compared with a recorded manifest: not one its format
    predates."""
    version = recorded.get("manifest")
    return not isinstance(version, int) or version >= ADDED.get(field, 0)


def _spec(loaded: Loaded, doc: Document, folder: Path) -> dict:
    """Record the spec: its file, or for one read from standard input, its text and the
    folder its relative paths were read from, so that `verify` can render it again."""
    entry = {**_where(loaded.source.path, folder), "sha256": doc.meta.spec_sha256}
    if loaded.source.raw is not None:
        entry |= {"stdin": True, "text": loaded.source.raw.decode("utf-8")}
    return entry


def config_hash(desk: Desk) -> str | None:
    """Return the sha-256 of the desk's prauthor.toml (its wires and house style), if any."""
    path = desk.root / CONFIG
    return sha256(path.read_bytes()) if path.is_file() else None


def document_hash(doc: Document) -> str:
    """Return the sha-256 of the resolved Document's content."""
    content = json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return sha256(content.encode("utf-8"))


def manifest_bytes(loaded: Loaded, doc: Document, formats: list[str], options,
                   outputs: dict[Path, bytes], folder: Path,
                   warnings: tuple[str, ...] = ()) -> bytes:
    """Return the manifest of one release's render as stable JSON."""
    data = {"manifest": FORMAT, **inputs(loaded, doc, formats, options, folder),
            "outputs": {path.name: sha256(data) for path, data in sorted(outputs.items())},
            "warnings": list(warnings)}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _where(path: Path, folder: Path) -> dict[str, str]:
    """Record a path both ways: relative survives moving the whole tree, absolute
    survives moving the output folder alone."""
    absolute = path.resolve()
    return {"path": Path(os.path.relpath(absolute, folder.resolve())).as_posix(),
            "absolute": absolute.as_posix()}


def locate(recorded: dict, folder: Path, fits=Path.exists) -> Path:
    """Find a recorded path again: relative to the output folder first, then absolute;
    the first that `fits` (a folder copied elsewhere can make the relative path name
    another, existing place), else the first that exists."""
    relative = (folder / recorded.get("path", ".")).resolve()
    absolute = Path(recorded.get("absolute", relative))
    for test in (fits, Path.exists):
        found = next((p for p in (relative, absolute) if test(p)), None)
        if found is not None:
            return found
    return relative


def _plain(value):
    """Make option values JSON: paths and other objects become text."""
    return json.loads(json.dumps(value, default=str))
