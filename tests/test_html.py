"""The investor-site page: same paragraphs as the wire text, valid, standalone, safe."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import tinyhtml5

import samples
from conftest import EXAMPLES, ROOT, require_tool
from prauthor.document import Paragraph, ReleaseLine, Span
from prauthor.render import Options, render
from readback import (
    FINAL,
    all_specs,
    case_id,
    compare_module,
    document,
    html_lines,
    prose_cases,
    prose_pair,
    render_cases,
)
from samples import desk_with_templates, tables_document, text

NS = "{http://www.w3.org/1999/xhtml}"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def pages() -> dict:
    """Render every example and reference release to HTML and text, once."""
    return render_cases("html")


def dom(html: bytes):
    """Parse a page with an HTML5 parser; return its root element."""
    return tinyhtml5.parse(html.decode("utf-8"))


def find(root, tag: str) -> list:
    """Return every element named `tag`."""
    return list(root.iter(NS + tag))


def inner_text(element) -> str:
    """Return an element's text with white space collapsed."""
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("case", all_specs(), ids=case_id)
def test_page_holds_the_wire_paragraphs_in_order(case, pages, needs_shared):
    compare = compare_module()
    html, txt = prose_pair(case, "html", *pages[case])
    wire_lines = compare.strip_furniture(compare.lines(txt.decode("utf-8")))
    page_lines = compare.strip_furniture(compare.lines("\n".join(html_lines(html))))
    assert compare.differences(wire_lines, page_lines) == []


@pytest.mark.parametrize("spec,wire,expected", prose_cases(),
                         ids=[e.stem for _, _, e in prose_cases()])
def test_reference_page_says_what_the_expected_text_says(spec, wire, expected, needs_shared):
    compare = compare_module()
    doc, options = document(spec, wire)
    page_lines = compare.strip_furniture(compare.lines("\n".join(
        html_lines(render(doc, "html", options)))))
    want = compare.lines(expected.read_text(encoding="utf-8"))
    assert compare.differences(want, page_lines) == []


@pytest.mark.parametrize("case", all_specs(), ids=case_id)
def test_page_is_semantic_and_carries_its_metadata(case, pages):
    doc, html, _ = pages[case]
    root = dom(html)
    assert root.get("lang") == "en"
    assert [inner_text(h) for h in find(root, "h1")] == [doc.headline]
    assert find(root, "title")[0].text == doc.headline
    lead = next(p for p in find(root, "p") if p.get("class") == "lead")
    assert inner_text(lead).startswith(doc.dateline.text)
    assert lead.find(f"{NS}span").get("class") == "dateline"
    titled = [s.title for s in doc.sections if s.show_title]
    headings = [inner_text(h) for h in find(root, "h2")]
    assert headings[len(headings) - len(titled):] == titled
    assert len(find(root, "address")) == len(doc.contacts)
    meta = {m.get("name") or m.get("property"): m.get("content") for m in find(root, "meta")}
    assert meta["og:title"] == doc.headline
    assert meta["author"] == meta["og:site_name"] == doc.meta.company
    assert meta["description"] == meta["og:description"] != ""
    assert meta["dcterms.created"] == doc.meta.date.isoformat()
    data = json_ld(root)
    assert data["@type"] == "NewsArticle"
    assert (data["headline"], data["datePublished"], data["dateline"]) == (
        doc.headline, doc.meta.date.isoformat(), doc.dateline.text)
    assert data["publisher"]["name"] == doc.meta.company
    assert data["publisher"]["tickerSymbol"] == f"{doc.meta.exchange} {doc.meta.ticker}"


@pytest.mark.parametrize("case", all_specs(), ids=case_id)
def test_nothing_on_the_page_makes_a_request(case, pages):
    _, html, _ = pages[case]
    root = dom(html)
    assert find(root, "link") == [] and find(root, "iframe") == []
    # images are inline data: URLs
    assert all(img.get("src").startswith("data:image/") for img in find(root, "img"))
    assert all(s.get("type") == "application/ld+json" for s in find(root, "script"))
    styles = "".join(s.text for s in find(root, "style"))
    assert "url(" not in styles and "@import" not in styles
    for anchor in find(root, "a"):
        assert anchor.get("href").startswith(("https://", "http://", "mailto:"))


