"""The print PDF: the page's paragraphs, packaged fonts, metadata, variants, a locked fetcher."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import samples
from conftest import EXAMPLES, ROOT, require_tool
from prauthor.document import Paragraph, Span
from prauthor.errors import InputError
from prauthor.render import Options, render
from readback import (
    FINAL,
    all_specs,
    body_text,
    case_id,
    compare_module,
    document,
    margin_text,
    missing_in_order,
    page_size,
    pdf_info,
    pdf_text,
    prose_cases,
    prose_pair,
    render_cases,
    with_options,
)
from samples import desk_with_templates, tables_document, text

SPEC = EXAMPLES[0]


@pytest.fixture(scope="module", autouse=True)
def poppler():
    """Skip, saying why, where the PDF readers are missing."""
    for tool in ("pdftotext", "pdfinfo", "pdffonts", "qpdf"):
        require_tool(tool)


@pytest.fixture(scope="module")
def pdfs() -> dict:
    """Render every example and reference release to PDF and text, once."""
    return render_cases("pdf")


@pytest.mark.parametrize("case", all_specs(), ids=case_id)
def test_pdf_text_holds_the_wire_paragraphs_in_order(case, pdfs, needs_shared):
    compare = compare_module()
    pdf, txt = prose_pair(case, "pdf", *pdfs[case])
    wire_lines = compare.strip_furniture(compare.lines(txt.decode("utf-8")))
    assert missing_in_order(wire_lines, body_text(pdf), compare.normalize) == []


@pytest.mark.parametrize("spec,wire,expected", prose_cases(),
                         ids=[e.stem for _, _, e in prose_cases()])
def test_reference_pdf_says_what_the_expected_text_says(spec, wire, expected, pdfs,
                                                        needs_shared):
    compare = compare_module()
    doc, pdf, _ = pdfs.get((spec, wire)) or pdfs[(spec, None)]
    assert doc.meta.wire == wire
    want = compare.lines(expected.read_text(encoding="utf-8"))
    assert missing_in_order(want, body_text(pdf), compare.normalize) == []


def test_every_pdf_passes_qpdf_check(pdfs, tmp_path):
    for case, (_, pdf, _) in pdfs.items():
        path = tmp_path / f"{case_id(case)}.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (path.name, done.stdout, done.stderr)
        assert "No syntax or stream encoding errors found" in done.stdout


def pdf_fonts(pdf: bytes) -> list[tuple[str, str]]:
    """Return (font name, embedded) for every font pdffonts lists."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        listing = subprocess.run(["pdffonts", file.name], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in listing]


def test_every_font_is_embedded_and_comes_from_the_font_packages(pdfs):
    for case, (_, pdf, _) in pdfs.items():
        fonts = pdf_fonts(pdf)
        assert fonts, case_id(case)
        for name, embedded in fonts:
            assert embedded == "yes", (case_id(case), name)
            assert re.fullmatch(r"[A-Z]{6}\+Source-(Serif|Sans)-Pro(-[A-Za-z-]+)?", name), name


def info_fields(pdf: bytes) -> dict[str, str]:
    """Return pdfinfo's fields as a dict."""
    return dict(line.split(":", 1) for line in pdf_info(pdf, "-isodates").splitlines()
                if ":" in line)


def test_metadata_names_the_release_and_dates_it_on_its_release_date(pdfs):
    doc, pdf, _ = pdfs[(SPEC, None)]
    fields = {key: value.strip() for key, value in info_fields(pdf).items()}
    assert fields["Title"] == doc.headline
    assert fields["Author"] == doc.meta.company
    assert fields["Subject"].startswith("Corvane Therapeutics, Inc. (Nasdaq: CRVN)")
    assert fields["Keywords"] == "press release, earnings, Corvane Therapeutics, Inc., Nasdaq: CRVN"
    assert fields["CreationDate"].startswith(doc.meta.date.isoformat())
    assert fields["ModDate"].startswith(doc.meta.date.isoformat())


def test_running_header_and_page_footer(pdfs):
    doc, pdf, _ = pdfs[(SPEC, None)]
    pages = int(info_fields(pdf)["Pages"])
    assert pages >= 2
    for page in range(1, pages + 1):
        assert margin_text(pdf, page, top=False) == f"Page {page} of {pages}"
    assert margin_text(pdf, 1, top=True) == ""  # the masthead names the company on page 1
    assert margin_text(pdf, 2, top=True) == doc.meta.company
    assert "DRAFT" not in pdf_text(pdf)


def test_drafts_say_draft_on_every_page():
    pdf = render(tables_document(extra_rows=60), "pdf", Options(draft=True))
    pages = int(info_fields(pdf)["Pages"])
    assert pages >= 2
    assert all("DRAFT" in margin_text(pdf, page, top=True) for page in range(1, pages + 1))


