"""Write a review's edits back: into the spec (comments, quoting and order kept) and into a
new draft version of each edited approved block (the approved text is never touched)."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

from prauthor.errors import InputError, Problem, problem
from prauthor.library import FRONT_MATTER, Block, parse_block
from prauthor.review.review import Edit, Review
from prauthor.review.sources import Target
from prauthor.yamlsource import parse_yaml

FOLD_WIDTH = 76  # where a rewritten folded scalar breaks its lines
KEY = re.compile(r"^\s*[^\s#-][^:]*:(\s|$)")
DASH = re.compile(r"^(\s*)- ")
APPROVAL_LINE = re.compile(r"^(approved_by|approved_on):[^\n]*\n", re.MULTILINE)


def planned(done: Review) -> tuple[dict[Path, bytes], list[str]]:
    """Return the files to write and one line saying what each holds; refuse if any
    change cannot be placed."""
    if done.unplaced:
        raise InputError([Problem(None, None, "", f"{item.where}: {item.what}")
                          for item in done.unplaced])
    spec_edits: dict[tuple, list[Edit]] = defaultdict(list)
    block_edits: dict[Path, list[Edit]] = defaultdict(list)
    for edit in done.edits:
        if edit.target.block is not None and edit.param is None:
            block_edits[edit.target.block.path].append(edit)
        else:
            spec_edits[edit.param.loc if edit.param else edit.target.loc].append(edit)
    files: dict[Path, bytes] = {}
    said: list[str] = []
    pins: dict[tuple, str] = {}
    for edits in block_edits.values():
        block = edits[0].target.block
        path, content, pin = _new_version(done, block, edits)
        parse_block(path, content)  # the new version must read back
        files[path] = content.encode("utf-8")
        said.append(f"{path}: {block.meta.id} version {pin} (draft), {_count(edits)}")
        if pin != block.meta.version:
            pins[_entry_loc(done, block)] = f"{block.meta.id}@{pin}"
    if spec_edits or pins:
        path = done.loaded.source.path
        files[path] = _spec_text(done, spec_edits, pins).encode("utf-8")
        count = sum(len(e) for e in spec_edits.values())
        pinned = f", pinned {', '.join(pins.values())}" if pins else ""
        said.insert(0, f"{path}: {count} edit{'s' * (count != 1)}{pinned}")
    return files, said


def _count(edits: list[Edit]) -> str:
    return f"{len(edits)} edit{'s' * (len(edits) != 1)}"


# -- the spec ---------------------------------------------------------------------------


def _spec_text(done: Review, edits: dict[tuple, list[Edit]], pins: dict[tuple, str]) -> str:
    from ruamel.yaml import YAML

    path = done.loaded.source.path
    original = path.read_text(encoding="utf-8")
    yaml = YAML()  # round trip: comments, key order, quoting and block styles are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never rewrap lines that are not edited
    mapping, offset = _indents(original)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    data = yaml.load(original)
    drops, news = [], []
    for loc, group in edits.items():
        for edit in group:
            if edit.drop_item:
                drops.append(loc)
            elif edit.new_item:
                news.append((loc, edit.text))
        text_edits = [e for e in group if not (e.drop_item or e.new_item)]
        if text_edits:
            container, key = _parent(data, loc)
            first = min(e.start - (e.param.start if e.param else 0) for e in text_edits)
            container[key] = _restyled(container[key], _edited(str(container[key]), text_edits,
                                                               bool(text_edits[0].param)), first)
    for loc, name in pins.items():
        container, key = _parent(data, loc)
        _rename(container, key, name)
    # Last first, so that the positions of the items before stay true.
    moves = [(loc[0], loc[1] + 0.5, text) for loc, text in news]
    moves += [(loc[0], loc[1], None) for loc in drops]
    for name, at, text in sorted(moves, key=lambda m: (m[0], m[1]), reverse=True):
        if text is None:
            del data[name][int(at)]
        else:
            data[name].insert(int(at) + 1, text)
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    parse_yaml(text, path)  # the result must parse
    return text


def _indents(text: str) -> tuple[int, int]:
    """Return how the spec indents: a mapping's keys, and a list's dashes under its key."""
    lines = [line for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    depth = [len(line) - len(line.lstrip()) for line in lines]
    keys = [d for line, d in zip(lines, depth, strict=True) if d and KEY.match(line)]
    offset = 0
    for index in range(1, len(lines)):
        dash = DASH.match(lines[index])
        if dash and lines[index - 1].rstrip().endswith(":") and \
                not DASH.match(lines[index - 1]):
            offset = max(0, len(dash.group(1)) - depth[index - 1])
            break
    return min(keys, default=2), offset


def _edited(value: str, edits: list[Edit], in_param: bool) -> str:
    """Apply edits, last first, so earlier offsets stay true."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        start, end = (edit.start - edit.param.start, edit.end - edit.param.start) if in_param \
            else (edit.start, edit.end)
        value = value[:start] + edit.text + value[end:]
    return value


