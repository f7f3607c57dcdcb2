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
    for image in [*EXAMPLES[0].parent.glob("*.png"), *EXAMPLES[0].parent.glob("*.jpg")]:
        shutil.copy(image, tmp_path / "releases" / image.name)
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


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_shards_merged_equal_a_single_build_byte_for_byte(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    for number in range(50):
        write_spec(desk, spec(headline=f"{BASE['headline']}, Session {number + 1}"),
                   f"release-{number:03d}.yaml")
    whole, merged = tmp_path / "whole", tmp_path / "merged"
    code, _, err = cli("build", desk, "--out", whole)
    assert code == 0, err
    counts = []
    for part in ("1/2", "2/2"):
        code, _, err = cli("build", desk, "--out", merged, "--shard", part)
        assert code == 0, err
        counts.append(int(err.split(f"shard {part}: ")[1].split()[0]))
    assert sum(counts) == 50 and all(counts)
    single, union = _tree(whole), _tree(merged)
    assert len(single) == 50 * 5  # txt, docx, html, pdf and the manifest
    assert union.keys() == single.keys()
    assert [name for name in single if union[name] != single[name]] == []


def test_a_shard_is_stable_when_releases_are_added(tmp_path):
    from prauthor.batch import shard

    folder = tmp_path / "releases"
    specs = [folder / f"r{n}.yaml" for n in range(40)]
    parts = [shard(specs, folder, f"{k}/3") for k in (1, 2, 3)]
    assert sorted(p for part in parts for p in part) == sorted(specs)
    more = [*specs, *(folder / "new" / f"n{n}.yaml" for n in range(10))]
    for k, part in enumerate(parts, 1):
        assert [p for p in shard(more, folder, f"{k}/3") if p in specs] == part


@pytest.mark.parametrize("part", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_refused(cli, folder, part):
    code, _, err = cli("build", folder, "--out", folder / "out", "--shard", part)
    assert code == 2 and "--shard" in err and not (folder / "out").exists()


def test_negative_jobs_are_refused(cli, folder):
    code, _, err = cli("build", folder, "--out", folder / "out", "--jobs", "-1")
    assert code == 2 and "--jobs" in err


def test_a_build_with_nothing_to_render_starts_no_worker(cli, folder, monkeypatch):
    from prauthor import batch

    (folder / "releases" / "broken.yaml").unlink()
    out = folder / "out"
    assert cli("build", folder, "--out", out, "-f", "txt")[0] == 0

    def no_pool(*args):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(batch, "_pool", no_pool)
    code, _, err = cli("build", folder, "--out", out, "-f", "txt")
    assert code == 0 and f"{2 * len(EXAMPLES)} skipped" in err


@pytest.mark.parametrize("load, idle", [(0.2, 4), (1.5, 3), (3.9, 1), (12.0, 1)])
def test_default_workers_leave_busy_cores_alone(monkeypatch, load, idle):
    from prauthor import batch

    monkeypatch.setattr(batch, "cores", lambda: 4)
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (load, load, load))
    assert batch.idle_cores() == idle
