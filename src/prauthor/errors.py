"""Define the one error hierarchy; each kind carries its exit code."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# An error prauthor did not foresee: a bug, told apart from 1 (a check failed) and 2 (bad input).
BUG_EXIT_CODE = 3


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file."""

    file: Path | None
    line: int | None
    field: str
    message: str

    @property
    def where(self) -> str:
        """Return `file:line`, or what of it is known."""
        where = str(self.file) if self.file else ""
        return f"{where}:{self.line}" if self.line else where

    @property
    def text(self) -> str:
        """Return `field: message`, or the message alone."""
        return ": ".join(part for part in (self.field, self.message) if part)

    def labelled(self, severity: str) -> str:
        """Return the line a terminal shows: `file:line: severity: field: message`."""
        return ": ".join(part for part in (self.where, severity, self.text) if part)

    def __str__(self) -> str:
        return ": ".join(part for part in (self.where, self.text) if part)


def shown(path: Path) -> str:
    """Name a file as the user knows it: from the current folder when near it, else in full."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        near = Path(os.path.relpath(path))
    except ValueError:  # another drive
        return str(path)
    return str(path) if near.parts[:2] == ("..", "..") else near.as_posix()


class PrauthorError(Exception):
    """Base of every error prauthor reports to a user instead of a traceback."""

    exit_code = 1


class InputError(PrauthorError):
    """Bad input: specs, blocks, profiles or templates; lists every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, field: str, message: str) -> InputError:
        """Return an error about a command-line value or other unlocated input."""
        return cls([Problem(None, None, field, message)])


class CheckFailed(PrauthorError):
    """A check the user asked for did not pass."""

    exit_code = 1


class RenderError(PrauthorError):
    """A renderer could not produce its output."""

    exit_code = 1


def problem(file: Path | None, line: int | None, field: str, message: str) -> InputError:
    """Return an InputError holding one problem."""
    return InputError([Problem(file, line, field, message)])


class RenderWarning(UserWarning):
    """Something in a rendered output the user should look at; the CLI prints it."""