def _parent(data, loc: tuple):
    node = data
    for key in loc[:-1]:
        node = node[key]
    return node, loc[-1]


def _restyled(old, new: str, first: int):
    """Return `new` written in the style of `old`: folded, literal, quoted or plain.

    A folded text keeps its line breaks before the first edit, so the diff stays small.
    """
    from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

    if isinstance(old, FoldedScalarString):
        styled = FoldedScalarString(new)
        kept = [at for at in getattr(old, "fold_pos", []) if at < first]
        styled.fold_pos = kept + _folds(new, kept[-1] + 1 if kept else 0)
        comment = getattr(old, "comment", None)
        if comment is not None:
            styled.comment = comment
        return styled
    if isinstance(old, ScalarString):
        return type(old)(new)
    return new


def _folds(text: str, line_start: int = 0) -> list[int]:
    """Return where to fold a long line: at spaces, keeping lines within FOLD_WIDTH."""
    folds, last_space = [], None
    for index, char in enumerate(text[line_start:], start=line_start):
        if char == " ":
            last_space = index
        if index - line_start >= FOLD_WIDTH and last_space is not None \
                and last_space > line_start:
            folds.append(last_space)
            line_start, last_space = last_space + 1, None
    return folds


def _rename(container, key, name: str) -> None:
    """Pin a boilerplate entry: `about` or `about: {params}` becomes `about@3`."""
    entry = container[key]
    if isinstance(entry, str):
        container[key] = name
        return
    old_key = next(iter(entry))
    params = entry[old_key]
    entry.insert(0, name, params)
    del entry[old_key]


def _entry_loc(done: Review, block: Block) -> tuple:
    for index, section in enumerate(done.document.sections):
        if section.block_id == block.meta.id and section.version == block.meta.version:
            return ("boilerplate", index)
    raise AssertionError(f"{block.ref} is not in the release")


# -- blocks -----------------------------------------------------------------------------


def _new_version(done: Review, block: Block, edits: list[Edit]) -> tuple[Path, str, int]:
    """Return the path, content and version number of the block with the edits made.

    A draft is edited where it is; an approved or retired version is copied into the
    next version, as a draft with no approval.
    """
    by_paragraph: dict[int, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_paragraph[edit.target.paragraph].append(edit)
    raw = block.path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = FRONT_MATTER.match(raw)
    if match is None:
        raise problem(block.path, 1, "", "a block starts with YAML front matter")
    rest = raw[match.end():]
    front, gap = match.group(0), rest[: len(rest) - len(rest.lstrip("\n"))]
    text = _block_text(block.text, by_paragraph)
    if block.meta.status == "draft":
        return block.path, front + gap + text, block.meta.version
    from prauthor.governance.frontmatter import set_fields
    from prauthor.governance.lockfile import next_version

    number = next_version(block.path.parent)
    front = APPROVAL_LINE.sub("", set_fields(front, {"version": str(number),
                                                     "status": "draft"}))
    return block.path.parent / f"v{number}.md", front + gap + text, number


def _block_text(text: str, by_paragraph: dict[int, list[Edit]]) -> str:
    """Return the block's text with edited paragraphs rewritten, the others as they were."""
    from prauthor.review.sources import PARAGRAPH_BREAK

    pieces = PARAGRAPH_BREAK.split(text.strip("\n"))
    breaks = PARAGRAPH_BREAK.findall(text.strip("\n"))
    numbered = [i for i, piece in enumerate(pieces) if piece.strip()]
    for number, edits in by_paragraph.items():
        index = numbered[number]
        pieces[index] = _template(edits[0].target, edits)
    out = pieces[0]
    for separator, piece in zip(breaks, pieces[1:], strict=True):
        out += separator + piece
    return out + "\n"


def _template(target: Target, edits: list[Edit]) -> str:
    """Apply edits to a filled paragraph, then put its slots back in place of the values."""
    value = target.raw
    params = list(target.params)
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        value = value[:edit.start] + edit.text + value[edit.end:]
        shift = len(edit.text) - (edit.end - edit.start)
        params = [p if p.end <= edit.start else
                  type(p)(p.start + shift, p.end + shift, p.slot, p.loc) for p in params]
    for param in sorted(params, key=lambda p: p.start, reverse=True):
        value = value[:param.start] + param.slot + value[param.end:]
    return value
