"""Define a finding: one thing `prauthor check` reports about a release."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Finding(NamedTuple):
    """A rule's verdict at one place: rule id, severity, file:line, message and hint."""

    rule: str
    message: str
    hint: str = ""
    file: Path | None = None
    line: int | None = None
    severity: str = "warning"  # error or warning, set by the release's policy

    @property
    def where(self) -> str:
        """Return `file:line`, or what of it is known."""
        where = str(self.file) if self.file else ""
        return f"{where}:{self.line}" if self.line and where else where

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.severity}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        """Return the finding as plain data, for `check --format json`."""
        return {"rule": self.rule, "severity": self.severity,
                "file": str(self.file) if self.file else None, "line": self.line,
                "message": self.message, "hint": self.hint}
