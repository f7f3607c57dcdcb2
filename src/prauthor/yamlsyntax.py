"""Explain a YAML syntax error by its likely cause, at the line where the author can fix it.

YAML's parser fails where the text stops making sense, which is often far from the
mistake: a quotation mark left open on line 4 swallows the lines below it up to the next
mark of its kind, and the parser complains about that later line. A quote that runs on
is found by trying the author's evident intent, the quote closed at the end of its line,
and keeping that repair when the text then reads further (or entirely).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A value that opens with a quotation mark: after the indent, any `- ` of list items and
# a plain `key:`, comes " or '.
QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#\[\]{},&*!|>%@`-][^#]*?:\s+)?(["'])""")
# Each repair tried is a parse of the whole file: a file made of open quotes must not
# make a slow answer out of a quick one.
MAX_TRIALS = 40


class Failure(NamedTuple):
    """Where a parse failed (0-based line, None when unknown) and YAML's own words."""

    line: int | None
    message: str
    opened: int | None = None  # the line where a quoted scalar that never ends opened
    mark: str = '"'


def explain(error: yaml.MarkedYAMLError, text: str) -> list[tuple[int | None, str]]:
    """Return (0-based line, message) for each mistake that makes `text` fail to parse."""
    lines, failure = text.split("\n"), _failure(error, text)
    found: list[tuple[int | None, str]] = []
    trials = [MAX_TRIALS]
    while True:
        if failure.opened is not None:  # nothing closes it: the parser says where it opened
            index, mark = failure.opened, failure.mark
            if any(line == index for line, _ in found) or not _spend(trials):
                return found
            found.append((index, never_closed(mark)))
            lines = _closed(lines, index, mark)
            after = _parse(lines)
        else:
            repair = _close_a_quote(lines, failure, trials)
            if repair is None:
                return [*found, _described(failure, lines)]
            index, mark, after = repair
            found.append((index, never_closed(mark, _closer(lines, index, mark))))
            lines = _closed(lines, index, mark)
        if after is None:
            return found
        failure = after


def never_closed(mark: str, runs_to: int | None = None) -> str:
    """Say that a quotation mark opened on a line is never closed, and how to fix it."""
    where = f" (the value runs on to the {mark} on line {runs_to + 1})" \
        if runs_to is not None else ""
    return (f"the quotation mark {mark} opened here is never closed{where}; close it, or "
            "quote the value with the other kind of mark")


def _failure(error: yaml.MarkedYAMLError, text: str) -> Failure:
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else None
    message = error.problem or error.context or "not YAML"
    opened = error.context_mark
    if "quoted scalar" in (error.context or "") and opened is not None:
        # The scanner fails where the text ends; the mistake is where the quote opened.
        quote = text[opened.index] if opened.index < len(text) else '"'
        return Failure(line, message, opened.line, quote)
    return Failure(line, message)


def _parse(lines: list[str]) -> Failure | None:
    """Return how `lines` fail to parse, or None when they parse."""
    text = "\n".join(lines)
    try:
        yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        return _failure(error, text)
    except (yaml.YAMLError, RecursionError):
        return Failure(None, "not YAML")
    return None


def _reach(failure: Failure) -> int:
    """Return how far a parse got: the line it failed at, or where a runaway quote began."""
    line = failure.opened if failure.opened is not None else failure.line
    return -1 if line is None else line


def _close_a_quote(lines: list[str], failure: Failure, trials: list[int]):
    """Close, at the end of its line, the first open quote whose closing lets YAML read on."""
    if failure.line is None:
        return None
    for index in range(min(failure.line, len(lines) - 1) + 1):
        mark = _open_quote(lines[index])
        if mark is None:
            continue
        if not _spend(trials):
            return None
        after = _parse(_closed(lines, index, mark))
        if after is None or _reach(after) > failure.line:
            return index, mark, after
    return None


def _closed(lines: list[str], index: int, mark: str) -> list[str]:
    """Return `lines` with the quote on line `index` closed at the end of the line."""
    return [*lines[:index], lines[index].rstrip() + mark, *lines[index + 1:]]


def _spend(trials: list[int]) -> bool:
    """Take one trial parse from the allowance; False when none is left."""
    trials[0] -= 1
    return trials[0] >= 0


def _open_quote(line: str) -> str | None:
    """Return the mark of a quoted value that opens on `line` and does not close on it."""
    found = QUOTED_VALUE.match(line)
    if not found:
        return None
    mark = found.group(1)
    return None if _closes(line[found.end():], mark) else mark


def _closes(text: str, mark: str) -> bool:
    """Say whether `text` holds the mark that ends a scalar quoted with `mark`."""
    escape = r"\\." if mark == '"' else "''"  # how each kind writes its own mark inside
    return any(token.group() == mark for token in re.finditer(f"{escape}|{mark}", text))


def _closer(lines: list[str], index: int, mark: str) -> int | None:
    """Return the line after `index` where the next `mark` would end the quote, if any."""
    return next((j for j in range(index + 1, len(lines)) if _closes(lines[j], mark)), None)


def _described(failure: Failure, lines: list[str]) -> tuple[int | None, str]:
    """Return a reader's message for an error no open quote explains."""
    line, message = failure.line, failure.message
    if line is not None and ("tab" in message or "cannot start any token" in message) \
            and line < len(lines) and "\t" in lines[line]:
        return line, ("a tab indents this line; YAML indents with spaces only: replace the "
                      "tab with spaces")
    return line, message
