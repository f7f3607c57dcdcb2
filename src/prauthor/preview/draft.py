"""Render what the preview shows first: findings, newswire text and the HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prauthor.desk import Desk, find_desk, open_desk
from prauthor.document import Document
from prauthor.governance.findings import Finding
from prauthor.render import Options


@dataclass(frozen=True)
class Draft:
    """One render of the release for the preview, everything but the PDF."""

    document: Document
    options: Options
    html: bytes
    text: str
    findings: tuple[Finding, ...]
    csv_files: tuple[Path, ...]


def render_draft(spec: Path, options: Options, desk_dir: Path | None = None,
                 wire: str | None = None) -> Draft:
    """Resolve the spec afresh (every file read again) and render its HTML and text.

    Raises PrauthorError for a spec, block, profile or template the user must fix.
    """
    from prauthor.governance.check import findings
    from prauthor.pipeline import resolve_loaded, with_desk
    from prauthor.render import render

    (loaded, doc), = resolve_loaded([spec], desk_dir, wire)
    options = with_desk(options, spec, desk_dir)
    found = findings(loaded, doc, final=not options.draft)
    html = render(doc, "html", options)
    text = render(doc, "txt", options).decode("utf-8")
    return Draft(doc, options, html, text, tuple(found), tuple(csv_files(loaded)))


def desk_of(spec: Path, desk_dir: Path | None = None) -> Desk:
    """Return the desk a spec renders with."""
    return open_desk(desk_dir) if desk_dir else find_desk(spec.parent)


def csv_files(loaded) -> list[Path]:
    """Return the CSV files the spec's tables read, wherever the spec nests them."""
    from pydantic import BaseModel

    from prauthor.tables import csv_path

    found: list[Path] = []

    def walk(value) -> None:
        if isinstance(value, list | tuple | dict):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)
        elif isinstance(value, BaseModel):
            written = getattr(value, "csv", None)
            if isinstance(written, str):
                path = csv_path(written, loaded.source.path.parent, loaded.desk.root)
                if isinstance(path, Path):
                    found.append(path)
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(loaded.spec)
    return found
