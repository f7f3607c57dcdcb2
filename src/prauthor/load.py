"""Load a spec file and find its desk."""

from __future__ import annotations

from pathlib import Path

from prauthor.desk import Desk, find_desk
from prauthor.errors import InputError, problem
from prauthor.references import reference_problems
from prauthor.resolve import Loaded
from prauthor.spec import Spec
from prauthor.validation import validate
from prauthor.yamlsource import Source, load_yaml, parse_yaml

STDIN_NAME = Path("<stdin>")


def load(path: Path, desk: Desk | None = None) -> Loaded:
    """Read and validate one spec; raise InputError listing every problem."""
    return loaded_from(load_yaml(path), desk)


def load_stdin(desk: Desk) -> Loaded:
    """Read and validate a spec from standard input; relative paths in it are the cwd's."""
    import dataclasses
    import sys

    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise problem(STDIN_NAME, None, "", f"not UTF-8 text ({error.reason})") from None
    source = dataclasses.replace(parse_yaml(text.replace("\r\n", "\n"), STDIN_NAME), raw=raw)
    return loaded_from(source, desk)


def loaded_from(source: Source, desk: Desk | None) -> Loaded:
    """Validate a parsed spec and pair it with its desk."""
    desk = desk or find_desk(source.path.parent)
    if _is_profile(source.data):
        raise problem(source.path, None, "", "this is a company profile (it has id and name), "
                      "not a release spec; profiles live in the desk's companies folder, "
                      "and `prauthor schema --for profile` describes them")
    try:
        spec = validate(Spec, source, context={"wires": desk.wires})
    except InputError as error:
        more = [p for p in reference_problems(source, desk) if p not in error.problems]
        raise InputError(sorted([*error.problems, *more],
                                key=lambda p: (p.line or 0, p.field))) from None
    return Loaded(spec, source, desk)


def _is_profile(data) -> bool:
    """Tell a company profile passed where a release spec belongs."""
    return isinstance(data, dict) and {"id", "name"} <= data.keys() \
        and not {"type", "headline", "lead"} & data.keys()
