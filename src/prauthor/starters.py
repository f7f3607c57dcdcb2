"""Give authors a place to start: starter specs and new desks."""

from __future__ import annotations

from pathlib import Path

from prauthor.desk import builtin_root
from prauthor.errors import InputError, Problem, problem
from prauthor.save import write_all, write_file
from prauthor.spec import RELEASE_TYPES
from prauthor.validation import suggest

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


def starter(kind: str) -> str:
    """Return the commented starter spec for a release type."""
    if kind not in RELEASE_TYPES:
        raise InputError.one("TYPE", f"unknown release type '{kind}'" + suggest(kind, RELEASE_TYPES)
                             + f" (types: {', '.join(RELEASE_TYPES)})")
    return (builtin_root() / "templates" / "starters" / f"{kind}.yaml").read_text(encoding="utf-8")


def init_desk(folder: Path) -> list[Path]:
    """Make a desk in `folder` from the built-in sample; refuse a folder that has files."""
    if folder.exists() and any(folder.iterdir()):
        raise problem(folder, None, "", "the folder is not empty; a new desk needs an empty folder")
    source = builtin_root()
    files = {folder / "prauthor.toml": DESK_CONFIG.encode()}
    for path in sorted((source / "examples" / "companies").glob("*.yaml")):
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
