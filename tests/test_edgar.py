"""`--format edgar`: Exhibit 99.1 that EDGAR, prauthor's checker and Arelle all accept."""

from __future__ import annotations

import hashlib
import json

import pytest
from PIL import Image as Pillow

from conftest import EXAMPLES, REFERENCE_SPECS
from edgar_arelle import arelle_messages
from governance_helpers import make_desk, spec, write_spec
from prauthor.document import Table, walk
from prauthor.edgar.check import check_file
from prauthor.render import Options, render
from readback import compare_module, document, html_lines, prose_pair

SPECS = [*EXAMPLES, *REFERENCE_SPECS]


@pytest.fixture(scope="module")
def exhibits(tmp_path_factory) -> dict:
    """Render every example and reference release to its final exhibit, with its images."""
    from prauthor.pipeline import release_files, render_all, resolve_all
    from prauthor.save import write_all

    out = tmp_path_factory.mktemp("edgar")
    for release in render_all(resolve_all(SPECS), ["edgar"], Options(draft=False)):
        write_all(release_files(out, release))
    return {path.stem: next((out / path.stem).glob("*.htm")) for path in SPECS}


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_release_passes_prauthor_and_arelle(exhibits, path, needs_shared):
    exhibit = exhibits[path.stem]
    assert check_file(exhibit) == []
    assert arelle_messages(exhibit) == []


def test_the_exhibit_is_named_by_the_rule_with_its_images_beside(exhibits):
    exhibit = exhibits["2026-02-26-q4-fy2025-results"]
    assert exhibit.name == "crvn_ex991.htm"
    doc, _ = document(EXAMPLES[0])
    images = {p.name: p for p in exhibit.parent.iterdir() if p.suffix in (".jpg", ".gif")}
    assert sorted(images) == ["crvn_img1.jpg", "crvn_img2.gif", "crvn_logo.gif"]
    for image, name in zip(doc.images(), ["crvn_logo.gif", "crvn_img1.jpg", "crvn_img2.gif"],
                           strict=True):
        with Pillow.open(images[name]) as picture:
            assert picture.format == ("GIF" if name.endswith(".gif") else "JPEG")
            assert picture.size == (image.width, image.height)
        assert f'<img src="{name}" alt="' in exhibit.read_text()


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_the_exhibit_says_what_the_wire_text_says(path, needs_shared):
    compare = compare_module()
    doc, options = document(path)
    page, txt = prose_pair((path, None), "edgar", doc, render(doc, "edgar", options),
                           render(doc, "txt", options))
    lines = compare.strip_furniture(compare.lines("\n".join(html_lines(page, "body")[1:])))
    wire = compare.strip_furniture(compare.lines(txt.decode("utf-8")))
    assert compare.differences(wire, lines) == []


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_tables_stay_tables(path, needs_shared):
    doc, options = document(path)
    tables = sum(isinstance(block, Table) for _, block in walk(doc))
    page = render(doc, "edgar", options).decode("ascii")
    assert page.count("<table") == tables and page.count("</table>") == tables


HOSTILE = spec(
    headline="Corvane <script>alert('x')</script> & Partners “Launch” Café",
    body=["Visit [our site](https://corvane.example/news) or write to "
          "[ir](mailto:ir@corvane.example); <b>bold</b> &amp; <a href='x'>html</a>.",
          {"image": {"file": "photo.png", "alt": "A <photo> of “the” lab",
                     "caption": "The lab — in Zürich", "credit": "Photo: Zoë Roe"}}],
)


def test_a_hostile_spec_still_makes_a_clean_exhibit(cli, tmp_path):
    desk = make_desk(tmp_path)
    bands = [Pillow.effect_noise((300, 200), sigma) for sigma in (40, 60, 80)]
    photo = Pillow.merge("RGB", bands).convert("RGBA")  # thousands of colours
    photo.putalpha(200)  # a photo with transparency: flattened onto white, sent as JPEG
    photo.save(desk / "releases" / "photo.png")
    path = write_spec(desk, HOSTILE)
    code, _, err = cli("render", path, "-f", "edgar", "--final", "-o", desk / "out")
    assert code == 0, err
    exhibit = desk / "out" / "release" / "crvn_ex991.htm"
    text = exhibit.read_text(encoding="ascii")
    assert check_file(exhibit) == [] and arelle_messages(exhibit) == []
    assert "&#60;script&#62;alert(" in text and "<script" not in text
    assert "our site (https://corvane.example/news)" in text and "<a " not in text
    assert "Caf&#233;" in text and "&#8220;Launch&#8221;" in text
    with Pillow.open(desk / "out" / "release" / "crvn_img1.jpg") as picture:
        assert picture.format == "JPEG" and picture.size == (300, 200)


def test_a_file_name_that_breaks_the_rule_is_refused(cli, tmp_path):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(edgar={"file": "Corvane Exhibit 99.1.htm"}))
    code, _, err = cli("render", path, "-f", "edgar", "-o", desk / "out")
    line = path.read_text().splitlines().index("  file: Corvane Exhibit 99.1.htm") + 1
    assert code == 2 and not (desk / "out").exists()
    assert f"release.yaml:{line}: error: edgar.file: " in err and "EDGAR's file-name rule" in err


def test_a_spec_file_name_is_used(cli, tmp_path):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(edgar={"file": "cbmg-ex992.htm", "exhibit": "99.2"}))
    assert cli("render", path, "-f", "edgar", "-o", desk / "out")[0] == 0
    text = (desk / "out" / "release" / "cbmg-ex992.draft.htm").read_text()  # a draft's name
    assert "<b>Exhibit 99.2</b>" in text and (desk / "out" / "release" / "cbmg_logo.gif").exists()


def test_a_character_edgar_cannot_carry_is_refused_where_it_was_written(cli, tmp_path):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(headline="Corvane Launches Rocket \U0001F680 Program"))
    code, _, err = cli("render", path, "-f", "edgar,txt", "-o", desk / "out")
    assert code == 2 and not (desk / "out").exists()
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text.startswith("headline:"))
    assert f"release.yaml:{line}: error: headline: '\U0001F680' (U+1F680) cannot be carried" in err
    assert cli("render", path, "-f", "txt", "-o", desk / "out")[0] == 0  # other formats can


def test_the_manifest_hashes_the_exhibit_and_its_images(cli, tmp_path):
    code, _, err = cli("render", EXAMPLES[0], "-f", "edgar", "-o", tmp_path)
    assert code == 0, err
    folder = tmp_path / EXAMPLES[0].stem
    manifest = json.loads(next(folder.glob("*.manifest.json")).read_text())
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
             if p.suffix in (".htm", ".jpg", ".gif")}
    assert "crvn_ex991.draft.htm" in files and "crvn_img1.jpg" in files
    assert files.items() <= manifest["outputs"].items()


def test_the_exhibit_is_ascii_and_reproducible():
    doc, options = document(EXAMPLES[0])
    first, again = render(doc, "edgar", options), render(doc, "edgar", options)
    assert first == again and first.isascii() and first.count(b"<html>") == 1
    assert first.count(b"<img ") == len(doc.images())
