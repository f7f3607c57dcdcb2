"""Find the two drafts a redline compares: specs, a git revision, or an earlier render."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from pathlib import Path

from prauthor.dateline import long_date
from prauthor.document import Document, Section
from prauthor.errors import InputError, problem

REDLINE_SUFFIX = ".redline.docx"


def redline_files(old: Path | None, new: Path, since: str | None, out: Path | None,
                  author: str | None, desk: Path | None) -> tuple[Path, bytes]:
    """Return where the redline goes and its bytes."""
    from prauthor.render.docx import KIND, REDLINE_AUTHOR, REDLINE_DATE, origin
    from prauthor.render.docx_package import repack
    from prauthor.render.docx_review import bookmark
    from prauthor.review.redline import Note, redline

    doc, new_docx = _rendered(new, desk)
    if since is not None:
        old_docx, old_versions = _at_revision(new, since, desk)
    elif old is not None and old.is_dir():
        old_docx, old_versions = _from_render(old)
    else:
        old_doc, old_docx = _rendered(old, desk)
        old_versions = {s.block_id: s.version for s in old_doc.sections}
    notes = [Note(bookmark(index), text) for index, section in enumerate(doc.sections, start=1)
             if (text := _version_note(section, old_versions.get(section.block_id)))]
    meta = doc.meta
    date = dt.datetime(meta.date.year, meta.date.month, meta.date.day).isoformat() + "Z"
    author = author or meta.company
    data = redline(old_docx, new_docx, author, date, notes)
    # The redline's own revisions are named, so that counsel's markup of it can be read.
    data = repack(data, meta.date, {**origin(doc, True), KIND: "redline",
                                    REDLINE_AUTHOR: author, REDLINE_DATE: date})
    return out or Path("out") / meta.slug / f"{meta.slug}{REDLINE_SUFFIX}", data


def _rendered(spec: Path, desk: Path | None) -> tuple[Document, bytes]:
    """Resolve a spec and render its draft DOCX, review aids and all."""
    from prauthor.pipeline import resolve_loaded

    return _draft(*resolve_loaded([spec], desk)[0], desk)


def _draft(loaded, doc: Document, desk: Path | None) -> tuple[Document, bytes]:
    """Render a resolved spec's draft DOCX with its findings in the review record."""
    from dataclasses import replace

    from prauthor.pipeline import warnings_of, with_desk
    from prauthor.render import Options, render

    path = loaded.source.path
    options = replace(with_desk(Options(), path, desk),
                      warnings=warnings_of([(loaded, doc)])[path])
    return doc, render(doc, "docx", options)


def _version_note(section: Section, old: int | None) -> str:
    """Say how a block's version changed since the older draft, if it did."""
    if old == section.version:
        return ""
    if section.approved_by and section.status == "approved":
        when = f", {long_date(section.approved_on)}" if section.approved_on else ""
        approval = f"approved by {section.approved_by}{when}"
    else:
        approval = f"{section.status}, not approved"
    start = "new in this draft" if old is None else f"v{old} to v{section.version}"
    return f"{section.block_id} {start}, {approval}"


def _at_revision(spec: Path, revision: str, desk: Path | None) -> tuple[bytes, dict[str, int]]:
    """Render the spec as it was at a git revision."""
    from prauthor.desk import find_desk, open_desk
    from prauthor.load import loaded_from
    from prauthor.resolve import resolve
    from prauthor.yamlsource import parse_yaml

    folder = spec.resolve().parent
    done = subprocess.run(["git", "-C", str(folder), "show", f"{revision}:./{spec.name}"],
                          capture_output=True)
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError.one("--since", f"git cannot show {spec.name} at {revision}: "
                             + (message[-1] if message else "git failed"))
    try:
        text = done.stdout.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise InputError.one("--since", f"{spec.name} at {revision} is not UTF-8 text "
                             f"({error.reason})") from None
    # The old text is read as if it were the spec, so that its name and its relative
    # paths (a table's CSV, as it is now) are the spec's.
    source = dataclasses.replace(parse_yaml(text, spec), raw=done.stdout)
    loaded = loaded_from(source, open_desk(desk) if desk else find_desk(folder))
    doc, data = _draft(loaded, resolve(loaded), desk)
    return data, {s.block_id: s.version for s in doc.sections}


def _from_render(folder: Path) -> tuple[bytes, dict[str, int]]:
    """Read the DOCX and block versions of an earlier render from its output folder."""
    from prauthor.governance.manifest import SUFFIX

    manifests = sorted(folder.glob(f"*{SUFFIX}"))
    if not manifests:
        raise problem(folder, None, "", "holds no render manifest; name a release's output "
                      "folder (out/SLUG) or its spec")
    slug = manifests[0].name[: -len(SUFFIX)]
    docx = folder / f"{slug}.docx"
    if not docx.is_file():
        raise problem(folder, None, "", f"holds no {docx.name}: that render had no DOCX")
    try:
        blocks = json.loads(manifests[0].read_text(encoding="utf-8")).get("blocks", [])
        versions = {b["id"]: int(b["version"]) for b in blocks}
    except (ValueError, KeyError, TypeError) as error:
        raise problem(manifests[0], None, "", f"is not a render manifest: {error}") from None
    return docx.read_bytes(), versions
