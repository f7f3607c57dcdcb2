"""Find and read a desk: company profiles, the block library and templates."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from prauthor.company import Company
from prauthor.errors import InputError, problem
from prauthor.library import Library
from prauthor.style import Style, written
from prauthor.tomllines import toml_problem
from prauthor.validation import suggest, validate, validation_message
from prauthor.wires import Wire, builtin_wires, read_wires
from prauthor.yamlsource import load_yaml, read_text

CONFIG = "prauthor.toml"
CONFIG_KEYS = {"companies", "boilerplate", "templates"}
COMPANY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def builtin_root() -> Path:
    """Return the built-in desk: shipped in the wheel, or the repository in a checkout."""
    shipped = resources.files("prauthor") / "_builtin"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Desk:
    """A release desk: where companies, blocks and templates live."""

    root: Path
    companies_path: Path
    boilerplate_path: Path
    templates_path: Path | None
    wires: Mapping[str, Wire] = field(default_factory=builtin_wires, compare=False, repr=False)
    style: dict = field(default_factory=dict, compare=False)  # the desk's [style] keys
    _companies: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def library(self) -> Library:
        """Return the desk's boilerplate library."""
        return Library(self.boilerplate_path)

    def template_dirs(self) -> list[Path]:
        """Return template folders, the desk's first so that it overrides built-ins by name."""
        builtin = builtin_root() / "templates"
        dirs = [self.templates_path] if self.templates_path and self.templates_path.is_dir() else []
        return dirs + ([builtin] if builtin not in dirs else [])

    def company_ids(self) -> list[str]:
        """Return the ids of the desk's company profiles."""
        if self.companies_path.is_file():
            data = load_yaml(self.companies_path).data
            return [str(data.get("id", ""))] if isinstance(data, dict) else []
        return sorted(p.stem for p in self.companies_path.glob("*.yaml"))

    def company(self, company_id: str) -> Company:
        """Load one company profile by id."""
        if company_id not in self._companies:
            self._companies[company_id] = self._load_company(company_id)
        return self._companies[company_id]

    def _load_company(self, company_id: str) -> Company:
        path = self.company_file(company_id)
        profile = validate(Company, load_yaml(path))
        if profile.id != company_id:
            raise problem(path, None, "id", f"profile id '{profile.id}' is not '{company_id}'")
        return profile

    def company_file(self, company_id: str) -> Path:
        """Return the file that holds (or would hold) a company's profile."""
        if self.companies_path.is_file():
            return self.companies_path
        if not COMPANY_ID.fullmatch(company_id):  # an id is a name, never a path
            raise problem(None, None, "company", f"'{company_id}' is not a company id: letters, "
                          "digits, '-', '_' and '.' only, as the profile's file is named")
        return self.companies_path / f"{company_id}.yaml"


def is_desk(folder: Path) -> bool:
    """Tell whether `folder` is a desk: a config file, or profiles beside a block library."""
    if (folder / CONFIG).is_file():
        return True
    has_profiles = (folder / "company.yaml").is_file() or (folder / "companies").is_dir()
    return has_profiles and (folder / "boilerplate").is_dir()


def desk_root(start: Path) -> Path:
    """Return the desk folder of a spec: from its folder upward, else the built-in desk."""
    return enclosing_desk(start) or builtin_root().resolve()


def enclosing_desk(start: Path) -> Path | None:
    """Return the desk folder `start` is in, from it upward, or None outside any desk."""
    for folder in [start.resolve(), *start.resolve().parents]:
        if is_desk(folder):
            return folder
    return None


def find_desk(start: Path) -> Desk:
    """Open the desk of a spec found from its folder upward."""
    return open_desk(desk_root(start))


def open_desk(root: Path) -> Desk:
    """Open the desk at `root`, reading prauthor.toml when there is one."""
    root = root.resolve()
    if not root.is_dir():
        raise problem(root, None, "", "desk folder does not exist")
    data = read_toml(root / CONFIG) if (root / CONFIG).is_file() else {}
    config = _desk_paths(root / CONFIG, data)
    default_companies = "company.yaml" if (root / "company.yaml").is_file() else "companies"
    return Desk(
        root=root,
        companies_path=root / config.get("companies", default_companies),
        boilerplate_path=root / config.get("boilerplate", "boilerplate"),
        templates_path=root / config.get("templates", "templates"),
        wires=read_wires(root / CONFIG, data.get("wires", {})),
        style=_desk_style(root / CONFIG, data.get("style", {})),
    )


def read_toml(path: Path) -> dict:
    """Read a TOML file of the desk, or raise a located InputError."""
    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as error:
        raise problem(path, None, "", f"invalid TOML: {error}") from None


def _desk_style(path: Path, data: dict) -> dict:
    """Return the keys the desk's [style] table sets; raise InputError on a bad one."""
    try:
        return written(Style.model_validate(data))
    except ValidationError as error:
        text = path.read_text(encoding="utf-8")
        raise InputError([toml_problem(path, text, ("style", *e["loc"]), validation_message(
            Style, e)) for e in error.errors(include_url=False)]) from None


def _desk_paths(path: Path, data: dict) -> dict:
    """Return the [desk] folder settings; each must name a folder inside the desk."""
    desk = data.get("desk", {})
    if not isinstance(desk, dict):
        raise problem(path, None, "desk", "a table: [desk], then companies, boilerplate and "
                      "templates as folder names")
    text = path.read_text(encoding="utf-8") if desk else ""
    problems = [toml_problem(path, text, ("desk", key), "unknown setting"
                              + suggest(key, CONFIG_KEYS))
                for key in desk if key not in CONFIG_KEYS]
    problems += [toml_problem(path, text, ("desk", key), f"a path as text, e.g. \"{key}\"")
                 for key, value in desk.items() if key in CONFIG_KEYS and not
                 (isinstance(value, str) and value.strip() and "\x00" not in value)]
    problems += [toml_problem(path, text, ("desk", key), f"'{value}' is outside the desk; "
                               "a desk's folders are inside it")
                 for key, value in desk.items() if key in CONFIG_KEYS and isinstance(value, str)
                 and value.strip() and "\x00" not in value and not inside(path.parent, value)]
    if problems:
        raise InputError(problems)
    return {key: str(value) for key, value in desk.items()}


def inside(root: Path, relative: str) -> bool:
    """Tell whether `relative`, taken from `root`, names a path inside `root` (links followed)."""
    root = root.resolve()
    target = (root / relative).resolve()
    return target != root and target.is_relative_to(root)
