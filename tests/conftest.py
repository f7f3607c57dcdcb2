"""Shared fixtures: the examples, the reference desk in ../shared, the CLI, goldens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prauthor.cli import main

ROOT = Path(__file__).resolve().parents[1]


def error_lines(err: str) -> list[str]:
    """Return the problems of `file:line: error: field: message` lines as `file:line: field:
    message`, the way a Problem reads; an unlocated `error: message` as the message."""
    found = []
    for line in err.splitlines():
        where, label, text = line.partition("error: ")
        if label and (not where or where.endswith(": ")):
            found.append(where + text)
    return found
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# ../shared beside the checkout, or beside a folder above it (a worktree in a subfolder).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "reference").is_dir()),
              ROOT.parent / "shared")
REFERENCE = SHARED / "reference"
REFERENCE_SPECS = sorted((REFERENCE / "cbmg" / "releases").glob("*.yaml"))
# Five desks of invented companies, each in another house style.
STYLE_SPECS = sorted((REFERENCE / "styles").glob("*/releases/*.yaml"))


def expected_text(spec: Path) -> tuple[Path, str]:
    """Return a fixture spec's expected newswire text and the wire it is written for."""
    (found,) = (spec.parents[1] / "expected").glob(f"{spec.stem}.*.txt")
    wire = found.suffixes[0].strip(".")
    return found, "none" if wire == "company" else wire


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output (then review the diff)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def needs_shared():
    """Skip, saying why, where ../shared (the reference fixtures) is absent."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference fixtures not found at {REFERENCE}")


def require_tool(name: str) -> str:
    """Return the path of a system tool, or skip the test saying which tool is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup installs it)")
    return path


class CLI:
    """Run prauthor in-process, returning the exit code and captured output."""

    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([str(a) for a in args])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def cli(capsys) -> CLI:
    return CLI(capsys)
