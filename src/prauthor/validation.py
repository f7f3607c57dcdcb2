"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from prauthor.errors import InputError, Problem
from prauthor.yamlsource import Source, dotted, illegal_characters

M = TypeVar("M", bound=BaseModel)

# Tags of discriminated unions appear in pydantic's error locations; readers never
# wrote them, so they are dropped before a location is shown or looked up.
UNION_TAGS = frozenset({"text-block", "paragraph-block", "list-block", "heading-block",
                        "quote-block", "table-block", "event-block", "item-text", "item-list",
                        "item-node", "ref-name", "ref-params", "marker-block", "image-block",
                        "column-text",
                        "column-spec", "header-text", "header-spec", "row-cells", "row-section",
                        "row-total", "row-spec", "dial-text", "dial-spec", "replay-text",
                        "replay-spec", "company-id", "company-list"})


def validate(model: type[M], source: Source, context: dict | None = None) -> M:
    """Validate `source` against `model`; raise InputError listing every problem."""
    problems = illegal_characters(source)
    try:
        result = model.model_validate(source.data, context=context)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        meant = _misspelled(model, errors)
        problems += [_problem(model, source, e) for e in errors
                     if not (e["type"] == "missing" and _loc(e) in meant)]
        result = None
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return result


def _loc(error: Any) -> tuple:
    return tuple(k for k in error["loc"] if k not in UNION_TAGS)


def _misspelled(model: type[BaseModel], errors: list) -> set[tuple]:
    """Return the places of missing fields an unknown field beside them misspells.

    `titel:` where `title:` is required is one mistake: the unknown field's did-you-mean
    says it all, and a second line saying the title is missing would only repeat it.
    """
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            *parent, word = _loc(error)
            choices = sorted(fields_at(model, tuple(parent)) - {str(word)})
            meant |= {(*parent, close) for close in
                      difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)}
    return meant


def _problem(model: type[BaseModel], source: Source, error: Any) -> Problem:
    loc = _loc(error)
    if error["type"] == "model_type" and source.data is None:
        return source.problem(loc, "the file is empty")
    if unknown := _unknown_key(error):  # at the line of the key, which may be below the item's
        return Problem(source.path, source.line((*loc, unknown[0])), dotted(loc), unknown[1])
    return source.problem(loc, validation_message(model, error))


def keyed(noun: str, keys, fields=()) -> dict[str, str]:
    """Return the error context of a union told apart by its key, e.g. `quote:` in a body.

    `keys` name its members; `fields` are the other keys members take (a heading's level).
    The context lets a misspelled key be named, with the key meant.
    """
    return {"noun": noun, "keys": " ".join(keys), "fields": " ".join(fields)}


def _unknown_key(error: Any) -> tuple[str, str] | None:
    """Return a mapping's unknown key and the message naming it, for a keyed union."""
    context, written = error.get("ctx") or {}, error.get("input")
    if "keys" not in context or not isinstance(written, dict):
        return None
    keys = context["keys"].split()
    known = {*keys, *context["fields"].split()}
    word = next((str(key) for key in written if str(key) not in known), None)
    if word is None:
        return None
    hint = _suggest(word, set(keys)) or f": {_clean(error['msg'])}"
    return word, f"unknown {context['noun']} '{word}'{hint}"


def validation_message(model: type[BaseModel], error: Any) -> str:
    """Return a reader's message for one pydantic error."""
    loc = _loc(error)
    kind = error["type"]
    if unknown := _unknown_key(error):
        return unknown[1]
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _mapping_expected(model, loc, error.get("input"))
    if kind == "literal_error":
        return _not_a_choice(error.get("input"), error["ctx"]["expected"])
    written = error.get("input")
    if kind == "string_type" and isinstance(written, int | float):  # a bool is an int too
        word = str(written).lower()
        reads = "a truth value" if isinstance(written, bool) else "a number"
        return f'text is expected here, and YAML reads {word} as {reads}: write "{word}"'
    if kind in TYPE_WORDS:
        return f"{TYPE_WORDS[kind]} is expected here, not {_shape(written)}"
    if kind == "extra_forbidden":
        word = str(loc[-1])  # a field of another part of the spec is no answer here
        return f"unknown field '{word}'" + _suggest(word, fields_at(model, loc[:-1]) - {word})
    if kind == "missing":
        return "required field is missing"
    if kind in DATE_ERRORS and not ISO_DATE.fullmatch(str(error.get("input", "")).strip()):
        return _date_message(error.get("input"))  # a real day in another form: say the form
    if kind == "list_type":
        return ("a list is expected here: write each item on its own line starting with "
                "'- ', or [first, second]")
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        return f"'{written}' is not {PATTERN_WORDS.get(pattern, f'of the form {pattern}')}"
    if kind == "string_too_short" and not written:
        return "this is empty: write the text, or leave the field out if it may be"
    if kind == "too_short":
        least, given = error["ctx"]["min_length"], error["ctx"].get("actual_length", 0)
        return f"the list should have at least {least} item{'s' * (least != 1)}, not {given}"
    message = _clean(error["msg"])
    if message.startswith("input should be") and isinstance(written, str | int):
        return f"'{written}' should be{message.removeprefix('input should be')}"
    return message


