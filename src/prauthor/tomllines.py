"""Find the line that sets a key in TOML text: tomllib keeps no positions."""

from __future__ import annotations

from pathlib import Path

from prauthor.errors import Problem


def toml_problem(file: Path, text: str, loc: tuple, message: str) -> Problem:
    """Return a problem at the line of `file` that sets `loc` (list indexes are skipped)."""
    line = toml_line(text, tuple(str(k) for k in loc if not isinstance(k, int)))
    return Problem(file, line, ".".join(str(k) for k in loc), message)


def toml_line(text: str, path: tuple[str, ...]) -> int | None:
    """Return the line that sets `path` in TOML text, or the nearest table that holds it."""
    best, best_line = 0, None
    table: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("["):
            table = _dotted(line.strip("[]"))
            found = table
        elif "=" in line and not line.startswith("#"):
            found = (*table, *_dotted(line.partition("=")[0]))
        else:
            continue
        depth = _shared(found, path)
        if depth > best and (depth == len(found) or depth == len(path)):
            best, best_line = depth, number
    return best_line


def _dotted(key: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count
