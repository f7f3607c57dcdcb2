"""Name who may approve blocks: the lines of a library's allowed_signers file.

Each line is `principal namespaces="prauthor-block-approval@prauthor" KEYTYPE KEY`, in
ssh-keygen's ALLOWED SIGNERS format, so that a key named here signs approvals in
prauthor's namespace only (not git commits or anything else).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from prauthor.errors import InputError, problem
from prauthor.governance.signatures import NAMESPACE, SIGNERS_NAME, fingerprint

# A principal is one word: ssh-keygen reads commas as a list and spaces as the next field.
PRINCIPAL = re.compile(r"^[A-Za-z0-9._%+@-]+$")
KEY_TYPES = ("ssh-ed25519", "ecdsa-sha2-", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-",
             "ssh-rsa")
HEADER = ("# Who may approve blocks of this library: one `principal [options] key` a line\n"
          "# (ssh-keygen ALLOWED SIGNERS, as for git). `prauthor blocks approvers add NAME\n"
          "# KEY.pub` adds one.\n")


class Approver(NamedTuple):
    """One line of allowed_signers: who, their key, and the line it stands on."""

    principal: str
    key: str  # "KEYTYPE BASE64"
    line: int


def approvers(signers: Path) -> list[Approver]:
    """Return the approvers an allowed_signers file names, in order."""
    if not signers.is_file():
        return []
    found = []
    for number, line in enumerate(signers.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        key = next((i for i, f in enumerate(fields) if f.startswith(KEY_TYPES)), None)
        if key is not None and key + 1 < len(fields):
            found.append(Approver(fields[0], f"{fields[key]} {fields[key + 1]}", number))
    return found


def public_key(path: Path) -> str:
    """Read one SSH public key file as `KEYTYPE BASE64`; InputError for anything else."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise problem(path, None, "KEY", f"cannot read the key ({error.strerror})") from None
    if "PRIVATE KEY" in text:
        raise problem(path, None, "KEY", "this is a private key: give the public key "
                      f"({path.name}.pub), which ssh-keygen writes beside it")
    fields = text.split()
    if len(fields) < 2 or not fields[0].startswith(KEY_TYPES):
        raise problem(path, None, "KEY", "not an SSH public key (one line: ssh-ed25519 "
                      "AAAA... comment; make one with `ssh-keygen -t ed25519`)")
    key = f"{fields[0]} {fields[1]}"
    fingerprint(key)  # ssh-keygen must read it
    return key


def added(signers: Path, principal: str, key: str) -> bytes:
    """Return allowed_signers with an approver added; InputError if the name or key is taken
    or the name is not one word."""
    if not PRINCIPAL.match(principal):
        raise InputError.one("NAME", f"'{principal}' is not one word: name the approver as "
                             "an email address or a login (letters, digits, . _ - + @), "
                             "and give their full name with `approve --by`")
    for approver in approvers(signers):
        if approver.key == key:
            raise problem(signers, approver.line, "KEY", f"this key is already the key of "
                          f"'{approver.principal}'")
        if approver.principal == principal:
            raise problem(signers, approver.line, "NAME", f"'{principal}' is already named "
                          "with another key; remove it first to replace the key")
    before = signers.read_text(encoding="utf-8") if signers.is_file() else HEADER
    if before and not before.endswith("\n"):
        before += "\n"
    return (before + f'{principal} namespaces="{NAMESPACE}" {key}\n').encode()


def removed(signers: Path, principal: str) -> bytes:
    """Return allowed_signers without an approver's lines; InputError if none names them."""
    named = [a for a in approvers(signers) if a.principal == principal]
    if not named:
        known = ", ".join(a.principal for a in approvers(signers)) or "none"
        raise problem(signers, None, "NAME", f"no approver '{principal}' in {SIGNERS_NAME} "
                      f"(approvers: {known})")
    drop = {a.line for a in named}
    lines = signers.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines, 1)
                   if number not in drop).encode()
