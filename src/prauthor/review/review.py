"""Find every tracked change and comment of a reviewed DOCX in the spec and its blocks."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from prauthor import markup
from prauthor.document import Document
from prauthor.errors import problem
from prauthor.resolve import Loaded
from prauthor.review.docxread import RECORD_STYLE, Change, Reviewed, ReviewParagraph, read
from prauthor.review.sources import Param, Placed, Target, covering, place, targets

EXCERPT = 60


@dataclass(frozen=True)
class Edit:
    """One change to written text: replace raw[start:end] of a target with `text`."""

    target: Target
    start: int
    end: int
    text: str
    param: Param | None = None  # the edit falls inside a value filled from the spec
    new_item: bool = False  # a new paragraph after the target's item
    drop_item: bool = False  # the target's whole item is deleted


@dataclass(frozen=True)
class Item:
    """One line of the review: a change or comment, where it belongs, what it says."""

    kind: str  # change, comment or unplaced
    where: str
    what: str
    who: str
    edit: Edit | None = None


@dataclass
class Review:
    """A reviewed DOCX read against its spec."""

    loaded: Loaded
    document: Document
    reviewed: Reviewed
    items: list[Item]

    @property
    def unplaced(self) -> list[Item]:
        """Return the changes that cannot be written back."""
        return [item for item in self.items if item.kind == "unplaced"]

    @property
    def edits(self) -> list[Edit]:
        """Return the placed edits."""
        return [item.edit for item in self.items if item.edit is not None]


def review(path: Path, loaded: Loaded, doc: Document, expected: bytes) -> Review:
    """Read `path` against the release it should come from; `expected` is its DOCX now."""
    from prauthor.render.docx import KIND, REDLINE_AUTHOR, REDLINE_DATE

    reviewed = read(path)
    props = reviewed.properties
    accepted = None
    if props.get(KIND) == "redline" and REDLINE_AUTHOR in props:
        accepted = (props[REDLINE_AUTHOR], props.get(REDLINE_DATE, ""))
        reviewed = read(path, accepted=accepted)
    _same_draft(reviewed, loaded)
    rendered = read(path, expected)
    items = _untracked(reviewed, rendered)
    old = [p.old for p in reviewed.paragraphs]
    placed = place(targets(loaded, doc), old)
    items += _changes(reviewed.paragraphs, placed, _Made(loaded, doc, reviewed.paragraphs))
    ours = {(c.author, c.text) for c in rendered.comments}
    items += [_comment(c, reviewed, placed) for c in reviewed.comments
              if (c.author, c.text) not in ours and not _redline_note(c, accepted)]
    if reviewed.formatting:
        items.append(Item("unplaced", str(path), f"{reviewed.formatting} tracked formatting "
                          "change(s): formatting comes from the template, not the spec", ""))
    return Review(loaded, doc, reviewed, items)


def _same_draft(reviewed: Reviewed, loaded: Loaded) -> None:
    """Refuse a DOCX rendered from another release, or from another draft of this spec."""
    from prauthor.render.docx import KIND, RELEASE, SPEC_HASH, SPEC_NAME

    props, path, spec = reviewed.properties, reviewed.path, loaded.source.path
    if props.get(KIND) == "redline" and reviewed.accepted is None:
        raise problem(path, None, "", "is a redline that does not name its own changes; "
                      "make the redline again, or have counsel mark up the draft DOCX")
    if SPEC_HASH not in props:
        raise problem(path, None, "", "was not rendered by prauthor (it records no spec hash "
                      "in its custom properties); review a DOCX that `prauthor render` made")
    if props.get(RELEASE) != loaded.slug:
        raise problem(path, None, "", f"was rendered from another release "
                      f"({props.get(SPEC_NAME) or props.get(RELEASE)}), not {spec.name}")
    now = hashlib.sha256(spec.read_bytes()).hexdigest()
    if props[SPEC_HASH] != now:
        raise problem(path, None, "", f"was rendered from another draft of {spec.name} "
                      f"(SHA-256 {props[SPEC_HASH][:12]}); the spec is now {now[:12]}. Review "
                      "it against the spec as it was then (git show), or render again")


def _redline_note(comment, accepted: tuple[str, str] | None) -> bool:
    """Tell whether a comment is the redline's own note on a block's new version."""
    return accepted is not None and comment.author == accepted[0] and \
        comment.date[:10] == accepted[1][:10]


def _untracked(reviewed: Reviewed, rendered: Reviewed) -> list[Item]:
    """List paragraphs whose text differs from the render without a tracked change."""
    # The review record is prauthor's (hashes, findings, its version): never compared.
    got = [p.old for p in _before_record(reviewed.paragraphs)]
    want = [p.old for p in _before_record(rendered.paragraphs)]
    items = []
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(want[a1:a2], got[b1:b2], strict=False)) if a2 - a1 == b2 - b1 else \
            [("\n".join(want[a1:a2]), "\n".join(got[b1:b2]))]
        for offset, (before, after) in enumerate(pairs):
            if before == after:
                continue
            was, now = _difference(before, after)
            items.append(Item("unplaced", f"{reviewed.path}: paragraph {b1 + offset + 1}",
                              f'changed with track changes off: "{_short(was)}" became '
                              f'"{_short(now)}"; turn Track Changes on and make the edit '
                              "again", ""))
    return items


def _before_record(paragraphs: list[ReviewParagraph]) -> list[ReviewParagraph]:
    end = next((i for i, p in enumerate(paragraphs) if p.style == RECORD_STYLE),
               len(paragraphs))
    return paragraphs[:end]


def _difference(before: str, after: str) -> tuple[str, str]:
    """Return the stretch that differs between two texts, widened to whole words."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    while start > 0 and not before[start - 1].isspace():
        start -= 1
    stop_a, stop_b = len(before) - end, len(after) - end
    while stop_a < len(before) and not before[stop_a].isspace():
        stop_a, stop_b = stop_a + 1, stop_b + 1
    return before[start:stop_a], after[start:stop_b]


