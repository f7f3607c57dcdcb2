"""Every render writes a manifest; `prauthor verify` renders again and compares."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from governance_helpers import make_desk, spec, write_spec
from prauthor.pipeline import is_current
from prauthor.render import Options


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The examples, rendered once to every format there is."""
    out = tmp_path_factory.mktemp("out")
    from prauthor.cli import main

    assert main(["render", *map(str, EXAMPLES), "--out", str(out)]) == 0
    return out


def manifest_of(folder: Path) -> dict:
    (path,) = folder.glob("*.manifest.json")
    return json.loads(path.read_text())


@pytest.mark.parametrize("spec_path", EXAMPLES, ids=lambda p: p.stem)
def test_manifest_records_inputs_and_outputs(rendered, spec_path):
    from prauthor.load import load
    from prauthor.resolve import resolve

    folder = rendered / spec_path.stem
    data = manifest_of(folder)
    doc = resolve(load(spec_path))
    assert data["spec"]["sha256"] == sha(spec_path.read_bytes())
    assert (folder / data["spec"]["path"]).resolve() == spec_path.resolve()
    assert data["blocks"] == [{"id": s.block_id, "version": s.version, "sha256": s.sha256}
                              for s in doc.sections]
    assert data["wire"] == doc.meta.wire and data["options"]["draft"] is True
    files = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".manifest.json"))
    assert sorted(data["outputs"]) == files and files
    for name, recorded in data["outputs"].items():
        assert recorded == sha((folder / name).read_bytes())
    from prauthor import __version__

    assert data["prauthor"] == __version__ and isinstance(data["templates"], dict)


def test_verify_passes_on_a_fresh_render(cli, rendered):
    code, out, err = cli("verify", rendered)
    assert code == 0, out + err
    outputs = sum(len(manifest_of(rendered / p.stem)["outputs"]) for p in EXAMPLES)
    assert out.count("ok ") == outputs and f"{outputs} outputs verified: all match" in err


