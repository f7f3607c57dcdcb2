"""`prauthor blocks`: list, show, diff, approve, retire and lock boilerplate versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from prauthor import console
from prauthor.choices import iso_date
from prauthor.errors import InputError

blocks_app = typer.Typer(name="blocks", no_args_is_help=True, add_completion=False,
                         rich_markup_mode=None,
                         help="List, compare, approve, sign, retire and lock boilerplate "
                         "blocks.")

DeskOption = Annotated[Path | None, typer.Option("--desk", help="the desk (default: the one "
                                                 "this folder is in)")]
KeyOption = Annotated[Path | None, typer.Option(
    "--key", help="the approver's SSH private key; the signature goes beside the block")]
# What `list` and `show` print for a signature that does not make a version approved.
SIGNATURE_TROUBLE = {"not-an-approver": "SIGNER NOT IN allowed_signers",
                     "changed": "CHANGED SINCE SIGNED", "unsigned": "UNSIGNED"}
Ref = Annotated[str, typer.Argument(metavar="ID@VERSION", help="a block version, e.g. about@2")]


def _desk(desk_dir: Path | None, writing: bool = False):
    from prauthor.desk import builtin_root, is_desk, open_desk

    if desk_dir is not None:
        return open_desk(desk_dir)
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if is_desk(folder):
            return open_desk(folder)
    if writing:
        raise InputError.one("--desk", "this folder is not in a desk; name one with --desk DIR")
    return open_desk(builtin_root())


def _library(desk_dir: Path | None, writing: bool = False):
    from prauthor.library import Library

    # A fresh Library, not the desk's cached one: these commands change block files.
    return Library(_desk(desk_dir, writing).boilerplate_path)


def _lock_state(block, locked) -> str:
    if locked is None:
        return "no lock file"
    entry = locked.get(block.ref)
    if entry is None:
        return "NOT LOCKED" if block.meta.status == "approved" else ""
    return "locked" if entry.matches(block) else "CHANGED"


def _signed_by(block, root: Path, detail: bool = False) -> str:
    """Say who signed a version's approval, as ssh-keygen verifies it against the desk
    (`detail`: what is wrong, in a sentence)."""
    from prauthor.governance.signatures import signature_path, signers_path, verify

    if block.meta.status == "draft" or not signature_path(block).is_file():
        return "UNSIGNED" if block.meta.status == "approved" else ""
    if not signers_path(root).is_file():
        return "no allowed_signers"
    signed = verify(block, root)
    if signed.ok:
        return signed.detail
    trouble = SIGNATURE_TROUBLE.get(signed.why, "BAD SIGNATURE")
    return f"{trouble}: {signed.detail}" if detail else trouble


@blocks_app.command("list")
def list_command(desk: DeskOption = None) -> None:
    """List every block version with its status, dates, approver, lock state, signer and
    company."""
    from prauthor.governance.lockfile import read_lock

    library = _library(desk)
    locked = read_lock(library.root)
    rows = [("BLOCK", "STATUS", "EFFECTIVE", "EXPIRES", "APPROVED", "LOCK", "SIGNED BY",
             "PROVIDES", "COMPANY", "TITLE")]
    for block_id in library.ids:
        for block in library.versions(block_id):
            m = block.meta
            approved = f"{m.approved_on} {m.approved_by}" if m.approved_by else ""
            rows.append((block.ref, m.status, str(m.effective), str(m.expires or ""), approved,
                         _lock_state(block, locked), _signed_by(block, library.root),
                         ",".join(m.provides), ",".join(m.companies) or "any", m.title))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                   + "  " + row[-1])


@blocks_app.command("show")
def show_command(ref: Annotated[str, typer.Argument(metavar="ID[@VERSION]")],
                 desk: DeskOption = None) -> None:
    """Show one version: its facts and its text (default: the version in effect today)."""
    from prauthor.governance.blockops import find_version
    from prauthor.governance.lockfile import read_lock

    library = _library(desk)
    block = find_version(library, ref if "@" in ref else _current(library, ref))
    m = block.meta
    typer.secho(f"{block.ref}  {m.title}", bold=True)
    facts = {"status": m.status + (f" by {m.approved_by} on {m.approved_on}"
                                   if m.approved_by else ""),
             "effective": str(m.effective), "expires": str(m.expires or "never"),
             "provides": ", ".join(m.provides) or "-",
             "company": ", ".join(m.companies) or "any",
             "params": ", ".join(m.params) or "-", "sha-256": block.version_sha256,
             "lock": _lock_state(block, read_lock(library.root)) or "-",
             "signed by": _signed_by(block, library.root, detail=True) or "-",
             "file": str(block.path)}
    for key, value in facts.items():
        typer.echo(f"{key + ':':12}{value}")
    typer.echo("")
    typer.echo(block.text, nl=False)


def _current(library, block_id: str) -> str:
    versions = library.versions(block_id) if block_id in library.ids else []
    if not versions:
        raise InputError.one("BLOCK", library.unknown(block_id))
    chosen = library.select(block_id, dt.date.today())
    block = chosen if not isinstance(chosen, str) else versions[-1]
    return block.ref


@blocks_app.command("diff")
def diff_command(block_id: Annotated[str, typer.Argument(metavar="ID")],
                 old: Annotated[str, typer.Argument(metavar="V1")],
                 new: Annotated[str, typer.Argument(metavar="V2")],
                 html: Annotated[bool, typer.Option("--html", help="print an HTML page")] = False,
                 exit_code: Annotated[bool, typer.Option(
                     "--exit-code", help="exit 1 when the versions differ, 0 when they do not, "
                     "as git diff --exit-code does")] = False,
                 desk: DeskOption = None) -> None:
    """Compare two versions of a block word by word."""
    from prauthor.governance import diff
    from prauthor.governance.blockops import find_version

    library = _library(desk)
    a = find_version(library, f"{block_id}@{old.lstrip('v')}")
    b = find_version(library, f"{block_id}@{new.lstrip('v')}")
    facts = _changed_facts(a, b)
    if html:
        typer.echo(diff.page(f"{a.ref} → {b.ref}", a.text, b.text, facts), nl=False)
    else:
        _print_diff(a, b, facts)
    if exit_code and (a.text != b.text or facts):
        raise typer.Exit(1)


def _print_diff(a, b, facts: dict[str, str]) -> None:
    from prauthor.governance import diff

    typer.secho(f"--- {a.ref} ({a.meta.status}, effective {a.meta.effective})", fg="red")
    typer.secho(f"+++ {b.ref} ({b.meta.status}, effective {b.meta.effective})", fg="green")
    for key, value in facts.items():
        typer.echo(f"{key}: {value}")
    typer.echo("")
    typer.echo(diff.terminal(a.text, b.text, typer.style), nl=False)


def _changed_facts(a, b) -> dict[str, str]:
    old, new = a.meta.model_dump(), b.meta.model_dump()
    skip = {"version", "approved_by", "approved_on", "status"}
    return {key: f"{old[key]} → {new[key]}" for key in old
            if key not in skip and old[key] != new[key]}


@blocks_app.command("approve")
def approve_command(ref: Ref,
                    by: Annotated[str, typer.Option("--by", help="who approves, as recorded")],
                    on: Annotated[str | None, typer.Option(
                        "--on", help="approval date, YYYY-MM-DD (default: today)")] = None,
                    key: KeyOption = None,
                    desk: DeskOption = None) -> None:
    """Approve a draft version: set its status, approver and date, sign it and lock it."""
    from prauthor.governance.blockops import approve
    from prauthor.library import Library
    from prauthor.save import write_all

    chosen = _desk(desk, writing=True)
    files = approve(Library(chosen.boilerplate_path), ref, by, iso_date("--on", on), key,
                    chosen.company_ids())
    for path in write_all(files):
        _say(f"wrote {path}")
    _say(f"approved {ref} by {by}")


@blocks_app.command("sign")
def sign_command(ref: Ref,
                 key: Annotated[Path, typer.Option("--key", help="your SSH private key, "
                                                   "named in the desk's allowed_signers")],
                 desk: DeskOption = None) -> None:
    """Sign an approved, locked version with your SSH key (for versions approved unsigned)."""
    from prauthor.governance.blockops import sign_approved
    from prauthor.save import write_all

    for path in write_all(sign_approved(_library(desk, writing=True), ref, key)):
        _say(f"wrote {path}")


@blocks_app.command("retire")
def retire_command(ref: Ref, desk: DeskOption = None) -> None:
    """Retire a version: releases can no longer use it; its lock entry stays."""
    from prauthor.governance.blockops import retire
    from prauthor.save import write_all

    for path in write_all(retire(_library(desk, writing=True), ref)):
        _say(f"wrote {path}")


@blocks_app.command("lock")
def lock_command(desk: DeskOption = None) -> None:
    """Write the lock file: the sha-256 of every approved version's text."""
    from prauthor.governance.blockops import lock
    from prauthor.save import write_all

    files, count = lock(_library(desk, writing=True))
    for path in write_all(files):
        _say(f"wrote {path} ({count} approved versions)")


