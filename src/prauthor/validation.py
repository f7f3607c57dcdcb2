"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from prauthor.errors import InputError, Problem
from prauthor.yamlsource import Source, illegal_characters

M = TypeVar("M", bound=BaseModel)

# Tags of discriminated unions appear in pydantic's error locations; readers never
# wrote them, so they are dropped before a location is shown or looked up.
UNION_TAGS = frozenset({"text-block", "paragraph-block", "list-block", "heading-block",
                        "quote-block", "table-block", "event-block", "item-text", "item-list",
                        "item-node", "ref-name", "ref-params", "marker-block", "image-block",
                        "column-text",
                        "column-spec", "header-text", "header-spec", "row-cells", "row-section",
                        "row-total", "row-spec", "dial-text", "dial-spec", "replay-text",
                        "replay-spec"})


def validate(model: type[M], source: Source, context: dict | None = None) -> M:
    """Validate `source` against `model`; raise InputError listing every problem."""
    problems = illegal_characters(source)
    try:
        result = model.model_validate(source.data, context=context)
    except ValidationError as error:
        problems += [_problem(model, source, e) for e in error.errors(include_url=False)]
        result = None
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return result


def _problem(model: type[BaseModel], source: Source, error: Any) -> Problem:
    loc = tuple(k for k in error["loc"] if k not in UNION_TAGS)
    if error["type"] == "model_type" and source.data is None:
        return source.problem(loc, "the file is empty")
    return source.problem(loc, validation_message(model, error))


def validation_message(model: type[BaseModel], error: Any) -> str:
    """Return a reader's message for one pydantic error."""
    loc = tuple(k for k in error["loc"] if k not in UNION_TAGS)
    kind = error["type"]
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
    return _clean(error["msg"])


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
    models = {model}
    for key in loc:
        if isinstance(key, int):
            continue  # an item of a list: the same models
        models = {nested for m in models for name, field in m.model_fields.items()
                  if key in (name, field.alias) for nested in _models_in(field.annotation)}
    if not models:
        return field_names(model)
    return {field.alias or name for m in models for name, field in m.model_fields.items()}


def _models_in(annotation: Any):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and hasattr(annotation, "__metadata__"):
        yield from _models_in(origin)
