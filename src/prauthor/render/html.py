"""Render the standalone HTML page a company puts on its investor site.

The page comes from jinja2 templates under templates/html/ (a desk's own templates of
the same name win); spec text reaches them only as autoescaped data, never as template.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import sys
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from prauthor.desk import builtin_root
from prauthor.document import (
    Block,
    Document,
    Heading,
    Image,
    Row,
    Spans,
    Table,
    links,
    plain,
    shown_address,
)
from prauthor.errors import InputError, Problem
from prauthor.sandbox import LimitedSandbox, raised_in_template

PAGE = "html/release.html.j2"
LINK_SCHEMES = ("http://", "https://", "mailto:")


def render(doc: Document, options) -> bytes:
    """Return the page of `doc` as UTF-8 bytes."""
    return page(doc, options).encode("utf-8")


def page(doc: Document, options) -> str:
    """Return the page of `doc`: the investor-site HTML, and the PDF's source."""
    dirs = template_dirs(options)
    names = tuple(str(d) for d in dirs)
    env = environment(names, listing(names))
    env.reset()
    try:
        template = env.get_template(PAGE)
        return template.render(
            doc=doc, meta=doc.meta, paper=options.paper, draft=options.draft,
            description=description(doc),
            keywords=keywords(doc), json_ld=json_ld(doc))
    except jinja2.TemplateError as error:
        raise template_problem(error, dirs) from None
    except Exception as error:  # a template's own doing, such as {{ 1/0 }}
        if not raised_in_template(error):
            raise
        raise template_problem(error, dirs) from None


def template_dirs(options) -> list[Path]:
    """Return the template folders to search, the desk's first."""
    return list(options.template_dirs) or [builtin_root() / "templates"]


def listing(dirs: tuple[str, ...]) -> tuple[str, ...]:
    """Return the template files in the folders: an override added or removed while a
    process runs (a preview) makes another environment, as Jinja sees only edits."""
    return tuple(sorted(f"{root}/{name}" for folder in dirs
                        for root, _, names in os.walk(folder) for name in names))


@lru_cache(maxsize=8)
def environment(dirs: tuple[str, ...], files: tuple[str, ...] = ()) -> LimitedSandbox:
    """Return a sandboxed, autoescaping, strict environment over template folders."""
    env = LimitedSandbox(
        loader=jinja2.FileSystemLoader(list(dirs)), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters["spans"] = spans_html
    env.filters["plain"] = plain
    env.filters["css_string"] = css_string
    env.filters["data_url"] = data_url
    env.tests["kind"] = lambda value, name: type(value).__name__ == name
    env.tests["linkable"] = safe_href
    env.globals["cells"] = padded_cells
    env.globals["groups"] = grouped
    env.globals["width"] = table_width
    env.globals["embed"] = lambda name: embed(name, [Path(d) for d in dirs])
    return env


def spans_html(spans: Spans) -> Markup:
    """Write inline spans as HTML: strong, em, and links for http, https and mailto only.
    A link whose words do not say its address carries it in `data-address`, which the
    print style (and so the PDF) prints after the words, as the newswire text does."""
    out = []
    for href, run in links(spans):
        html = Markup("").join(_marked(span.text, span.bold, span.italic) for span in run)
        if href and safe_href(href):
            address = shown_address(plain(run), href)
            shown = Markup(' data-address="%s"') % address if address else ""
            html = Markup('<a href="%s"%s>%s</a>') % (href, shown, html)
        out.append(html)
    return Markup("").join(out)


def _marked(text: str, bold: bool, italic: bool) -> Markup:
    html = escape(text)
    if italic:
        html = Markup("<em>%s</em>") % html
    return Markup("<strong>%s</strong>") % html if bold else html


def data_url(image: Image) -> str:
    """Return an image as a data: URL, so that the page requests nothing."""
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


def css_string(value: str) -> Markup:
    """Quote text as a CSS string; all but letters, digits and spaces become hex escapes."""
    # The space after each escape ends it (and is dropped), so a real space survives.
    quoted = "".join(ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):x} "
                     for ch in value)
    return Markup(f'"{quoted}"')


def safe_href(url: str) -> bool:
    """Tell whether a URL may become a link: http, https or mailto, nothing hidden in it."""
    printable = all(ch.isprintable() and not ch.isspace() for ch in url)
    return printable and url.lower().startswith(LINK_SCHEMES)


def grouped(blocks: tuple[Block, ...]) -> list[tuple[Heading | None, list[Block]]]:
    """Split body blocks into runs that each open with a heading (the first may not)."""
    groups: list[tuple[Heading | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [group for group in groups if group[0] is not None or group[1]]


def table_width(table: Table) -> int:
    """Return the number of columns a table spans."""
    rows = (*table.header, *table.rows)
    return max((sum(cell.colspan for cell in row.cells) for row in rows), default=1)


def padded_cells(row: Row, width: int) -> list[tuple]:
    """Return (cell, colspan) pairs, the last cell widened so that the row fills the table."""
    spans = [cell.colspan for cell in row.cells]
    if spans:
        spans[-1] += max(0, width - sum(spans))
    return list(zip(row.cells, spans, strict=True))


def description(doc: Document) -> str:
    """Return the page description: the lead, without the dateline."""
    return plain(doc.lead.spans).strip()


def keywords(doc: Document) -> str:
    """Return the page keywords: press release, its type, the company and its ticker."""
    m = doc.meta
    words = ["press release", m.type, m.company, m.ticker and f"{m.exchange}: {m.ticker}"]
    return ", ".join(word for word in words if word)


def json_ld(doc: Document) -> Markup:
    """Return schema.org NewsArticle JSON-LD, safe inside a script element."""
    m = doc.meta
    publisher = {"@type": "Corporation", "name": m.company}
    if m.ticker:
        publisher["tickerSymbol"] = f"{m.exchange} {m.ticker}" if m.exchange else m.ticker
    if m.website:
        publisher["url"] = m.website if "://" in m.website else f"https://{m.website}"
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": doc.headline, "datePublished": m.date.isoformat(),
        "dateline": doc.dateline.text, "description": description(doc),
        "author": publisher, "publisher": publisher,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Inside <script>, "</script" or "<!--" would end or confuse the element.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def embed(name: str, dirs: list[Path]) -> str:
    """Return a template folder's file (a logo, say) as a data: URL, so nothing is fetched."""
    for folder in dirs:
        path = (folder / name).resolve()
        if path.is_relative_to(folder.resolve()) and path.is_file():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
    raise jinja2.TemplateError(f"embed: no file '{name}' in the template folders")


def template_problem(error: Exception, dirs: list[Path]) -> InputError:
    """Turn a template error into an InputError at the template's file and line."""
    file, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if file is None:
        file, line = _template_frame(sys.exc_info()[2])
    where = Path(file) if file else dirs[0] / PAGE
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"no template '{error.name}' in the template folders"
    elif not isinstance(error, jinja2.TemplateError):
        message = f"{type(error).__name__}: {message}"
    return InputError([Problem(where, line, "template", message)])


def _template_frame(trace) -> tuple[str | None, int | None]:
    found = (None, None)
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename.endswith(".j2"):
            found = (code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    return found
