"""Load a spec file and find its desk."""

from __future__ import annotations

from pathlib import Path

from prauthor.desk import Desk, find_desk
from prauthor.resolve import Loaded
from prauthor.spec import Spec
from prauthor.validation import validate
from prauthor.yamlsource import load_yaml


def load(path: Path, desk: Desk | None = None) -> Loaded:
    """Read and validate one spec; raise InputError listing every problem."""
    source = load_yaml(path)
    desk = desk or find_desk(path.parent)
    spec = validate(Spec, source, context={"wires": desk.wires})
    return Loaded(spec, source, desk)
