"""The command line as a user runs it: exit codes, files written, helpers for authors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT
from prauthor import __version__
from prauthor.spec import RELEASE_TYPES


def test_version(cli):
    assert cli("--version")[:2] == (0, f"prauthor {__version__}\n")


def test_no_arguments_shows_help_and_usage_errors_exit_2(cli):
    code, out, err = cli()
    assert "render" in out + err
    code, _, err = cli("render", "--wrap", "x", EXAMPLES[0])
    assert code == 2 and "Invalid value" in err


def test_schema_is_json_schema_of_a_spec(cli):
    code, out, _ = cli("schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "prauthor release spec"
    assert {"type", "company", "headline", "dateline", "lead"} <= set(schema["required"])
    assert set(schema["properties"]["type"]["enum"]) == set(RELEASE_TYPES)


@pytest.mark.parametrize("kind", RELEASE_TYPES)
def test_new_prints_a_starter_that_validates(cli, tmp_path, kind):
    code, out, _ = cli("new", kind)
    assert code == 0 and f"type: {kind}" in out and out.startswith("#")
    spec = tmp_path / f"{kind}.yaml"
    spec.write_text(out)
    code, _, err = cli("validate", spec, "--desk", ROOT)
    assert code == 0, err


def test_new_unknown_type(cli):
    code, _, err = cli("new", "evnt")
    assert code == 2 and "'evnt' is not one of 'event'" in err
    assert all(kind in err for kind in RELEASE_TYPES)


def test_init_makes_a_desk_that_renders(cli, tmp_path):
    desk = tmp_path / "desk"
    code, _, err = cli("init", desk)
    assert code == 0 and "prauthor blocks approvers add NAME KEY.pub" in err
    releases = list((desk / "releases").glob("*.yaml"))
    code, _, err = cli("render", *releases, "--out", desk / "out", "--format", "txt")
    assert code == 0, err
    assert "warning" not in err  # its block library comes with its lock file
    assert len(list((desk / "out").rglob("*.txt"))) == 1
    code, _, err = cli("init", desk)
    assert code == 2 and "not empty" in err


def test_validate_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("validate", *EXAMPLES)
    assert code == 0 and err.count("ok ") == len(EXAMPLES)
    assert list(tmp_path.iterdir()) == []


def test_render_writes_out_slug_slug_draft_ext(cli, tmp_path):
    code, _, err = cli("render", EXAMPLES[0], "--format", "txt", "--out", tmp_path)
    slug = EXAMPLES[0].stem
    assert code == 0, err
    assert (tmp_path / slug / f"{slug}.draft.txt").is_file()
    assert sorted(p.name for p in (tmp_path / slug).iterdir()) == [
        f"{slug}.draft.manifest.json", f"{slug}.draft.txt"]


def test_wrap_and_ascii(cli, tmp_path):
    code, _, _ = cli("render", *EXAMPLES, "--format", "txt", "--out", tmp_path,
                     "--wrap", "60", "--ascii")
    assert code == 0
    for text_file in tmp_path.rglob("*.txt"):
        text = text_file.read_bytes()
        assert text.isascii()
        assert max(len(line) for line in text.decode().splitlines()) <= 60


def test_wire_option_rewrites_the_dateline(cli, tmp_path):
    cli("render", EXAMPLES[0], "--format", "txt", "--out", tmp_path, "--wire", "businesswire")
    text = next(tmp_path.rglob("*.txt")).read_text()
    assert "--(BUSINESS WIRE)--" in text and "/PRNewswire/" not in text


def test_installed_command_runs_from_any_folder(tmp_path):
    spec = tmp_path / "release.yaml"
    spec.write_text(subprocess.run([sys.executable, "-m", "prauthor", "new", "event"],
                                   capture_output=True, text=True, check=True).stdout)
    run = subprocess.run([sys.executable, "-m", "prauthor", "render", spec, "-f", "txt"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "release" / "release.draft.txt").is_file()
    assert "not in a desk, so the built-in sample desk is used" in run.stderr


def test_commands_that_do_not_render_skip_heavy_imports(tmp_path):
    probe = ("import sys; from prauthor.cli import main; main(sys.argv[1:]); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'weasyprint', 'docxtpl', 'docx', 'lxml'}))")
    for args in (["validate", *map(str, EXAMPLES)], ["schema"], ["new", "event"],
                 ["check", "--final", *map(str, EXAMPLES)], ["blocks", "list"]):
        run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
        assert run.stdout.strip().splitlines()[-1] == "[]", args


@pytest.mark.parametrize("argv, pdf", [
    (["a.yaml"], True), (["a.yaml", "-f", "txt,pdf"], True), (["--format=pdf", "a.yaml"], True),
    (["a.yaml", "-f", "txt"], False), (["a.yaml", "--format=docx,html"], False),
    (["a.yaml", "-fhtml"], False),
])
def test_render_starts_its_pdf_worker_only_when_it_makes_a_pdf(argv, pdf):
    from prauthor.render.offload import _asks_for_pdf

    assert _asks_for_pdf(argv) is pdf


def test_a_cold_render_writes_its_pdf_from_the_early_worker(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "prauthor", "render", str(EXAMPLES[1]),
                           "--out", str(out), "-f", "pdf,txt"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    pdf = out / EXAMPLES[1].stem / f"{EXAMPLES[1].stem}.draft.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
