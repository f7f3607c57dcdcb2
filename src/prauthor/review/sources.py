"""Tie printed text back to what was written: spec fields and boilerplate paragraphs.

Each Target is a piece of text someone wrote (a spec field, a block paragraph with its
slots filled) with, for each printed character, its index in the written text. Targets
are found in the printed paragraphs in reading order; what no target covers was made by
prauthor (datelines, the company's descriptor, attributions, contacts) and cannot take
an edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from prauthor import markup
from prauthor.document import Body, Document, Headline, Lead, Section
from prauthor.library import Block
from prauthor.resolve import Loaded, param_text
from prauthor.yamlsource import dotted

SLOT = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
JINJA = re.compile(r"\{[{%#]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Param:
    """A stretch of a block paragraph filled from a spec parameter."""

    start: int
    end: int
    slot: str  # the slot as written in the block, `{{ name }}`
    loc: tuple  # the parameter in the spec


@dataclass
class Target:
    """Text as written somewhere, and where each printed character comes from in it."""

    file: Path
    line: int
    label: str  # `lead`, `body[2].quote.after[0]`, `about@2, paragraph 1`
    raw: str
    loc: tuple = ()  # the field in the spec, for spec text
    block: Block | None = None
    paragraph: int = 0  # the block paragraph, for block text
    params: tuple[Param, ...] = ()
    fixed: str = ""  # why the text cannot take an edit, when it cannot
    plain: str = ""
    where: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.plain, self.where = markup.positions(self.raw)

    def raw_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the written range of printed [start, end), or None across marks or links."""
        if start == end:
            if start < len(self.where):
                return self.where[start], self.where[start]
            at = self.where[-1] + 1 if self.where else 0
            return at, at
        first, last = self.where[start], self.where[end - 1] + 1
        return (first, last) if last - first == end - start else None


@dataclass(frozen=True)
class Placed:
    """A target found in a printed paragraph, at [start, end) of its text."""

    paragraph: int
    start: int
    end: int
    target: Target


def targets(loaded: Loaded, doc: Document) -> list[Target]:
    """Return every written text of a release, in the Document's reading order."""
    source, data = loaded.source, loaded.source.data
    found: list[Target] = []
    blocks = iter(_block_targets(loaded, doc))

    def add(loc: tuple, value) -> None:
        if isinstance(value, str) and value.strip():
            found.append(Target(source.path, source.line(loc), dotted(loc), value, loc))

    for part in doc.parts:
        if isinstance(part, Headline):
            add(("headline",), data.get("headline"))
            for index, value in enumerate(data.get("subheadlines") or []):
                add(("subheadlines", index), value)
        elif isinstance(part, Lead):
            add(("lead",), data.get("lead"))
        elif isinstance(part, Body):
            for loc, value in _items(data, part.region):
                add(loc, value)
        elif isinstance(part, Section):
            found += next(blocks)
    return found


def _items(data: dict, name: str) -> Iterator[tuple[tuple, object]]:
    for index, item in enumerate(data.get(name) or []):
        yield from _item((name, index), item)


def _item(loc: tuple, item) -> Iterator[tuple[tuple, object]]:
    if not isinstance(item, dict):
        yield loc, item
        return
    for key in ("paragraph", "heading", "marker"):
        if key in item:
            yield (*loc, key), item[key]
    if isinstance(item.get("quote"), dict):
        quote = item["quote"]
        yield (*loc, "quote", "before"), quote.get("before")
        after = quote.get("after")
        for index, text in enumerate(after if isinstance(after, list) else [after]):
            yield (*loc, "quote", "after", index) if isinstance(after, list) else \
                (*loc, "quote", "after"), text
    if isinstance(item.get("list"), list):
        yield from _list((*loc, "list"), item["list"])
    if isinstance(item.get("table"), dict):
        table = item["table"]
        for key in ("title", "units"):
            yield (*loc, "table", key), table.get(key)
    if "text" in item:  # a nested list item
        yield (*loc, "text"), item["text"]
        if isinstance(item.get("items"), list):
            yield from _list((*loc, "items"), item["items"])


def _list(loc: tuple, items: list) -> Iterator[tuple[tuple, object]]:
    for index, entry in enumerate(items):
        yield from _item((*loc, index), entry)


def _block_targets(loaded: Loaded, doc: Document) -> list[list[Target]]:
    """Return the targets of each boilerplate section: its title and its paragraphs."""
    found = []
    entries = loaded.spec.boilerplate
    for index, (entry, section) in enumerate(zip(entries, doc.sections, strict=False)):
        key, params = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        block = next(b for b in loaded.desk.library.versions(section.block_id)
                     if b.meta.version == section.version)
        values = {str(k): param_text(v) for k, v in (params or {}).items()}
        base = ("boilerplate", index, key)
        own = [Target(block.path, 2, f"{block.ref}, title", block.meta.title, block=block,
                      paragraph=-1, fixed="a block's title is front matter: change it in a "
                      "new version by hand")] if section.show_title else []
        parts = [p for p in PARAGRAPH_BREAK.split(block.text) if p.strip()]
        own += [_block_paragraph(block, number, part, values, base)
                for number, part in enumerate(parts)]
        found.append(own)
    return found


def _block_paragraph(block: Block, number: int, part: str, values: dict, base: tuple) -> Target:
    """Fill a block paragraph's slots, remembering where each value went."""
    template = " ".join(part.split())
    raw, params, position = "", [], 0
    logic = JINJA.search(SLOT.sub("", template))
    for match in SLOT.finditer(template):
        raw += template[position:match.start()]
        value = " ".join(values.get(match.group(1), "").split())
        params.append(Param(len(raw), len(raw) + len(value), match.group(),
                            (*base, match.group(1))))
        raw += value
        position = match.end()
    raw += template[position:]
    line = block.text_line + block.text[: block.text.find(part)].count("\n")
    return Target(block.path, line, f"{block.ref}, paragraph {number + 1}", raw, block=block,
                  paragraph=number, params=tuple(params),
                  fixed="the block's text is a template with logic" if logic else "")


def place(found: list[Target], paragraphs: list[str]) -> list[Placed]:
    """Find each target's printed text in the paragraphs, in reading order."""
    placed: list[Placed] = []
    cursor = (0, 0)
    for target in found:
        hit = _search(target.plain, paragraphs, cursor) or _search(target.plain, paragraphs)
        if hit is None and len(target.plain) > 1:  # AP turns a quote's last period to a comma
            hit = _search(target.plain[:-1], paragraphs, cursor)
        if hit is None:
            continue
        index, start, length = hit
        placed.append(Placed(index, start, start + length, target))
        cursor = (index, start + length)
    return placed


def _search(text: str, paragraphs: list[str], cursor: tuple[int, int] = (0, 0)):
    if not text:
        return None
    first, offset = cursor
    for index in range(first, len(paragraphs)):
        at = paragraphs[index].find(text, offset if index == first else 0)
        if at >= 0:
            return index, at, len(text)
    return None


def covering(placed: list[Placed], paragraph: int, start: int, end: int) -> Placed | None:
    """Return the target that holds [start, end) of a paragraph, if one does."""
    for item in placed:
        if item.paragraph == paragraph and item.start <= start and end <= item.end:
            return item
    return None