def _say(message: str) -> None:
    console.summary(message)


approvers_app = typer.Typer(name="approvers", no_args_is_help=True, add_completion=False,
                            rich_markup_mode=None,
                            help="List, add and remove who may approve blocks "
                            "(boilerplate/allowed_signers).")
blocks_app.add_typer(approvers_app)


@approvers_app.command("list")
def approvers_list_command(desk: DeskOption = None) -> None:
    """List the approvers the desk names, with their keys' fingerprints."""
    from prauthor.governance.approvers import approvers
    from prauthor.governance.signatures import fingerprint, signers_path

    signers = signers_path(_library(desk).root)
    if not signers.is_file():
        raise InputError.one("--desk", f"{signers} does not exist: approvals are unsigned; "
                             "add an approver with `prauthor blocks approvers add NAME KEY.pub`")
    for approver in approvers(signers):
        typer.echo(f"{approver.principal}  {fingerprint(approver.key)}  "
                   f"{approver.key.split()[0]}")


@approvers_app.command("add")
def approvers_add_command(
        name: Annotated[str, typer.Argument(metavar="NAME", help="the approver, as one word: "
                                            "an email address or a login")],
        key: Annotated[Path, typer.Argument(metavar="KEY.pub", help="their SSH public key")],
        desk: DeskOption = None) -> None:
    """Name an approver: their public key may then sign block approvals of this desk."""
    from prauthor.governance.approvers import added, public_key
    from prauthor.governance.signatures import fingerprint, signers_path
    from prauthor.save import write_all

    signers = signers_path(_library(desk, writing=True).root)
    public = public_key(key)
    for path in write_all({signers: added(signers, name, public)}):
        _say(f"wrote {path}")
    _say(f"{name} may approve blocks with key {fingerprint(public)}")


@approvers_app.command("remove")
def approvers_remove_command(
        name: Annotated[str, typer.Argument(metavar="NAME", help="the approver to remove")],
        desk: DeskOption = None) -> None:
    """Remove an approver: versions they signed no longer count as approved."""
    from prauthor.governance.approvers import removed
    from prauthor.governance.signatures import signers_path
    from prauthor.save import write_all

    signers = signers_path(_library(desk, writing=True).root)
    for path in write_all({signers: removed(signers, name)}):
        _say(f"wrote {path}")
