"""Keep the lock file: the sha-256 of every approved block version, committed with the desk.

What is locked is the whole version: its front matter (title, dates, approver, expiry,
what it provides, its parameters), bar the `status` line, and its text. An approved
version is frozen. Changing it without a new version makes every render and validate
of the desk stop, naming the block and both hashes. Entries are only ever added:
retiring a version keeps its entry, and `blocks lock` refuses to re-lock a changed
version. Format 1 files hashed the text alone; they are still read, and `blocks lock`
rewrites them as format 2.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from prauthor.errors import InputError, Problem, problem
from prauthor.library import VERSION_FILE, Block, split_block, text_sha256, version_sha256

LOCK_NAME = "blocks.lock"
LOCKED_REF = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*@[1-9][0-9]*$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
FORMAT = 2
ABOUT = ("sha-256 of every approved block version (front matter but its status line, and "
         "text), by id@version; written by `prauthor blocks lock` and `prauthor blocks "
         "approve`. Approved versions are frozen: change them in a new version. Commit this "
         "file with the library.")


class Entry(NamedTuple):
    """One locked block version: its hash and who approved it when.

    `text_only` marks a format-1 entry, whose hash covers the text alone.
    """

    sha256: str
    approved_by: str | None = None
    approved_on: str | None = None
    text_sha256: str | None = None  # tells whether the text or the front matter changed
    text_only: bool = False

    def matches(self, block: Block) -> bool:
        """Tell whether a block version is the one this entry locked."""
        return self.sha256 == (block.sha256 if self.text_only else block.version_sha256)


def lock_path(library_root: Path) -> Path:
    """Return where a library keeps its lock file."""
    return library_root / LOCK_NAME


def read_lock(library_root: Path) -> dict[str, Entry] | None:
    """Return the locked entries by `id@version`, or None when there is no lock file."""
    path = lock_path(library_root)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        blocks, old = data["blocks"], data.get("format") == 1
        entries = {ref: Entry(**entry, text_only=old) for ref, entry in blocks.items()}
        for ref, entry in entries.items():
            if not (LOCKED_REF.match(ref) and all(
                    isinstance(value, str | None) for value in entry[:4])
                    and SHA256.match(str(entry.sha256))):
                raise ValueError(f"'{ref}' is not an id@version with a sha-256")
        return entries
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise problem(path, None, "", f"not a prauthor lock file ({error}); restore it "
                      "from version control") from None


def lock_bytes(entries: dict[str, Entry]) -> bytes:
    """Return the lock file's content: sorted, stable JSON, so diffs show only changes."""
    blocks = {ref: {k: v for k, v in entry._asdict().items()
                    if v is not None and k != "text_only"}
              for ref, entry in sorted(entries.items(), key=lambda item: _order(item[0]))}
    data = {"about": ABOUT, "format": FORMAT, "blocks": blocks}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _order(ref: str) -> tuple[str, int]:
    block_id, _, version = ref.rpartition("@")
    return block_id, int(version) if version.isdigit() else 0


def entry_for(block: Block) -> Entry:
    """Return the lock entry of an approved block as it stands now."""
    m = block.meta
    return Entry(block.version_sha256, m.approved_by,
                 m.approved_on and m.approved_on.isoformat(), block.sha256)


def block_file(library_root: Path, ref: str) -> Path:
    """Return the file of `id@version`."""
    block_id, _, version = ref.rpartition("@")
    return library_root / block_id / f"v{version}.md"


def changed(library_root: Path, entries: dict[str, Entry]) -> list[Problem]:
    """Report every locked block whose file is gone or whose version no longer matches."""
    found = []
    for ref, entry in entries.items():
        path = block_file(library_root, ref)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            found.append(Problem(path, None, "", f"'{ref}' is approved in {LOCK_NAME} but its "
                                 "file is missing or unreadable; retire versions, never "
                                 "delete them"))
            continue
        parts = split_block(raw)
        if parts is None:
            continue  # reported, with its line, when the block is read
        now = text_sha256(parts[1]) if entry.text_only else version_sha256(parts[0], parts[1])
        if now != entry.sha256:
            text_changed = entry.text_only or entry.text_sha256 != text_sha256(parts[1])
            line, field = (parts[2], "text") if text_changed else (2, "front matter")
            found.append(Problem(path, line, field,
                                 tampered(ref, entry.sha256, now, next_version(path.parent))))
    return found


def tampered(ref: str, locked: str, now: str, new_version: int) -> str:
    """Explain that an approved version changed, naming both hashes."""
    block_id = ref.rpartition("@")[0]
    return (f"'{ref}' was approved with sha-256 {locked}, but it now has sha-256 {now}; an "
            f"approved version is frozen (its title, dates, approver, parameters and text): "
            f"restore it and put the change in a new version ({block_id}/v{new_version}.md)")


def next_version(folder: Path) -> int:
    """Return the number of a block's next version file."""
    numbers = [int(m.group(1)) for p in folder.glob("v*.md") if (m := VERSION_FILE.match(p.name))]
    return max(numbers, default=0) + 1


def verify(library_root: Path) -> list[Problem]:
    """Check a library against its lock file; no lock file is not a problem here."""
    try:
        entries = read_lock(library_root)
    except InputError as error:
        return list(error.problems)
    return changed(library_root, entries) if entries else []
