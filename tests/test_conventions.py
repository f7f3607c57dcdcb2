"""The command line keeps the conventions of the tools people know."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import EXAMPLES, ROOT
from governance_helpers import make_desk, spec, write_spec
from prauthor.choices import RELEASE_TYPES

ESC = "\x1b["


def test_color_follows_the_option_and_no_color(cli, tmp_path, monkeypatch):
    args = ("validate", EXAMPLES[0])
    assert ESC in cli("--color", "always", *args)[2]
    assert ESC not in cli("--color", "never", *args)[2]
    assert ESC not in cli(*args)[2]  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in cli(*args)[2]
    assert ESC in cli("--color", "always", *args)[2]  # asked for by name, it wins
    code, _, err = cli("--color", "sometimes", *args)
    assert code == 2 and "'sometimes' is not one of 'auto', 'always', 'never'" in err


def test_no_color_reaches_the_build_report(cli, tmp_path, monkeypatch):
    desk = make_desk(tmp_path / "desk")
    write_spec(desk, spec())
    args = ("build", desk, "-o", tmp_path / "out", "-f", "txt", "-j", "1", "--force")
    assert ESC in cli("--color", "always", *args)[2]
    assert ESC not in cli("--color", "never", *args)[2]


def test_quiet_and_verbose(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec(headline="Corvane Will Host an R&D Day!"))
    code, _, err = cli("--quiet", "render", release, "-f", "txt", "-o", tmp_path / "out")
    assert code == 0 and "wrote" not in err
    assert "[exclamation]" in err  # warnings still show
    code, _, err = cli("-v", "render", release, "-f", "txt", "-o", tmp_path / "out")
    assert code == 0 and "wrote" in err
    assert f"desk {desk.resolve()}; company corvane; blocks about@1, fls@1" in err
    code, _, err = cli("-q", "-v", "validate", release)
    assert code == 2 and "--quiet and --verbose" in err


def test_quiet_leaves_only_what_was_asked_for_and_the_problems(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec(headline="Corvane Will Host an R&D Day!"))
    out = tmp_path / "out"
    assert cli("render", release, "-f", "txt", "-o", out)[0] == 0
    for args in [("check", release), ("verify", out), ("blocks", "lock", "--desk", desk)]:
        code, said, err = cli(*args)
        assert code == 0 and re.search(r"checked|verified|lock", err), (args, err)
        code, quiet_said, quiet_err = cli("--quiet", *args)
        assert code == 0 and quiet_said == said, args
        assert quiet_err == "".join(line for line in err.splitlines(keepends=True)
                                    if line.startswith(("warning", "error"))), args


def test_a_spec_from_standard_input_to_standard_output(tmp_path):
    example = EXAMPLES[0]
    for image in [*example.parent.glob("*.png"), *example.parent.glob("*.jpg")]:
        shutil.copy(image, tmp_path)  # a spec read from standard input finds files in the cwd
    run = subprocess.run([sys.executable, "-m", "prauthor", "render", "-", "--desk", ROOT,
                          "-f", "txt", "--out", "-"], input=example.read_bytes(),
                         capture_output=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    subprocess.run([sys.executable, "-m", "prauthor", "render", example, "-f", "txt", "-o",
                    tmp_path / "out"], check=True, capture_output=True)
    (written,) = (tmp_path / "out").rglob("*.txt")
    assert run.stdout == written.read_bytes()
    assert not (tmp_path / "-").exists() and b"wrote" not in run.stderr


def test_a_spec_from_standard_input_is_archived_and_verified(tmp_path):
    example = EXAMPLES[0]
    work = tmp_path / "work"
    work.mkdir()
    for image in [*example.parent.glob("*.png"), *example.parent.glob("*.jpg")]:
        shutil.copy(image, work)  # relative paths of a piped spec are the cwd's
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "prauthor", "render", "-", "--desk", ROOT,
                          "-f", "txt,pdf", "--pdf-variant", "pdf/a-3b", "-o", out],
                         input=example.read_bytes(), capture_output=True, cwd=work)
    assert run.returncode == 0, run.stderr
    (pdf,) = out.rglob("*.pdf")
    subprocess.run(["pdfdetach", "-saveall", "-o", tmp_path, pdf], check=True)
    assert (tmp_path / f"{pdf.parent.name}.yaml").read_bytes() == example.read_bytes()

    def verify() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "prauthor", "verify", out],
                              capture_output=True, text=True, cwd=tmp_path)

    checked = verify()  # from another folder: the manifest says where the spec was read
    assert checked.returncode == 0 and "2 outputs verified: all match" in checked.stderr
    (manifest,) = out.rglob("*.manifest.json")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["spec"]["stdin"] and data["spec"]["text"] == example.read_text(encoding="utf-8")
    data["spec"]["text"] = data["spec"]["text"].replace("Corvane", "Corvain", 1)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    checked = verify()
    assert checked.returncode == 1 and "the spec text recorded in the manifest is not the " \
        "text rendered" in checked.stdout


def test_standard_input_needs_a_desk_and_standard_output_one_format(cli, tmp_path,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("render", "-", "-f", "txt", "--out", "-")
    assert code == 2 and "standard input needs --desk DIR" in err
    code, _, err = cli("render", EXAMPLES[0], "-f", "txt,html", "--out", "-")
    assert code == 2 and "one spec in one format to standard output, not 2 formats" in err
    code, _, err = cli("render", *EXAMPLES[:2], "-f", "txt", "--out", "-")
    assert code == 2 and "not 2 specs" in err
    assert list(tmp_path.iterdir()) == []


def test_help_lists_the_values_to_choose_from(cli):
    render_help = cli("render", "--help")[1]
    assert "`prauthor wires` lists them" in render_help
    assert "letter|a4" in render_help and "pdf/a-3b|pdf/ua-1" in render_help
    assert "txt,docx,html,pdf,ics" in render_help
    from prauthor.render import FORMATS

    assert all(name in render_help for name in FORMATS)
    assert all(kind in cli("new", "--help")[1] for kind in RELEASE_TYPES)
    assert "text|json" in cli("check", "--help")[1]
    assert "spec|profile|block" in cli("schema", "--help")[1]


def test_a_mistake_in_the_command_line_is_told_plainly(cli):
    for command in ("render", "preview", "build"):
        code, _, err = cli(command, EXAMPLES[0], "--paper", "legal")
        assert code == 2, command
        assert "Invalid value for '--paper': 'legal' is not one of 'letter', 'a4'." in err
        assert "Value error" not in err and "Traceback" not in err
    code, _, err = cli("rendr", EXAMPLES[0])
    assert code == 2 and "No such command 'rendr'. Did you mean 'render'?" in err
    code, _, err = cli("render", "--frmat", "txt", EXAMPLES[0])
    assert code == 2 and "No such option: --frmat" in err


def test_shell_completion_is_on():
    run = subprocess.run([sys.executable, "-m", "prauthor", "--show-completion", "bash"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "_PRAUTHOR_COMPLETE=complete_bash" in run.stdout
    env = {"_PRAUTHOR_COMPLETE": "complete_bash", "COMP_WORDS": "prauthor render --wire b",
           "COMP_CWORD": "3", "PATH": ""}
    run = subprocess.run([sys.executable, "-m", "prauthor"], capture_output=True, text=True,
                         env=env)
    assert run.stdout.split() == ["businesswire"]


def test_blocks_diff_exit_code_like_git(cli):
    assert cli("blocks", "diff", "about", "1", "1", "--exit-code", "--desk", ROOT)[0] == 0
    assert cli("blocks", "diff", "about", "1", "2", "--exit-code", "--desk", ROOT)[0] == 1
    assert cli("blocks", "diff", "about", "1", "2", "--desk", ROOT)[0] == 0


def test_validate_and_check_take_a_folder(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    first, second = write_spec(desk, spec(), "a.yaml"), write_spec(desk, spec(), "b.yaml")
    code, _, err = cli("validate", desk / "releases")
    assert code == 0 and err.splitlines() == [f"ok {first}", f"ok {second}"]
    assert cli("check", desk)[0] == 0
    (tmp_path / "empty").mkdir()
    code, _, err = cli("validate", tmp_path / "empty")
    assert code == 2 and "no release specs (*.yaml) in this folder" in err


def test_render_prints_style_warnings_at_the_path_check_prints(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec(headline="Corvane Will Host an AMAZING R&D Day"))
    _, out, _ = cli("check", release)
    _, _, err = cli("render", release, "-f", "txt", "-o", tmp_path / "out")
    expected = f"{release}:4: warning: words in capitals: 'AMAZING' [all-caps]"
    assert expected in out and expected in err  # one format for check's findings and render's


def test_a_spec_outside_any_desk_is_told_and_refused_as_final(cli, tmp_path):
    release = tmp_path / "release.yaml"
    shutil.copy(EXAMPLES[0], release)
    for image in [*EXAMPLES[0].parent.glob("*.png"), *EXAMPLES[0].parent.glob("*.jpg")]:
        shutil.copy(image, tmp_path)
    code, _, err = cli("validate", release)
    assert code == 0 and "note: " in err and "not in a desk" in err
    assert "prauthor init DIR" in err
    for command in (("render", "-f", "txt", "-o", tmp_path / "out"), ("check",)):
        code, _, err = cli(command[0], "--final", release, *command[1:])
        assert code == 2 and "a final release needs its company's own desk" in err
    code, _, err = cli("build", tmp_path, "--final", "-o", tmp_path / "out")
    assert code == 2 and "own desk" in err
    assert not (tmp_path / "out").exists()
    # Named on purpose, the sample desk is the user's choice.
    code, _, err = cli("render", "--final", release, "--desk", ROOT, "-f", "txt", "-o",
                       tmp_path / "out")
    assert code == 0 and "not in a desk" not in err


def test_build_takes_renders_options_and_keeps_finals_apart(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    write_spec(desk, spec())
    out = tmp_path / "out"
    args = ("build", desk, "-o", out, "-f", "txt", "-j", "1")
    code, _, err = cli(*args, "--final", "--wire", "businesswire", "--wrap", "60", "--desk", desk)
    assert code == 0, err
    final = out / "release" / "release.txt"
    text = final.read_text()
    assert "--(BUSINESS WIRE)--" in text and max(map(len, text.splitlines())) <= 60
    assert cli(*args)[0] == 0  # a draft build afterwards
    assert final.read_text() == text  # leaves the final alone
    draft = json.loads((out / "release" / "release.draft.manifest.json").read_text())
    shipped = json.loads((out / "release" / "release.manifest.json").read_text())
    assert (draft["final"], shipped["final"]) == (False, True)
    assert shipped["wire"] == "businesswire" and shipped["options"]["wrap"] == 60
    assert "2 outputs verified: all match" in cli("verify", out / "release")[2]
    code, _, err = cli(*args, "--final", "--wire", "businesswire", "--wrap", "60")
    assert "1 skipped" in err


def test_every_render_path_shows_and_keeps_the_findings(cli, tmp_path):
    desk = make_desk(tmp_path / "desk")
    release = write_spec(desk, spec(headline="Corvane Will Host an R&D Day!"))
    finding = "[exclamation]"
    for mode in ((), ("--final",)):
        out = tmp_path / f"out{len(mode)}"
        code, _, err = cli("render", *mode, release, "-f", "txt", "-o", out)
        assert code == 0 and finding in err, (mode, err)
        (manifest,) = out.rglob("*.manifest.json")
        kept = json.loads(manifest.read_text())["warnings"]
        assert any(finding in line for line in kept), kept
        assert cli("verify", out)[0] == 0
        code, _, err = cli("build", desk, *mode, "-f", "txt", "-o", tmp_path / f"b{len(mode)}",
                           "-j", "1")
        assert code == 0 and finding in err and "1 rendered" in err, (mode, err)
    code, _, err = cli("--quiet", "build", desk, "-f", "txt", "-o", tmp_path / "q", "--force")
    assert code == 0 and [line for line in err.splitlines() if line.strip()] == \
        [line for line in err.splitlines() if ": warning: " in line]
    assert finding in err


def company_desk(tmp_path: Path) -> Path:
    """A desk made by init, then given another company: Halden Robotics."""
    desk = tmp_path / "desk"
    subprocess.run([sys.executable, "-m", "prauthor", "init", desk], check=True,
                   capture_output=True)
    profile = yaml.safe_load((desk / "companies" / "corvane.yaml").read_text())
    profile.update(id="halden", name="Halden Robotics, Inc.", short_name="Halden",
                   people={"ana-ruiz": {"name": "Ana Ruiz", "title": "Chief Executive Officer"}},
                   contacts={"press": {"label": "Press Contact", "name": "Li Wei",
                                       "email": "press@halden.example"}})
    (desk / "companies" / "corvane.yaml").unlink()
    (desk / "companies" / "halden.yaml").write_text(yaml.safe_dump(profile))
    return desk


def test_new_uses_the_desks_own_company(cli, tmp_path, monkeypatch):
    desk = company_desk(tmp_path)
    monkeypatch.chdir(desk)
    code, out, err = cli("new", "event")
    assert code == 0, err
    assert "\ncompany: halden" in out and "\ncontacts: [press]" in out
    assert "by: ana-ruiz" in out and "corvane" not in out.split("boilerplate:")[0]
    (desk / "releases" / "new.yaml").write_text(out)
    code, _, err = cli("validate", desk / "releases" / "new.yaml")
    assert code == 0, err
    code, _, err = cli("new", "event", "--company", "haldn")
    assert code == 2 and "unknown company 'haldn' (did you mean 'halden'?) (known: halden)" in err
    assert str(desk / "companies") in err


def test_new_reads_the_desks_starters(cli, tmp_path):
    desk = company_desk(tmp_path)
    assert cli("templates", "export", desk / "templates")[0] == 0
    starter = desk / "templates" / "starters" / "general.yaml"
    starter.write_text("# Halden house starter\n" + starter.read_text())
    code, out, _ = cli("new", "general", "--desk", desk)
    assert code == 0 and out.startswith("# Halden house starter") and "company: halden" in out


def test_pre_commit_hooks_run_validate_and_check():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {"prauthor-validate", "prauthor-check"} <= set(hooks)
    for hook in hooks.values():
        assert hook["entry"].split()[0] == "prauthor" and hook["language"] == "python"
        assert hook["files"] and hook.get("pass_filenames", True)


def test_every_imported_package_is_declared():
    import tomllib
    from importlib.metadata import packages_distributions

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[\s;\[<>=!~]", d, maxsplit=1)[0].lower() for d in declared}
    imported = {line.split()[1].split(".")[0] for path in (ROOT / "src").rglob("*.py")
                for line in path.read_text().splitlines()
                if re.match(r"\s*(import|from) [a-z_]", line)}
    third_party = imported - set(sys.stdlib_module_names) - {"prauthor", "__future__"}
    assert {"rich", "typer", "yaml"} <= third_party
    distributions = packages_distributions()
    undeclared = sorted(m for m in third_party
                        if not {d.lower() for d in distributions.get(m, [])} & names)
    assert undeclared == []
