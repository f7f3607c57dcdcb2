"""`prauthor build` renders a folder of releases in parallel and survives broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from governance_helpers import BASE, make_desk, spec, write_spec
from prauthor.batch import find_specs


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A desk holding the examples, a second copy of each, and one broken spec."""
    make_desk(tmp_path)
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / "releases" / example.name)
        shutil.copy(example, tmp_path / "releases" / f"copy-{example.name}")
    (tmp_path / "releases" / "broken.yaml").write_text("type: event\nheadline: [\n")
    return tmp_path


def test_find_specs_skips_profiles_blocks_and_outputs(folder):
    (folder / "out" / "x").mkdir(parents=True)
    (folder / "out" / "x" / "old.yaml").write_text("")
    names = [p.name for p in find_specs(folder)]
    assert len(names) == 2 * len(EXAMPLES) + 1 and "corvane.yaml" not in names


def test_build_renders_all_and_reports_the_broken_one(cli, folder):
    out = folder / "out"
    code, _, err = cli("build", folder, "--out", out, "--format", "txt", "--jobs", "2")
    assert code == 1
    good = 2 * len(EXAMPLES)
    assert f"{good + 1} releases: {good} rendered, 0 skipped, 1 failed" in err
    assert "broken.yaml" in err and "invalid YAML" in err
    assert len(list(out.rglob("*.txt"))) == 2 * len(EXAMPLES)
    assert not (out / "broken").exists()


def test_build_of_good_releases_exits_0(cli, folder):
    (folder / "releases" / "broken.yaml").unlink()
    code, _, err = cli("build", folder, "--out", folder / "out", "-f", "txt", "-j", "1")
    assert code == 0, err


def test_build_of_200_generated_releases_with_one_broken(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    for number in range(199):
        write_spec(desk, spec(headline=f"{BASE['headline']}, Session {number + 1}"),
                   f"release-{number:03d}.yaml")
    broken = write_spec(desk, spec(contacts=["investor"]), "release-199.yaml")
    out = tmp_path / "out"
    code, _, err = cli("build", desk, "--out", out, "--format", "txt", "--jobs", "2")
    assert code == 1
    assert "200 releases: 199 rendered, 0 skipped, 1 failed" in err
    assert f"{broken}:" in err and "unknown contact 'investor' (did you mean 'investors'?)" in err
    assert len(list(out.glob("*/*.txt"))) == 199
    code, _, err = cli("build", desk, "--out", out, "--format", "txt", "--jobs", "2")
    assert "200 releases: 0 rendered, 199 skipped, 1 failed" in err
