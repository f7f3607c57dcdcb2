"""Load a spec file and find its desk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from prauthor.desk import Desk, find_desk
from prauthor.errors import InputError, problem
from prauthor.references import reference_problems
from prauthor.resolve import Loaded
from prauthor.spec import Spec
from prauthor.validation import validate
from prauthor.yamlsource import MAX_FILE_BYTES, Source, load_yaml, parse_yaml

STDIN_NAME = Path("<stdin>")


def load(path: Path, desk: Desk | None = None) -> Loaded:
    """Read and validate one spec; raise InputError listing every problem."""
    source = load_yaml(path)
    check_name(path)
    return loaded_from(source, desk)


class Piped(NamedTuple):
    """A spec that has no file: its bytes, and the folder its relative paths are read from."""

    raw: bytes
    folder: Path


def load_stdin(desk: Desk, piped: Piped | None = None) -> Loaded:
    """Read and validate a spec from standard input (or as piped once before); relative
    paths in it are the working folder's."""
    import dataclasses
    import sys

    raw = piped.raw if piped else sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    name = piped.folder / STDIN_NAME if piped else STDIN_NAME
    if len(raw) > MAX_FILE_BYTES:
        raise problem(name, None, "", f"the spec is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise problem(name, None, "", f"not UTF-8 text ({error.reason})") from None
    source = dataclasses.replace(parse_yaml(text.replace("\r\n", "\n"), name), raw=raw)
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


# Output files are named SLUG.manifest.json and the like: the name must stay one plain,
# visible file name of a length every file system takes.
MAX_SLUG_BYTES = 150
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\\\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_name(path: Path) -> None:
    """Refuse a spec whose file name cannot name its outputs (its slug) safely."""
    slug = path.stem
    if not slug.strip() or slug.startswith(".") or UNSAFE_NAME.search(slug):
        why = "starts with a dot" if slug.startswith(".") else "has no usable name"
        if UNSAFE_NAME.search(slug):
            why = "holds a control, direction or backslash character"
    elif len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        why = f"is longer than {MAX_SLUG_BYTES} bytes"
    else:
        return
    raise problem(path, None, "", f"the file name {why}; its outputs are named after it, "
                  "so rename the spec, e.g. 2026-03-02-investor-day.yaml")
