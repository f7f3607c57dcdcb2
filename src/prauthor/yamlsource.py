"""Load YAML as plain data while keeping the line of every key and item."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from prauthor.errors import InputError, Problem, problem
from prauthor.yamlsyntax import LOADER, explain

SCALARS = yaml.SafeLoader("")

# XML 1.0 forbids these; Word, LibreOffice and every XML reader refuse them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text refuses more: a bare CR ends a line in a calendar file or a wire feed; C1 controls
# and the line and paragraph separators break lines where none was written; direction
# overrides and isolates make text read differently from what legal approved; a lone
# surrogate is not a character at all.
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                         "\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def unsafe_character(text: str) -> tuple[int, str] | None:
    """Return the position and a description of the first character text may not hold."""
    found = UNSAFE_TEXT.search(text)
    if not found:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char in "\u2028\u2029":
        kind = "line separator" if char == "\u2028" else "paragraph separator"
        return found.start(), f"{kind} {code} is not allowed in text; start a new paragraph"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return found.start(), f"text direction control {code} is not allowed in text"
    if "\ud800" <= char <= "\udfff":
        return found.start(), f"lone surrogate {code} is not a character"
    return found.start(), f"control character {code} is not allowed in text"


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

    def written(self, loc: tuple[Any, ...]) -> str | None:
        """Return a scalar's text as written (97.220, where YAML reads 97.22), or None."""
        node = self.tree
        for key in loc:
            found = _child(node, key)
            if found is None:
                return None
            node = found[1]
        return node.value if isinstance(node, yaml.ScalarNode) else None

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


# Limits on what one file may hold. A press release, its tables included, is tens of
# kilobytes; these stop files made to exhaust memory or time, never a real release.
MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 64  # nesting of mappings and lists
ALIAS_ALLOWANCE = 65_536  # characters and items aliases may add beyond what the file spells out
MAX_INT_DIGITS = 40  # longer figures stay as written, as text


class _Budget:
    """Count what construction builds, so that aliases cannot blow a small file up."""

    def __init__(self, text: str):
        self.left = len(text) + ALIAS_ALLOWANCE

    def spend(self, amount: int) -> bool:
        self.left -= amount
        return self.left >= 0


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Source:
    """Parse YAML text; raise InputError with the line of any syntax error."""
    try:
        tree = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        raise InputError([Problem(path, line + first_line if line is not None else None, "",
                                  f"invalid YAML: {message}")
                          for line, message in explain(error, text)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        raise problem(path, line, "", f"character U+{error.character:04X} is not allowed "
                      "in YAML") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise problem(path, None, "", f"invalid YAML: {error}") from None
    problems: list[Problem] = []
    builder = _Builder(path, first_line, problems, _Budget(text))
    data = builder.build(tree)
    if problems:
        raise InputError(problems)
    return Source(path, data, tree, first_line)


def load_yaml(path: Path) -> Source:
    """Read and parse one YAML file."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of a sane size, or raise a located InputError."""
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            message = "not a regular file" if path.exists() else "no such file"
            raise problem(path, None, "", message)
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise problem(path, None, "", f"cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise problem(path, None, "", f"the file is larger than {limit:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise problem(path, line, "", f"not UTF-8 text: byte 0x{data[error.start]:02X} "
                      f"({error.reason}); save the file as UTF-8") from None


class _Builder:
    """Build plain data from nodes, with YAML 1.2 scalars: dates stay text for pydantic."""

    def __init__(self, path: Path, first_line: int, problems: list[Problem], budget: _Budget):
        self.path, self.first_line, self.problems, self.budget = path, first_line, problems, budget
        self.open: set[int] = set()  # nodes being built: an alias to one of them is a loop
        self.stopped = False

    def _stop(self, node: Any, message: str) -> None:
        if not self.stopped:
            self.problems.append(Problem(self.path, node.start_mark.line + self.first_line,
                                         "", message))
        self.stopped = True

    def build(self, node: Any, depth: int = 0) -> Any:
        """Return the value of `node`; note a problem and return None when it is too much."""
        if node is None or self.stopped:
            return None
        if id(node) in self.open:
            self._stop(node, "an alias refers to the list or mapping that contains it")
            return None
        if depth > MAX_DEPTH:
            self._stop(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        size = len(node.value) + 1 if isinstance(node.value, str | list) else 1
        if not self.budget.spend(size):
            self._stop(node, "aliases make this file too large when expanded "
                       f"(over {ALIAS_ALLOWANCE:,} characters more than it spells out)")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, depth)
            return [self.build(item, depth + 1) for item in node.value]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + self.first_line
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.path, line, "", "a key must be plain text"))
                continue
            key = str(key_node.value)
            if key in data:
                self.problems.append(Problem(self.path, line, key, "this key appears twice"))
            data[key] = self.build(value_node, depth + 1)
        return data

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value.replace("\t", " ")  # a tab is never wanted
        if node.style:  # quoted or block scalars are always text
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            # YAML 1.2: only true/false are booleans; "no" (Norway) and "on" stay text.
            return {"true": True, "false": False}.get(value.lower(), value)
        if tag == "tag:yaml.org,2002:int":
            return self._integer(node)
        # Floats stay as written, like dates: "2.70" is a figure with two decimals, not 2.7.
        return value

    def _integer(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        # YAML 1.2 again: "10:00" is a time of day, not 600 in base 60. A figure too long
        # for a number stays as written, and the field it is in judges it.
        if ":" in value or len(value) > MAX_INT_DIGITS:
            return value
        try:
            return SCALARS.construct_yaml_int(node)
        except ValueError:  # an explicit !!int on something else
            line = node.start_mark.line + self.first_line
            self.problems.append(Problem(self.path, line, "", f"'{value}' is not an integer"))
            return value


def illegal_characters(source: Source) -> list[Problem]:
    """Report every string in the data that holds an XML-illegal control character."""
    found: list[Problem] = []

    def walk(value: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if bad := unsafe_character(key):
                    found.append(source.problem((*loc, key), bad[1]))
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str) and (bad := unsafe_character(value)):
            found.append(source.problem(loc, bad[1]))

    walk(source.data, ())
    return found
