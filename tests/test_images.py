"""Images: the logo and body pictures, checked on input and placed in every format."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument
from PIL import Image as Pillow

from conftest import EXAMPLES, ROOT, require_tool
from governance_helpers import make_desk, spec, write_spec
from prauthor.document import Image
from prauthor.render import render
from readback import document, pdf_text

RESULTS = next(p for p in EXAMPLES if "results" in p.name)
PHOTO = {"image": {"file": "photo.jpg", "alt": "Dr. Marsh at the lab bench",
                   "caption": "Dr. Elena Marsh at Corvane's laboratory.",
                   "credit": "Photo: Jane Roe", "url": "https://media.corvane.example/p.jpg"}}


def picture(path: Path, kind: str = "JPEG", size=(64, 48)) -> Path:
    Pillow.new("RGB", size, (20, 90, 120)).save(path, kind)
    return path


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path)
    picture(desk / "releases" / "photo.jpg")
    return desk


def rendered(cli, desk: Path, data: dict, *args) -> tuple[int, str, Path]:
    path = write_spec(desk, data)
    out = desk / "out"
    code, _, err = cli("render", path, "-o", out, *args)
    return code, err, out


# -- input -----------------------------------------------------------------------


def test_a_body_image_and_the_logo_resolve(desk):
    doc, _ = document(write_spec(desk, spec(body=["Text.", PHOTO])))
    (image,) = [b for b in doc.body if isinstance(b, Image)]
    data = (desk / "releases" / "photo.jpg").read_bytes()
    assert (image.format, image.width, image.height) == ("jpeg", 64, 48)
    assert image.sha256 == hashlib.sha256(data).hexdigest() and image.data == data
    assert doc.logo.kind == "logo" and doc.logo.alt == "Corvane Therapeutics logo"
    assert doc.images() == (doc.logo, image)


def bad_image(cli, desk: Path, image: dict, field: str = "file") -> str:
    code, err, out = rendered(cli, desk, spec(body=[{"image": image}]))
    assert code == 2 and not out.exists(), err
    lines = (desk / "releases" / "release.yaml").read_text().splitlines()
    # at the field's own line, or at the image's where the field is missing
    line = next((n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{field}:")),
                next(n for n, text in enumerate(lines, 1) if "image:" in text))
    assert f"release.yaml:{line}: error: body[0].image.{field}:" in err, err
    return err


@pytest.mark.parametrize(("file", "message"), [
    ("../../outside.jpg", "outside the release's folder and its desk"),
    ("missing.jpg", "no image file 'missing.jpg'"),
    ("cut.png", "damaged or cut short"),
    ("noise.jpg", "not an image Pillow can read"),
    ("picture.bmp", "is BMP format; use PNG, JPEG, GIF"),
    ("drawing.svg", "is SVG, which can carry scripts and links"),
])
def test_bad_images_are_refused_located_and_nothing_is_written(cli, desk, tmp_path, file,
                                                                message):
    picture(tmp_path.parent / "outside.jpg")
    releases = desk / "releases"
    whole = io.BytesIO()
    Pillow.new("RGB", (300, 300), (1, 2, 3)).save(whole, "PNG")
    (releases / "cut.png").write_bytes(whole.getvalue()[:200])
    (releases / "noise.jpg").write_bytes(b"not a picture at all")
    picture(releases / "picture.bmp", "BMP")
    (releases / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                          "<script>alert(1)</script></svg>")
    assert message in bad_image(cli, desk, {"file": file, "alt": "A picture"})


def test_alt_text_is_required(cli, desk):
    err = bad_image(cli, desk, {"file": "photo.jpg"}, field="alt")
    assert "Field required" in err or "required" in err


def test_desk_limits(cli, desk):
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n\n[images]\n'
                                        'max_bytes = 400\nformats = ["png"]\n')
    err = bad_image(cli, desk, {"file": "photo.jpg", "alt": "A picture"})
    assert "the desk takes at most 400" in err or "is JPEG format; use PNG" in err
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n\n[images]\n'
                                        "max_pixels = 1000\n")
    err = bad_image(cli, desk, {"file": "photo.jpg", "alt": "A picture"})
    assert "64 x 48 pixels; the desk takes at most 1,000 pixels" in err


def test_broken_desk_limits(cli, desk):
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n\n[images]\n'
                                        'max_byte = 4\nformats = ["tiff"]\n')
    code, err, out = rendered(cli, desk, spec(body=[PHOTO]))
    assert code == 2 and not out.exists()
    assert "images.max_byte: unknown setting (did you mean 'max_bytes'?)" in err
    assert "images.formats: a list of png, jpeg, gif" in err


def test_a_bad_logo_is_located_in_the_profile(cli, desk):
    profile = desk / "companies" / "corvane.yaml"
    profile.write_text(profile.read_text().replace("corvane-logo.png", "nope.png"))
    code, err, _ = rendered(cli, desk, spec())
    line = profile.read_text().splitlines().index("  file: nope.png") + 1
    assert code == 2 and f"corvane.yaml:{line}: error: logo.file: no image file 'nope.png'" in err


# -- output ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def results():
    doc, options = document(RESULTS)
    return doc, options


def test_the_results_example_has_a_logo_a_photo_and_a_chart(results):
    doc, _ = results
    assert [i.kind for i in doc.images()] == ["logo", "photo", "chart"]


def test_html_places_every_image_with_alt_and_size(results):
    doc, options = results
    page = render(doc, "html", options).decode()
    for image in doc.images():
        assert (f'alt="{image.alt}" width="{image.width}" height="{image.height}"'
                .replace("'", "&#39;") in page)
    assert page.count("<figure") == 2 and page.count("<figcaption>") == 2
    assert "<span class=\"credit\">Photo: Corvane Therapeutics</span>" in page


def test_pdf_embeds_the_images_and_pdf_ua_keeps_alt_text(results, tmp_path):
    require_tool("pdfimages")
    qpdf = require_tool("qpdf")
    doc, options = results
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(doc, "pdf", options.__class__(**{**options.__dict__,
                                                              "pdf_variant": "pdf/ua-1"})))
    listing = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    sizes = {(int(line.split()[3]), int(line.split()[4])) for line in listing
             if line.split()[2] == "image"}
    assert {(i.width, i.height) for i in doc.images()} <= sizes
    qdf = tmp_path / "q.pdf"
    subprocess.run([qpdf, "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    raw = qdf.read_bytes().decode("latin-1")
    for image in doc.images():
        assert f"/Alt ({image.alt})" in raw.replace("\\(", "(").replace("\\)", ")")
    assert "CRV-201 samples at Corvane’s research center" in pdf_text(pdf.read_bytes())


def test_docx_has_inline_pictures_with_alt_text_and_captions(results):
    doc, options = results
    word = WordDocument(io.BytesIO(render(doc, "docx", options)))
    shapes = word.inline_shapes
    assert len(shapes) == 3
    assert [s._inline.docPr.get("descr") for s in shapes] == [i.alt for i in doc.images()]
    assert len({s._inline.docPr.id for s in shapes}) == 3
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "CRV-201 samples at Corvane’s research center in Cambridge, Massachusetts. "
        "Photo: Corvane Therapeutics",
        "Cash, cash equivalents and investments at year end, in millions."]
    parts = {p.partname: p.blob for p in word.part.package.parts}
    assert {hashlib.sha256(b).hexdigest() for n, b in parts.items() if "/media/" in n} == \
        {i.sha256 for i in doc.images()}


@pytest.mark.parametrize(("wire", "lines"), [
    ("prnewswire", ["Photo - https://media.corvane.example/2026/lab-photo.jpg",
                    "Chart - https://media.corvane.example/2026/cash-chart.png",
                    "Logo - https://media.corvane.example/logo.png"]),
    ("globenewswire", ["A photo accompanying this announcement is available at "
                       "https://media.corvane.example/2026/lab-photo.jpg"]),
])
def test_newswire_text_names_the_images_per_wire(wire, lines):
    doc, options = document(RESULTS, wire)
    text = render(doc, "txt", options).decode()
    for line in lines:
        assert f"\n{line}\n" in text
    assert "CRV-201 samples at Corvane’s research center in Cambridge, Massachusetts. " \
        "(Photo: Corvane Therapeutics)" in text
    assert "base64" not in text and "data:" not in text


def test_manifest_hashes_each_image(cli, tmp_path):
    code, _, err = cli("render", RESULTS, "-f", "txt", "-o", tmp_path)
    assert code == 0, err
    manifest = json.loads(next(tmp_path.rglob("*.manifest.json")).read_text())
    files = {"corvane-logo.png": ROOT / "examples" / "companies" / "corvane-logo.png",
             "lab-photo.jpg": ROOT / "examples" / "companies" / "lab-photo.jpg",
             "cash-chart.png": ROOT / "examples" / "companies" / "cash-chart.png"}
    assert {i["file"]: i["sha256"] for i in manifest["images"]} == {
        name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
