"""Approve, retire and lock block versions: the changes legal makes to a library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prauthor.errors import InputError, problem
from prauthor.governance.blockrules import placeholders
from prauthor.governance.frontmatter import scalar, set_fields
from prauthor.governance.lockfile import (
    LOCK_NAME,
    Entry,
    changed,
    entry_for,
    lock_bytes,
    lock_path,
    next_version,
    read_lock,
)
from prauthor.governance.signatures import sign, signature_path, signers_path, verify
from prauthor.library import Block, Library, parse_block
from prauthor.validation import suggest


def find_version(library: Library, ref: str) -> Block:
    """Return the block version `id@N`; raise InputError naming what exists."""
    block_id, _, version = ref.partition("@")
    if not version.lstrip("v").isdigit():
        raise InputError.one("BLOCK", f"'{ref}': name a version as id@N")
    if block_id not in library.ids:
        raise InputError.one("BLOCK", library.unknown(block_id))
    number = int(version.lstrip("v"))
    for block in library.versions(block_id):
        if block.meta.version == number:
            return block
    have = ", ".join(f"v{b.meta.version}" for b in library.versions(block_id))
    raise InputError.one("BLOCK", f"'{block_id}' has no version {number} (it has {have})")


def approve(library: Library, ref: str, by: str, on: dt.date,
            key: Path | None = None, companies: list[str] | None = None) -> dict[Path, bytes]:
    """Return the files to write to approve a version: its file, its signature by `key`
    and the lock file. A desk that names its approvers requires the signature; a block
    that names a company the desk's `companies` lack is refused."""
    block = find_version(library, ref)
    _known_companies(block, companies)
    status = block.meta.status
    if status == "approved":
        raise InputError.one("BLOCK", f"'{block.ref}' is already approved "
                             f"(by {block.meta.approved_by} on {block.meta.approved_on})")
    if status == "retired":
        raise InputError.one("BLOCK", f"'{block.ref}' is retired; approve a new version instead")
    if not by.strip():
        raise InputError.one("--by", "name who approves")
    left = [m.group() for m in placeholders(block.text)]
    if left:
        raise problem(block.path, block.text_line, "text", f"'{block.ref}' still holds "
                      f"placeholder text ({', '.join(left)}); finish it before approving")
    locked = read_lock(library.root) or {}
    if block.ref in locked:
        raise problem(block.path, 2, "status", f"'{block.ref}' was approved before and is in "
                      f"{LOCK_NAME}; a version is approved once: put changes in a new version "
                      f"(v{next_version(block.path.parent)}.md)")
    if key is None and signers_path(library.root).is_file():
        raise InputError.one("--key", f"this desk names its approvers in "
                             f"{signers_path(library.root)}: sign the approval with your SSH "
                             "key, --key ~/.ssh/id_ed25519")
    content = _edited(block, {"status": "approved", "approved_by": scalar(by.strip()),
                              "approved_on": on.isoformat()})
    approved = parse_block(block.path, content)
    entries = dict(locked) if locked else _approved_entries(library)
    entries[approved.ref] = entry_for(approved)
    files = {block.path: content.encode("utf-8"), lock_path(library.root): lock_bytes(entries)}
    if key is not None:
        files[signature_path(approved)] = _signed(library, approved, key)
    return files


def _known_companies(block: Block, companies: list[str] | None) -> None:
    """Refuse a block that names a company the desk has no profile for: no release could
    print it."""
    unknown = [c for c in block.meta.companies if companies is not None and c not in companies]
    if unknown:
        raise problem(block.path, _line_of(block, "company"), "company", "no company "
                      + ", ".join(f"'{c}'" + suggest(c, companies) for c in unknown)
                      + f" in this desk (companies: {', '.join(companies) or 'none'})")


def _line_of(block: Block, key: str) -> int:
    lines = block.front.splitlines()
    return 2 + next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), 0)


def sign_approved(library: Library, ref: str, key: Path) -> dict[Path, bytes]:
    """Return the signature file of an approved, locked version signed with `key`."""
    block = find_version(library, ref)
    if block.meta.status == "draft":
        raise InputError.one("BLOCK", f"'{block.ref}' is a draft: approve it with "
                             f"`prauthor blocks approve {block.ref} --by NAME --key KEY`")
    entry = (read_lock(library.root) or {}).get(block.ref)
    if entry is None or not entry.matches(block):
        problems = changed(library.root, {block.ref: entry} if entry else {})
        raise InputError(problems) if problems else InputError.one(
            "BLOCK", f"'{block.ref}' is not in {LOCK_NAME}: lock it before signing "
            "(`prauthor blocks lock`)")
    return {signature_path(block): _signed(library, block, key)}


def _signed(library: Library, block: Block, key: Path) -> bytes:
    """Sign a version and check, before anything is written, that the desk allows the key."""
    signature = sign(block, key)
    if signers_path(library.root).is_file():
        verdict = verify(block, library.root, signature)
        if verdict.why == "not-an-approver":
            raise problem(key, None, "--key", "this key may not approve blocks of this desk: "
                          f"{signers_path(library.root)} does not name it; name its owner "
                          "first: prauthor blocks approvers add NAME KEY.pub")
        if not verdict.ok:
            raise problem(key, None, "--key", f"this key may not approve blocks of this desk: "
                          f"{verdict.detail}")
    return signature


def retire(library: Library, ref: str) -> dict[Path, bytes]:
    """Return the file to write to retire a version; its lock entry stays."""
    block = find_version(library, ref)
    if block.meta.status == "retired":
        raise InputError.one("BLOCK", f"'{block.ref}' is already retired")
    content = _edited(block, {"status": "retired"})
    parse_block(block.path, content)
    return {block.path: content.encode("utf-8")}


def lock(library: Library) -> tuple[dict[Path, bytes], int]:
    """Return the lock file for every approved version, and how many entries it holds.

    Entries already locked are kept as they are; a locked text that changed is refused,
    so that locking again can never bless an edit of approved text.
    """
    locked = read_lock(library.root) or {}
    problems = changed(library.root, locked)
    if problems:
        raise InputError(problems)
    approved = _approved_entries(library)
    # A format-1 entry whose text still matches is rewritten to cover the whole version.
    upgraded = {ref: entry_for(find_version(library, ref)) if entry.text_only else entry
                for ref, entry in locked.items()}
    entries = {**approved, **upgraded}
    return {lock_path(library.root): lock_bytes(entries)}, len(entries)


def _approved_entries(library: Library) -> dict[str, Entry]:
    return {block.ref: entry_for(block) for block_id in library.ids
            for block in library.versions(block_id) if block.meta.status == "approved"}


def _edited(block: Block, values: dict[str, str]) -> str:
    raw = block.path.read_bytes().decode("utf-8")
    try:
        return set_fields(raw, values)
    except ValueError as error:
        raise problem(block.path, 1, "", str(error)) from None

