"""Change fields of a block's front matter in place, leaving every other byte as it was."""

from __future__ import annotations

import json
import re

import yaml

FRONT = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)(---[ \t]*\r?\n)", re.DOTALL)


def set_fields(raw: str, values: dict[str, str]) -> str:
    """Return the block file with top-level front matter keys set to YAML scalars (text
    as written: see `scalar`); every other byte is untouched.

    An existing `key: value` line is replaced in place; a missing key is added after
    the key set before it (the first after `status:`), or at the end.
    """
    match = FRONT.match(raw)
    if match is None:
        raise ValueError("the block has no front matter")
    front = match.group(2)
    newline = "\r\n" if front.endswith("\r\n") else "\n"
    after = "status"
    for key, value in values.items():
        line = f"{key}: {value}"
        found = _line(key).search(front)
        if found:
            front = front[:found.start()] + line + front[found.end():]
        else:
            anchor = _line(after).search(front)
            at = anchor.end() + len(newline) if anchor else len(front)
            front = front[:at] + line + newline + front[at:]
        after = key
    return raw[: match.start(2)] + front + raw[match.end(2):]


def _line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(key)}:[^\r\n]*", re.MULTILINE)


def scalar(value: str) -> str:
    """Write a value as a YAML scalar: plain when it reads back the same, else quoted."""
    plain = str(value)
    try:
        if yaml.safe_load(f"k: {plain}") == {"k": plain}:
            return plain
    except yaml.YAMLError:
        pass
    return json.dumps(plain, ensure_ascii=False)
