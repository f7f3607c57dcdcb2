"""Links in plain text: the newswire text, the EDGAR exhibit, ninjs, NewsML-G2 and the
calendar file print each link's address after its words, unless the words say it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from governance_helpers import make_desk, spec, write_spec
from prauthor.document import Span, linked
from prauthor.edgar.check import check_file
from readback import compare_module, html_lines, pdf_text
from test_newsroom import NAR, XHTML, newsml_errors, ninjs_errors

EVENTS = "https://investors.norwoodgrid.example/events"
FILING = "https://www.sec.example/Archives/edgar/data/1/000001/form8k.htm"
LINKED = spec(
    lead="today announced that it will host a virtual R&D Day; details are at "
         f"[investors.norwoodgrid.example]({EVENTS}).",
    body=[f"The terms are described in [the filing]({FILING}). Questions may be sent to "
          "[Investor Relations](mailto:ir@corvane.example?subject=R%26D%20Day) or to "
          "[media@corvane.example](mailto:media@corvane.example).",
          "Visit [www.corvane.example](https://www.corvane.example/) or "
          "[HTTPS://Corvane.example](https://corvane.example) for more.",
          {"list": [f"A [**live** webcast]({EVENTS}) with slides"]},
          {"event": {"date": "2026-03-18", "time": "10:00 a.m.", "zone": "America/New_York",
                     "webcast": EVENTS}}],
)
SENTENCES = [
    "today announced that it will host a virtual R&D Day; details are at "
    f"investors.norwoodgrid.example ({EVENTS}).",
    f"The terms are described in the filing ({FILING}). Questions may be sent to "
    "Investor Relations (ir@corvane.example) or to media@corvane.example.",
    "Visit www.corvane.example or HTTPS://Corvane.example for more.",
    f"A live webcast ({EVENTS}) with slides",
    f"Webcast: {EVENTS}",
]


@pytest.fixture
def rendered(tmp_path, cli):
    """Render the release with links to text, EDGAR, ninjs, NewsML and the calendar."""
    desk = make_desk(tmp_path)
    path = write_spec(desk, LINKED)
    code, _, err = cli("render", path, "-f", "txt,edgar,ninjs,newsml,ics", "--final", "-o",
                       desk / "out")
    assert code == 0, err
    return desk / "out" / "release"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_wire_text_prints_each_address_once(rendered):
    text = _one_line(next(rendered.glob("*.txt")).read_text(encoding="utf-8"))
    for sentence in SENTENCES:
        assert sentence in text
    assert "mailto:" not in text and "subject=" not in text


def test_a_wrapped_text_keeps_each_address_whole(tmp_path, cli):
    desk = make_desk(tmp_path)
    path = write_spec(desk, LINKED)
    code, _, err = cli("render", path, "-f", "txt", "--wrap", "60", "-o", desk / "out")
    assert code == 0, err
    lines = (desk / "out" / "release" / "release.draft.txt").read_text().splitlines()
    assert any(FILING in line for line in lines) and all(len(line) <= 60 or "https://" in line
                                                        for line in lines)


def test_the_exhibit_says_what_the_wire_text_says(rendered):
    compare = compare_module()
    exhibit = next(rendered.glob("*.htm"))
    assert check_file(exhibit) == []
    page = compare.lines("\n".join(html_lines(exhibit.read_text(encoding="ascii"), "body")))
    text = compare.lines(next(rendered.glob("*.txt")).read_text(encoding="utf-8"))
    for sentence in (compare.lines(s)[0] for s in SENTENCES[:4]):
        assert any(sentence in line for line in page) and any(sentence in line for line in text)


def test_ninjs_and_newsml_carry_the_addresses(rendered, needs_shared):
    data = json.loads(next(rendered.glob("*.ninjs.json")).read_text())
    assert ninjs_errors(data) == []
    assert data["descriptions"][0]["value"].endswith(SENTENCES[0])
    plain_body, rich = data["bodies"]
    assert all(sentence in _one_line(plain_body["value"]) for sentence in SENTENCES)
    assert f'<a href="{FILING}">the filing</a>' in rich["value"]
    xml = next(rendered.glob("*.newsml.xml")).read_bytes()
    assert newsml_errors(xml) == []
    root = etree.fromstring(xml)
    assert root.find(f"{NAR}contentMeta/{NAR}description").text.endswith(SENTENCES[0])
    anchors = {a.get("href"): "".join(a.itertext()) for a in root.iter(f"{XHTML}a")}
    assert anchors[FILING] == "the filing"


def test_the_calendar_names_the_webcast(rendered):
    import icalendar

    calendar = icalendar.Calendar.from_ical(next(rendered.glob("*.ics")).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert f"Webcast: {EVENTS}" in str(event["DESCRIPTION"]).splitlines()


def test_the_print_copy_prints_the_addresses_the_screen_links(tmp_path, cli):
    desk = make_desk(tmp_path)
    path = write_spec(desk, LINKED)
    code, _, err = cli("render", path, "-f", "html,pdf", "--final", "-o", desk / "out")
    assert code == 0, err
    folder = desk / "out" / "release"
    printed = _one_line(pdf_text((folder / "release.pdf").read_bytes()))
    for sentence in SENTENCES[1:4]:
        assert sentence in printed
    page = (folder / "release.html").read_text(encoding="utf-8")
    screen = _one_line(" ".join(html_lines(page)))
    assert "described in the filing. Questions" in screen and FILING not in screen
    assert f'<a href="{FILING}" data-address="{FILING}">the filing</a>' in page
    assert f'<a href="{EVENTS}" data-address="{EVENTS}"><strong>live</strong> webcast</a>' \
        in page and 'data-address="https://www.corvane.example' not in page


@pytest.mark.parametrize(("spans", "printed"), [
    ((Span("corvane.example", href="https://corvane.example/"),), "corvane.example"),
    ((Span("http://corvane.example", href="https://corvane.example"),), "http://corvane.example"),
    ((Span("corvane.example/ir", href="https://corvane.example/events"),),
     "corvane.example/ir (https://corvane.example/events)"),
    ((Span("inbox.example", href="https://box.example"),), "inbox.example (https://box.example)"),
    ((Span("IR", href="mailto:IR@corvane.example"),), "IR (IR@corvane.example)"),
    ((Span("ir@corvane.example", href="mailto:IR@corvane.example"),), "ir@corvane.example"),
    ((Span("Financial tables", href="#tables"),), "Financial tables"),
    ((Span("the ", href="https://a.example"), Span("filing", True, href="https://a.example"),
      Span(" and "), Span("more", href="https://a.example")),
     "the filing (https://a.example) and more (https://a.example)"),
])
def test_the_address_rule(spans, printed):
    assert linked(spans) == printed


WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,12}\.example(/[a-z0-9/._-]{0,20})?", fullmatch=True)


@given(WORDS, HOSTS, st.sampled_from(["https://", "http://"]))
def test_every_web_address_can_be_read_in_the_text(words, host, scheme):
    text = linked((Span("see "), Span(words, href=scheme + host), Span(".")))
    assert text.startswith("see " + words)
    assert (scheme + host) in text or host.rstrip("/") in words.lower()
