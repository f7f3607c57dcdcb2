"""`prauthor review` on DOCX files with tracked changes written as Word writes them."""

from __future__ import annotations

import shutil
import zipfile
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from governance_helpers import make_desk
from prauthor.cli import main
from tracked import dropped_paragraph, edited, new_paragraph, replace, untracked

MERGER = next(p for p in EXAMPLES if p.stem == "2026-09-15-merger-vote")
OTHER = next(p for p in EXAMPLES if p.stem != MERGER.stem)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A desk holding the merger release and another one, each rendered to a draft DOCX."""
    folder = make_desk(tmp_path_factory.mktemp("review"))
    for image in [*OTHER.parent.glob("*.png"), *OTHER.parent.glob("*.jpg")]:
        shutil.copy(image, folder / "releases" / image.name)  # the results example's
    for example in (MERGER, OTHER):
        shutil.copy(example, folder / "releases" / example.name)
        assert main(["render", str(folder / "releases" / example.name), "-f", "docx",
                     "-o", str(folder / "out")]) == 0
    return folder


def _docx(desk, spec=MERGER) -> bytes:
    return (desk / "out" / spec.stem / f"{spec.stem}.draft.docx").read_bytes()


def _spec(desk, spec=MERGER):
    return desk / "releases" / spec.name


def _reviewed(tmp_path, data: bytes, *changes):
    for change in changes:
        data = edited(data, change)
    path = tmp_path / "reviewed.docx"
    path.write_bytes(data)
    return path


def _unchanged(desk):
    """Return a snapshot of every file of the desk, to show nothing was written."""
    return {p: p.read_bytes() for p in desk.rglob("*") if p.is_file()}


def test_a_word_replacement_is_located_and_applied(desk, cli, tmp_path):
    work = make_desk(tmp_path / "desk")
    spec = work / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    reviewed = _reviewed(tmp_path, _docx(desk),
                         replace("exclusively online", "online only", "A. Counsel"))
    code, out, _ = cli("review", reviewed, spec, "--apply")
    assert code == 0
    assert f'{spec}:20: body[0]: replaced "exclusively online" with "online only" ' \
           "(A. Counsel, 2026-09-16)" in out
    assert "conducted online only. Stockholders" in spec.read_text(encoding="utf-8")


def test_edits_in_generated_text_are_listed_and_nothing_is_written(desk, cli, tmp_path):
    before = _unchanged(desk)
    reviewed = _reviewed(tmp_path, _docx(desk), replace("CAMBRIDGE, MA", "BOSTON, MA"),
                         replace("Investor Contact", "IR Contact"),
                         replace("exclusively online", "online only"))
    code, out, err = cli("review", reviewed, _spec(desk), "--apply")
    assert code == 2
    assert out.count("cannot place: ") == 2
    assert 'replaced "CAMBRIDGE, MA" with "BOSTON, MA": in the dateline, which prauthor ' \
        f"writes from `dateline` ({_spec(desk)}:8)" in out
    assert "change: " in out  # the placeable edit is listed too, but not written alone
    assert "dateline" in err and "2 problems" in err
    assert _unchanged(desk) == before


def test_an_edit_with_track_changes_off_is_not_silently_dropped(desk, cli, tmp_path):
    reviewed = _reviewed(tmp_path, _docx(desk), untracked("exclusively online", "online"))
    code, out, _ = cli("review", reviewed, _spec(desk))
    assert code == 0
    assert "cannot place: " in out and "changed with track changes off" in out
    assert "\"exclusively online.\" became \"online.\"" in out


def test_an_edit_in_the_company_descriptor_cannot_be_placed(desk, cli, tmp_path):
    reviewed = _reviewed(tmp_path, _docx(desk), replace("fibrotic and inflammatory", "rare"))
    code, out, _ = cli("review", reviewed, _spec(desk))
    assert code == 0
    # the lead is the fourth paragraph: the logo's, the release line, the headline, the lead
    assert 'cannot place: paragraph 4: replaced "fibrotic and inflammatory" with "rare": in ' \
        "the company's name, ticker or descriptor, which come from the profile of 'corvane'" \
        in out


def test_an_edit_of_a_block_title_cannot_be_placed(desk, cli, tmp_path):
    reviewed = _reviewed(tmp_path, _docx(desk), replace("About Corvane Therapeutics", "About Us"))
    code, out, _ = cli("review", reviewed, _spec(desk), "--apply")
    assert code == 2
    assert "about@2, title: replaced" in out and "a block's title is front matter" in out


def test_a_parameter_edit_goes_into_the_spec_not_the_block(desk, cli, tmp_path):
    work = make_desk(tmp_path / "desk")
    spec = work / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    block = (work / "boilerplate" / "legend-additional-information" / "v1.md").read_bytes()
    reviewed = _reviewed(tmp_path, _docx(desk), replace("August 24, 2026", "August 25, 2026"))
    code, out, _ = cli("review", reviewed, spec, "--apply")
    assert code == 0, out
    assert "legend-additional-information@1, paragraph" in out and "parameter proxy_filed_on" \
        in out
    assert "proxy_filed_on: August 25, 2026" in spec.read_text(encoding="utf-8")
    assert (work / "boilerplate" / "legend-additional-information" / "v1.md").read_bytes() \
        == block
    assert not (work / "boilerplate" / "legend-additional-information" / "v2.md").exists()


def test_comments_of_the_render_itself_are_not_listed(desk, cli, tmp_path):
    reviewed = _reviewed(tmp_path, _docx(desk))
    code, out, _ = cli("review", reviewed, _spec(desk))
    assert code == 0
    assert "0 change(s), 0 comment(s), 0 that cannot be placed" in out


def test_a_docx_rendered_for_another_wire_is_read_with_that_wire(desk, cli, tmp_path):
    out = tmp_path / "wire"
    assert cli("render", _spec(desk), "-f", "docx", "--wire", "businesswire", "-o", out)[0] == 0
    draft = out / MERGER.stem / f"{MERGER.stem}.draft.docx"
    reviewed = _reviewed(tmp_path, draft.read_bytes(),
                         replace("exclusively online", "online only"))
    code, out, _ = cli("review", reviewed, _spec(desk))
    assert code == 0
    assert "1 change(s), 0 comment(s), 0 that cannot be placed" in out


def test_a_docx_of_another_release_is_refused(desk, cli):
    other = desk / "out" / OTHER.stem / f"{OTHER.stem}.draft.docx"
    code, _, err = cli("review", other, _spec(desk))
    assert code == 2
    assert f"was rendered from another release ({OTHER.name}), not {MERGER.name}" in err


def test_a_spec_changed_since_the_render_is_refused(desk, cli, tmp_path):
    work = make_desk(tmp_path / "desk")
    spec = work / "releases" / MERGER.name
    spec.write_text(MERGER.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    reviewed = _reviewed(tmp_path, _docx(desk))
    code, _, err = cli("review", reviewed, spec)
    assert code == 2 and "was rendered from another draft" in err


def test_overlapping_revisions_are_refused(desk, cli, tmp_path):
    reviewed = _reviewed(tmp_path, _docx(desk), replace("exclusively", "", nested=True))
    code, _, err = cli("review", reviewed, _spec(desk))
    assert code == 2 and "overlapping revisions" in err


@pytest.mark.parametrize(("content", "message"), [
    (b"not a zip at all", "is not a readable Word document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "is password-protected"),
    (None, "is not a readable Word document"),  # a zip without a document part
])
def test_files_that_are_not_reviewable_docx_are_refused(desk, cli, tmp_path, content, message):
    if content is None:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("hello.txt", "hi")
        content = buffer.getvalue()
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    code, _, err = cli("review", path, _spec(desk))
    assert code == 2 and message in err


def test_a_docx_not_made_by_prauthor_is_refused(desk, cli, tmp_path):
    def strip(package_bytes: bytes) -> bytes:
        source = zipfile.ZipFile(BytesIO(package_bytes))
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for entry in source.infolist():
                if entry.filename != "docProps/custom.xml":
                    target.writestr(entry, source.read(entry.filename))
        return out.getvalue()

    path = tmp_path / "foreign.docx"
    path.write_bytes(strip(_docx(desk)))
    code, _, err = cli("review", path, _spec(desk))
    assert code == 2 and "was not rendered by prauthor" in err


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=20000), noise=st.binary(max_size=64))
def test_damaged_docx_files_exit_2_without_a_traceback(desk, cli, tmp_path, cut, noise):
    data = _docx(desk)
    path = tmp_path / "damaged.docx"
    path.write_bytes(data[: cut % len(data)] + noise + data[cut % len(data) + len(noise):])
    code, _, err = cli("review", path, _spec(desk))
    assert code in (0, 2), err
    assert "Traceback" not in err


def test_a_new_paragraph_and_a_deleted_one_become_body_items(desk, cli, tmp_path):
    work = make_desk(tmp_path / "desk")
    spec = work / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    reviewed = _reviewed(tmp_path, _docx(desk),
                         new_paragraph("conducted exclusively online", "Proxy cards are due "
                                       "by September 29, 2026 [no later]."),
                         dropped_paragraph("A failure to vote will have"))
    code, out, err = cli("review", reviewed, spec, "--apply")
    assert code == 0, out + err
    assert f'{spec}:20: after body[0]: new paragraph "Proxy cards are due' in out
    assert f'{spec}:33: body[2]: deleted paragraph "A failure to vote' in out
    text = spec.read_text(encoding="utf-8")
    assert "  - Proxy cards are due by September 29, 2026 \\[no later\\].\n  - quote:" in text
    assert "A failure to vote" not in text
    code, out, err = cli("render", spec, "-f", "txt", "-o", tmp_path / "out")
    assert code == 0, err
    assert "by September 29, 2026 [no later]." in (tmp_path / "out" / spec.stem /
                                                   f"{spec.stem}.draft.txt").read_text()


def test_a_second_round_edits_the_draft_block_in_place(cli, tmp_path):
    work = make_desk(tmp_path / "desk")
    spec = work / "releases" / MERGER.name
    shutil.copy(MERGER, spec)
    about = work / "boilerplate" / "about"
    for round_, (old, new) in enumerate([("Basel, Switzerland", "Basel and Boston"),
                                         ("Basel and Boston", "Basel, Boston")], start=1):
        out = tmp_path / f"round{round_}"
        assert cli("render", spec, "-f", "docx", "-o", out)[0] == 0
        reviewed = _reviewed(tmp_path, (out / spec.stem / f"{spec.stem}.draft.docx").read_bytes(),
                             replace(old, new))
        code, out, err = cli("review", reviewed, spec, "--apply")
        assert code == 0, out + err
        assert "about version 3 (draft), 1 edit" in err
    assert sorted(p.name for p in about.glob("v*.md")) == ["v1.md", "v2.md", "v3.md"]
    assert "research operations in Basel, Boston." in (about / "v3.md").read_text()
    assert "  - about@3\n" in spec.read_text(encoding="utf-8")
