"""Name the output formats and render a Document to one of them.

Renderer modules are imported only when their format is asked for, so that commands
that do not render never load WeasyPrint or the DOCX stack.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from prauthor.document import Document
from prauthor.errors import problem

# format name -> module; each module has SUFFIX and render(doc, options) -> bytes.
FORMATS = {
    "txt": "prauthor.render.newswire",
    "docx": "prauthor.render.docx",
    "html": "prauthor.render.html",
    "pdf": "prauthor.render.pdf",
    "ics": "prauthor.render.ics",
}

PAPERS = ("letter", "a4")
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")


@dataclass(frozen=True)
class Options:
    """How to render: choices the user makes on the command line."""

    wrap: int | None = None
    ascii: bool = False
    draft: bool = True  # review aids: DRAFT header, block comments, review record
    line_numbers: bool = False
    paper: str = "letter"  # html/pdf page size: letter or a4
    pdf_variant: str | None = None  # pdf/a-3b (archive, spec attached) or pdf/ua-1 (tagged)
    strict: bool = False  # renderer warnings (a missing glyph, a fallback font) are errors
    # Where the spec came from, set per spec by the pipeline: templates (the desk's
    # first), the desk folder (the only files a PDF may read) and the spec file itself.
    template_dirs: tuple[Path, ...] = ()
    desk_root: Path | None = None
    spec_path: Path | None = None
    warnings: tuple[str, ...] = ()  # a draft's open findings, for the DOCX review record


def renderer(name: str):
    """Return the module that renders format `name`."""
    if name not in FORMATS:
        known = ", ".join(FORMATS)
        raise problem(None, None, "--format", f"unknown format '{name}' (known: {known})")
    return importlib.import_module(FORMATS[name])


def applies(doc: Document, name: str) -> bool:
    """Tell whether format `name` has an output for `doc` (a calendar needs an event)."""
    check = getattr(renderer(name), "applies", None)
    return check is None or check(doc)


def render(doc: Document, name: str, options: Options = Options()) -> bytes:
    """Render `doc` to format `name`."""
    return renderer(name).render(doc, options)