def test_verify_fails_after_one_byte_changes_in_any_output(cli, rendered, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(rendered, copy)
    folder = copy / EXAMPLES[0].stem
    for name in manifest_of(folder)["outputs"]:
        path = folder / name
        original = path.read_bytes()
        middle = len(original) // 2
        path.write_bytes(original[:middle] + bytes([original[middle] ^ 1]) + original[middle + 1:])
        code, out, _ = cli("verify", folder)
        assert code == 1, name
        assert f"MISMATCH {path}" in out and "the file changed after rendering" in out
        assert out.count("MISMATCH") == 1
        path.write_bytes(original)
    assert cli("verify", folder)[0] == 0


def test_verify_says_which_input_changed(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec())
    out = desk / "out"
    assert cli("render", release, "--out", out, "--format", "txt")[0] == 0
    release.write_text(release.read_text().replace("Phase 2 results", "Phase 2b results"))
    code, out_text, _ = cli("verify", out)
    assert code == 1 and "rendering again gives other bytes (the spec changed)" in out_text
    release.unlink()
    code, out_text, _ = cli("verify", out)
    assert code == 1 and "cannot render it again" in out_text and "no such file" in out_text


def test_verify_refuses_a_folder_without_manifests(cli, tmp_path):
    code, _, err = cli("verify", tmp_path)
    assert code == 2 and "no *.manifest.json" in err


def test_final_render_is_recorded_and_verified(cli, tmp_path):
    out = tmp_path / "out"
    assert cli("render", "--final", EXAMPLES[0], "--out", out, "--format", "txt")[0] == 0
    assert manifest_of(out / EXAMPLES[0].stem)["options"]["draft"] is False
    assert cli("verify", out)[0] == 0


def test_is_current_uses_the_manifest(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec())
    out = desk / "out"
    assert not is_current(release, ["txt"], out, Options())
    assert cli("render", release, "--out", out, "--format", "txt")[0] == 0
    assert is_current(release, ["txt"], out, Options())
    assert not is_current(release, ["txt"], out, Options(wrap=60))
    (out / "release" / "release.draft.txt").write_text("changed")
    assert not is_current(release, ["txt"], out, Options())


def test_build_skips_unchanged_releases(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    write_spec(desk, spec())
    out = desk / "out"
    args = ("build", desk / "releases", "--out", out, "--format", "txt", "--jobs", "1")
    assert "1 releases: 1 rendered, 0 skipped, 0 failed" in cli(*args)[2]
    assert "1 releases: 0 rendered, 1 skipped, 0 failed" in cli(*args)[2]


def test_profile_and_csv_changes_make_a_release_stale(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    write_spec(desk, spec())
    out = desk / "out"
    args = ("build", desk / "releases", "--out", out, "--format", "txt", "--jobs", "1")
    cli(*args)
    profile = next((desk / "companies").glob("*.yaml"))
    profile.write_text(profile.read_text().replace("555-0142", "555-0143"))
    assert "1 releases: 1 rendered, 0 skipped, 0 failed" in cli(*args)[2]
    code, _, err = cli("verify", out)
    assert code == 0, err
    profile.write_text(profile.read_text().replace("555-0143", "555-0144"))
    code, out_text, err = cli("verify", out)
    assert code == 1 and "company profile" in out_text + err


def _csv_release(cli, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Render a release whose table is read from a CSV file; return desk, CSV and out."""
    desk = make_desk(tmp_path / "desk")
    data = desk / "releases" / "figures"
    data.mkdir()
    (data / "results.csv").write_text(",Revenue,1200\n,Costs,(300)\ntotal,Net,900\n")
    write_spec(desk, spec(body=["The results follow.", {"table": {
        "columns": ["label", "currency"], "csv": "figures/results.csv"}}]))
    out = desk / "out"
    code, _, err = cli("render", desk / "releases" / "release.yaml", "--out", out,
                            "--format", "txt,html")
    assert code == 0, err
    return desk, data / "results.csv", out


def test_the_manifest_records_each_csv_file_and_verify_names_a_changed_one(cli, tmp_path):
    _, csv, out = _csv_release(cli, tmp_path)
    data = manifest_of(out / "release")
    assert data["manifest"] == 2
    assert data["data"] == [{"file": "figures/results.csv", "sha256": sha(csv.read_bytes())}]
    outputs = len(data["outputs"])
    code, said, err = cli("verify", out)
    assert code == 0 and f"{outputs} outputs verified: all match" in err
    csv.write_text(csv.read_text().replace("1200", "1250").replace("900", "950"))
    code, said, err = cli("verify", out)
    assert code == 1
    assert said.count("rendering again gives other bytes (data files changed: "
                      "figures/results.csv)") == outputs
    assert "company profile" not in said
    assert f"{outputs} outputs verified: {outputs} do not match; 1 manifest does not match " \
           "what rendering gives now" in err


def test_a_manifest_of_the_first_format_is_still_read(cli, tmp_path):
    _, csv, out = _csv_release(cli, tmp_path)
    path = next((out / "release").glob("*.manifest.json"))
    data = json.loads(path.read_text())
    older = {key: value for key, value in data.items() if key != "data"} | {"manifest": 1}
    path.write_text(json.dumps(older, indent=2) + "\n")
    code, _, err = cli("verify", out)
    assert code == 0, err
    csv.write_text(csv.read_text().replace("1200", "1250").replace("900", "950"))
    code, said, _ = cli("verify", out)
    assert code == 1 and "(the release's content changed (its company profile or a data " \
                         "file))" in said
    path.write_text(json.dumps(data | {"data": []}, indent=2) + "\n")  # of the new format
    code, said, _ = cli("verify", out)
    assert code == 1 and "data files changed: figures/results.csv" in said
    csv.write_text(csv.read_text().replace("1250", "1200").replace("950", "900"))
    path.write_text(json.dumps(older | {"manifest": 2}, indent=2) + "\n")
    code, said, _ = cli("verify", out)  # the outputs match, but the record was cut
    assert code == 1 and "the manifest does not match what rendering gives now: data differ" \
        in said
