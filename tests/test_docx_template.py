"""The Word template: built by a script, overridable by a desk, checked before use."""

from __future__ import annotations

import importlib.util
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from conftest import ROOT
from docx_text import body_paragraphs, open_docx

BUILTIN = ROOT / "templates" / "docx" / "release.docx"
RELEASE = "releases/2026-03-02-investor-day.yaml"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_committed_template_is_what_the_script_builds():
    spec = importlib.util.spec_from_file_location("build_docx_template",
                                                  ROOT / "scripts" / "build_docx_template.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built, committed = _parts(script.build()), _parts(BUILTIN.read_bytes())
    assert sorted(built) == sorted(committed)
    for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml",
                 "word/header1.xml", "word/footer1.xml", *built):
        assert built[name] == committed[name], f"{name} differs: run scripts/build_docx_template.py"


@pytest.fixture
def desk(tmp_path, cli) -> Path:
    """A new desk, made by `prauthor init`, with an empty templates folder."""
    folder = tmp_path / "desk"
    assert cli("init", folder)[0] == 0
    return folder


def _desk_template(desk: Path, change) -> Path:
    """Save the built-in template, changed by `change(document)`, as the desk's template."""
    word = docx.Document(BUILTIN)
    change(word)
    path = desk / "templates" / "docx" / "release.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(path)
    return path


def _render(cli, desk: Path, *more):
    out = desk / "out"
    code, _, err = cli("render", desk / RELEASE, "-f", "docx", "-o", out, *more)
    files = list(out.rglob("*.docx")) if out.exists() else []
    return code, err, files


def test_a_desk_template_overrides_the_built_in_one(cli, desk):
    def letterhead(word):
        word.styles["Headline"].font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
        word.sections[0].header.paragraphs[-1].insert_paragraph_before("CORVANE LETTERHEAD")

    _desk_template(desk, letterhead)
    code, err, (path,) = _render(cli, desk)
    assert code == 0, err
    word = open_docx(path.read_bytes())
    assert "CORVANE LETTERHEAD" in [p.text for p in word.sections[0].header.paragraphs]
    assert word.styles["Headline"].font.color.rgb == RGBColor(0x8B, 0x00, 0x00)
    assert body_paragraphs(word)[2].style.name == "Headline"  # after the logo and the release line


def _replace_tag(old: str, new: str, split: bool = False):
    def change(word):
        (paragraph,) = [p for p in word.paragraphs if p.text == old]
        for run in paragraph.runs:
            run._r.getparent().remove(run._r)
        if split:  # as Word does when formatting or a spelling mark lands inside a tag
            paragraph.add_run(new[:5])
            paragraph.add_run(new[5:]).bold = True
        else:
            paragraph.add_run(new)
    return change


@pytest.mark.parametrize(("change", "tag", "message"), [
    (_replace_tag("{{p release }}", "{{p release }}", split=True), "{{p release }}",
     "split across runs"),
    (_replace_tag("{{p release }}", "{{p releas }}"), "releas",
     "unknown variable 'releas' (did you mean 'release'?)"),
    (_replace_tag("{{p release }}", "{%p if draft %}{{p release }}"), "{%p if draft %}",
     "never closed"),
    (_replace_tag("{{p release }}", "{{ release }}"), "{{ release }}", "is whole paragraphs"),
    (_replace_tag("{{p release }}", "{{p release | }}"), "{{p release | }}",
     "not a valid expression"),
    (_replace_tag("{{p release }}", "{{p release "), "{{p release", "not closed in its paragraph"),
    (lambda word: setattr(word.styles["Headline"], "name", "Big Title"), "",
     "has no paragraph style 'Headline'"),
    (_replace_tag("{{p release }}", "{{p release.nope }}"), "", "has no attribute 'nope'"),
    (_replace_tag("{{p release }}", "Release: {{p release }}"), "{{p release }}",
     "alone in a paragraph of its own"),
    (_replace_tag("{{p release }}", "{{p headline }}"), "headline",
     "no longer a tag: put one {{p release }}"),
], ids=["split-tag", "unknown-variable", "unclosed-block", "text-tag-for-paragraphs",
        "bad-expression", "unclosed-tag", "missing-style", "error-while-rendering",
        "p-tag-with-text", "tag-of-an-earlier-template"])
def test_a_broken_desk_template_is_reported_with_its_name_and_tag(cli, desk, change, tag, message):
    path = _desk_template(desk, change)
    code, err, files = _render(cli, desk)
    assert (code, files) == (2, [])
    line = next(line for line in err.splitlines() if message in line)
    assert str(path) in line and tag in line
    assert "Traceback" not in err


def test_all_problems_of_a_template_are_reported_at_once(cli, desk):
    def many(word):
        _replace_tag("{{p release }}", "{%p if draft %}{{p release }}", split=True)(word)
        _replace_tag("{{p review_record }}", "{{p the_end }}")(word)

    _desk_template(desk, many)
    code, err, _ = _render(cli, desk)
    assert code == 2
    assert "split across runs" in err and "'the_end'" in err


def test_a_file_that_is_not_word_is_reported(cli, desk):
    path = desk / "templates" / "docx" / "release.docx"
    path.parent.mkdir(parents=True)
    path.write_text("not a zip")
    code, err, files = _render(cli, desk)
    assert (code, files) == (2, [])
    assert f"{path}: is not a Word document" in err.replace("error: ", "")


def test_literal_braces_in_a_template_stay_text(cli, desk):
    _desk_template(desk, lambda word: word.sections[0].header.add_paragraph("{_{ not a tag }_}"))
    code, err, (path,) = _render(cli, desk)
    assert code == 0, err
    header = open_docx(path.read_bytes()).sections[0].header
    assert "{{ not a tag }}" in [p.text for p in header.paragraphs]


def test_templates_export_writes_the_built_in_templates(cli, tmp_path):
    target = tmp_path / "templates"
    code, _, err = cli("templates", "export", target)
    assert code == 0, err
    assert (target / "docx" / "release.docx").read_bytes() == BUILTIN.read_bytes()
    assert _files(target) == _files(ROOT / "templates")
    code, _, err = cli("templates", "export", target)
    assert code == 2 and "already exists (use --force to overwrite)" in err
    assert cli("templates", "export", target, "--force")[0] == 0


def _files(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}


def test_an_exported_template_serves_a_desk(cli, desk):
    assert cli("templates", "export", desk / "templates", "--force")[0] == 0
    code, err, files = _render(cli, desk, "--final")
    assert code == 0 and len(files) == 1, err
