"""Read versioned boilerplate blocks: YAML front matter, then text with {{ slots }}."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Discriminator, Field, Tag, field_validator

from prauthor.errors import InputError, Problem, problem
from prauthor.spec import Strict, Text
from prauthor.validation import suggest, validate
from prauthor.yamlsource import parse_yaml, read_text, unsafe_character

VERSION_FILE = re.compile(r"^v(\d+)\.md$")
BLOCK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # plain ASCII: no look-alike letters
STATUS_LINE = re.compile(r"^status:[^\n]*\n", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)

# What a block provides, so that release policies can ask for "a safe harbor" rather
# than for one block id (guides/wire-and-legal.md, section 4).
BlockKind = Literal["safe-harbor", "legend-14a12-additional-information",
                    "legend-14a12-participants", "non-gaap", "about", "offering-legend"]
BLOCK_KINDS: tuple[str, ...] = BlockKind.__args__


# One company id, or a list of them: told apart by shape, so that a mistake in one is
# reported for the form that was written.
CompanyRef = Annotated[
    Annotated[Text, Tag("company-id")]
    | Annotated[list[Text], Field(min_length=1), Tag("company-list")],
    Discriminator(lambda v: "company-list" if isinstance(v, list) else "company-id"),
]


class BlockMeta(Strict):
    """The front matter of one block version."""

    noun: ClassVar[str] = "block's front matter"  # what a reader calls it, in messages

    id: Text = Field(description="lowercase ASCII letters, digits and hyphens")
    title: Text
    version: int = Field(ge=1)
    effective: dt.date
    status: Literal["draft", "approved", "retired"]
    approved_by: str | None = None
    approved_on: dt.date | None = None
    expires: dt.date | None = None
    show_title: bool = True
    params: dict[str, str] = Field(default_factory=dict, description="name: what it is")
    provides: list[BlockKind] = Field(default_factory=list,
                                      description="what the block is, for release policies")
    company: CompanyRef | None = Field(
        None, description="the company (a profile id) or companies whose releases may print "
        "this block; without it, any company's")

    @field_validator("id")
    @classmethod
    def _ascii_id(cls, value: str) -> str:
        if not BLOCK_ID.match(value):
            odd = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in dict.fromkeys(value)
                            if not (c.isascii() and (c.islower() or c.isdigit() or c == "-")))
            raise ValueError("a block id is lowercase ASCII letters, digits and single "
                             "hyphens" + (f"; not {odd}" if odd else ""))
        return value

    @field_validator("provides", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value

    @property
    def companies(self) -> tuple[str, ...]:
        """Return the companies whose releases may print this block; () for any company."""
        if self.company is None:
            return ()
        return (self.company,) if isinstance(self.company, str) else tuple(self.company)


@dataclass(frozen=True)
class Block:
    """One version of one block: its metadata, its text and where it came from."""

    meta: BlockMeta
    text: str
    path: Path
    text_line: int
    front: str = ""

    @property
    def sha256(self) -> str:
        """Return the sha-256 of the block's text."""
        return text_sha256(self.text)

    @property
    def version_sha256(self) -> str:
        """Return the sha-256 of the whole version legal approved: front matter and text."""
        return version_sha256(self.front, self.text)

    @property
    def ref(self) -> str:
        """Return `id@version`."""
        return f"{self.meta.id}@{self.meta.version}"


def split_block(raw: str) -> tuple[str, str, int] | None:
    """Split a block file's content into front matter, text and the text's first line."""
    raw = raw.replace("\r\n", "\n")
    match = FRONT_MATTER.match(raw)
    if not match:
        return None
    return match.group(1), raw[match.end():].strip("\n") + "\n", raw[: match.end()].count("\n") + 1


