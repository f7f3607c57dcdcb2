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
            lines = _closed(lines, [(index, mark)])
            after = _parse(lines)
        else:
            repair = _close_quotes(lines, failure, trials)
            if repair is None:
                return [*found, _described(failure, lines)]
            quotes, after = repair
            found += [(index, never_closed(mark, _closer(lines, index, mark)))
                      for index, mark in quotes]
            lines = _closed(lines, quotes)
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


def _close_quotes(lines: list[str], failure: Failure, trials: list[int]):
    """Return the open quotes whose closing, at the end of their lines, lets YAML read on.

    One is tried at a time, from the top; when none helps alone (two left open: each one's
    closing leaves the other to swallow the same lines), all are closed at once and those
    that need not be are opened again.
    """
    if failure.line is None:
        return None
    candidates = [(index, mark) for index in range(min(failure.line, len(lines) - 1) + 1)
                  if (mark := _open_quote(lines[index]))]

    def helps(quotes) -> tuple[bool, Failure | None]:
        if not _spend(trials):
            raise _OutOfTrials
        after = _parse(_closed(lines, quotes))
        return after is None or _reach(after) > failure.line, after

    try:
        for quote in candidates:
            better, after = helps([quote])
            if better:
                return [quote], after
        better, after = helps(candidates) if len(candidates) > 1 else (False, None)
        if not better:
            return None
        needed = list(candidates)
        for quote in candidates:
            rest = [q for q in needed if q != quote]
            still, trial = helps(rest)
            if still:
                needed, after = rest, trial
        return needed, after
    except _OutOfTrials:
        return None


class _OutOfTrials(Exception):
    """The trial parses allowed for one file are spent."""


def _closed(lines: list[str], quotes) -> list[str]:
    """Return `lines` with each quote (line, mark) closed at the end of its line."""
    lines = list(lines)
    for index, mark in quotes:
        lines[index] = lines[index].rstrip() + mark
    return lines


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
    return _closing(text, mark) is not None


def _closing(text: str, mark: str) -> re.Match | None:
    """Return the mark in `text` that ends a scalar quoted with `mark`, if any."""
    escape = r"\\." if mark == '"' else "''"  # how each kind writes its own mark inside
    return next((t for t in re.finditer(f"{escape}|{mark}", text) if t.group() == mark), None)


def _closer(lines: list[str], index: int, mark: str) -> int | None:
    """Return the line after `index` where the next `mark` would end the quote, if any."""
    return next((j for j in range(index + 1, len(lines)) if _closes(lines[j], mark)), None)


def _described(failure: Failure, lines: list[str]) -> tuple[int | None, str]:
    """Return a reader's message for an error no open quote explains."""
    line, message = failure.line, failure.message
    if line is not None and line < len(lines) and (early := _closed_early(lines[line])):
        return line, early
    if line is not None and ("tab" in message or "cannot start any token" in message) \
            and line < len(lines) and "\t" in lines[line]:
        return line, ("a tab indents this line; YAML indents with spaces only: replace the "
                      "tab with spaces")
    return line, message


def _closed_early(line: str) -> str | None:
    """Say so when a quoted value ends at a mark inside it (an apostrophe) and text follows."""
    found = QUOTED_VALUE.match(line)
    if not found:
        return None
    mark, rest = found.group(1), line[found.end():]
    end = _closing(rest, mark)
    after = rest[end.end():].strip() if end else ""
    if not after or after.startswith(("#", ",", "]", "}")):
        return None
    own = "write it twice ('') inside the value" if mark == "'" else 'write it as \\"'
    words = " ".join(after.split()[:3])
    return (f"the value quoted with {mark} ends at the {mark} before \"{words}\"; to keep a "
            f"{mark} in the text, {own}, or quote the value with the other kind of mark")
