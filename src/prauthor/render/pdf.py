"""Render the print PDF: the HTML page laid out by WeasyPrint, never a second layout.

Fonts come from the font packages prauthor installs, not from the system; nothing is
fetched from the network or from outside the desk; the same spec gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from functools import lru_cache
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from prauthor.document import Document
from prauthor.errors import InputError, Problem, RenderError, RenderWarning
from prauthor.render import PDF_VARIANTS
from prauthor.render.html import page, template_dirs
from prauthor.render.pdf_fetch import DeskFetcher, Refused
from prauthor.render.pdf_log import WeasyPrintLog

SERIF = Path(font_source_serif_pro.font_directory)
SANS = Path(font_source_sans_pro.font_directory)
# family, file, weight, style: the faces the stylesheet uses, and no system font.
FACES = (
    ("Source Serif Pro", SERIF / "SourceSerifPro-Regular.ttf", 400, "normal"),
    ("Source Serif Pro", SERIF / "SourceSerifPro-It.ttf", 400, "italic"),
    ("Source Serif Pro", SERIF / "SourceSerifPro-Semibold.ttf", 600, "normal"),
    ("Source Serif Pro", SERIF / "SourceSerifPro-SemiboldIt.ttf", 600, "italic"),
    ("Source Serif Pro", SERIF / "SourceSerifPro-Bold.ttf", 700, "normal"),
    ("Source Serif Pro", SERIF / "SourceSerifPro-BoldIt.ttf", 700, "italic"),
    ("Source Sans Pro", SANS / "SourceSansPro-Regular.ttf", 400, "normal"),
    ("Source Sans Pro", SANS / "SourceSansPro-It.ttf", 400, "italic"),
    ("Source Sans Pro", SANS / "SourceSansPro-Semibold.ttf", 600, "normal"),
    ("Source Sans Pro", SANS / "SourceSansPro-Bold.ttf", 700, "normal"),
    ("Source Sans Pro", SANS / "SourceSansPro-BoldIt.ttf", 700, "italic"),
)
FAMILIES = frozenset(family for family, *_ in FACES)


def render(doc: Document, options) -> bytes:
    """Return the PDF of `doc`; refuse any resource from outside the desk."""
    if options.pdf_variant not in (None, *PDF_VARIANTS):
        raise InputError.one("--pdf-variant", f"unknown PDF variant '{options.pdf_variant}' "
                             f"(known: {', '.join(PDF_VARIANTS)})")
    fetcher = DeskFetcher(allowed_roots(options))
    html = weasyprint.HTML(string=page(doc, options), base_url=base_url(options),
                           url_fetcher=fetcher)
    try:
        with WeasyPrintLog() as log:
            fonts, fonts_css = packaged_fonts()
            settings = pdf_options(doc, options)
            rendered = html.render(font_config=fonts, stylesheets=[fonts_css], **settings)
            data = rendered.write_pdf(**settings)
    except Refused as refused:
        raise InputError([Problem(spec_file(doc, options), None, "pdf", str(refused))]) from None
    notes = log.messages + foreign_fonts(rendered)
    report(doc, options, notes)
    return data


def allowed_roots(options) -> list[Path]:
    """Return the folders a PDF may read: the desk, its templates and the font packages."""
    roots = [*template_dirs(options), SERIF, SANS]
    return [options.desk_root, *roots] if options.desk_root else roots


def base_url(options) -> str:
    """Return the folder relative URLs in templates start from: the first template folder."""
    return template_dirs(options)[0].resolve().as_uri() + "/"


@lru_cache(maxsize=1)
def packaged_fonts() -> tuple[FontConfiguration, weasyprint.CSS]:
    """Return the packaged faces, loaded once per process (it costs a sixth of a render)."""
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=font_faces(), font_config=fonts,
                         url_fetcher=DeskFetcher([SERIF, SANS]))
    return fonts, css


def font_faces() -> str:
    """Return @font-face rules for the packaged fonts."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family, path, weight, style in FACES)


def pdf_options(doc: Document, options) -> dict:
    """Return WeasyPrint's options: the variant and what it needs."""
    values = {"pdf_variant": options.pdf_variant}
    if options.pdf_variant:
        # PDF/A and PDF/UA want a file identifier; one from the spec stays the same per spec.
        identifier = hashlib.sha256(f"{doc.meta.spec_sha256}:{options.pdf_variant}".encode())
        values["pdf_identifier"] = identifier.hexdigest()[:32].encode("ascii")
    if options.pdf_variant == "pdf/a-3b":
        values["attachments"] = [spec_attachment(doc, options)]
    if options.pdf_variant == "pdf/ua-1":
        values["pdf_tags"] = True
    return values


def spec_attachment(doc: Document, options) -> weasyprint.Attachment:
    """Return the spec as an attachment, checked against the hash it was resolved from."""
    path = options.spec_path
    if options.spec_text is None and path is None:
        raise RenderError("pdf/a-3b attaches the spec file, but no spec file was given")
    source = options.spec_text if options.spec_text is not None else Path(path).read_bytes()
    if hashlib.sha256(source).hexdigest() != doc.meta.spec_sha256:
        raise RenderError(f"{path} changed while it was being rendered; render it again")
    moment = dt.datetime.combine(doc.meta.date, dt.time(0, 0))
    name = doc.meta.spec_name if options.spec_text is None else f"{doc.meta.slug}.yaml"
    return weasyprint.Attachment(
        string=source, name=name, description="Release spec (YAML)",
        created=moment, modified=moment, relationship="Source")


def foreign_fonts(rendered) -> list[str]:
    """Name every font that is not one of the packaged faces, as a warning."""
    used = {font.family for font in rendered.fonts.values()}
    return [f"text is set in the system font '{family}', not in the packaged fonts"
            for family in sorted(used - FAMILIES)]


def report(doc: Document, options, notes: list[str]) -> None:
    """Raise notes as errors under --strict, else pass them on as warnings."""
    if not notes:
        return
    where = spec_file(doc, options)
    if options.strict:
        raise InputError([Problem(where, None, "pdf", f"{note} (--strict)") for note in notes])
    for note in notes:
        warnings.warn(Problem(where, None, "pdf", note), RenderWarning, stacklevel=2)


def spec_file(doc: Document, options) -> Path:
    """Return the spec's path, for messages."""
    return Path(options.spec_path) if options.spec_path else Path(doc.meta.spec_name)
