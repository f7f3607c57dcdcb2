#!/usr/bin/env python3
"""Build templates/docx/release.docx, prauthor's built-in Word template.

The template is made here, in code, so that every style, the page, the header and the
footer can be reviewed in a diff and rebuilt: `.venv/bin/python scripts/build_docx_template.py`.
A test checks that the committed file is what this script builds.

The body holds two docxtpl tags: `{{p release }}`, which the renderer fills with the
release's parts in reading order, in the named styles defined below, and
`{{p review_record }}`. A desk that brings its own template keeps the tags and these
style names and changes the rest.
"""

from __future__ import annotations

import datetime as dt
import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from prauthor.render.docx_package import repack  # noqa: E402

TARGET = ROOT / "templates" / "docx" / "release.docx"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
BUILT_ON = dt.date(2026, 1, 1)  # fixed, so that the template itself is reproducible

FONT = "Arial"
MONO = "Courier New"
INK = RGBColor(0x1A, 0x1A, 0x1A)
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xC0, 0x00, 0x00)
LINK = RGBColor(0x1F, 0x4E, 0x9A)

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 12240, 15840, 1440  # US Letter, 1-inch margins (twips)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# Word knows these names as its own; the rest are prauthor's.
WORD_BUILTINS = {"Body Text", "Quote", "Caption", "Hyperlink", "Header", "Footer",
                 "annotation text", "annotation reference", "line number", "List Bullet",
                 "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3"}

# The body: the release in reading order, then the draft's review record.
BODY_TAGS = ("release", "review_record")

PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr")


def build() -> bytes:
    """Return the bytes of the built-in template."""
    doc = Document()
    _strip(doc)
    _styles(doc)
    _numbering(doc)
    _page(doc)
    _header_footer(doc)
    _body(doc)
    _properties(doc)
    stream = BytesIO()
    doc.save(stream)
    return repack(stream.getvalue(), BUILT_ON)


# -- package ------------------------------------------------------------------------------


def _strip(doc) -> None:
    """Drop what python-docx's blank document carries and a release template does not need."""
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.CUSTOM_XML, RT.WEB_SETTINGS):
            doc.part.drop_rel(rId)
    package_rels = doc.part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rId)
    settings = doc.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture", "w:rsids", "w:shapeDefaults",
                "w:doNotAutoCompressPictures"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _properties(doc) -> None:
    _app_properties(doc)
    props = doc.core_properties
    props.title = props.subject = props.keywords = props.comments = ""
    props.author = props.last_modified_by = "prauthor"
    props.category = "Press release template"
    props.revision = 1
    props.created = props.modified = dt.datetime(BUILT_ON.year, BUILT_ON.month, BUILT_ON.day)


