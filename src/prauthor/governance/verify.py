"""Verify rendered outputs against their manifests: render again and compare.

`verify` trusts nothing in a manifest it can recompute. It takes from the manifest
only what a render was asked for (the spec's and the desk's place, the wire, the
formats and the options), resolves the spec and its desk again, checks the approvals
of the blocks it uses, renders again and compares every file in the release folder:
none missing, none extra, none outside the folder, each byte for byte. The manifest
itself must be what rendering gives, field by field. A failure says which inputs
changed since (spec, blocks, templates, prauthor version), or that none did.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from prauthor import __version__
from prauthor.desk import CONFIG, builtin_root, is_desk
from prauthor.errors import InputError, PrauthorError, problem
from prauthor.governance.manifest import (
    SUFFIX,
    compared,
    file_stem,
    inputs,
    is_draft_file,
    locate,
    manifest_path,
    sha256,
)

if TYPE_CHECKING:
    from prauthor.document import Document
    from prauthor.resolve import Loaded

# What a render was asked for: taken from the manifest. Every other field is recomputed.
REQUESTED = ("manifest", "spec", "desk", "wire", "formats", "options")


class Verdict(NamedTuple):
    """Whether one file still matches, and why not."""

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
        if not isinstance(data.get("outputs"), dict) or not isinstance(data.get("spec"), dict):
            raise ValueError("it lists no outputs or spec")
        return data
    except (OSError, ValueError, AttributeError) as error:
        raise problem(path, None, "", f"not a prauthor manifest ({error})") from None


def verify_manifest(path: Path) -> list[Verdict]:
    """Verify a release folder against what rendering its manifest's request gives now."""
    data = read_manifest(path)
    folder = path.parent
    present = _files(folder, path)
    try:
        fresh, recomputed, release_reasons = rerender(data, folder)
    except PrauthorError as error:
        return [Verdict(file, False, (f"cannot render it again: {error}",))
                for file in sorted({*present, *_listed(data, folder)})]
    release_reasons += _manifest_edits(data, recomputed, path)
    reasons: dict[Path, list[str]] = {}
    recorded = data["outputs"]
    for file in sorted({*present, *(folder / name for name in fresh), *_listed(data, folder)}):
        found = reasons.setdefault(file, [])
        found += _file_reasons(file, folder, present, fresh, recorded, recomputed, data)
    verdicts = [Verdict(file, not found, tuple(found)) for file, found in reasons.items()]
    if release_reasons:
        verdicts.append(Verdict(path, False, tuple(release_reasons)))
    return verdicts


def _files(folder: Path, manifest: Path) -> set[Path]:
    """Return every entry of the release folder but its manifest and the other render's
    files: a draft and a final of one release share its folder, each with its manifest."""
    others: set[Path] = set()
    kinds = {is_draft_file(manifest)}
    for other in folder.glob(f"*{SUFFIX}"):
        if other != manifest:
            others.add(other)
            kinds.add(is_draft_file(other))
            # A broken manifest gets its own verdict; here it only claims no files.
            with contextlib.suppress(InputError):
                others |= _listed(read_manifest(other), folder)
    # A file no manifest lists is told once: by the draft's manifest when its name says
    # draft, by the final's when not, by the only manifest when there is one.
    return {p for p in folder.iterdir() if p != manifest and p not in others
            and (len(kinds) == 1 or is_draft_file(p) == is_draft_file(manifest))}


def _listed(data: dict, folder: Path) -> set[Path]:
    return {folder / name for name in data["outputs"]}


def _file_reasons(file: Path, folder: Path, present: set[Path], fresh: dict[str, bytes],
                  recorded: dict, recomputed: dict, data: dict) -> list[str]:
    name = file.name
    if file.parent != folder or file.name in ("", ".", ".."):
        return ["the manifest names a file outside the release folder"]
    if file.is_symlink():
        return ["a link, not a file the render wrote (it may point outside the release folder)"]
    if file in present and not file.is_file():
        return ["a folder, where a release folder holds only the files its render wrote"]
    if name not in fresh:
        made = ", ".join(data.get("formats", [])) or "no formats"
        return [f"this render ({made}) does not write it: left from an earlier render with "
                "other formats, or added since; delete it, or render again with its format"]
    if file not in present:
        return ["the file is missing"]
    content, made = file.read_bytes(), fresh[name]
    now, listed = sha256(content), recorded.get(name)
    out = []
    if listed is None:
        out.append("the manifest does not list it")
    elif now != listed:
        out.append(f"the file changed after rendering (sha-256 {now}, manifest {listed})")
    if made != content and (listed is None or now == listed or sha256(made) != listed):
        why = "; ".join(changed_inputs(data, recomputed)) or (
            "the same inputs now give other bytes: the file and its manifest entry were "
            "edited, or the renderer is not reproducible")
        out.append(f"rendering again gives other bytes ({why})")
    return out


