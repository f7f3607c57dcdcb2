"""House styles: five desks of invented companies render their expected text, and every
key of a style does what it says, wherever the style is written."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import REFERENCE, STYLE_SPECS, expected_text
from docx_text import compare_module
from prauthor.document import Body, Contacts, EndMark, Headline, ReleaseLine, Section
from prauthor.load import load
from prauthor.render import render
from prauthor.resolve import resolve

STYLES = REFERENCE / "styles"


def _spec(name: str) -> Path:
    (spec,) = (STYLES / name / "releases").glob("*.yaml")
    return spec


def _text(spec: Path) -> str:
    return render(resolve(load(spec)), "txt").decode("utf-8")


@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize("spec", STYLE_SPECS, ids=lambda p: p.parents[1].name)
def test_each_house_style_renders_its_expected_text(spec):
    compare = compare_module()
    expected, wire = expected_text(spec)
    doc = resolve(load(spec))
    assert doc.meta.wire == wire
    want = compare.lines(expected.read_text(encoding="utf-8"))
    got = compare.strip_furniture(compare.lines(render(doc, "txt").decode("utf-8")))
    assert compare.differences(want, got) == []
    assert len(got) == len(want)


@pytest.mark.usefixtures("needs_shared")
def test_no_end_mark_leaves_nothing_after_the_last_contact():
    text = _text(_spec("quillon"))
    assert text.rstrip().endswith("Email: ir@quillonbio.example")
    assert "###" not in text


@pytest.mark.usefixtures("needs_shared")
def test_an_end_mark_of_the_house_closes_the_text_after_the_tables():
    text = _text(_spec("halvard"))
    assert text.rstrip().splitlines()[-1] == "-30-"
    assert "###" not in text


@pytest.mark.usefixtures("needs_shared")
def test_contacts_at_the_top_follow_the_release_line():
    doc = resolve(load(_spec("veridane")))
    kinds = [type(part) for part in doc.parts]
    assert kinds[:3] == [ReleaseLine, Contacts, Headline]
    lines = _text(_spec("veridane")).splitlines()
    assert lines[0] == "FOR IMMEDIATE RELEASE" and lines[2] == "Investor Contact:"
    assert lines[-1] == "###"


@pytest.mark.usefixtures("needs_shared")
def test_contacts_before_the_appendix_follow_the_boilerplate():
    doc = resolve(load(_spec("halvard")))
    kinds = [type(part).__name__ for part in doc.parts]
    assert kinds[-4:] == ["Section", "Contacts", "Body", "EndMark"]
    assert doc.parts[-2].region == "appendix"


@pytest.mark.usefixtures("needs_shared")
def test_a_sub_heading_is_a_level_three_heading_on_the_page():
    html = render(resolve(load(_spec("halvard"))), "html").decode()
    assert "<h3>Liquidity</h3>" in html
    assert "<h2>Third Quarter 2025 Financial Results</h2>" in html


@pytest.mark.usefixtures("needs_shared")
def test_the_company_copy_pads_the_day_when_the_desk_says_so():
    doc = resolve(load(_spec("veridane")))
    assert doc.dateline.text == "WORCESTER, MA, June 09, 2025 –"


@pytest.mark.usefixtures("needs_shared")
def test_style_layers_merge_key_by_key():
    # Sorrelby: the desk sets contacts.email, the spec contacts.heading and lines.
    doc = resolve(load(_spec("sorrelby")))
    (contacts,) = [p for p in doc.parts if isinstance(p, Contacts)]
    assert contacts.heading == "Contacts:"
    assert contacts.cards[0].text_lines() == (
        "Sorrelby Media Contact:", "Priya Natarajan, Director of Communications",
        "Phone: +1 (858) 555-0163", "media@sorrelby.example")


@pytest.fixture
def desk(tmp_path):
    """A copy of Tessford's desk to restyle."""
    shutil.copytree(STYLES / "tessford", tmp_path / "tessford")
    return tmp_path / "tessford"


def _release(desk: Path) -> Path:
    (spec,) = (desk / "releases").glob("*.yaml")
    return spec


def _restyle(spec: Path, style: str) -> None:
    spec.write_text(spec.read_text() + f"style:\n{style}")


@pytest.mark.usefixtures("needs_shared")
def test_a_spec_style_wins_over_the_desk_and_a_contact_line_drops_an_empty_field(desk):
    spec = _release(desk)
    _restyle(spec, '  contacts:\n    label: own-line\n    lines: ["{name}, {title}", '
             '"{organization}", "{phone}"]\n    between: null\n')
    cards = [c.text_lines() for c in resolve(load(spec)).contacts]
    assert cards[1] == ("Media Contact:", "Julia Brandt, Director, Corporate Communications",
                        "Tel: +1 (614) 555-0135")
    assert cards[2] == ("Owen Kessler", "Lakeshore Partners", "Tel: +1 (312) 555-0178")


