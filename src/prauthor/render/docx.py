"""Render the DOCX counsel reviews: docxtpl over the desk's Word template.

The template holds the page, header, footer, numbering and named styles, with one tag
per part of the release; this module fills each tag with paragraphs in those styles.
Drafts carry review aids: a DRAFT header, a comment on each boilerplate block and a
closing review record; line numbers are on request.
"""

from __future__ import annotations

import datetime as dt
import itertools
from io import BytesIO

from docx import Document as WordDocument
from docx.shared import Emu, Length, Twips
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from markupsafe import Markup

from prauthor.dateline import long_date
from prauthor.desk import builtin_root
from prauthor.document import (
    Body,
    ContactCard,
    Contacts,
    Document,
    EndMark,
    Headline,
    Image,
    Lead,
    Logo,
    ReleaseLine,
    Section,
)
from prauthor.errors import problem
from prauthor.render import docx_template
from prauthor.render.docx_blocks import BOILERPLATE, LabelColumn, Writer, storable
from prauthor.render.docx_package import repack
from prauthor.render.docx_review import add_comments, marks, number_lines, record
from prauthor.sandbox import raised_in_template

SHORT_HASH = 12
# Custom document properties: `review` refuses a DOCX from another draft by these.
SPEC_NAME, SPEC_HASH, RELEASE = "prauthor.spec", "prauthor.spec-sha256", "prauthor.release"
KIND = "prauthor.render"  # draft, final or redline
REDLINE_AUTHOR, REDLINE_DATE = "prauthor.redline-author", "prauthor.redline-date"
WIRE = "prauthor.wire"  # the wire it was rendered for, the spec's or --wire
EMU_PER_PIXEL = 9525  # at 96 pixels an inch, as Word places a picture without a size
LOGO_WIDTH = 2 * 1440  # twips: two inches
TALLEST = 3 * 1440
PICTURE_IDS = 5000

# docxtpl's escapes for literal braces in a template, turned into plain Jinja before
# rendering, so that nothing rewrites the rendered text afterwards.
LITERAL_BRACES = {"{_{": "{{ '{' ~ '{' }}", "}_}": "{{ '}' ~ '}' }}",
                  "{_%": "{{ '{' ~ '%' }}", "%_}": "{{ '%' ~ '}' }}"}


class _Template(DocxTemplate):
    """docxtpl, minus the regex rewriting of rendered XML, which would alter spec text."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        self.current_rendering_part = part
        for literal, expression in LITERAL_BRACES.items():
            src_xml = src_xml.replace(literal, expression)
        return jinja_env.from_string(src_xml).render(context)


def render(doc: Document, options) -> bytes:
    """Return the DOCX of `doc` as bytes: the same Document always gives the same bytes."""
    dirs = options.template_dirs or (builtin_root() / "templates",)
    template = docx_template.load(docx_template.find(dirs))
    # docxtpl leaves plain lxml elements behind; read the result back as a python-docx
    # document so that comments and section settings go through its API.
    word = WordDocument(BytesIO(_filled(template, doc, options.draft, options.warnings)))
    if options.draft:
        add_comments(word, doc, template.free_bookmark_id)
    if options.line_numbers:
        number_lines(word)
    _properties(word.core_properties, doc)
    return repack(_saved(word), doc.meta.date, origin(doc, options.draft))


def origin(doc: Document, draft: bool) -> dict[str, str]:
    """Return the custom properties that tie a DOCX to the spec it was rendered from."""
    meta = doc.meta
    return {SPEC_NAME: meta.spec_name, SPEC_HASH: meta.spec_sha256, RELEASE: meta.slug,
            KIND: "draft" if draft else "final", WIRE: meta.wire}


def _filled(template: docx_template.Template, doc: Document, draft: bool,
            warnings: tuple[str, ...] = ()) -> bytes:
    """Render the template's tags with the release; return the package's bytes."""
    tpl = _Template(BytesIO(template.data))
    word = tpl.get_docx()
    writer = Writer(template.styles, tpl.build_url_id, _list_maker(word), _text_width(word),
                    _picture_maker(word), _label_column(word))
    variables = context(doc, writer, draft, template.free_bookmark_id, warnings)
    try:
        tpl.render(variables, docx_template.environment(), autoescape=True)
    except Exception as error:  # a tag's own doing ({{ 1/0 }}, a blocked access), located
        if not (isinstance(error, TemplateError) or raised_in_template(error)):
            raise
        message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        raise problem(template.path, None, "", f"template error: {message}") from None
    return _saved(tpl)


def context(doc: Document, w: Writer, draft: bool, first_mark: int,
            warnings: tuple[str, ...] = ()) -> dict:
    """Return the template's variables: the release in reading order, and header text."""
    meta = doc.meta
    numbers = itertools.count(1)  # boilerplate sections are numbered for their comments
    parts = {
        "release": "".join(_part(w, part, next(numbers) if isinstance(part, Section) else 0,
                                 first_mark if draft else None) for part in doc.parts),
        "review_record": record(w, doc, warnings) if draft else "",
    }
    texts = {"draft": draft, "spec_name": meta.spec_name,
             "spec_hash": meta.spec_sha256[:SHORT_HASH], "company": meta.company,
             "release_date": long_date(meta.date), "title": doc.headline, "slug": meta.slug}
    for value in texts.values():
        if isinstance(value, str):
            storable(value)
    return {**{name: Markup(xml) for name, xml in parts.items()}, **texts}


