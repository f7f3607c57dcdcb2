"""Read a desk's [check] settings from prauthor.toml: rules silenced for every release."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from prauthor.desk import read_toml
from prauthor.errors import InputError, Problem
from prauthor.governance.policies import stamp
from prauthor.governance.rules import RULES
from prauthor.validation import suggest

CONFIG = "prauthor.toml"
KEYS = ("silence",)


def desk_silence(desk_root: Path) -> frozenset[str]:
    """Return the rule ids the desk silences; raise InputError for a broken [check]."""
    return _silence(desk_root / CONFIG, stamp(desk_root / CONFIG))


@lru_cache(maxsize=32)
def _silence(path: Path, file_stamp: tuple[int, int] | None) -> frozenset[str]:
    if file_stamp is None:
        return frozenset()
    check = read_toml(path).get("check", {})
    if not isinstance(check, dict):
        raise InputError([Problem(path, None, "check", "a table: [check], then silence = [...]")])
    problems = [Problem(path, None, f"check.{key}", "unknown setting" + suggest(key, KEYS))
                for key in check if key not in KEYS]
    silence = check.get("silence", [])
    if not (isinstance(silence, list) and all(isinstance(rule, str) for rule in silence)):
        problems.append(Problem(path, None, "check.silence", 'a list of rule ids, e.g. '
                                '["all-caps"]'))
        silence = []
    problems += unknown_rules(path, None, "check.silence", silence)
    if problems:
        raise InputError(problems)
    return frozenset(silence)


def unknown_rules(path: Path | None, line: int | None, field: str, ids) -> list[Problem]:
    """Report rule ids that do not exist, or that may not be silenced."""
    out = []
    for rule in ids:
        if rule not in RULES:
            out.append(Problem(path, line, field, f"unknown rule '{rule}'" + suggest(rule, RULES)))
        elif not RULES[rule].silenceable:
            out.append(Problem(path, line, field, f"'{rule}' guards approved text and "
                               "cannot be silenced"))
    return out
