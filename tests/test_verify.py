"""`prauthor verify` trusts nothing in a manifest it can recompute: each tampering fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from governance_helpers import make_desk, spec, write_spec
from prauthor.governance.manifest import sha256


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """A desk with two releases, rendered to text and HTML as finals (drafts are named
    a.draft.txt and so on)."""
    from prauthor.cli import main

    desk = make_desk(tmp_path_factory.mktemp("verify") / "desk")
    write_spec(desk, spec(), "a.yaml")
    write_spec(desk, spec(body=["The event will review other results."]), "b.yaml")
    out = desk / "out"
    assert main(["render", str(desk / "releases" / "a.yaml"), str(desk / "releases" / "b.yaml"),
                 "--out", str(out), "--format", "txt,html", "--final"]) == 0
    return desk


@pytest.fixture
def desk(rendered, tmp_path) -> Path:
    """A fresh copy of the rendered desk, for one test to tamper with."""
    copy = tmp_path / "desk"
    shutil.copytree(rendered, copy)
    return copy


def manifest(folder: Path) -> tuple[Path, dict]:
    path = folder / f"{folder.name}.manifest.json"
    return path, json.loads(path.read_text())


def rewrite(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n")


def verify(cli, folder: Path) -> tuple[int, str]:
    code, out, err = cli("verify", folder)
    return code, out + err


def test_an_untouched_release_verifies(cli, desk):
    code, said = verify(cli, desk / "out")
    assert code == 0 and "4 outputs verified: all match" in said


def test_outputs_swapped_for_another_releases_with_the_manifest_edited_fail(cli, desk):
    a, b = desk / "out" / "a", desk / "out" / "b"
    path, data = manifest(a)
    _, other = manifest(b)
    for suffix in ("txt", "html"):  # b's outputs under a's names
        (a / f"a.{suffix}").write_bytes((b / f"b.{suffix}").read_bytes())
    data["spec"] = {**other["spec"], "path": "../../releases/b.yaml"}
    data["outputs"] = {f"a.{s}": other["outputs"][f"b.{s}"] for s in ("txt", "html")}
    data["document"] = other["document"]
    rewrite(path, data)
    code, said = verify(cli, a)
    assert code == 1
    assert "the manifest names the spec b.yaml, whose release is 'b', but this folder holds " \
        "'a'" in said
    assert f"MISMATCH {a / 'a.txt'}" in said and "does not write it" in said


def test_an_output_edited_with_its_hash_edited_to_match_fails(cli, desk):
    a = desk / "out" / "a"
    path, data = manifest(a)
    text = (a / "a.txt").read_text().replace("Phase 2", "Phase 3")
    (a / "a.txt").write_text(text)
    data["outputs"]["a.txt"] = sha256(text.encode())
    rewrite(path, data)
    code, said = verify(cli, a)
    assert code == 1 and f"MISMATCH {a / 'a.txt'}" in said
    assert "rendering again gives other bytes" in said
    assert "the manifest does not match what rendering gives now: outputs differ" in said


def test_an_appended_output_hidden_by_a_deleted_manifest_entry_fails(cli, desk):
    a = desk / "out" / "a"
    path, data = manifest(a)
    (a / "a.pdf").write_bytes(b"%PDF-1.7 forged")
    rewrite(path, data)
    code, said = verify(cli, a)
    assert code == 1 and f"MISMATCH {a / 'a.pdf'}" in said and "does not write it" in said
    del data["outputs"]["a.html"]
    data["formats"] = ["txt"]
    rewrite(path, data)
    code, said = verify(cli, a)
    assert code == 1 and f"MISMATCH {a / 'a.html'}" in said


def test_a_missing_output_fails(cli, desk):
    (desk / "out" / "a" / "a.html").unlink()
    code, said = verify(cli, desk / "out" / "a")
    assert code == 1 and "the file is missing" in said


def test_a_file_outside_the_folder_or_a_link_fails(cli, desk, tmp_path):
    a = desk / "out" / "a"
    path, data = manifest(a)
    data["outputs"]["../b/b.txt"] = data["outputs"].pop("a.txt")
    rewrite(path, data)
    code, said = verify(cli, a)
    assert code == 1 and "names a file outside the release folder" in said
    (a / "a.txt").unlink()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x")
    (a / "a.txt").symlink_to(outside)
    code, said = verify(cli, a)
    assert code == 1 and "a link, not a file the render wrote" in said


def test_a_spec_changed_after_rendering_fails(cli, desk):
    release = desk / "releases" / "a.yaml"
    release.write_text(release.read_text().replace("Phase 2", "Phase 2b"))
    code, said = verify(cli, desk / "out" / "a")
    assert code == 1 and "the spec changed since rendering (its sha-256 is " \
        f"{sha256(release.read_bytes())}" in said


def test_a_block_whose_signature_fails_fails_verify(cli, desk):
    (desk / "boilerplate" / "fls" / "v1.md.sig").unlink()
    code, said = verify(cli, desk / "out" / "a")
    assert code == 1 and "block fls@1 (in " in said and "has no approval signature" in said


def test_an_output_folder_copied_out_of_the_desk_verifies_from_the_recorded_desk(cli, rendered,
                                                                                tmp_path):
    # The relative desk path of the copy names an existing folder that is no desk.
    (tmp_path / "x").mkdir()
    copy = tmp_path / "x" / "out"
    shutil.copytree(rendered / "out", copy)
    code, said = verify(cli, copy)
    assert code == 0 and "4 outputs verified: all match" in said, said


def test_files_left_by_a_render_with_more_formats_are_told_once(cli, desk):
    release = desk / "releases" / "a.yaml"
    out = desk / "out"
    assert cli("render", release, "-o", out, "-f", "txt")[0] == 0  # a draft beside the final
    assert cli("render", release, "-o", out, "-f", "txt", "--final")[0] == 0  # html left over
    code, said = verify(cli, out / "a")
    left = out / "a" / "a.html"
    assert code == 1 and said.count(f"MISMATCH {left}") == 1, said
    assert "this render (txt) does not write it: left from an earlier render with other " \
        "formats, or added since; delete it, or render again with its format" in said
    left.unlink()
    assert verify(cli, out / "a")[0] == 0
