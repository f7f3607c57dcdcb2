"""Give editors JSON Schemas: of a release spec, a company profile and a block's front matter."""

from __future__ import annotations

SCHEMA = "https://json-schema.org/draft/2020-12/schema"
TITLES = {"spec": "prauthor release spec", "profile": "prauthor company profile",
          "block": "prauthor block front matter"}


def json_schema(kind: str = "spec") -> dict:
    """Return the JSON Schema of a spec, a company profile or a block's front matter."""
    schema = _model(kind).model_json_schema()
    if kind == "spec":
        from prauthor.wires import builtin_wires

        schema["properties"]["wire"]["examples"] = list(builtin_wires())
    return {"$schema": SCHEMA, **schema, "title": TITLES[kind]}


def _model(kind: str):
    if kind == "profile":
        from prauthor.company import Company

        return Company
    if kind == "block":
        from prauthor.library import BlockMeta

        return BlockMeta
    from prauthor.spec import Spec

    return Spec