def _app_properties(doc) -> None:
    """Say which program made the file, instead of python-docx's blank file's Word for Mac."""
    (part,) = [p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml"]
    root = etree.fromstring(part.blob)
    namespace = root.nsmap[None]
    for name, value in (("Template", "release.docx"), ("Application", "prauthor")):
        root.find(f"{{{namespace}}}{name}").text = value
    version = root.find(f"{{{namespace}}}AppVersion")
    root.remove(version)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- styles -------------------------------------------------------------------------------

DEFAULTS = f"""
<w:docDefaults {nsdecls("w")}>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsiaTheme="minorEastAsia"/>
    <w:sz w:val="21"/><w:szCs w:val="21"/>
    <w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr>
    <w:spacing w:after="160" w:line="276" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>"""

# Word's own defaults: every document needs one of each kind.
BUILTIN_DEFAULTS = f"""
<w:styles {nsdecls("w")}>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
    <w:rPr><w:color w:val="{INK}"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>
    <w:unhideWhenUsed/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  </w:style>
</w:styles>"""


def _styles(doc) -> None:
    root = doc.styles.element
    for child in list(root):
        root.remove(child)
    root.append(parse_xml(DEFAULTS))
    for style in parse_xml(BUILTIN_DEFAULTS):
        root.append(style)
    _release_styles(doc)
    _list_styles(doc)
    _table_styles(doc)
    _page_styles(doc)


def _release_styles(doc) -> None:
    """Define the styles of the release itself, top to bottom."""
    para(doc, "Release Line", size=8.5, bold=True, color=GREY, spacing=20, after=18)
    para(doc, "Headline", size=16, bold=True, color=NAVY, align="center", after=8,
         keep_next=True, line=1.0, outline=0)
    para(doc, "Subheadline", size=11.5, italic=True, color=NAVY, align="center", after=4,
         keep_next=True, line=1.0)
    # Space is split before and after, so that a list sits close to the line that
    # introduces it and the paragraph after a list keeps a full gap.
    para(doc, "Body Text", before=6, after=4)
    para(doc, "Lead", base="Body Text", before=14)
    char(doc, "Dateline", bold=True)
    para(doc, "Section Heading", size=11, bold=True, color=NAVY, before=14, after=3,
         keep_next=True, outline=1)
    para(doc, "Section Heading 3", base="Section Heading", size=10.5, before=10, outline=2)
    para(doc, "Section Heading 4", base="Section Heading", size=10, italic=True, before=8,
         outline=3)
    para(doc, "Quote", base="Body Text")
    para(doc, "Marker", base="Body Text", bold=True, align="center", before=14, caps=True)
    para(doc, "Figure", base="Body Text", align="center", before=10, after=2, keep_next=True)
    para(doc, "Caption", base="Body Text", size=9, italic=True, color=GREY, align="center",
         before=0, after=10)
    para(doc, "Event Title", base="Body Text", bold=True, after=2, keep_next=True)
    para(doc, "Event Detail", base="Body Text", before=0, after=2, indent=1.5, hanging=1.25,
         tab=1.5, keep_next=True)
    char(doc, "Event Label", bold=True)
    para(doc, "Boilerplate Heading", size=10, bold=True, color=NAVY, before=14, after=0,
         keep_next=True, outline=1)
    para(doc, "Boilerplate Text", size=9.5, before=4, after=4)
    para(doc, "Contact", size=10, before=14, after=0, keep_together=True, line=1.1)
    char(doc, "Contact Label", bold=True)
    para(doc, "End Mark", align="center", before=18, after=0)
    char(doc, "Hyperlink", color=LINK, underline=True)


def _list_styles(doc) -> None:
    """Define bullet and number styles for three levels, each tied to its numbering."""
    for level in range(3):
        suffix = f" {level + 1}" if level else ""
        para(doc, f"List Bullet{suffix}", base="Body Text", before=0, numbering=(1, level))
        para(doc, f"List Number{suffix}", base="Body Text", before=0, numbering=(2, level))


def _table_styles(doc) -> None:
    table_style(doc, "Financial Table", borders=None)
    table_style(doc, "Record Table", borders="D9D9D9")
    para(doc, "Table Title", size=10, bold=True, align="center", before=12, after=0,
         keep_next=True, line=1.0)
    para(doc, "Table Units", size=9, italic=True, align="center", after=6, keep_next=True,
         line=1.0)
    cell = dict(size=9, after=0, before=0, line=1.0)
    para(doc, "Table Heading", **cell, bold=True, align="center", rule="bottom")
    para(doc, "Table Heading Label", **cell, bold=True)
    para(doc, "Table Label", **cell)
    para(doc, "Table Label 2", base="Table Label", indent=0.15)
    para(doc, "Table Label 3", base="Table Label", indent=0.3)
    para(doc, "Table Section", **cell, bold=True)
    para(doc, "Table Figure", **cell, align="right")
    para(doc, "Table Total Label", **cell, bold=True)
    para(doc, "Table Total Figure", **cell, bold=True, align="right", rule="top")
    # A currency sign set apart sits flush left in a cell of its own, left of its figure's;
    # a total's rule covers the figure only, as a rule over a sign alone reads as a mark.
    para(doc, "Table Sign", **cell)
    para(doc, "Table Total Sign", **cell, bold=True)
    para(doc, "Table Note", size=8, before=4, after=0, line=1.0)
    char(doc, "Table Note Reference", superscript=True)


def _page_styles(doc) -> None:
    margin = dict(size=8, after=0, no_line_numbers=True)
    para(doc, "Header", style_id="Header", **margin, color=GREY, tab=TEXT_WIDTH / 1440,
         tab_align="right")
    para(doc, "Footer", style_id="Footer", **margin, color=GREY, align="center")
    para(doc, "Draft Banner", **margin, bold=True, color=RED, rule="bottom", rule_color="C00000",
         tab=TEXT_WIDTH / 1440, tab_align="right")
    char(doc, "line number", style_id="LineNumber", size=7, color=GREY)
    para(doc, "Review Record Title", size=14, bold=True, color=NAVY, after=8,
         page_break=True, no_line_numbers=True, outline=0)
    para(doc, "Review Record Text", size=9, after=4, no_line_numbers=True, line=1.0)
    para(doc, "Review Record Hash", base="Review Record Text", font=MONO, size=7.5)
    char(doc, "Hash", font=MONO, size=7.5)
    para(doc, "annotation text", style_id="CommentText", size=10, after=0, line=1.0)
    char(doc, "annotation reference", style_id="CommentReference", size=8)


def para(doc, name: str, base: str = "Normal", style_id: str | None = None, **looks):
    """Add a paragraph style; `looks` name its font and paragraph settings."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in WORD_BUILTINS)
    style.base_style = doc.styles[base]
    style.quick_style = True
    if style_id:
        style.element.styleId = style_id
    _font(style.font, looks)
    _paragraph(style, looks)
    return style


def char(doc, name: str, style_id: str | None = None, **looks):
    """Add a character style."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER, builtin=name in WORD_BUILTINS)
    style.base_style = doc.styles["Default Paragraph Font"]
    if style_id:
        style.element.styleId = style_id
    _font(style.font, looks)
    return style


def _font(font, looks: dict) -> None:
    if "size" in looks:
        font.size = Pt(looks["size"])
    for key in ("bold", "italic", "underline", "superscript"):
        if key in looks:
            setattr(font, key, looks[key])
    if "caps" in looks:
        font.all_caps = looks["caps"]
    if "color" in looks:
        font.color.rgb = looks["color"]
    if "font" in looks:
        font.name = looks["font"]
        font.element.rPr.rFonts.set(qn("w:cs"), looks["font"])
    if "spacing" in looks:
        font.element.get_or_add_rPr().insert_element_before(
            parse_xml(f'<w:spacing {nsdecls("w")} w:val="{looks["spacing"]}"/>'),
            "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
            "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
            "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _paragraph(style, looks: dict) -> None:
    fmt = style.paragraph_format
    aligns = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
    if "align" in looks:
        fmt.alignment = aligns[looks["align"]]
    if "before" in looks:
        fmt.space_before = Pt(looks["before"])
    if "after" in looks:
        fmt.space_after = Pt(looks["after"])
    if "line" in looks:
        fmt.line_spacing = looks["line"]
    for key, attr in (("keep_next", "keep_with_next"), ("keep_together", "keep_together"),
                      ("page_break", "page_break_before")):
        if key in looks:
            setattr(fmt, attr, looks[key])
    if "indent" in looks:
        fmt.left_indent = Twips(round(looks["indent"] * 1440))
    if "hanging" in looks:
        fmt.first_line_indent = Twips(-round(looks["hanging"] * 1440))
    if "tab" in looks:
        right = looks.get("tab_align") == "right"
        align = WD_TAB_ALIGNMENT.RIGHT if right else WD_TAB_ALIGNMENT.LEFT
        fmt.tab_stops.add_tab_stop(Twips(round(looks["tab"] * 1440)), align)
    ppr = style.element.get_or_add_pPr()
    if "numbering" in looks:
        num_id, level = looks["numbering"]
        _insert(ppr, f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                     f'<w:numId w:val="{num_id}"/></w:numPr>')
    if looks.get("no_line_numbers"):
        _insert(ppr, f'<w:suppressLineNumbers {nsdecls("w")}/>')
    if "rule" in looks:
        color = looks.get("rule_color", "404040")
        _insert(ppr, f'<w:pBdr {nsdecls("w")}><w:{looks["rule"]} w:val="single" w:sz="4" '
                     f'w:space="1" w:color="{color}"/></w:pBdr>')
    if "outline" in looks:
        _insert(ppr, f'<w:outlineLvl {nsdecls("w")} w:val="{looks["outline"]}"/>')


def _insert(ppr, xml: str) -> None:
    element = parse_xml(xml)
    tag = element.tag.split("}")[1]
    later = PPR_ORDER[PPR_ORDER.index(f"w:{tag}") + 1:]
    ppr.insert_element_before(element, *later)


def table_style(doc, name: str, borders: str | None) -> None:
    """Add a table style; `borders` is the color of a light grid, or None for no rules."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    grid = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="{borders}"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tblPr {nsdecls("w")}>'
           + (f"<w:tblBorders>{grid}</w:tblBorders>" if borders else "")
           + '<w:tblCellMar><w:top w:w="29" w:type="dxa"/><w:left w:w="86" w:type="dxa"/>'
             '<w:bottom w:w="29" w:type="dxa"/><w:right w:w="86" w:type="dxa"/></w:tblCellMar>'
             "</w:tblPr>")
    style.element.append(parse_xml(xml))


# -- numbering ----------------------------------------------------------------------------

BULLETS = ("\u2022", "\u2013", "\u25e6")
NUMBERS = (("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3."))


def _numbering(doc) -> None:
    """Replace the numbering part with two definitions: bullets (num 1) and numbers (num 2)."""
    root = doc.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    bullets = "".join(_level(i, "bullet", BULLETS[i % 3], f"ListBullet{_n(i)}") for i in range(9))
    numbers = "".join(_level(i, *NUMBERS[i % 3], f"ListNumber{_n(i)}") for i in range(9))
    for abstract_id, nsid, levels, name in ((1, "5A1B0001", bullets, "Release Bullets"),
                                            (2, "5A1B0002", numbers, "Release Numbers")):
        root.append(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f'<w:name w:val="{name}"/>{levels}</w:abstractNum>'))
    for num_id in (1, 2):
        root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                              f'<w:abstractNumId w:val="{num_id}"/></w:num>'))


def _n(level: int) -> str:
    return str(level + 1) if 0 < level < 3 else ""


def _level(level: int, fmt: str, text: str, style_id: str) -> str:
    text = text.replace("%1", f"%{level + 1}").replace("%2", f"%{level + 1}").replace(
        "%3", f"%{level + 1}")
    left = 360 * (level + 1)
    link = f'<w:pStyle w:val="{style_id}"/>' if level < 3 else ""
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl>')


# -- page, header, footer, body -----------------------------------------------------------


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(720)
    for attribute in list(section._sectPr.attrib):
        del section._sectPr.attrib[attribute]  # revision ids from python-docx's blank file


def _header_footer(doc) -> None:
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "{%p if draft %}"
    header.add_paragraph("DRAFT: FOR LEGAL REVIEW\t{{ spec_name }} \u00b7 {{ spec_hash }}",
                         "Draft Banner")
    header.add_paragraph("{%p endif %}")
    header.add_paragraph("{{ company }}\t{{ release_date }}", "Header")
    footer = section.footer
    footer.is_linked_to_previous = False
    page = footer.paragraphs[0]
    page.style = doc.styles["Footer"]
    page.add_run("Page ")
    _field(page, "PAGE")
    page.add_run(" of ")
    _field(page, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """Add a complex field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} '
                f"</w:instrText></w:r>",
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _body(doc) -> None:
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    for tag in BODY_TAGS:
        doc.add_paragraph(f"{{{{p {tag} }}}}")


def main() -> int:
    """Write the template and say where."""
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