def text_sha256(text: str) -> str:
    """Return the sha-256 of a block's text as `Block.sha256` computes it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_sha256(front: str, text: str) -> str:
    """Return the sha-256 of a block version: its front matter, bar the `status` line
    (retiring a version does not change what was approved), and its text."""
    kept = STATUS_LINE.sub("", front)
    return hashlib.sha256(f"{kept}---\n{text}".encode()).hexdigest()


def parse_block(path: Path, raw: str | None = None) -> Block:
    """Parse one block file (or its would-be content); raise InputError if it is broken."""
    parts = split_block(read_text(path) if raw is None else raw)
    if parts is None:
        raise problem(path, 1, "", "a block starts with YAML front matter between '---' lines")
    front, text, text_line = parts
    meta = validate(BlockMeta, parse_yaml(front, path, first_line=2))
    block = Block(meta, text, path, text_line, front)
    _check_name(block)
    if bad := unsafe_character(block.text):
        line = text_line + block.text[: bad[0]].count("\n")
        raise problem(path, line, "text", bad[1])
    return block


def _check_name(block: Block) -> None:
    found = VERSION_FILE.match(block.path.name)
    problems = []
    meta, path = block.meta, block.path
    if meta.id != path.parent.name:
        problems.append(Problem(path, 2, "id",
                                f"'{meta.id}' does not match its folder '{path.parent.name}'"))
    if found and int(found.group(1)) != meta.version:
        problems.append(Problem(path, 2, "version",
                                f"{meta.version} does not match the file name '{path.name}'"))
    if problems:
        raise InputError(problems)


class Library:
    """A folder of blocks: ID/vN.md, one file per version."""

    def __init__(self, root: Path):
        self.root = root
        self._versions: dict[str, list[Block]] = {}

    @cached_property
    def ids(self) -> list[str]:
        """Return every block id in the library."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and any(p.glob("v*.md")))

    @cached_property
    def lock_problems(self) -> tuple[Problem, ...]:
        """Return where approved texts differ from the lock file, checked once per library."""
        from prauthor.governance.lockfile import verify  # the lock file is governance's

        return tuple(verify(self.root))

    def versions(self, block_id: str) -> list[Block]:
        """Return every version of a block, oldest first."""
        if block_id not in self._versions:
            files = [p for p in (self.root / block_id).glob("v*.md") if VERSION_FILE.match(p.name)]
            blocks = [parse_block(p) for p in files]
            self._versions[block_id] = sorted(blocks, key=lambda b: b.meta.version)
        return self._versions[block_id]

    def unknown(self, block_id: str) -> str:
        """Explain that a block id does not exist, with a suggestion."""
        return f"no block '{block_id}' in {self.root}" + suggest(block_id, self.ids)

    def select(self, block_id: str, on: dt.date, version: int | None = None) -> Block | str:
        """Return the block to use on date `on`, or a message saying why there is none."""
        versions = self.versions(block_id) if block_id in self.ids else []
        if not versions:
            return self.unknown(block_id)
        if version is not None:
            return _pinned(versions, block_id, version, on)
        usable = [b for b in versions if b.meta.status == "approved" and b.meta.effective <= on
                  and not _expired(b, on)]
        if usable:
            return usable[-1]
        listed = ", ".join(f"v{b.meta.version} {b.meta.status} from {b.meta.effective}"
                           + (f" until {b.meta.expires}" if b.meta.expires else "")
                           for b in versions)
        message = f"no approved version of '{block_id}' is in effect on {on} ({listed})"
        drafts = [b for b in versions if b.meta.status == "draft"]
        if drafts:  # a pin previews a draft in a draft render; --final still refuses it
            ref = f"{block_id}@{drafts[-1].meta.version}"
            message += (f"; to preview the draft, pin it: '{ref}' (a draft render shows it, "
                        f"--final refuses it until legal approves it)")
        return message


def _expired(block: Block, on: dt.date) -> bool:
    return block.meta.expires is not None and on > block.meta.expires


def _pinned(versions: list[Block], block_id: str, version: int, on: dt.date) -> Block | str:
    for block in versions:
        if block.meta.version == version:
            if block.meta.status == "retired":
                return f"'{block_id}@{version}' is retired"
            if _expired(block, on):
                return (f"'{block_id}@{version}' expired on {block.meta.expires}; a release "
                        f"dated {on} cannot use it")
            return block
    have = ", ".join(f"v{b.meta.version}" for b in versions)
    return f"'{block_id}' has no version {version} (it has {have})"