@pytest.mark.usefixtures("needs_shared")
def test_the_end_mark_and_the_ticker_format_are_style(desk):
    spec = _release(desk)
    _restyle(spec, '  end_mark: "+++"\n  ticker: "({exchange}:{ticker})"\n'
             "  intro: [name, terms, ticker, descriptor]\n")
    doc = resolve(load(spec))
    assert doc.end_mark == "+++" and isinstance(doc.parts[-1], EndMark)
    text = render(doc, "txt").decode()
    assert '(“Tessford” or the “Company”) (NYSE:TSFD), a provider' in text
    assert text.rstrip().endswith("+++")


@pytest.mark.usefixtures("needs_shared")
def test_quote_verbs_and_attribution_can_be_the_house_default(desk):
    spec = _release(desk)
    _restyle(spec, "  quotes:\n    verb: stated\n")
    text = render(resolve(load(spec)), "txt").decode()
    assert "commented Graham Pollard" in text  # the quote's own verb wins
    assert "stated Hale." in text


@pytest.mark.usefixtures("needs_shared")
def test_the_parts_of_a_document_are_one_reading_order_in_every_style():
    for spec in STYLE_SPECS:
        doc = resolve(load(spec))
        sections = [p for p in doc.parts if isinstance(p, Section)]
        assert doc.sections == tuple(sections)
        assert sum(isinstance(p, Headline) for p in doc.parts) == 1
        assert all(p.blocks for p in doc.parts if isinstance(p, Body))


# -- bad input ----------------------------------------------------------------------------

@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize(("change", "where", "message"), [
    ("  contacts:\n    lnes: ['{name}']\n", ":style.contacts.lnes:",
     "unknown field 'lnes' (did you mean 'lines'?)"),
    ("  contacts:\n    lines: ['{name}', '{fax}']\n", ":style.contacts.lines:",
     "unknown field '{fax}'"),
    ("  ticker: '({exchange}: {symbol})'\n", ":style.ticker:", "unknown field '{symbol}'"),
    ("  intro: [ticker, name]\n", ":style.intro:", "the intro starts with 'name'"),
    ("  contacts:\n    place: bottom\n", ":style.contacts.place:", "'end'"),
])
def test_a_bad_style_key_is_located_and_nothing_is_written(desk, cli, change, where, message):
    spec = _release(desk)
    _restyle(spec, change)
    code, _, err = cli("render", spec, "--out", desk / "out", "-f", "txt")
    assert code == 2, err
    line = next(line for line in err.splitlines() if message in line)
    assert re.search(rf"{re.escape(spec.name)}:\d+: error: {re.escape(where.strip(':'))}: ", line)
    assert not (desk / "out").exists()


@pytest.mark.usefixtures("needs_shared")
def test_a_bad_desk_style_is_located_in_prauthor_toml(desk, cli):
    config = desk / "prauthor.toml"
    config.write_text(config.read_text().replace('label = "with-first-line"',
                                                 'labl = "with-first-line"'))
    code, _, err = cli("validate", _release(desk))
    assert code == 2
    assert "prauthor.toml:" in err and "style.contacts.labl" in err and "'label'" in err


@pytest.mark.usefixtures("needs_shared")
def test_an_unknown_person_of_another_company_is_located(tmp_path, cli):
    shutil.copytree(STYLES / "sorrelby", tmp_path / "sorrelby")
    spec = _release(tmp_path / "sorrelby")
    spec.write_text(spec.read_text().replace("pemberline/oliver-pryce", "pemberline/oliver"))
    code, _, err = cli("validate", spec)
    assert code == 2
    assert "body[2].quote.by: unknown person 'pemberline/oliver'" in err
    assert "did you mean 'oliver-pryce'" in err


@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize(("companies", "message"), [
    ("[sorrelby]", "intro.companies: the list should have at least 2 items"),
    ("[sorrelby, sorrelby]", "a joint intro names two companies or more"),
    ("[sorrelby, pemberlin]", "unknown company 'pemberlin' (did you mean 'pemberline'?)"),
    ("[pemberline, sorrelby]", "starts with the release's company"),
])
def test_a_joint_intro_must_name_two_companies_of_the_desk(tmp_path, cli, companies, message):
    shutil.copytree(STYLES / "sorrelby", tmp_path / "sorrelby")
    spec = _release(tmp_path / "sorrelby")
    spec.write_text(spec.read_text().replace("companies: [sorrelby, pemberline]",
                                             f"companies: {companies}"))
    code, _, err = cli("validate", spec)
    assert code == 2, err
    assert message in err and f"{spec.name}:" in err


@pytest.mark.usefixtures("needs_shared")
def test_a_sub_heading_has_its_own_style_in_word():
    from docx_text import open_docx

    word = open_docx(render(resolve(load(_spec("halvard"))), "docx"))
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["Liquidity"] == "Section Heading 3"
    assert styles["Third Quarter 2025 Financial Results"] == "Section Heading"


def test_the_new_desk_config_shows_a_valid_style_when_uncommented():
    from prauthor.starters import DESK_CONFIG
    from prauthor.style import Style

    setting = re.compile(r"^# (\[|[a-z_]+ = )")
    text = "\n".join(line[2:] if setting.match(line) else line
                     for line in DESK_CONFIG.splitlines())
    style = Style.model_validate(tomllib.loads(text)["style"])
    assert style.contacts.between == "Or" and style.end_mark == "###"