def json_ld(root) -> dict:
    """Return the page's JSON-LD, parsed."""
    scripts = [s for s in find(root, "script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_hostile_text_stays_text():
    headline = 'Q1 </script><script>alert(1)</script> <b>&amp; "R&D"'
    lead = (Span("see "), Span("this", href="javascript:alert(1)"), Span(" and "),
            Span("that", href="https://example.com/?a=1&b=\"2\""),
            Span(" or "), Span("mail", href="mailto:ir@northwind.example"),
            Span(" not "), Span("data", href="data:text/html,<script>x</script>"), Span("."))
    html = render(samples.document(headline=headline, lead=lead), "html", FINAL)
    root = dom(html)
    assert [inner_text(h) for h in find(root, "h1")] == [headline]
    assert json_ld(root)["headline"] == headline
    assert len(find(root, "script")) == 1 and find(root, "b") == []
    hrefs = [a.get("href") for a in find(root, "a")]
    assert hrefs == ['https://example.com/?a=1&b="2"', "mailto:ir@northwind.example",
                     "mailto:ir@northwind.example"]
    assert b"javascript:" not in html and b"data:text" not in html.split(b"</head>")[1]


def test_tables_events_and_markers_have_their_markup():
    root = dom(render(tables_document(), "html", FINAL))
    table = find(root, "table")[0]
    assert inner_text(table.find(f"{NS}caption")).startswith("Condensed Consolidated")
    head_rows = table.find(f"{NS}thead").findall(f"{NS}tr")
    assert [(th.get("colspan"), th.get("class")) for th in head_rows[0]] == [
        (None, "stub"), ("2", "group")]
    assert [th.get("class") for th in head_rows[1]] == ["stub", "num", "num"]
    body = table.find(f"{NS}tbody").findall(f"{NS}tr")
    assert [row.get("class") for row in body] == ["section", "body", "body", "total", "body"]
    assert body[0][0].tag == NS + "th" and body[0][0].get("colspan") == "3"
    figures = [td for row in body for td in row if td.tag == NS + "td"]
    assert all("num" in td.get("class") for td in figures)
    assert "indent-1" in body[1][0].get("class") and body[1][0].get("scope") == "row"
    assert inner_text(body[2][1]) == "56.01"  # the figure, then its footnote marker
    assert "Includes milestone payments." in inner_text(root)
    event = find(root, "dl")[0]
    assert [inner_text(dt) for dt in event.iter(NS + "dt")] == ["Date:", "Time:", "Webcast:"]
    assert [a.get("href") for a in event.iter(NS + "a")] == ["https://investors.northwind.example"]
    markers = [p for p in find(root, "p") if p.get("class") == "marker"]
    assert [inner_text(p) for p in markers] == ["FINANCIAL TABLES FOLLOW"]


def test_draft_pages_say_so():
    doc = samples.document(body=[Paragraph(text("Body."))])
    draft = render(doc, "html", Options(draft=True)).decode()
    final = render(doc, "html", FINAL).decode()
    assert '<p class="draft-banner">' in draft and 'content: "DRAFT"' in draft
    assert '<p class="draft-banner">' not in final and "DRAFT" not in final


def test_an_embargoed_page_asks_search_engines_not_to_index_it():
    doc = samples.document()
    line = ReleaseLine("EMBARGOED UNTIL 8:00 a.m. ET, May 7, 2026")
    embargoed = replace(doc, parts=(line, *doc.parts[1:]),
                        meta=replace(doc.meta, embargo="2026-05-07 8:00 a.m. ET"))
    robots = [m.get("content") for m in find(dom(render(embargoed, "html", FINAL)), "meta")
              if m.get("name") == "robots"]
    assert robots == ["noindex"]
    assert b'name="robots"' not in render(doc, "html", FINAL)


def test_paper_size_reaches_the_print_css():
    doc = samples.document()
    assert "size: A4;" in render(doc, "html", Options(paper="a4")).decode()
    assert "size: letter;" in render(doc, "html", FINAL).decode()


def test_a_desk_template_overrides_the_built_in_one_by_name(tmp_path, cli):
    desk = desk_with_templates(tmp_path, {"html/style.css.j2": "/* northwind house style */"})
    code, _, err = cli("render", desk / "releases" / EXAMPLES[0].name, "-f", "html",
                       "-o", tmp_path / "out")
    assert code == 0, err
    page = next((tmp_path / "out").rglob("*.html")).read_text()
    assert "/* northwind house style */" in page and "--accent: #123a63" not in page
    assert "Source Sans Pro" in page  # the other built-in templates still apply


def test_a_broken_desk_template_is_reported_at_its_line(tmp_path, cli):
    broken = "{#- phone styles -#}\nbody { margin: 0; }\n{{ no_such_thing }}\n"
    desk = desk_with_templates(tmp_path, {"html/phone.css.j2": broken})
    code, _, err = cli("render", desk / "releases" / EXAMPLES[0].name, "-f", "html,txt",
                       "-o", tmp_path / "out")
    assert code == 2
    assert re.search(r"phone\.css\.j2:3: error: template: 'no_such_thing' is undefined", err), err
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def page_files(pages, tmp_path_factory) -> list[Path]:
    """Write every example page, plus pages with tables and a draft, to one folder."""
    folder = tmp_path_factory.mktemp("pages")
    files = []
    for (spec, wire), (_, html, _) in pages.items():
        files.append(folder / f"{case_id((spec, wire))}.html")
        files[-1].write_bytes(html)
    linked = Paragraph((Span("See "), Span("the filing", href="https://sec.example/x?a=1&b=2"),
                        Span(", the "), Span("live", True, href="https://ir.example/"),
                        Span(" webcast", href="https://ir.example/"), Span(" or "),
                        Span("IR", href="mailto:ir@northwind.example?subject=Q1")))
    extra = {"links": render(samples.document(body=[linked]), "html", FINAL),
             "tables": render(tables_document(), "html", FINAL),
             "draft-a4": render(tables_document(), "html", Options(draft=True, paper="a4"))}
    for name, html in extra.items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(html)
    return files


def test_the_nu_html_checker_finds_no_error(page_files):
    java = require_tool("java")
    if not VNU_JAR.is_file():
        pytest.skip(f"vnu.jar not found at {VNU_JAR} (scripts/setup installs vnu-jar)")
    done = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                           *map(str, page_files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
            for m in messages] == []


PROBE = """<script>
const style = (el) => getComputedStyle(el);
const cells = [...document.querySelectorAll("td.num")];
parent.postMessage(JSON.stringify({
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  width: window.innerWidth,
  h1: parseFloat(style(document.querySelector("h1")).fontSize),
  p: parseFloat(style(document.querySelector(".lead")).fontSize),
  h1Weight: style(document.querySelector("h1")).fontWeight,
  headline: document.querySelector("h1").textContent,
  addresses: document.querySelectorAll("address").length,
  numRight: cells.every((td) => style(td).textAlign === "right"),
  numCells: cells.length,
  totalRule: [...document.querySelectorAll("tr.total td")].every(
    (td) => style(td).borderTopStyle === "solid"),
  releaseWidth: document.querySelector(".release").getBoundingClientRect().width,
  hidden: [...document.querySelectorAll("article p, article li, article h2")].filter(
    (el) => el.getBoundingClientRect().width === 0).length,
}), "*");
</script>"""

# Chromium's headless window is at least 500 px wide, so a phone is an iframe that wide.
FRAME = """<!DOCTYPE html><html lang="en"><head><title>probe</title></head><body>
<iframe src="{src}" style="width: {width}px; height: 900px; border: 0"></iframe>
<script>addEventListener("message", (e) => document.body.dataset.probe = e.data);</script>
</body></html>"""


def chromium_probe(page: Path, width: int, tmp_path: Path) -> dict:
    """Load a page in headless Chromium in a frame `width` px wide; return layout facts."""
    chromium = require_tool("chromium")
    probed = tmp_path / f"probe-{page.name}"
    probed.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
    frame = tmp_path / f"frame-{width}-{page.name}"
    frame.write_text(FRAME.format(src=probed.name, width=width))
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1300,1000",
         "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()],
        capture_output=True, text=True, timeout=120)
    root = tinyhtml5.parse(done.stdout)
    return json.loads(root.find(f"{NS}body").get("data-probe"))


@pytest.mark.parametrize("width", [390, 1200])
def test_chromium_lays_the_pages_out_readably(page_files, width, tmp_path):
    # Every page on a phone; on a desktop, one release and the page with tables.
    chosen = page_files if width < 600 else [page_files[0], page_files[-2]]
    for page in chosen:
        probe = chromium_probe(page, width, tmp_path)
        assert probe["width"] == width and probe["overflow"] <= 0, (page.name, probe)
        assert probe["h1"] > probe["p"] and int(probe["h1Weight"]) >= 700, (page.name, probe)
        contacts = page.read_text().count("<address")
        assert probe["addresses"] == contacts and probe["hidden"] == 0, (page.name, probe)
        assert probe["releaseWidth"] <= min(width, 740), (page.name, probe)
        if page.name.startswith(("tables", "draft")):
            assert probe["numCells"] == 8 and probe["numRight"] and probe["totalRule"]


MARK = ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
        '<rect width="8" height="8" fill="#123a63"/></svg>')


