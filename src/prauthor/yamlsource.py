"""Load YAML as plain data while keeping the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from prauthor.errors import InputError, Problem, problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SCALARS = yaml.SafeLoader("")

# XML 1.0 forbids these; Word, LibreOffice and every XML reader refuse them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Source:
    """Parsed YAML data plus the node tree that knows line numbers."""

    path: Path
    data: Any
    tree: Any
    first_line: int = 1
    raw: bytes | None = None  # the bytes read, for a spec that has no file (standard input)

    def read_bytes(self) -> bytes:
        """Return the bytes of the file as read: its hash names the spec in manifests."""
        return self.raw if self.raw is not None else self.path.read_bytes()

    def line(self, loc: tuple[Any, ...]) -> int:
        """Return the 1-based line of the deepest node of `loc` that exists."""
        node = self.tree
        line = node.start_mark.line if node is not None else 0
        for key in loc:
            found = _child(node, key)
            if found is None:
                break
            line, node = found
        return line + self.first_line

    def problem(self, loc: tuple[Any, ...], message: str) -> Problem:
        """Return a Problem located at `loc` in this file."""
        return Problem(self.path, self.line(loc), dotted(loc), message)


def _child(node: Any, key: Any) -> tuple[int, Any] | None:
    """Return (line of the key or item, value node) for one step into `node`."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(key):
                return key_node.start_mark.line, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        items = node.value
        return (items[key].start_mark.line, items[key]) if 0 <= key < len(items) else None
    return None


def dotted(loc: tuple[Any, ...]) -> str:
    """Write a location as `body[3].quote.by`."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Source:
    """Parse YAML text; raise InputError with the line of any syntax error."""
    try:
        tree = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        line, message = _syntax_error(error, text)
        raise problem(path, line + first_line if line is not None else None, "",
                      f"invalid YAML: {message}") from None
    except yaml.YAMLError as error:
        raise problem(path, None, "", f"invalid YAML: {error}") from None
    duplicates: list[Problem] = []
    data = _construct(tree, path, first_line, duplicates)
    if duplicates:
        raise InputError(duplicates)
    return Source(path, data, tree, first_line)


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str]:
    """Return the 0-based line and a reader's message for a YAML syntax error."""
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else None
    message = error.problem or error.context or "not YAML"
    opened = error.context_mark
    if "quoted scalar" in (error.context or "") and opened is not None:
        # The scanner fails where the text ends; the mistake is where the quote opened.
        quote = text[opened.index] if opened.index < len(text) else '"'
        return opened.line, (f"the quotation mark {quote} opened here is never closed; close "
                             f"it, or quote the value with the other kind of mark")
    lines = text.splitlines()
    if line is not None and ("tab" in message or "cannot start any token" in message) \
            and line < len(lines) and "\t" in lines[line]:
        return line, ("a tab indents this line; YAML indents with spaces only: replace the "
                      "tab with spaces")
    return line, message


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


def _construct(node: Any, path: Path, first_line: int, duplicates: list[Problem]) -> Any:
    """Build plain data from nodes, with YAML 1.2 scalars: dates stay text for pydantic."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in data:
                duplicates.append(Problem(path, key_node.start_mark.line + first_line, key,
                                          "this key appears twice"))
            data[key] = _construct(value_node, path, first_line, duplicates)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path, first_line, duplicates) for item in node.value]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value.replace("\t", " ")  # a tab is never wanted in a release
    if node.style:  # quoted or block scalars are always text
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        # YAML 1.2: only true/false are booleans; "no" (Norway) and "on" stay text.
        return {"true": True, "false": False}.get(value.lower(), value)
    if tag == "tag:yaml.org,2002:int":
        # YAML 1.2 again: "10:00" is a time of day, not 600 in base 60.
        return value if ":" in value else SCALARS.construct_yaml_int(node)
    # Floats stay as written, like dates: "2.70" is a figure with two decimals, not 2.7.
    return value


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
