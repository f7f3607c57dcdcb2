"""Name the output formats and render a Document to one of them.

Renderer modules are imported only when their format is asked for, so that commands
that do not render never load WeasyPrint or the DOCX stack.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from prauthor.budget import BUDGET_VARIABLE, TimeUp, budget_seconds, time_limit
from prauthor.document import Document
from prauthor.errors import problem
from prauthor.validation import suggest


@dataclass(frozen=True)
class Format:
    """An output format: the contract every renderer module meets.

    The module has `render(doc, options) -> bytes` and may have `applies(doc) -> bool`
    (a calendar file only for a release with a timed event), `filename(doc)` (a file
    name its own rules give, as EDGAR's do) and `attachments(doc) -> {name: bytes}`
    (files written beside it: the exhibit's images). `default` formats are
    rendered when none is asked for; `options` names the Options fields it reads.
    """

    name: str
    module: str
    suffix: str
    about: str
    default: bool = True
    options: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("txt", "prauthor.render.newswire", "txt", "the newswire text, in the wire's "
           "conventions", options=("wrap", "ascii")),
    Format("docx", "prauthor.render.docx", "docx", "the Word file legal reviews",
           options=("draft", "line_numbers", "template_dirs", "warnings")),
    Format("html", "prauthor.render.html", "html", "the investor-site page",
           options=("draft", "paper", "template_dirs")),
    Format("pdf", "prauthor.render.pdf", "pdf", "the print and archive copy: the page "
           "laid out by WeasyPrint", options=("draft", "paper", "pdf_variant", "strict",
                                             "template_dirs", "desk_root", "spec_path",
                                             "spec_text")),
    Format("ics", "prauthor.render.ics", "ics", "a calendar file, for a release with a "
           "timed event"),
    Format("edgar", "prauthor.render.edgar", "htm", "Exhibit 99.1 as furnished to the SEC on "
           "EDGAR, with its images", default=False),
    Format("ninjs", "prauthor.render.ninjs", "ninjs.json", "an IPTC ninjs 3.1 news item for "
           "newsrooms", default=False, options=("draft",)),
    Format("newsml", "prauthor.render.newsml", "newsml.xml", "an IPTC NewsML-G2 news item "
           "for wire services", default=False, options=("draft",)),
)}


def default_formats() -> list[str]:
    """Return the formats rendered when none is asked for."""
    return [name for name, f in FORMATS.items() if f.default]

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
    spec_text: bytes | None = None  # the spec as read, when it has no file (standard input)
    warnings: tuple[str, ...] = ()  # a draft's open findings, for the DOCX review record


def renderer(name: str):
    """Return the module that renders format `name`."""
    return importlib.import_module(format_of(name).module)


def format_of(name: str) -> Format:
    """Return format `name`; raise InputError naming the known ones."""
    if name not in FORMATS:
        known = ", ".join(FORMATS)
        raise problem(None, None, "--format", f"unknown format '{name}'"
                      + suggest(name, FORMATS) + f" (known: {known})")
    return FORMATS[name]


def applies(doc: Document, name: str) -> bool:
    """Tell whether format `name` has an output for `doc` (a calendar needs an event)."""
    check = getattr(renderer(name), "applies", None)
    return check is None or check(doc)


def render(doc: Document, name: str, options: Options = Options()) -> bytes:
    """Render `doc` to format `name`, within the time budget."""
    module = renderer(name)
    try:
        with time_limit(budget_seconds()):
            return module.render(doc, options)
    except TimeUp:
        raise problem(options.spec_path, None, "", f"the {name} took longer than "
                      f"{budget_seconds():g} s of CPU to render, the limit for one format of "
                      f"one release (set {BUDGET_VARIABLE} to change it); look for a very long "
                      "word, table or template loop") from None