def test_letter_by_default_and_a4_on_request():
    doc = samples.document(body=[Paragraph(text("Body."))])
    assert page_size(render(doc, "pdf", FINAL)) == (612, 792)
    width, height = page_size(render(doc, "pdf", Options(paper="a4")))
    assert (round(width), round(height)) == (595, 842)


def words(pdf: bytes, page: int = 1) -> list[tuple[str, float, float]]:
    """Return (word, right edge, baseline) for the words pdftotext finds on a page."""
    boxes = pdf_text(pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [(unescape(m.group(3)), float(m.group(1)), float(m.group(2))) for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        boxes)]


def unescape(value: str) -> str:
    """Undo pdftotext's XML escapes."""
    return value.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def test_table_figures_align_right_and_the_header_repeats_on_every_page():
    pdf = render(tables_document(extra_rows=70), "pdf", FINAL)
    found = {word: right for word, right, _ in words(pdf)}
    # "$1,234.5" and "56.0" (with its footnote mark after it) share the 2026 column.
    assert abs(found["$1,234.5"] - found["$1,290.5"]) < 0.5
    assert abs(found["71.2%"] - found["$1,290.5"]) < 0.5
    assert abs(found["(12.4)"] - found["$1,010.2"]) < 0.5
    pages = int(info_fields(pdf)["Pages"])
    assert pages >= 2
    for page in range(2, pages + 1):
        on_page = [word for word, _, _ in words(pdf, page)]
        assert "Months" in on_page and "2026" in on_page, page


@pytest.mark.parametrize("variant", [None, "pdf/a-3b"])
def test_the_same_spec_gives_the_same_bytes_in_another_process(variant, tmp_path):
    args = ["--pdf-variant", variant] if variant else []
    outputs = []
    for run in ("one", "two"):
        command = [sys.executable, "-m", "prauthor", "render", str(SPEC), "-f", "pdf",
                   "-o", str(tmp_path / run), *args]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": str(len(run))})
        assert done.returncode == 0, done.stderr
        outputs.append(next((tmp_path / run).rglob("*.pdf")).read_bytes())
    assert outputs[0] == outputs[1]


def test_rendering_again_in_the_same_process_gives_the_same_bytes(pdfs):
    doc, pdf, _ = pdfs[(SPEC, None)]
    assert render(doc, "pdf", document(SPEC)[1]) == pdf  # after the other releases


def test_pdf_a_3b_carries_the_spec_inside(tmp_path):
    doc, options = document(SPEC)
    pdf = render(doc, "pdf", with_options(options, pdf_variant="pdf/a-3b"))
    path = tmp_path / "archive.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["qpdf", "--list-attachments", str(path)], capture_output=True,
                             text=True, check=True).stdout
    assert SPEC.name in listing
    attached = subprocess.run(["qpdf", f"--show-attachment={SPEC.name}", str(path)],
                              capture_output=True, check=True).stdout
    assert attached == SPEC.read_bytes()
    xmp = pdf_info(pdf, "-meta")
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_pdf_ua_1_is_tagged():
    doc, options = document(SPEC)
    pdf = render(doc, "pdf", with_options(options, pdf_variant="pdf/ua-1"))
    assert re.search(r"^Tagged:\s+yes$", pdf_info(pdf), re.MULTILINE)
    assert re.search(r'pdfuaid:part(="|>)1', pdf_info(pdf, "-meta"))
    assert not re.search(r"^Tagged:\s+yes$", pdf_info(render(doc, "pdf", options)), re.MULTILINE)