class _Made:
    """Say which text of the lead paragraph prauthor made, and from what."""

    def __init__(self, loaded: Loaded, doc: Document, paragraphs: list[ReviewParagraph]):
        dateline = doc.dateline.text
        self.lead = next((i for i, p in enumerate(paragraphs) if p.old.startswith(dateline)),
                         None)
        self.dateline = len(dateline)
        source = loaded.source
        self.where = f"{source.path}:{source.line(('dateline',))}"
        self.company = loaded.spec.company

    def reason(self, index: int, change: Change) -> str:
        """Return why a change in text no spec field or block holds cannot be placed."""
        if index == self.lead and change.start < self.dateline:
            return (f"in the dateline, which prauthor writes from `dateline` ({self.where}) "
                    "in the wire's style; change the cities or the date there")
        if index == self.lead:
            return (f"in the company's name, ticker or descriptor, which come from the "
                    f"profile of '{self.company}' (or the spec's `intro`); change them there")
        return ("in text prauthor makes (an attribution, contacts, a heading) or across "
                "two fields; change the source by hand")


def _changes(paragraphs: list[ReviewParagraph], placed: list[Placed], made: _Made,
             ) -> list[Item]:
    items = []
    for index, para in enumerate(paragraphs):
        previous = paragraphs[index - 1] if index else None
        if not para.old and para.new.strip() and (para.mark == "insert" or (
                previous is not None and previous.mark == "insert")):
            items.append(_new_paragraph(index, para, placed))
            continue
        if para.old.strip() and not para.new.strip() and para.mark == "delete":
            items.append(_dropped_paragraph(index, para, placed))
            continue
        items += [_change(index, change, placed, made) for change in para.changes]
    return items


