"""Judge what a release takes from the library: draft, unapproved or unlocked blocks,
and placeholder text left anywhere in the release."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prauthor.governance.findings import Finding
from prauthor.governance.lockfile import LOCK_NAME, lock_path, read_lock
from prauthor.governance.signatures import at_a_glance, signers_path, verify
from prauthor.governance.text import Context, lead_text, release_companies, spec_strings
from prauthor.validation import suggest

# `<<...>>` is the starters' placeholder syntax: every value an author must supply.
PLACEHOLDER = re.compile(r"<<[^<>\n]*>>|(?<![\w-])(?:TBD|TBA|TK|X{2,})(?![\w-])|\[[\s●•]*\]"
                         r"|lorem ipsum", re.IGNORECASE)
# Only these are matched in capitals alone; "tk" or "xx" in running text are words.
CASELESS = ("lorem ipsum", "[", "<<")


def placeholders(text: str, ticker: str | None = None) -> Iterator[re.Match[str]]:
    """Yield the placeholders in a text; a ticker such as TK is not one."""
    for match in PLACEHOLDER.finditer(text):
        found = match.group()
        if found == ticker:
            continue
        if found.startswith(CASELESS) or found.isupper():
            yield match


def block_findings(ctx: Context) -> Iterator[Finding]:
    """Yield findings about the blocks a release uses and text left unfinished."""
    yield from _lock(ctx)
    yield from _status(ctx)
    yield from _companies(ctx)
    yield from _listings(ctx)
    yield from _newer_drafts(ctx)
    yield from _signatures(ctx)
    yield from _placeholders(ctx)


def _library_root(ctx: Context):
    return ctx.loaded.desk.boilerplate_path


def _lock(ctx: Context) -> Iterator[Finding]:
    if read_lock(_library_root(ctx)) is None:
        yield Finding("lock-missing", f"the block library has no {LOCK_NAME}, so nothing "
                      "proves its approved texts are the ones legal approved",
                      "run `prauthor blocks lock` and commit the lock file with the desk",
                      lock_path(_library_root(ctx)))


def _status(ctx: Context) -> Iterator[Finding]:
    locked = read_lock(_library_root(ctx))
    for index, section in enumerate(ctx.doc.sections):
        ref = f"{section.block_id}@{section.version}"
        loc = ("boilerplate", index)
        if section.status == "draft":
            yield ctx.finding("block-draft", loc, f"'{ref}' is a draft, not approved by legal",
                              f"ask legal to approve it: prauthor blocks approve {ref} --by NAME")
        elif not (section.approved_by and section.approved_on):
            yield ctx.finding("block-unapproved", loc, f"'{ref}' is marked approved but names "
                              "no approver or approval date",
                              f"record the approval: prauthor blocks approve {ref} --by NAME")
        elif locked is not None and ref not in locked:
            yield ctx.finding("block-unapproved", loc, f"'{ref}' is approved but not in "
                              f"{LOCK_NAME}, so its text is not frozen",
                              "run `prauthor blocks lock` and commit the lock file")


def _companies(ctx: Context) -> Iterator[Finding]:
    """A block that names its companies prints only in releases of one of them."""
    ours = release_companies(ctx.loaded.spec)
    known = ctx.loaded.desk.company_ids()
    for index, section in enumerate(ctx.doc.sections):
        block = block_of(ctx, section)
        if not _foreign(block, ours):
            continue
        owners = block.meta.companies
        unknown = [o for o in owners if o not in known]
        note = "".join(f"; the desk has no company '{o}'" + suggest(o, known) for o in unknown)
        issuer = ours[0] + (f" (with {', '.join(ours[1:])})" if ours[1:] else "")
        yield ctx.finding("block-company", ("boilerplate", index),
                          f"'{block.ref}' belongs to {_listed(owners)} (`company:` in its "
                          f"front matter), and this release is issued by {issuer}{note}",
                          f"write {ours[0]}'s own version (boilerplate/{block.meta.id}/"
                          f"vN.md with `company: {ours[0]}`) and have legal approve it; a "
                          "joint release names its partners in `intro: {companies: [...]}`")


def _foreign(block, ours) -> bool:
    """Tell whether a block names its companies and none of them is the release's."""
    owners = block.meta.companies if block is not None else ()
    return bool(owners) and not set(owners) & set(ours)


def _listings(ctx: Context) -> Iterator[Finding]:
    """An About block that names no company, yet prints a listing none of the release's
    companies has, is likely another company's text (a desk made before blocks named
    their company, or a copied block)."""
    from prauthor.errors import InputError
    from prauthor.governance.kinds import kinds_of
    from prauthor.governance.text import LISTING, block_texts

    tickers: set[str] = set()
    for company_id in release_companies(ctx.loaded.spec):
        try:
            tickers.update(ctx.loaded.desk.company(company_id).tickers)
        except InputError:
            continue  # resolve reports a company that cannot be read
    for index, section in enumerate(ctx.doc.sections):
        block = block_of(ctx, section)
        if "about" not in kinds_of(section) or (block is not None and block.meta.companies):
            continue  # block-company judges a block that names its companies
        text = " ".join(t for part in section.blocks for t in block_texts(part))
        for match in LISTING.finditer(text):
            shown = {t.strip() for t in match.group("ticker").split(",")}
            if not shown & tickers:
                yield ctx.finding(
                    "block-listing", ("boilerplate", index),
                    f"'{section.block_id}@{section.version}' prints the listing "
                    f"{match.group()}, which is none of this release's companies' "
                    f"({', '.join(sorted(tickers)) or 'they have no ticker'})",
                    "is it another company's About? write your own version (with "
                    "`company: ID` in its front matter) and have legal approve it")
                break


