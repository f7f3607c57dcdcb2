"""Load YAML as plain data while keeping the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prauthor.errors import Problem, problem

# XML 1.0 forbids these; Word, LibreOffice and every XML reader refuse them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Source:
    """Parsed YAML data plus the node tree that knows line numbers."""

    path: Path
    data: Any
    tree: Any
    first_line: int = 1

    def line(self, loc: tuple[Any, ...]) -> int:
        """Return the 1-based line of the deepest node of `loc` that exists."""
        node, line = self.tree, getattr(getattr(self.tree, "lc", None), "line", 0)
        for key in loc:
            position = _position(node, key)
            if position is None:
                break
            line, node = position, node[key]
        return line + self.first_line

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        """Return a Problem located at `loc` in this file."""
        return Problem(self.path, self.line(loc), dotted(loc), message)


def _position(node: Any, key: Any) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(key, int) and isinstance(node, list):
            return lc.item(key)[0] if 0 <= key < len(node) else None
        return lc.key(key)[0] if key in node else None
    except (KeyError, TypeError, IndexError):
        return None


def dotted(loc: tuple[Any, ...]) -> str:
    """Write a location as `body[3].quote.by`."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    yaml = YAML(typ="rt", pure=True)
    # Keep timestamps as text so that pydantic, not the YAML reader, judges dates:
    # an impossible date then becomes a located field error, not a crash.
    constructor = type("TextDates", (RoundTripConstructor,), {})
    constructor.add_constructor("tag:yaml.org,2002:timestamp", _scalar_text)
    yaml.Constructor = constructor
    return yaml


def _scalar_text(loader, node):
    return loader.construct_scalar(node)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Source:
    """Parse YAML text; raise InputError with the line of any syntax error."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        tree = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else None
        raise problem(path, line, "", f"invalid YAML: {error.problem or error.context}") from None
    except YAMLError as error:
        raise problem(path, None, "", f"invalid YAML: {error}") from None
    return Source(path, _plain(tree), tree, first_line)


def load_yaml(path: Path) -> Source:
    """Read and parse one YAML file."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or raise a located InputError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise problem(path, None, "", "no such file") from None
    except UnicodeDecodeError as error:
        raise problem(path, None, "", f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise problem(path, None, "", f"cannot read: {error.strerror}") from None


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def illegal_characters(source: Source) -> list[Problem]:
    """Report every string in the data that holds an XML-illegal control character."""
    found: list[Problem] = []

    def walk(value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str) and (match := XML_ILLEGAL.search(value)):
            code = f"U+{ord(match.group()):04X}"
            found.append(source.problem(loc, f"control character {code} is not allowed in text"))

    walk(source.data, ())
    return found
