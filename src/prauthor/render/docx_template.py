"""Find the Word template a desk uses and check it before anything is rendered.

A desk's `templates/docx/release.docx` overrides the built-in one. A broken template is
bad input: each problem is reported with the template's path and the tag at fault.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from jinja2 import StrictUndefined, TemplateSyntaxError

from prauthor.errors import InputError, Problem
from prauthor.sandbox import LimitedSandbox
from prauthor.validation import suggest

NAME = Path("docx") / "release.docx"

# What a template can use: paragraph-level parts ({{p name }}) and text ({{ name }}).
PARAGRAPHS = ("release", "review_record")
TEXTS = ("draft", "spec_name", "spec_hash", "company", "release_date", "title", "slug")

PARAGRAPH_STYLES = (
    "Release Line", "Headline", "Subheadline", "Lead", "Body Text", "Section Heading", "Quote",
    "Marker", "Event Title", "Event Detail", "Boilerplate Heading", "Boilerplate Text",
    "Contact", "End Mark", "List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
    "List Number 2", "List Number 3", "Table Title", "Table Units", "Table Heading",
    "Table Heading Label", "Table Label", "Table Label 2", "Table Label 3", "Table Section",
    "Table Figure", "Table Total Label", "Table Total Figure", "Table Note",
    "Review Record Title", "Review Record Text", "Review Record Hash")
# Styles a template may lack (made before they existed); the renderer then falls back.
OPTIONAL_PARAGRAPH_STYLES = ("Table Sign", "Table Total Sign", "Section Heading 3",
                             "Section Heading 4", "Figure", "Caption")
CHARACTER_STYLES = ("Dateline", "Hyperlink", "Contact Label", "Event Label",
                    "Table Note Reference", "Hash")
TABLE_STYLES = ("Financial Table", "Record Table")
NUMBERED_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                   "List Number 2", "List Number 3")

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TAG_PARTS = re.compile(r"^\{([{%#])(p|r|tr|tc)?\s*(.*?)\s*[}%#]\}$", re.DOTALL)
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")
BINDS = re.compile(r"\b(?:for|set|with)\s+([A-Za-z_]\w*)")
OPENERS = {"for", "if", "with", "macro", "call", "filter", "block", "raw", "autoescape"}


@dataclass(frozen=True)
class Template:
    """A checked template: its bytes and the ids of the styles the renderer uses."""

    path: Path
    data: bytes
    styles: dict[str, str]
    free_bookmark_id: int  # bookmarks from this id up are free for the renderer


def find(dirs: Sequence[Path]) -> Path:
    """Return the first docx/release.docx in the template folders."""
    for folder in dirs:
        if (folder / NAME).is_file():
            return folder / NAME
    raise InputError([Problem(None, None, "template", f"no {NAME} in "
                              + (", ".join(str(d) for d in dirs) or "the template folders"))])


def load(path: Path) -> Template:
    """Read and check a template; raise InputError naming each broken tag or style."""
    stat = path.stat()
    return _load(path, stat.st_mtime_ns, stat.st_size)


def environment() -> LimitedSandbox:
    """Return the Jinja environment templates render in: sandboxed, limited, strict, escaping."""
    return LimitedSandbox(undefined=StrictUndefined, autoescape=True)


@lru_cache(maxsize=16)
def _load(path: Path, _mtime: int, _size: int) -> Template:
    data = path.read_bytes()
    try:
        word = Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise _error(path, [("", f"is not a Word document (.docx): {error}")]) from None
    found = tag_problems(word)
    found = found + _bare_unknowns(word) if found else _variable_problems(data)
    styles, style_problems = _styles(word)
    if found or style_problems:
        raise _error(path, found + style_problems)
    marks = word.element.xpath("//w:bookmarkStart/@w:id")
    return Template(path, data, styles, 1 + max((int(m) for m in marks), default=0))


def _error(path: Path, found: list[tuple[str, str]]) -> InputError:
    return InputError([Problem(path, None, tag, message) for tag, message in found])


# -- tags ---------------------------------------------------------------------------------


def tag_problems(word) -> list[tuple[str, str]]:
    """Return (tag, message) for split, malformed, misplaced and unclosed tags."""
    found: list[tuple[str, str]] = []
    tags: list[str] = []
    for paragraph in _paragraphs(word):
        pieces = _pieces(paragraph)
        text, ends = "".join(pieces), _ends(pieces)
        for match in TAG.finditer(text):
            tags.append(match.group())
            if any(match.start() < end < match.end() for end in ends):
                found.append((match.group(), "the tag is split across runs (Word formatting, "
                              "spelling or revision marks inside it); delete it and type it "
                              "again in one go"))
            parts = TAG_PARTS.match(match.group())
            if parts and parts.group(2) == "p" and text.strip() != match.group():
                found.append((match.group(), "a p-tag replaces its whole paragraph: put it "
                              "alone in a paragraph of its own"))
        rest = TAG.sub("", text)
        for opener in re.findall(r"\{[{%#]", rest):
            found.append((opener + rest.split(opener, 1)[1][:30], "the tag is not closed in "
                          "its paragraph"))
    return found + _tag_syntax(tags) + _blocks_balance(tags)


def _paragraphs(word):
    yield from word.element.body.iter(qn("w:p"))
    for rel in word.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            yield from rel.target_part.element.iter(qn("w:p"))


def _pieces(paragraph) -> list[str]:
    return [t.text or "" for t in paragraph.iter(qn("w:t"))]


def _text(paragraph) -> str:
    return "".join(_pieces(paragraph))


def _ends(pieces: list[str]) -> list[int]:
    ends, total = [], 0
    for piece in pieces[:-1]:
        total += len(piece)
        ends.append(total)
    return ends


def _tag_syntax(tags: list[str]) -> list[tuple[str, str]]:
    found = []
    env = environment()
    for tag in tags:
        parts = TAG_PARTS.match(tag)
        if parts is None or parts.group(1) != "{":
            continue
        prefix, expression = parts.group(2), parts.group(3)
        try:
            env.parse("{{ " + expression + " }}")
        except TemplateSyntaxError as error:
            found.append((tag, f"is not a valid expression: {error.message}"))
            continue
        if expression in PARAGRAPHS and prefix != "p":
            found.append((tag, f"'{expression}' is whole paragraphs: write {{{{p {expression} }}}} "
                          "alone in its own paragraph"))
        elif expression in TEXTS and prefix in ("p", "r"):
            found.append((tag, f"'{expression}' is text: write {{{{ {expression} }}}}"))
    return found


def _blocks_balance(tags: list[str]) -> list[tuple[str, str]]:
    found, stack = [], []
    for tag in tags:
        parts = TAG_PARTS.match(tag)
        if parts is None or parts.group(1) != "%":
            continue
        word = (parts.group(3).split() or [""])[0].lstrip("-+")
        if word in OPENERS:
            stack.append((word, tag))
        elif word.startswith("end"):
            if stack and stack[-1][0] == word[3:]:
                stack.pop()
            else:
                expected = f" (expected {{% end{stack[-1][0]} %}})" if stack else ""
                found.append((tag, f"closes no open block{expected}"))
    found += [(tag, f"the block is never closed: add {{%p end{word} %}}") for word, tag in stack]
    return found


def _bare_unknowns(word) -> list[tuple[str, str]]:
    """Name unknown variables in simple tags, for when the template as a whole won't parse."""
    tags = [m.group() for p in _paragraphs(word) for m in TAG.finditer(_text(p))]
    bound = {name for tag in tags for name in BINDS.findall(tag)}
    found = []
    for tag in tags:
        parts = TAG_PARTS.match(tag)
        name = parts.group(3) if parts and parts.group(1) == "{" else ""
        if IDENTIFIER.match(name) and name not in PARAGRAPHS + TEXTS and name not in bound:
            found.append((tag, _unknown(name)))
    return found