def _listed(ids) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + f" and {ids[-1]}"


def _newer_drafts(ctx: Context) -> Iterator[Finding]:
    """An unpinned approved block prints while a newer draft of it, in effect on the
    release date, waits for legal: approving the draft would change this release."""
    entries, on = ctx.loaded.spec.boilerplate, ctx.doc.meta.date
    for index, section in enumerate(ctx.doc.sections):
        if section.status != "approved" or (index < len(entries)
                                            and "@" in _entry_key(entries[index])):
            continue  # a pinned version is a choice, not an oversight
        drafts = [b for b in ctx.loaded.desk.library.versions(section.block_id)
                  if b.meta.status == "draft" and b.meta.version > section.version
                  and b.meta.effective <= on]
        if drafts:
            newest = drafts[-1].ref
            yield ctx.finding("block-newer-draft", ("boilerplate", index),
                              f"prints '{section.block_id}@{section.version}', approved, "
                              f"while '{newest}' is a newer draft, not yet approved",
                              f"preview the draft by pinning it ('{newest}'; --final refuses "
                              f"it), or have legal approve it: prauthor blocks approve "
                              f"{newest} --by NAME --key KEY")


def _entry_key(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "")


def _signatures(ctx: Context) -> Iterator[Finding]:
    """Every approved version is signed by an approver the desk names.

    Drafts only read the signature files; --final has ssh-keygen verify each.
    """
    root = _library_root(ctx)
    signers = signers_path(root)
    if not signers.is_file():
        yield Finding("signers-missing", f"the block library has no {signers.name}, so "
                      "nothing proves who approved its blocks", "name the approvers' SSH keys "
                      f"in {signers.name} (one `principal key` a line, as for git) and sign "
                      "approvals with `prauthor blocks approve ID@N --by NAME --key KEY`",
                      signers)
        return
    locked = read_lock(root) or {}
    ours = release_companies(ctx.loaded.spec)
    for section in ctx.doc.sections:
        block = block_of(ctx, section)
        if block is None or block.meta.status != "approved" or block.ref not in locked:
            continue  # a draft, or an approval block-unapproved reports
        if _foreign(block, ours):
            continue  # another company's text: block-company says to write one's own
        signed = verify(block, root) if ctx.final else at_a_glance(block)
        if not signed.ok:
            yield Finding("block-signature", f"'{block.ref}' is marked approved but "
                          f"{signed.detail}", "an approver named in "
                          f"{signers.name} signs it: prauthor blocks sign {block.ref} --key "
                          "KEY", block.path, 2 + _status_line(block))


def _status_line(block) -> int:
    """Return how many front-matter lines come before `status:`."""
    lines = block.front.splitlines()
    return next((i for i, line in enumerate(lines) if line.startswith("status:")), 0)


def block_of(ctx: Context, section):
    """Return the library's block version a section was made from."""
    return _version(ctx.loaded.desk.library, section)


def library_blocks(loaded, doc) -> list:
    """Return the library's block versions a release uses, in order."""
    found = (_version(loaded.desk.library, section) for section in doc.sections)
    return [block for block in found if block is not None]


def _version(library, section):
    return next((b for b in library.versions(section.block_id)
                 if b.meta.version == section.version), None)


def _placeholders(ctx: Context) -> Iterator[Finding]:
    ticker = ctx.doc.meta.ticker
    for loc, text in spec_strings(ctx.loaded.source.data):
        for match in placeholders(text, ticker):
            yield ctx.finding("placeholder", loc, f"placeholder '{match.group()}' is left in "
                              "the text", "write the final text, or keep this a draft")
    yield from _block_placeholders(ctx, ticker)
    written = {m.group() for m in placeholders(ctx.loaded.spec.lead, ticker)}
    for match in placeholders(lead_text(ctx.doc), ticker):
        if match.group() not in written:
            yield ctx.finding("placeholder", ("company",), f"placeholder '{match.group()}' in "
                              "the company intro of the profile", "complete the company profile")
    for contact in ctx.doc.contacts:
        for line in contact.text_lines():
            for match in placeholders(line, ticker):
                yield ctx.finding("placeholder", ("contacts",), f"placeholder "
                                  f"'{match.group()}' in the contact '{contact.name}' of the "
                                  "company profile", "complete the company profile")


def _block_placeholders(ctx: Context, ticker: str | None) -> Iterator[Finding]:
    for section in ctx.doc.sections:
        block = block_of(ctx, section)
        if block is None:
            continue
        for match in placeholders(block.text, ticker):
            line = block.text_line + block.text[: match.start()].count("\n")
            yield Finding("placeholder", f"placeholder '{match.group()}' is left in "
                          f"'{block.ref}'", "legal must finish the block in a new version",
                          block.path, line)
