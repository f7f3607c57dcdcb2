"""Read release policies: built-in defaults, then the desk's policies.toml over them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from prauthor.desk import read_toml
from prauthor.errors import InputError, Problem
from prauthor.governance.rules import RULES, SEVERITIES
from prauthor.spec import RELEASE_TYPES
from prauthor.validation import suggest

BUILTIN = Path(__file__).with_name("policies.toml")
DESK_FILE = "policies.toml"
WORD_LISTS = ("forward-looking", "non-gaap", "gaap", "shareholder-vote", "going-private")
TABLES = ("all", *RELEASE_TYPES)


class Policies(NamedTuple):
    """Severities per release type and the word lists the rules match."""

    tables: dict[str, dict[str, str]]
    words: dict[str, tuple[str, ...]]

    def severity(self, rule: str, release_type: str) -> str:
        """Return the severity of `rule` for a release type, before --final is applied."""
        if not RULES[rule].silenceable:
            return RULES[rule].severity
        for table in (release_type, "all"):
            if rule in self.tables.get(table, {}):
                return self.tables[table][rule]
        return RULES[rule].severity


def policies_for(desk_root: Path) -> Policies:
    """Return the policies of a desk; raise InputError for a broken policies.toml."""
    return _policies(desk_root / DESK_FILE, stamp(desk_root / DESK_FILE))


def stamp(path: Path) -> tuple[int, int] | None:
    """Return what changes when a file does (its mtime and size), None if it is absent."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=32)
def _policies(desk_file: Path, file_stamp: tuple[int, int] | None) -> Policies:
    tables, words = _parse(BUILTIN, {}, {})
    if file_stamp is not None:
        tables, words = _parse(desk_file, tables, words)
    return Policies(tables, words)


def _parse(path: Path, tables: dict, words: dict) -> tuple[dict, dict]:
    data = read_toml(path)
    problems: list[Problem] = []
    tables = {name: dict(rules) for name, rules in tables.items()}
    words = dict(words)
    for name, value in data.items():
        if name == "words":
            words.update(_words(path, value, problems))
        elif name in TABLES and isinstance(value, dict):
            tables.setdefault(name, {}).update(_severities(path, name, value, problems))
        else:
            problems.append(Problem(path, None, name, "unknown table"
                                    + suggest(name, ("words", *TABLES))
                                    + f" (tables: words, {', '.join(TABLES)})"))
    if problems:
        raise InputError(problems)
    return tables, words


def _severities(path: Path, table: str, value: dict, problems: list[Problem]) -> dict:
    out = {}
    for rule, severity in value.items():
        field = f"{table}.{rule}"
        if rule not in RULES:
            problems.append(Problem(path, None, field, "unknown rule" + suggest(rule, RULES)))
        elif not RULES[rule].silenceable:
            problems.append(Problem(path, None, field, "this rule guards approved text; "
                                    "policies cannot change it"))
        elif severity not in SEVERITIES:
            problems.append(Problem(path, None, field, f"severity is one of "
                                    f"{', '.join(SEVERITIES)}, not '{severity}'"))
        else:
            out[rule] = severity
    return out


def _words(path: Path, value, problems: list[Problem]) -> dict:
    out = {}
    for name, items in (value.items() if isinstance(value, dict) else ()):
        if name not in WORD_LISTS:
            problems.append(Problem(path, None, f"words.{name}", "unknown word list"
                                    + suggest(name, WORD_LISTS)))
        elif not (isinstance(items, list) and all(isinstance(i, str) for i in items)):
            problems.append(Problem(path, None, f"words.{name}", "a list of strings"))
        else:
            out[name] = tuple(items)
    return out
