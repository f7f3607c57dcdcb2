"""Keep the lock file: the sha-256 of every approved block text, committed with the desk.

An approved text is frozen. Changing it without a new version makes every render and
validate of the desk stop, naming the block and both hashes. Entries are only ever
added: retiring a version keeps its entry, and `blocks lock` refuses to re-lock a
changed text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from prauthor.errors import InputError, Problem, problem
from prauthor.library import VERSION_FILE, Block, split_block, text_sha256

LOCK_NAME = "blocks.lock"
FORMAT = 1
ABOUT = ("sha-256 of every approved block text, by id@version; written by `prauthor blocks "
         "lock` and `prauthor blocks approve`. Approved text is frozen: change it in a new "
         "version. Commit this file with the library.")


class Entry(NamedTuple):
    """One locked block version: the hash of its text and who approved it when."""

    sha256: str
    approved_by: str | None = None
    approved_on: str | None = None


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
        blocks = data["blocks"]
        return {ref: Entry(**entry) for ref, entry in blocks.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise problem(path, None, "", f"not a prauthor lock file ({error}); restore it "
                      "from version control") from None


def lock_bytes(entries: dict[str, Entry]) -> bytes:
    """Return the lock file's content: sorted, stable JSON, so diffs show only changes."""
    blocks = {ref: {k: v for k, v in entry._asdict().items() if v is not None}
              for ref, entry in sorted(entries.items(), key=lambda item: _order(item[0]))}
    data = {"about": ABOUT, "format": FORMAT, "blocks": blocks}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _order(ref: str) -> tuple[str, int]:
    block_id, _, version = ref.rpartition("@")
    return block_id, int(version) if version.isdigit() else 0


def entry_for(block: Block) -> Entry:
    """Return the lock entry of an approved block as it stands now."""
    m = block.meta
    return Entry(block.sha256, m.approved_by, m.approved_on and m.approved_on.isoformat())


def block_file(library_root: Path, ref: str) -> Path:
    """Return the file of `id@version`."""
    block_id, _, version = ref.rpartition("@")
    return library_root / block_id / f"v{version}.md"


def changed(library_root: Path, entries: dict[str, Entry]) -> list[Problem]:
    """Report every locked block whose file is gone or whose text no longer matches."""
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
        now = text_sha256(parts[1])
        if now != entry.sha256:
            found.append(Problem(path, parts[2], "text",
                                 tampered(ref, entry.sha256, now, next_version(path.parent))))
    return found


def tampered(ref: str, locked: str, now: str, new_version: int) -> str:
    """Explain that an approved text changed, naming both hashes."""
    block_id = ref.rpartition("@")[0]
    return (f"'{ref}' was approved with text sha-256 {locked}, but its text now has sha-256 "
            f"{now}; approved text is frozen: restore it and put the change in a new "
            f"version ({block_id}/v{new_version}.md)")


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