# The per-part tags of earlier templates: the release is now one tag, in reading order.
FORMER_PARTS = frozenset({"release_line", "headline", "subheadlines", "lead", "body",
                          "sections", "contacts", "end_mark"})


def _unknown(name: str) -> str:
    if name in FORMER_PARTS:
        return (f"'{name}' is no longer a tag: put one {{{{p release }}}} where the release's "
                "parts stood; the house style orders them")
    known = PARAGRAPHS + TEXTS
    return f"unknown variable '{name}'" + suggest(name, known) + f" (known: {', '.join(known)})"


def _variable_problems(data: bytes) -> list[tuple[str, str]]:
    from docxtpl import DocxTemplate

    known = dict.fromkeys(PARAGRAPHS + TEXTS)
    try:
        template = DocxTemplate(BytesIO(data))
        unknown = template.get_undeclared_template_variables(environment(), known)
    except TemplateSyntaxError as error:
        return [("", f"template syntax error: {error.message}")]
    return [(name, _unknown(name)) for name in sorted(unknown)]


# -- styles -------------------------------------------------------------------------------


def _styles(word) -> tuple[dict[str, str], list[tuple[str, str]]]:
    ids, found = {}, []
    by_name = {style.name: style for style in word.styles}
    wanted = [(name, WD_STYLE_TYPE.PARAGRAPH) for name in PARAGRAPH_STYLES]
    wanted += [(name, WD_STYLE_TYPE.CHARACTER) for name in CHARACTER_STYLES]
    wanted += [(name, WD_STYLE_TYPE.TABLE) for name in TABLE_STYLES]
    for name, kind in wanted:
        style = by_name.get(name)
        if style is None:
            found.append(("", f"has no {_kind(kind)} style '{name}'"))
            continue
        if style.type != kind:
            found.append(("", f"style '{name}' is a {_kind(style.type)} style, "
                          f"not a {_kind(kind)} style"))
        ids[name] = style.style_id
    for name in OPTIONAL_PARAGRAPH_STYLES:
        style = by_name.get(name)
        if style is not None and style.type == WD_STYLE_TYPE.PARAGRAPH:
            ids[name] = style.style_id
        elif style is not None:
            found.append(("", f"style '{name}' is a {_kind(style.type)} style, "
                          "not a paragraph style"))
    for name in NUMBERED_STYLES:
        if name in ids and not by_name[name].element.xpath("./w:pPr/w:numPr/w:numId"):
            found.append(("", f"style '{name}' has no list numbering"))
    return ids, found


def _kind(kind) -> str:
    return {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.CHARACTER: "character",
            WD_STYLE_TYPE.TABLE: "table"}.get(kind, "list")
