"""ninjs and NewsML-G2: every release validates against IPTC's schemas in ../shared."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from functools import cache

import pytest
from lxml import etree

from conftest import EXAMPLES, REFERENCE_SPECS, SHARED
from governance_helpers import make_desk, spec, write_spec
from prauthor.render import Options, render
from readback import document

STANDARDS = SHARED / "standards"
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SPECS = [*EXAMPLES, *REFERENCE_SPECS]


@cache
def ninjs_validator():
    import jsonschema

    schema = json.loads((STANDARDS / "ninjs" / "ninjs-schema_3.1.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@cache
def newsml_schema() -> etree.XMLSchema:
    # lxml resolves the xml.xsd import beside the schema; nothing is fetched.
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(STANDARDS / "newsml-g2" /
                                           "NewsML-G2_2.35-spec-All-Power.xsd"), parser))


def ninjs_errors(data: dict) -> list[str]:
    errors = ninjs_validator().iter_errors(data)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]


def newsml_errors(xml: bytes) -> list[str]:
    schema = newsml_schema()
    schema.validate(etree.fromstring(xml))
    return [str(error) for error in schema.error_log]


@pytest.fixture
def standards(needs_shared):
    if not STANDARDS.is_dir():
        pytest.skip(f"IPTC schemas not found at {STANDARDS}")


def test_the_schemas_accept_iptcs_own_examples(standards):
    example = json.loads((STANDARDS / "ninjs" / "example-3.1-complex-text-article.json")
                         .read_text())
    assert ninjs_errors(example) == []
    listing = (STANDARDS / "newsml-g2" / "example-2.35-listing-1.xml").read_bytes()
    assert newsml_errors(listing) == []


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
def test_every_release_validates(path, draft, standards):
    doc, options = document(path)
    options = replace(options, draft=draft)
    data = json.loads(render(doc, "ninjs", options))
    assert ninjs_errors(data) == []
    assert data["pubStatus"] == ("withheld" if draft else "usable")
    xml = render(doc, "newsml", options)
    assert newsml_errors(xml) == []
    status = etree.fromstring(xml).find(f"{NAR}itemMeta/{NAR}pubStatus").get("qcode")
    assert status == ("stat:withheld" if draft else "stat:usable")


def test_ninjs_carries_the_release(standards):
    doc, options = document(EXAMPLES[0])
    data = json.loads(render(doc, "ninjs", options))
    assert data["standard"]["version"] == "3.1" and data["language"] == "en"
    assert data["uri"] == "urn:newsml:corvane.example:20260226:2026-02-26-q4-fy2025-results"
    assert [h["value"] for h in data["headlines"]] == [doc.headline, *doc.subheadlines]
    assert data["located"] == "CAMBRIDGE, Mass."
    text, rich = data["bodies"]
    assert text["contentType"] == "text/plain" and text["value"].startswith(doc.dateline.text)
    etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{rich["value"]}</div>')
    (issuer,) = data["organisations"]
    assert issuer["symbols"][0] | {"symbolType": None} == {
        "exchange": "Nasdaq", "symbol": "CRVN", "symbolType": None}
    assert {c["value"] for c in issuer["contactInfo"] if c["type"] == "email"} == {
        "ir@corvane.example", "media@corvane.example"}
    assert {p["name"] for p in data["people"] if p["rel"] == "quoted"} == {
        "Elena Marsh, Ph.D.", "David Okafor"}
    pictures = data["associations"]
    assert [a["rel"] for a in pictures] == ["logo", "photo", "chart"]
    assert [a["descriptions"][0]["value"] for a in pictures] == [i.alt for i in doc.images()]
    assert pictures[1]["renditions"][0] | {"sizeInBytes": 0} == {
        "name": "original", "contentType": "image/jpeg", "width": 1200, "height": 800,
        "sizeInBytes": 0, "href": "https://media.corvane.example/2026/lab-photo.jpg"}


def test_an_embargo_reaches_both_formats(tmp_path, standards):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(release={"embargo": {"date": "2026-03-02", "time": "8:00 a.m.",
                                                      "zone": "ET"}}))
    doc, options = document(path)
    data = json.loads(render(doc, "ninjs", options))
    assert dt.datetime.fromisoformat(data["embargoedUntil"]) == dt.datetime(
        2026, 3, 2, 13, 0, tzinfo=dt.UTC)
    assert ninjs_errors(data) == []
    xml = render(doc, "newsml", options)
    embargoed = etree.fromstring(xml).find(f"{NAR}itemMeta/{NAR}embargoed").text
    assert embargoed == "2026-03-02T08:00:00-05:00" and newsml_errors(xml) == []


def test_an_embargo_zone_without_an_offset_is_bad_input(tmp_path, cli):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(release={"embargo": {"date": "2026-03-02", "time": "8:00 a.m.",
                                                      "zone": "Eastern"}}))
    code, _, err = cli("render", path, "-f", "ninjs", "-o", tmp_path / "out")
    assert code == 2 and "release.embargo" in err and not (tmp_path / "out").exists()


def test_newsml_carries_the_body_as_xhtml(standards):
    doc, options = document(EXAMPLES[0])
    root = etree.fromstring(render(doc, "newsml", options))
    meta = root.find(f"{NAR}contentMeta")
    assert meta.find(f"{NAR}headline").text == doc.headline
    assert meta.find(f"{NAR}dateline").text == doc.dateline.text
    assert meta.find(f"{NAR}subject").get("qcode") == "nasdaq:CRVN"
    body = root.find(f"{NAR}contentSet/{NAR}inlineXML/{XHTML}html/{XHTML}body")
    paragraphs = ["".join(p.itertext()) for p in body.iter(f"{XHTML}p")]
    assert paragraphs[0].startswith(doc.dateline.text) and "###" in paragraphs
    assert len(list(body.iter(f"{XHTML}table"))) == 3
    links = {link.get("href") for link in root.iter(f"{NAR}link")}
    assert links == {i.url for i in doc.images()}


def test_hostile_text_still_validates(tmp_path, standards):
    desk = make_desk(tmp_path)
    path = write_spec(desk, spec(headline="<script>x</script> & “Café” ]]>",
                                 body=["</p><b>not markup</b> [link](javascript:alert(1))"]))
    doc, _ = document(path)
    data = json.loads(render(doc, "ninjs", Options()))
    assert ninjs_errors(data) == [] and data["headlines"][0]["value"] == doc.headline
    assert "<script>" not in data["bodies"][1]["value"]
    xml = render(doc, "newsml", Options())
    assert newsml_errors(xml) == []
    assert etree.fromstring(xml).find(f"{NAR}contentMeta/{NAR}headline").text == doc.headline