def _change(index: int, change: Change, placed: list[Placed], made: _Made) -> Item:
    what = _describe(change)
    who = _who(change.author, change.date)
    hit = covering(placed, index, change.start, change.end)
    if hit is None:
        return Item("unplaced", f"paragraph {index + 1}", f"{what}: {made.reason(index, change)}",
                    who)
    target = hit.target
    where = _at(target)
    span = target.raw_range(change.start - hit.start, change.end - hit.start)
    if span is None or target.fixed:
        reason = target.fixed or "it crosses bold, italic or a link"
        return Item("unplaced", where, f"{what}: cannot be written back ({reason})", who)
    start, end = span
    param = next((p for p in target.params if p.start <= start and end <= p.end), None)
    if param is None and any(p.start < end and start < p.end for p in target.params):
        return Item("unplaced", where, f"{what}: crosses a value the spec fills in", who)
    if param is not None:
        where = f"{_at(target)}, parameter {param.loc[-1]}"
    edit = Edit(target, start, end, markup.escape(change.inserted), param)
    return Item("change", where, what, who, edit)


def _new_paragraph(index: int, para: ReviewParagraph, placed: list[Placed]) -> Item:
    what = f'new paragraph "{_short(para.new)}"'
    who = _who(para.changes[0].author if para.changes else para.author,
               para.changes[0].date if para.changes else "")
    before = [p for p in placed if p.paragraph < index]
    hit = before[-1] if before else None
    if hit is None or not _whole_item(hit.target):
        return Item("unplaced", f"paragraph {index + 1}", what + ": not after a body "
                    "paragraph of the spec; add it by hand", who)
    edit = Edit(hit.target, 0, 0, markup.escape(para.new.strip()), new_item=True)
    return Item("change", _at(hit.target, "after "),
                what, who, edit)


def _dropped_paragraph(index: int, para: ReviewParagraph, placed: list[Placed]) -> Item:
    what = f'deleted paragraph "{_short(para.old)}"'
    who = _who(para.author, para.changes[0].date if para.changes else "")
    hits = [p for p in placed if p.paragraph == index]
    if len(hits) != 1 or not _whole_item(hits[0].target) or \
            para.old.strip() != hits[0].target.plain.strip():
        return Item("unplaced", f"paragraph {index + 1}", what + ": it is not one whole "
                    "body paragraph of the spec; delete it by hand", who)
    target = hits[0].target
    return Item("change", _at(target), what, who,
                Edit(target, 0, len(target.raw), "", drop_item=True))


def _whole_item(target: Target) -> bool:
    """Tell whether a target is a whole paragraph item of the body or the appendix."""
    loc = target.loc
    return bool(loc) and loc[0] in ("body", "appendix") and (
        len(loc) == 2 or (len(loc) == 3 and loc[2] == "paragraph"))


def _comment(comment, reviewed: Reviewed, placed: list[Placed]) -> Item:
    who = _who(comment.author, comment.date)
    on = f' on "{_short(comment.anchor)}"' if comment.anchor else ""
    what = f'comment{on}: "{comment.text}"'
    if comment.paragraph is None:
        return Item("comment", str(reviewed.path), what, who)
    end = comment.end if comment.end is not None and comment.end >= comment.start \
        else comment.start
    hit = covering(placed, comment.paragraph, comment.start, end) or covering(
        placed, comment.paragraph, comment.start, comment.start)
    if hit is None:
        text = reviewed.paragraphs[comment.paragraph].old
        return Item("comment", f'paragraph {comment.paragraph + 1} ("{_short(text)}")',
                    what, who)
    target = hit.target
    return Item("comment", _at(target), what, who)


def _at(target: Target, before: str = "") -> str:
    """Return `file:line: field` for a target, the file relative to the current folder."""
    file = target.file
    with contextlib.suppress(ValueError):
        file = file.resolve().relative_to(Path.cwd().resolve())
    return f"{file}:{target.line}: {before}{target.label}"


def _describe(change: Change) -> str:
    if change.kind == "replace":
        return f'replaced "{_short(change.deleted)}" with "{_short(change.inserted)}"'
    if change.kind == "insert":
        return f'inserted "{_short(change.inserted)}"'
    return f'deleted "{_short(change.deleted)}"'


def _who(author: str, date: str) -> str:
    day = date[:10] if date and not date.startswith("0") else ""
    return ", ".join(part for part in (author, day) if part)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
