"""`prauthor check`: the examples and reference releases, formats, exit codes, silencing."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, REFERENCE
from governance_helpers import make_desk, spec, write_spec

RELEASES = REFERENCE / "cbmg" / "releases"


def check_json(cli, *args) -> tuple[int, dict]:
    code, out, err = cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def test_examples_pass_check_even_as_final(cli):
    for final in ([], ["--final"]):
        code, report = check_json(cli, *final, *EXAMPLES)
        errors = [f for f in report["findings"] if f["severity"] == "error"]
        assert (code, errors) == (0, [])
        assert report["specs"] == [str(p) for p in EXAMPLES]


@pytest.mark.usefixtures("needs_shared")
@pytest.mark.parametrize("name", ["2020-06-30-rd-showcase", "2021-01-28-proxy-advisors"])
def test_reference_releases_pass_check(cli, name):
    code, report = check_json(cli, RELEASES / f"{name}.yaml")
    assert code == 0 and report["errors"] == 0, report
    # the reference desk has no lock file: a warning, never an error
    assert "lock-missing" in {f["rule"] for f in report["findings"]}


@pytest.mark.usefixtures("needs_shared")
def test_fy2019_results_are_reported_for_forward_looking_language(cli):
    path = RELEASES / "2020-02-28-fy2019-results.yaml"
    code, report = check_json(cli, path)
    (finding,) = [f for f in report["findings"] if f["rule"] == "safe-harbor"]
    assert code == 1 and finding["severity"] == "error"
    assert "forward-looking language" in finding["message"] and "'expect'" in finding["message"]
    # located at the first quoted paragraph that looks ahead: "... and plan to utilize ..."
    after = " ".join(path.read_text().splitlines()[finding["line"] - 1:finding["line"] + 4])
    assert finding["file"] == str(path) and "plan to utilize" in after


@pytest.mark.usefixtures("needs_shared")
def test_going_private_merger_is_warned_about_the_safe_harbor(cli):
    _, report = check_json(cli, RELEASES / "2021-01-28-proxy-advisors.yaml")
    (finding,) = [f for f in report["findings"] if f["rule"] == "going-private"]
    assert finding["severity"] == "warning" and "PSLRA" in finding["message"]


def test_text_report_and_exit_codes(cli, tmp_path):
    desk = make_desk(tmp_path)
    bad = write_spec(desk, spec(boilerplate=["about"], body=["Sales will grow!"]))
    code, out, err = cli("check", bad)
    assert code == 1
    assert f"{bad}:" in out and "error: forward-looking language ('will')" in out
    assert "[safe-harbor]" in out and "    hint: " in out and "[exclamation]" in out
    assert "1 release checked: 1 error, 1 warning" in err
    code, _, err = cli("check", bad, "--format", "xml")
    assert code == 2 and "--format" in err
    code, _, err = cli("check", bad, "--wire", "reuters")
    assert code == 2 and "unknown wire 'reuters'" in err
    months = write_spec(desk, spec(body=["On January 5, 2026."]), "w.yaml")
    assert "[ap-months]" in cli("check", months)[1]  # the spec's wire is PR Newswire
    assert "[ap-months]" not in cli("check", months, "--wire", "none")[1]  # months in full


def test_bad_input_is_exit_2_not_a_finding(cli, tmp_path):
    desk = make_desk(tmp_path)
    code, _, err = cli("check", write_spec(desk, spec(company="nobody")))
    assert code == 2 and "unknown company 'nobody'" in err


def test_silence_in_the_spec(cli, tmp_path):
    desk = make_desk(tmp_path)
    loud = spec(body=["A great day!"])
    assert "[exclamation]" in cli("check", write_spec(desk, loud, "a.yaml"))[1]
    code, out, _ = cli("check", write_spec(desk, {**loud, "silence": ["exclamation"]}, "b.yaml"))
    assert code == 0 and "[exclamation]" not in out


def test_silence_in_the_desk(cli, tmp_path):
    desk = make_desk(tmp_path)
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n\n'
                                        '[check]\nsilence = ["exclamation", "all-caps"]\n')
    code, out, _ = cli("check", write_spec(desk, spec(body=["A GREAT NEW DAY!"])))
    assert code == 0 and "[exclamation]" not in out and "[all-caps]" not in out


def test_silencing_unknown_or_guarding_rules_is_bad_input(cli, tmp_path):
    desk = make_desk(tmp_path)
    path = write_spec(desk, {**spec(), "silence": ["exclamations", "placeholder"]})
    code, _, err = cli("check", path)
    assert code == 2
    assert "unknown rule 'exclamations' (did you mean 'exclamation'?)" in err
    assert "'placeholder' guards approved text and cannot be silenced" in err
    line = path.read_text().splitlines().index("silence:") + 2
    assert f"{path}:{line}: error: silence[0]" in err
    (desk / "prauthor.toml").write_text('[desk]\ncompanies = "companies"\n[check]\nsilent = []\n')
    code, _, err = cli("check", write_spec(desk, spec(), "c.yaml"))
    assert code == 2 and "check.silent: unknown setting (did you mean 'silence'?)" in err


def test_desk_policies_override_the_built_in_ones(cli, tmp_path):
    desk = make_desk(tmp_path)
    bare = write_spec(desk, spec(boilerplate=[{"fls": {"subject": "the event"}}]))
    assert "warning: the release has no About block" in cli("check", bare)[1]
    (desk / "policies.toml").write_text('[event]\nabout = "error"\nexclamation = "off"\n'
                                        '[words]\nforward-looking = ["shall"]\n')
    code, out, _ = cli("check", bare)
    assert code == 1 and "error: the release has no About block" in out
    no_fls = write_spec(desk, spec(boilerplate=["about"], body=["It will be fine!"]), "d.yaml")
    assert cli("check", no_fls)[0] == 0  # "will" is no longer forward-looking here
    (desk / "policies.toml").write_text('[event]\nabuot = "error"\nplaceholder = "off"\n'
                                        '[werds]\n')
    code, _, err = cli("check", bare)
    assert code == 2 and "event.abuot: unknown rule (did you mean 'about'?)" in err
    assert "event.placeholder: this rule guards approved text" in err
    assert "werds: unknown table (did you mean 'words'?)" in err