def test_embed_inlines_a_template_file_as_a_data_url(tmp_path, cli):
    css = "h1 { background: url({{ embed('html/mark.svg') }}) no-repeat right top; }"
    desk = desk_with_templates(tmp_path, {"html/phone.css.j2": css, "html/mark.svg": MARK})
    code, _, err = cli("render", desk / "releases" / EXAMPLES[0].name, "-f", "html,pdf",
                       "-o", tmp_path / "out")
    # Style findings end with their [rule]; a renderer's warning would not.
    assert code == 0 and not [w for w in err.splitlines()
                              if "warning: " in w and not w.endswith("]")], err
    page = next((tmp_path / "out").rglob("*.html")).read_text()
    assert "url(data:image/svg+xml;base64," in page


def test_embed_reads_nothing_outside_the_template_folders(tmp_path, cli):
    css = "h1 { background: url({{ embed('../../../../../../etc/passwd') }}); }"
    desk = desk_with_templates(tmp_path, {"html/phone.css.j2": css})
    code, _, err = cli("render", desk / "releases" / EXAMPLES[0].name, "-f", "html",
                       "-o", tmp_path / "out")
    assert code == 2 and "embed: no file '../../../../../../etc/passwd'" in err, err
    assert "root:" not in err and not (tmp_path / "out").exists()