def rerender(data: dict, folder: Path) -> tuple[dict[str, bytes], dict, list[str]]:
    """Resolve and render the manifest's request again; return the outputs by file name,
    the manifest rendering gives now, and what is wrong with the release as a whole."""
    from prauthor.governance.manifest import manifest_bytes
    from prauthor.pipeline import (
        STDIN,
        piped_specs,
        recorded_warnings,
        release_files,
        render_all,
        resolve_loaded,
        warnings_of,
    )
    from prauthor.render import Options

    spec = locate(data["spec"], folder)
    desk = data.get("desk", {})
    desk_dir = builtin_root() if desk.get("builtin") else locate(desk, folder, is_desk)
    options = _options(Options, data.get("options", {}))
    formats = list(data.get("formats", []))
    if data["spec"].get("stdin"):
        resolved = resolve_loaded([STDIN], desk_dir, data.get("wire"), piped=_piped(data, spec))
        spec = resolved[0][0].source.path
    else:
        resolved = resolve_loaded([spec], desk_dir, data.get("wire"))
    (loaded, doc), = resolved
    warnings = warnings_of(resolved)
    problems = []
    if doc.meta.slug != folder.name:
        problems.append(f"the manifest names the spec {spec.name}, whose release is "
                        f"'{doc.meta.slug}', but this folder holds '{folder.name}'")
    problems += _approvals(loaded, doc)
    release, = render_all([(spec, doc)], formats, options, desk_dir, warnings=warnings,
                          piped=piped_specs(resolved))
    outputs = release_files(folder.parent, release)
    fresh = {path.name: content for path, content in outputs.items()}
    recorded = recorded_warnings(resolved, options.draft)[loaded.source.path]
    recomputed = json.loads(manifest_bytes(loaded, doc, formats, options, outputs, folder,
                                           recorded))
    return fresh, recomputed, problems


def _piped(data: dict, spec: Path):
    """Return the text of a spec read from standard input, as its manifest recorded it."""
    from prauthor.load import Piped

    raw = str(data["spec"].get("text", "")).encode("utf-8")
    if sha256(raw) != data["spec"].get("sha256"):
        raise InputError.one("spec.text", "the spec text recorded in the manifest is not the "
                             "text rendered (its sha-256 differs): the manifest was edited")
    return Piped(raw, spec.parent)


def _approvals(loaded, doc) -> list[str]:
    """Check the signature of every approved block the release uses, as --final does."""
    from prauthor.governance.blockrules import library_blocks
    from prauthor.governance.signatures import signers_path, verify

    root = loaded.desk.boilerplate_path
    if not signers_path(root).is_file():
        return []
    return [f"block {block.ref} (in {block.path}) is marked approved but {signed.detail}"
            for block in library_blocks(loaded, doc) if block.meta.status == "approved"
            and not (signed := verify(block, root)).ok]


def _manifest_edits(data: dict, recomputed: dict, path: Path) -> list[str]:
    """Name the fields of the manifest that differ from what rendering gives now."""
    spec_now = recomputed["spec"]["sha256"]
    out = []
    if data["spec"].get("sha256") != spec_now:
        out.append(f"the spec changed since rendering (its sha-256 is {spec_now}; the "
                   f"manifest records {data['spec'].get('sha256')})")
    keys = sorted((data.keys() | recomputed.keys()) - set(REQUESTED))
    edited = [key for key in keys
              if compared(key, data) and data.get(key) != recomputed.get(key)]
    if edited:
        out.append(f"the manifest does not match what rendering gives now: "
                   f"{', '.join(edited)} differ")
    return out


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
    before = {(b.get("id"), b.get("version")): b.get("sha256")
              for b in recorded.get("blocks", []) if isinstance(b, dict)}
    after = {(b["id"], b["version"]): b["sha256"] for b in now["blocks"]}
    for key in sorted(before.keys() | after.keys(), key=str):
        if before.get(key) != after.get(key):
            ref = f"{key[0]}@{key[1]}"
            changes.append(f"block {ref} " + ("is no longer used" if key not in after else
                                              "is newly used" if key not in before else
                                              "has another text"))
    templates = sorted(name for name in recorded.get("templates", {}).keys() | now["templates"]
                       if recorded.get("templates", {}).get(name) != now["templates"].get(name))
    if templates:
        changes.append(f"templates changed: {', '.join(templates)}")
    if "config" in recorded and recorded["config"] != now["config"]:
        changes.append(f"the desk's {CONFIG} changed (its wires, house style or settings)")
    if images := _changed_files(recorded.get("images", []), now.get("images", [])):
        changes.append(f"images changed: {', '.join(images)}")
    data = "data" in recorded and _changed_files(recorded["data"], now.get("data", []))
    if data:
        changes.append(f"data files changed: {', '.join(data)}")
    if not changes and recorded.get("document") != now["document"]:
        unrecorded = "its company profile" if compared("data", recorded) and \
            "data" in recorded else "its company profile or a data file"
        changes.append(f"the release's content changed ({unrecorded})")
    return changes


def _changed_files(before: list, after: list) -> list[str]:
    """Name the files of two records ({file, sha256, ...} each) that were added, dropped or
    changed."""
    def hashes(entries: list) -> dict:
        return {e.get("file"): e.get("sha256") for e in entries if isinstance(e, dict)}
    old, new = hashes(before), hashes(after)
    return sorted(str(name) for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def up_to_date(loaded: Loaded, doc: Document, formats, out_dir: Path, options) -> bool:
    """Tell whether a resolved release's outputs match its manifest and its inputs are
    unchanged."""
    folder = out_dir / doc.meta.slug
    path = manifest_path(folder, file_stem(doc.meta.slug, options.draft))
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
