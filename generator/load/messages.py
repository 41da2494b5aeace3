"""Pydantic's validation errors, reworded for editors: what is wrong and how to write it."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from typing import Any

from generator.load.fields import Record
from generator.load.yaml_file import KeyPath


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _container(model: type[Record], loc: KeyPath) -> Any:
    """The model class that holds the field named by the last part of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        current = _record_type(field.annotation)
    return current


def _model_fields(model: type[Record], loc: KeyPath) -> list[str]:
    """The field names allowed beside the last part of ``loc``."""
    return list(getattr(_container(model, loc), "model_fields", {}))


def _field_description(model: type[Record], loc: KeyPath) -> str | None:
    """The description of the field at ``loc``, as the schema gives it."""
    field = getattr(_container(model, loc), "model_fields", {}).get(loc[-1] if loc else None)
    return field.description if field is not None else None


def _record_type(annotation: Any) -> Any:
    """The Record class inside an annotation such as ``list[Venue] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _record_type(argument)
        if found is not None:
            return found
    return None


def _is_union_tag(part: str | int) -> bool:
    """Whether ``part`` of an error location names a union branch, such as 'FixedPeriod'."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part.startswith("function-"))


def strip_union_tags(loc: tuple[Any, ...]) -> KeyPath:
    """Remove pydantic's union branch names from an error location."""
    return tuple(p for p in loc if not _is_union_tag(p))


# Fields an area's older data may still hold, and why they went.
RETIRED_FIELDS = {
    "next_review": "every page's and record's next review is worked out from its own 'reviewed' date "
    "and review_every_months, and that is the date shown",
}


def _iso_date(text: str) -> bool:
    """Whether ``text`` is a real date written YYYY-MM-DD."""
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return len(text.strip()) == 10


_CURLY_QUOTES = set("\u2018\u2019\u201c\u201d")


def friendly_message(error: Mapping[str, Any], model: type[Record]) -> tuple[str, bool]:
    """An editor-friendly message for one pydantic error, and whether it points at the key."""
    kind = error["type"]
    loc = strip_union_tags(error["loc"])
    name = _field_name(loc)
    if any(_is_union_tag(part) for part in error["loc"]) and kind != "extra_forbidden":
        description = _field_description(model, loc) or "see the schema"
        return f"'{name}' is not valid. {description}", False
    if kind == "extra_forbidden" and name in RETIRED_FIELDS:
        return f"'{name}' is no longer used: {RETIRED_FIELDS[name]}; delete this line", True
    if kind == "extra_forbidden":
        allowed = _model_fields(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})" if allowed else ""
        if _CURLY_QUOTES.intersection(name):
            hint = f"{hint}: curly quotes are not YAML quotes; type the key without quotes"
        return f"unknown field '{name}'{hint}", True
    if kind == "missing":
        return f"missing field '{name}'", False
    if kind == "string_type":
        return f"'{name}' must be text; put the value in quotes", False
    if kind == "date_type" and isinstance(error.get("input"), str) and _iso_date(error["input"]):
        return f"'{name}' must be a date without quotes: write {name}: {error['input'].strip()}", False
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"'{name}' must be a date written YYYY-MM-DD, for example 2026-11-22", False
    if kind in {"int_type", "int_parsing"}:
        return f"'{name}' must be a whole number", False
    if kind == "bool_type":
        return f"'{name}' must be true or false", False
    if kind in {"list_type"}:
        return f"'{name}' must be a list, one item per line starting with '- '", False
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"'{name}' must be a group of 'field: value' lines", False
    if kind == "string_pattern_mismatch":
        return f"'{name}' is not in the expected form ({_PATTERN_HINTS.get(name, 'see the schema')})", False
    if kind == "string_too_short":
        return f"'{name}' must not be empty", False
    if kind == "literal_error":
        return f"'{name}' must be {error['ctx']['expected']}", False
    if kind == "too_short":
        return f"'{name}' needs at least {error['ctx']['min_length']} item(s)", False
    message = error["msg"].removeprefix("Value error, ")
    return (f"'{name}': {message}" if name != "value" else message), False


_PATTERN_HINTS = {
    "phone": "digits and spaces, for example '01603 276320'",
    "email": "an email address such as 'office@example.org'",
    "url": "a web address starting with https://",
    "site_url": "a web address starting with https://",
    "website": "a web address starting with https://",
    "id": "lower-case words joined by hyphens, for example 'norfolk-leaflet'",
    "code": "letters and digits only",
}
