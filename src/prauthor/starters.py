"""Give authors a place to start: starter specs and new desks."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from prauthor.desk import Desk, builtin_root, enclosing_desk, open_desk
from prauthor.errors import InputError, Problem, problem
from prauthor.save import write_all, write_file
from prauthor.spec import RELEASE_TYPES
from prauthor.validation import suggest
from prauthor.yamlsource import parse_yaml, read_text

log = logging.getLogger("prauthor")
COMPANY_LINE = re.compile(r"^(company:[ \t]*)([\w.-]+)", re.MULTILINE)
PERSON_LINE = re.compile(r"^(\s*#?\s*by:[ \t]*)([\w.-]+)", re.MULTILINE)
CONTACTS_LINE = re.compile(r"^(contacts:[ \t]*)\[[^\]\n]*\]", re.MULTILINE)
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
EMBARGO_DATE = re.compile(r"(embargo:[ \t]*\{[ \t]*date:[ \t]*)\d{4}-\d{2}-\d{2}\b")

SAMPLE_RELEASE = "2026-03-02-investor-day.yaml"
DESK_CONFIG = """\
# A prauthor desk: company profiles, the approved block library, templates.
[desk]
companies = "companies"
boilerplate = "boilerplate"
templates = "templates"

# The house style of every release of this desk; a company profile's `style:` and a
# spec's `style:` change it key by key. Uncomment what differs from the defaults.
# [style]
# end_mark = "###"                     # "-30-", or "" for none
# ticker = "({exchange}: {ticker})"    # "({exchange}:{ticker})"
# intro = ["name", "ticker", "terms", "descriptor"]
# company_day = "plain"                # "padded": June 09, 2025
#
# [style.contacts]
# place = "end"                        # "before-appendix", "top"
# label = "own-line"                   # "with-first-line": Media Contact: Jane Doe
# lines = ["{name}", "{title}", "{organization}", "{phone}", "{email}"]
# phone = "Phone: {phone}"
# email = "Email: {email}"
# between = "Or"                       # a line between two contacts under one label
#
# [style.tables]
# currency = "attached"                # "apart": $ 2,789
#
# [style.quotes]
# verb = "said"                        # stated, commented, noted, added, explained
"""


def starter(kind: str, desk_dir: Path | None = None, company: str | None = None,
            date: dt.date | None = None) -> str:
    """Return the commented starter spec for a release type, made out for a desk's company
    and dated `date` (default: today).

    The desk's own `templates/starters/TYPE.yaml` comes first; the company is `company`,
    else the starter's own when the desk has it, else the desk's first profile.
    """
    if kind not in RELEASE_TYPES:
        raise InputError.one("TYPE", f"unknown release type '{kind}'" + suggest(kind, RELEASE_TYPES)
                             + f" (types: {', '.join(RELEASE_TYPES)})")
    desk = open_desk(desk_dir or enclosing_desk(Path.cwd()) or builtin_root())
    folders = [desk.templates_path] if desk.templates_path else []
    path = next((p for folder in [*folders, builtin_root() / "templates"]
                 if (p := folder / "starters" / f"{kind}.yaml").is_file()), None)
    text = _dated(read_text(path), path, date or dt.date.today())
    written = COMPANY_LINE.search(text)
    chosen = _company_for(desk, company, written.group(2) if written else None)
    return _made_out(text, desk.company(chosen)) if chosen != (written and written.group(2)) \
        else text


def _dated(text: str, path: Path, date: dt.date) -> str:
    """Date a starter: its dateline's date, and the embargo its comments show."""
    source = parse_yaml(text, path)
    dateline = source.data.get("dateline") if isinstance(source.data, dict) else None
    if isinstance(dateline, dict) and "date" in dateline:
        lines = text.splitlines(keepends=True)
        at = source.line(("dateline", "date")) - 1
        lines[at] = DATE.sub(date.isoformat(), lines[at], count=1)
        text = "".join(lines)
    return EMBARGO_DATE.sub(lambda m: m.group(1) + date.isoformat(), text)


def _company_for(desk: Desk, wanted: str | None, written: str | None) -> str:
    known = desk.company_ids()
    where = desk.companies_path
    if not known:
        raise problem(where, None, "", "the desk has no company profile; add one "
                      "(`prauthor schema --for profile` describes its fields)")
    if wanted is not None and wanted not in known:
        raise problem(where, None, "--company", f"unknown company '{wanted}'"
                      + suggest(wanted, known) + f" (known: {', '.join(known)})")
    if wanted is None and written not in known and len(known) > 1:
        log.info("the desk has %d companies; the starter is for '%s' (choose with --company: "
                 "%s)", len(known), known[0], ", ".join(known))
    return wanted or (written if written in known else known[0])


def _made_out(text: str, company) -> str:
    """Point a starter at `company`: its id, its first person, its contacts."""
    text = COMPANY_LINE.sub(lambda m: m.group(1) + company.id, text, count=1)
    if company.people:
        text = PERSON_LINE.sub(lambda m: m.group(1) + next(iter(company.people)), text)
    contacts = ", ".join(company.contacts)
    return CONTACTS_LINE.sub(lambda m: f"{m.group(1)}[{contacts}]", text, count=1)


def init_desk(folder: Path) -> list[Path]:
    """Make a desk in `folder` from the built-in sample; refuse a folder that has files."""
    if folder.exists() and any(folder.iterdir()):
        raise problem(folder, None, "", "the folder is not empty; a new desk needs an empty folder")
    source = builtin_root()
    files = {folder / "prauthor.toml": DESK_CONFIG.encode()}
    for path in sorted((source / "examples" / "companies").iterdir()):
        if path.suffix in (".yaml", ".png", ".jpg", ".gif"):  # profiles and their logos
            files[folder / "companies" / path.name] = path.read_bytes()
    library = source / "boilerplate"
    signed = [*sorted(library.rglob("*.md.sig")), library / "allowed_signers"]
    for path in [*sorted(library.rglob("*.md")), library / "blocks.lock", *signed]:
        files[folder / "boilerplate" / path.relative_to(library)] = path.read_bytes()
    sample = source / "examples" / SAMPLE_RELEASE
    files[folder / "releases" / SAMPLE_RELEASE] = sample.read_bytes()
    for path, data in files.items():
        write_file(path, data)
    (folder / "templates").mkdir(exist_ok=True)
    return sorted(files)



def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """Copy the built-in templates into `folder`; refuse to overwrite unless `force`."""
    source = builtin_root() / "templates"
    files = {folder / path.relative_to(source): path.read_bytes()
             for path in sorted(source.rglob("*"))
             if path.is_file() and not any(part.startswith((".", "__")) for part in
                                           path.relative_to(source).parts)}
    existing = sorted(path for path in files if path.exists())
    if existing and not force:
        raise InputError([Problem(path, None, "", "already exists (use --force to overwrite)")
                          for path in existing])
    return write_all(files)
