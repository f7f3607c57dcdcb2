"""Drafts render with warnings; `--final` refuses anything legal has not finished."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_helpers import make_desk, spec, write_spec
from prauthor.governance.check import Unfinished, refuse_unfinished
from prauthor.pipeline import resolve_loaded


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path / "desk")
    fls = (desk / "boilerplate" / "fls" / "v1.md").read_text()
    (desk / "boilerplate" / "fls" / "v2.md").write_text(  # a draft for later releases
        fls.replace("version: 1", "version: 2").replace("status: approved", "status: draft")
        .replace("effective: 2025-01-01", "effective: 2030-01-01"))
    return desk


UNFINISHED = spec(body=["Results are TBD."], contacts=[],
                  boilerplate=["about", {"fls@2": {"subject": "the event"}}])


def test_a_draft_renders_with_warnings(cli, desk):
    out = desk / "out"
    code, _, err = cli("render", write_spec(desk, UNFINISHED), "--out", out)
    assert code == 0, err
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert any("placeholder 'TBD'" in w for w in warnings)
    assert any("'fls@2' is a draft" in w and "[block-draft]" in w for w in warnings)
    assert any("no contacts" in w for w in warnings)
    assert (out / "release" / "release.draft.txt").is_file()


def test_final_refuses_drafts_placeholders_and_required_checks(cli, desk):
    out = desk / "out"
    path = write_spec(desk, UNFINISHED)
    code, _, err = cli("render", "--final", path, "--out", out)
    assert code == 1 and not out.exists()
    errors = [line for line in err.splitlines() if ": error: " in line]
    line = path.read_text().splitlines().index("body:") + 2
    assert f"{path}:{line}: error: placeholder 'TBD' is left in the text [placeholder]" in errors
    assert any("'fls@2' is a draft, not approved by legal [block-draft]" in e for e in errors)
    assert any("the release has no contacts [contacts]" in e for e in errors)


def test_final_refuses_style_errors_too(cli, desk):
    code, _, err = cli("render", "--final", write_spec(desk, spec(body=["“Unclosed."])),
                       "--out", desk / "out")
    assert code == 1 and "[quotes-balanced]" in err


def test_final_accepts_a_finished_release(cli, desk):
    out = desk / "out"
    code, _, err = cli("render", "--final", write_spec(desk, spec()), "--out", out)
    assert code == 0, err
    assert "warning:" not in err


def test_final_refuses_a_desk_without_lock_file(desk):
    (desk / "boilerplate" / "blocks.lock").unlink()
    resolved = resolve_loaded([write_spec(desk, spec())])
    with pytest.raises(Unfinished) as refused:
        refuse_unfinished(resolved)
    assert [p.message for p in refused.value.problems] == [
        "the block library has no blocks.lock, so nothing proves its approved texts are the "
        "ones legal approved [lock-missing]"]


def test_draft_option_reaches_the_renderers(cli, desk, monkeypatch):
    seen = []
    from prauthor.render import newswire

    real = newswire.render
    monkeypatch.setattr(newswire, "render", lambda doc, options: seen.append(options.draft)
                        or real(doc, options))
    path = write_spec(desk, spec())
    cli("render", path, "--out", desk / "a", "--format", "txt")
    cli("render", "--final", path, "--out", desk / "b", "--format", "txt")
    assert seen == [True, False]