def _part(w: Writer, part, index: int, first_mark: int | None) -> str:
    """Return the Word XML of one part of the release."""
    if isinstance(part, Logo):
        return w.paragraph("Figure", f"<w:r>{w.picture(part.image, LOGO_WIDTH)}</w:r>")
    if isinstance(part, ReleaseLine):
        return w.paragraph("Release Line", w.text(part.text))
    if isinstance(part, Headline):
        return w.paragraph("Headline", w.text(part.text)) + "".join(
            w.paragraph("Subheadline", w.text(s)) for s in part.subheadlines)
    if isinstance(part, Lead):
        return w.paragraph("Lead", w.text(part.dateline.text, "Dateline")
                           + w.text(part.dateline.joiner) + w.runs(part.spans))
    if isinstance(part, Body):
        return w.blocks(part.blocks)
    if isinstance(part, Section):
        return _section(w, index, part, first_mark)
    if isinstance(part, Contacts):
        heading = w.paragraph("Contact", w.text(part.heading, "Contact Label")) \
            if part.heading else ""
        return heading + "".join(_contact(w, card) for card in part.cards)
    if isinstance(part, EndMark):
        return w.paragraph("End Mark", w.text(part.text))
    raise TypeError(f"no Word layout for {type(part).__name__}")


def _section(w: Writer, index: int, section: Section, first_mark: int | None) -> str:
    start, end = marks(first_mark, index) if first_mark is not None else ("", "")
    title = w.paragraph("Boilerplate Heading", w.text(section.title)) if section.show_title else ""
    return start + title + w.blocks(section.blocks, BOILERPLATE) + end


def _contact(w: Writer, card: ContactCard) -> str:
    lines = []
    for label, spans in card.lines:
        runs = w.text(f"{label}:", "Contact Label") if label else ""
        runs += (w.text(" ") if label and spans else "") + w.runs(spans)
        lines.append(runs)
    return w.paragraph("Contact", "<w:r><w:br/></w:r>".join(lines))


def _list_maker(word):
    """Return new_list(level): a fresh numbered list, so each list counts from 1."""
    numbering = word.part.numbering_part.element
    num_id = int(word.styles["List Number"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0])
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val

    def new_list(level: int) -> int:
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
        return num.numId

    return new_list


def _picture_maker(word):
    """Return picture(image, widest): an inline drawing, at most `widest` twips wide."""
    part = word.part
    ids = iter(range(PICTURE_IDS, PICTURE_IDS + 10_000))

    def picture(image: Image, widest: int) -> str:
        # As in the print CSS: at most the text's width, and three inches tall.
        tallest = Twips(TALLEST).emu * image.width / image.height
        width = Emu(round(min(image.width * EMU_PER_PIXEL, Twips(widest).emu, tallest)))
        height = Emu(round(width * image.height / image.width))
        inline = part.new_pic_inline(BytesIO(image.data), width, height)
        inline.docPr.id = next(ids)  # unique: python-docx counts only ids already placed
        inline.docPr.set("descr", image.alt)  # Word's alt text
        return f"<w:drawing>{inline.xml}</w:drawing>"

    return picture


def _label_column(word) -> LabelColumn:
    """Read where the template's Event Detail style sets its labels and values, and the
    size of its labels, following each style's base styles and the document defaults."""
    detail = word.styles["Event Detail"]
    left = _inherited(detail, lambda s: s.paragraph_format.left_indent) or 0
    first = _inherited(detail, lambda s: s.paragraph_format.first_line_indent) or 0
    tabs = tuple(stop.position.twips for style in _lineage(detail)
                 for stop in style.paragraph_format.tab_stops)
    size = (_inherited(word.styles["Event Label"], lambda s: s.font.size)
            or _inherited(detail, lambda s: s.font.size)
            or _default_size(word))
    hanging = -Length(first).twips
    if hanging <= 0:  # labels and values on one line with no column: keep the style's
        return LabelColumn(start=Length(left).twips, width=0, tabs=tabs,
                           size=round(Length(size).pt * 2))
    return LabelColumn(start=Length(left).twips - hanging, width=hanging, tabs=tabs,
                       size=round(Length(size).pt * 2))


def _lineage(style):
    """Yield a style and its base styles, nearest first."""
    while style is not None:
        yield style
        style = style.base_style


def _inherited(style, read):
    """Return the first value a style or one of its base styles sets."""
    return next((value for s in _lineage(style) if (value := read(s)) is not None), None)


def _default_size(word) -> Length:
    """Return the document's default text size (w:docDefaults), or Word's own 10 pt."""
    sizes = word.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return Twips(int(sizes[0]) * 10) if sizes else Twips(200)


def _text_width(word) -> int:
    section = word.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin).twips


def _properties(props, doc: Document) -> None:
    """Set the document properties; dates are the release date, so bytes repeat."""
    meta = doc.meta
    ticker = f"{meta.exchange}: {meta.ticker}" if meta.exchange and meta.ticker else meta.ticker
    props.title = _clip(doc.headline)
    props.author = _clip(meta.company)
    props.subject = _clip("; ".join(doc.subheadlines) or f"{meta.company} press release")
    props.keywords = _clip("; ".join(k for k in (meta.company, ticker, meta.type, "press release")
                                     if k))
    props.category = "Press release"
    props.comments = _clip(f"From {meta.spec_name} (SHA-256 {meta.spec_sha256})")
    props.identifier = _clip(meta.slug)
    props.language = "en-US"
    props.last_modified_by = "prauthor"
    props.revision = 1
    props.created = props.modified = dt.datetime(meta.date.year, meta.date.month, meta.date.day)


def _clip(text: str, limit: int = 255) -> str:
    """Shorten a document property to the 255 characters Word's core properties hold."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _saved(word) -> bytes:
    stream = BytesIO()
    word.save(stream)
    return stream.getvalue()