# What a value written to a pattern is, in words; a pattern not named here is shown as is.
PATTERN_WORDS = {
    r"^https?://\S+$": "a web address: https:// (or http://) and the rest, without spaces",
    r"^[0-9]+(\.[0-9]+)?$": "an exhibit number such as 99.1",
    r"^[A-Z][A-Z0-9.\-]{0,9}$": "a ticker symbol: capital letters, digits, '.' or '-', at "
                               "most ten, a letter first (CRVN, BRK.B)",
}

# What a value of each type is called, in the words of the YAML an author writes.
TYPE_WORDS = {"string_type": "text", "bool_type": "true or false", "bool_parsing": "true or false",
              "int_type": "a whole number", "int_parsing": "a whole number",
              "int_from_float": "a whole number", "float_type": "a number",
              "float_parsing": "a number"}


def _shape(written: Any) -> str:
    """Name what a value is, as YAML wrote it: a mapping, a list, text, a number."""
    if isinstance(written, dict):
        return "a mapping (key: value lines)"
    if isinstance(written, list):
        return "a list"
    if isinstance(written, bool):
        return f"'{str(written).lower()}'"
    return "nothing" if written is None else f"'{written}'"


def _mapping_expected(model: type[BaseModel], loc: tuple, written: Any) -> str:
    """Say that a part is a mapping of fields, naming some, and what was written instead."""
    fields = f"a mapping of fields such as {_some_fields(model, loc)}"
    noun = getattr(model, "noun", None)
    head = f"a {noun} is {fields}" if noun and not loc else f"{fields} is expected here"
    return f"{head}: write each as 'key: value' on its own line, not as {_shape(written)}"


def _some_fields(model: type[BaseModel], loc: tuple, most: int = 6) -> str:
    """Name the required fields at `loc` first, then others, up to `most` of them."""
    models = _models_at(model, loc)
    required = [f.alias or n for m in models for n, f in m.model_fields.items()
                if f.is_required()]
    others = [f.alias or n for m in models for n, f in m.model_fields.items()
              if not f.is_required()]
    names = list(dict.fromkeys(required + others))
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def _not_a_choice(written: Any, expected: str) -> str:
    """Say a value is not one of the choices, with the nearest one named."""
    if not isinstance(written, str | int) or isinstance(written, bool):
        return f"one of {expected} is expected here, not {_shape(written)}"
    choices = re.findall(r"'([^']*)'", expected)
    return f"'{written}' is not one of {expected}{_suggest(str(written), set(choices))}"


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_ERRORS = frozenset({"date_from_datetime_parsing", "date_parsing", "date_type",
                         "date_from_datetime_inexact"})


def _date_message(written: Any) -> str:
    """Say how to write a date, reading the common US and European forms for a hint."""
    hint = ""
    match = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", str(written))
    if match:
        first, second, year = (int(g) for g in match.groups())
        us = _iso(year, first, second) if "/" in str(written) else None
        european = _iso(year, second, first)
        guesses = [d for d in dict.fromkeys((us, european)) if d]
        hint = f" ({' or '.join(guesses)}?)" if guesses else ""
    return f"'{written}' is not a date: write it as YYYY-MM-DD{hint}"


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _clean(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[0].lower() + message[1:] if message else message


def _suggest(word: str, choices: set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def suggest(word: str, choices) -> str:
    """Return ' (did you mean X?)' for the closest choice, or ''."""
    return _suggest(word, set(choices))


def field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Collect every field name of `model` and of the models nested in it."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for nested in _models_in(field.annotation):
            names |= field_names(nested, seen)
    return names


def fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """Return the field names allowed at `loc` (every model's, where the walk is lost)."""
    models = _models_at(model, loc)
    if not models:
        return field_names(model)
    return {field.alias or name for m in models for name, field in m.model_fields.items()}


def _models_at(model: type[BaseModel], loc: tuple) -> list[type[BaseModel]]:
    """Return the models a value at `loc` may be, following field names down from `model`."""
    models = [model]
    for key in loc:
        if isinstance(key, int):
            continue  # an item of a list: the same models
        models = list(dict.fromkeys(
            nested for m in models for name, field in m.model_fields.items()
            if key in (name, field.alias) for nested in _models_in(field.annotation)))
    return models


def _models_in(annotation: Any):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _models_in(origin)
