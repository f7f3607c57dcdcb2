"""Compare two texts word by word, for the terminal and as an HTML page."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def opcodes(old: str, new: str) -> Iterator[tuple[str, str, str]]:
    """Yield (operation, old text, new text) runs: equal, delete, insert or replace."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        yield tag, "".join(a[i1:i2]), "".join(b[j1:j2])


def terminal(old: str, new: str, style) -> str:
    """Return the diff as text: [-removed-] in red, {+added+} in green."""
    out = []
    for tag, before, after in opcodes(old, new):
        if tag == "equal":
            out.append(before)
            continue
        if before:
            out.append(style(f"[-{before}-]", fg="red", strikethrough=True))
        if after:
            out.append(style(f"{{+{after}+}}", fg="green", underline=True))
    return "".join(out)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 Georgia, serif; max-width: 48em; margin: 2em auto; padding: 0 1em; }}
.text {{ white-space: pre-wrap; }}
del {{ background: #fdd; color: #900; }}
ins {{ background: #dfd; color: #060; text-decoration: none; }}
dl {{ font: 14px/1.4 sans-serif; }}
</style>
</head>
<body>
<h1>{title}</h1>
{facts}
<div class="text">{body}</div>
</body>
</html>
"""


def page(title: str, old: str, new: str, facts: dict[str, str]) -> str:
    """Return a standalone HTML page showing the diff; every text is escaped."""
    parts = []
    for tag, before, after in opcodes(old, new):
        if tag == "equal":
            parts.append(html.escape(before))
            continue
        if before:
            parts.append(f"<del>{html.escape(before)}</del>")
        if after:
            parts.append(f"<ins>{html.escape(after)}</ins>")
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>"
                   for k, v in facts.items())
    return PAGE.format(title=html.escape(title), facts=f"<dl>{rows}</dl>" if rows else "",
                       body="".join(parts))