@pytest.fixture
def listener():
    """Listen on a loopback port; the test asserts nobody ever connects."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    yield server
    server.close()


def connected(server: socket.socket) -> bool:
    """Tell whether anything connected to the listener."""
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


def render_with_style(tmp_path, cli, css: str, *args: str):
    """Render the first example in a desk whose stylesheet is `css`; return code and stderr."""
    desk = desk_with_templates(tmp_path, {"html/screen.css.j2": "", "html/style.css.j2": css})
    code, _, err = cli("render", desk / "releases" / SPEC.name, "-f", "html,pdf",
                       "-o", tmp_path / "out", *args)
    return desk, code, err


@pytest.mark.parametrize("url", ["file:///etc/passwd", "/etc/passwd", "../../../../etc/passwd"])
def test_a_template_cannot_read_files_outside_the_desk(url, tmp_path, cli):
    _, code, err = render_with_style(tmp_path, cli, f'h1 {{ background: url("{url}") }}')
    assert code == 2
    assert "/etc/passwd" in err and "outside the desk" in err, err
    assert not (tmp_path / "out").exists()


def test_a_template_cannot_reach_the_network(tmp_path, cli, listener):
    port = listener.getsockname()[1]
    css = f'@import url("http://127.0.0.1:{port}/style.css");'
    _, code, err = render_with_style(tmp_path, cli, css)
    assert code == 2 and f"http://127.0.0.1:{port}/style.css" in err and "network" in err, err
    assert not connected(listener)
    assert not (tmp_path / "out").exists()


def test_a_symlink_out_of_the_desk_is_refused(tmp_path, cli):
    desk = desk_with_templates(tmp_path, {"html/style.css.j2": 'h1 { background: url("x.png") }'})
    (desk / "templates" / "x.png").symlink_to("/etc/passwd")
    code, _, err = cli("render", desk / "releases" / SPEC.name, "-f", "pdf", "-o",
                       tmp_path / "out")
    assert code == 2 and "outside the desk" in err, err


def test_a_file_inside_the_desk_may_be_used(tmp_path, cli):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           '<rect width="10" height="10" fill="#123a63"/></svg>')
    desk = desk_with_templates(tmp_path, {"html/print.css.j2": 'h1 { background: url("mark.svg")'
                                          ' no-repeat right top }', "mark.svg": svg})
    code, _, err = cli("render", desk / "releases" / SPEC.name, "-f", "pdf", "-o",
                       tmp_path / "out")
    # Style findings end with their [rule]; a renderer's warning would not.
    assert code == 0 and not [w for w in err.splitlines()
                              if "warning: " in w and not w.endswith("]")], err


def test_hyperlinks_are_never_fetched_and_only_web_and_mail_links_survive(listener, tmp_path):
    port = listener.getsockname()[1]
    lead = (Span("see "), Span("the site", href=f"http://127.0.0.1:{port}/page"),
            Span(" or "), Span("this", href="javascript:alert(1)"), Span("."))
    pdf = render(samples.document(lead=lead), "pdf", FINAL)
    assert not connected(listener)
    path = tmp_path / "links.pdf"
    path.write_bytes(pdf)
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)],
                   check=True)
    uris = re.findall(rb"/URI \(([^)]*)\)", plain.read_bytes())
    assert f"http://127.0.0.1:{port}/page".encode() in uris
    assert b"mailto:ir@northwind.example" in uris
    assert not any(uri.startswith(b"javascript") for uri in uris)


def spec_with_lead(tmp_path: Path, lead: str) -> Path:
    """Copy the first example into a desk with a different lead."""
    desk = desk_with_templates(tmp_path, {})
    spec = desk / "releases" / SPEC.name
    source = spec.read_text()
    spec.write_text(re.sub(r"lead: >-\n(  .*\n)+", f"lead: {lead}\n", source, count=1))
    return spec


def test_a_glyph_the_fonts_lack_is_a_warning_and_with_strict_an_error(tmp_path, cli):
    spec = spec_with_lead(tmp_path, "today opened an office in 上海.")
    code, _, err = cli("render", spec, "-f", "pdf", "-o", tmp_path / "out")
    assert code == 0
    assert re.search(rf"{SPEC.name}: warning: pdf: .*(上|system font)", err), err
    code, _, err = cli("render", spec, "-f", "pdf", "-o", tmp_path / "strict", "--strict")
    assert code == 2 and "--strict" in err
    assert not (tmp_path / "strict").exists()


@pytest.mark.parametrize("option,value", [("--paper", "a5"), ("--pdf-variant", "pdf/x-1a")])
def test_unknown_paper_or_variant_is_bad_input(option, value, cli, tmp_path):
    code, _, err = cli("render", SPEC, "-f", "pdf", option, value, "-o", tmp_path)
    assert code == 2 and option in err and value in err


def test_the_fetcher_refuses_by_scheme_host_and_place(tmp_path):
    from prauthor.render.pdf_fetch import DeskFetcher, Refused

    inside = tmp_path / "desk" / "logo.svg"
    inside.parent.mkdir()
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = DeskFetcher([inside.parent])
    assert fetcher.fetch(inside.as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in ("http://127.0.0.1/", "https://example.com/x.css", "ftp://127.0.0.1/x",
                "file:///etc/passwd", "file://example.com/etc/passwd",
                (inside.parent / ".." / "desk2" / "x").as_uri()):
        with pytest.raises(Refused):
            fetcher.fetch(url)


def test_a_changed_spec_is_not_attached_as_if_it_were_the_same(tmp_path):
    spec = tmp_path / SPEC.name
    spec.write_bytes(SPEC.read_bytes())
    doc, options = document(SPEC)
    changed = with_options(options, spec_path=spec, pdf_variant="pdf/a-3b")
    spec.write_bytes(SPEC.read_bytes() + b"\n# edited\n")
    with pytest.raises(Exception, match="changed while it was being rendered"):
        render(doc, "pdf", changed)


def test_an_unknown_variant_from_the_library_is_bad_input():
    with pytest.raises(InputError):
        render(samples.document(), "pdf", Options(pdf_variant="pdf/a-1b"))


def test_commands_that_do_not_render_never_load_weasyprint():
    code = ("import sys; from prauthor.cli import main; "
            f"assert main(['validate', {str(SPEC)!r}]) == 0; "
            "print(sorted(m for m in sys.modules "
            "             if m.startswith(('weasyprint', 'prauthor.render.'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr
