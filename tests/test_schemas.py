"""`prauthor schema`: JSON Schemas editors check specs, profiles and blocks with."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT
from prauthor.schemas import undescribed
from prauthor.yamlsource import parse_yaml


def read(text: str):
    """Read YAML as editors do (YAML 1.2: dates stay text)."""
    return parse_yaml(text, ROOT / "x.yaml").data


def schema_of(cli, kind: str) -> dict:
    code, out, err = cli("schema", "--for", kind)
    assert code == 0, err
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("kind", ["spec", "profile", "block"])
def test_every_field_has_a_description(cli, kind):
    # A new field needs Field(description=...) or an entry in prauthor.schemas.DESCRIBED.
    assert undescribed(schema_of(cli, kind)) == []


def test_the_schemas_accept_the_sample_desk_and_refuse_a_typo(cli):
    spec, profile, block = (schema_of(cli, kind) for kind in ("spec", "profile", "block"))
    for example in EXAMPLES:
        jsonschema.validate(read(example.read_text()), spec)
    for path in (ROOT / "examples" / "companies").glob("*.yaml"):
        jsonschema.validate(read(path.read_text()), profile)
    for path in (ROOT / "boilerplate").rglob("v*.md"):
        front = path.read_text().split("---")[1]
        jsonschema.validate(read(front), block)
    release = read(EXAMPLES[0].read_text())
    release["headlin"] = release.pop("headline")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(release, spec)


def test_body_blocks_are_told_apart_by_their_key(cli):
    spec = schema_of(cli, "spec")
    body = spec["properties"]["body"]["items"]
    kinds = body.get("oneOf") or body.get("anyOf")
    refs = {k.get("$ref", "").rsplit("/", 1)[-1] for k in kinds}
    assert {"QuoteBlock", "TableBlock", "ListBlock", "EventBlock"} <= refs
    quote = spec["$defs"]["Quote"]
    assert quote["additionalProperties"] is False and "before" in quote["properties"]


def test_the_spec_schema_is_the_default(cli):
    assert json.loads(cli("schema")[1])["title"] == "prauthor release spec"
