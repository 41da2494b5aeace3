"""Load every data file, validate it, and check the files against each other.

``load_data`` is the one place facts enter the program. It returns an immutable
:class:`SiteData` or raises :class:`~generator.errors.DataError` listing every
problem in every file at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.load import models
from generator.errors import DataError, Problem, display_path
from generator.load.table_checks import table_problems
from generator.paths import national_data_dir
from generator.load.yaml_file import KeyPath, YamlDocument, load_yaml


@dataclass(frozen=True)
class SiteData:
    """Every data file, validated: the single source of the site's facts."""

    directory: Path
    site: models.SiteFile
    sources: models.SourcesFile
    area_sources: models.SourcesFile
    contacts: models.ContactsFile
    venues: models.VenuesFile
    agencies: models.AgenciesFile
    categories: models.CategoriesFile
    levels: models.LevelsFile
    read_codes: models.ReadCodesFile
    notification_periods: models.NotificationPeriodsFile
    procedures: models.ProceduresFile
    glossary: models.GlossaryFile

    @property
    def all_sources(self) -> list[models.Source]:
        """National sources, then the area's own."""
        return [*self.sources.sources, *self.area_sources.sources]

    def source(self, source_id: str) -> models.Source:
        """The source cited as ``source_id``."""
        return next(s for s in self.all_sources if s.id == source_id)


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _container(model: type[models.Record], loc: KeyPath) -> Any:
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


def _model_fields(model: type[models.Record], loc: KeyPath) -> list[str]:
    """The field names allowed beside the last part of ``loc``."""
    return list(getattr(_container(model, loc), "model_fields", {}))


def _field_description(model: type[models.Record], loc: KeyPath) -> str | None:
    """The description of the field at ``loc``, as the schema gives it."""
    field = getattr(_container(model, loc), "model_fields", {}).get(loc[-1] if loc else None)
    return field.description if field is not None else None


def _record_type(annotation: Any) -> Any:
    """The Record class inside an annotation such as ``list[Venue] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, models.Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _record_type(argument)
        if found is not None:
            return found
    return None


def _is_union_tag(part: str | int) -> bool:
    """Whether ``part`` of an error location names a union branch, such as 'FixedPeriod'."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part.startswith("function-"))


def _strip_union_tags(loc: tuple[Any, ...]) -> KeyPath:
    """Remove pydantic's union branch names from an error location."""
    return tuple(p for p in loc if not _is_union_tag(p))


def _friendly(error: dict[str, Any], model: type[models.Record]) -> tuple[str, bool]:
    """An editor-friendly message for one pydantic error, and whether it points at the key."""
    kind = error["type"]
    loc = _strip_union_tags(error["loc"])
    name = _field_name(loc)
    if any(_is_union_tag(part) for part in error["loc"]) and kind != "extra_forbidden":
        description = _field_description(model, loc) or "see the schema"
        return f"'{name}' is not valid. {description}", False
    if kind == "extra_forbidden":
        allowed = _model_fields(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"unknown field '{name}'{hint}", True
    if kind == "missing":
        return f"missing field '{name}'", False
    if kind == "string_type":
        return f"'{name}' must be text; put the value in quotes", False
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


PLACEHOLDER = "FILL IN"


def placeholders(value: Any, path: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """Every value still written as a placeholder ('FILL IN: ...'), with its path."""
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in placeholders(item, path + (key,))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in placeholders(item, path + (index,))]
    return []


def _validate(document: YamlDocument, model: type[models.Record]) -> tuple[models.Record | None, list[Problem]]:
    unfilled = placeholders(document.value)
    problems = [document.problem(path, "still to fill in: " + text.removeprefix(PLACEHOLDER).lstrip(" :")) for path, text in unfilled]
    try:
        value = model.model_validate(document.value)
    except ValidationError as error:
        for item in error.errors():
            location = _strip_union_tags(item["loc"])
            if any(location[: len(path)] == path for path, _ in unfilled):
                continue  # the placeholder is the problem, reported above
            # A union (such as a notification period) reports one error per branch:
            # _one_per_place keeps the first at each place.
            message, at_key = _friendly(item, model)
            problems.append(document.problem(location, message, at_key=at_key))
        return None, _one_per_place(problems)
    return (None if problems else value), problems


def _one_per_place(problems: list[Problem]) -> list[Problem]:
    """Keep the first message for each line and column (unions repeat themselves)."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for problem in problems:
        place = (problem.path, problem.line, problem.column)
        if place not in seen:
            seen.add(place)
            kept.append(problem)
    return kept


def data_file(directory: Path, filename: str, national_dir: Path | None = None) -> Path:
    """Where a data file is read from: the area's folder, or for a national file the
    area leaves out, the national data folder."""
    path = directory / filename
    if filename in models.NATIONAL_FILES and not path.exists():
        return (national_dir or national_data_dir()) / filename
    return path


def load_data(directory: Path, national_dir: Path | None = None) -> SiteData:
    """Read and validate an area's data folder; raise DataError listing every problem.

    National files the folder does not hold come from ``national_dir`` (by default the
    project's data/ folder).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DataError([Problem(display_path(directory), 1, 1, "data folder not found")])
    documents: dict[str, YamlDocument] = {}
    values: dict[str, models.Record] = {}
    problems: list[Problem] = []
    for filename, model in models.DATA_FILES.items():
        try:
            document = load_yaml(data_file(directory, filename, national_dir))
        except DataError as error:
            problems.extend(error.problems)
            continue
        documents[filename] = document
        value, found = _validate(document, model)
        problems.extend(found)
        if value is not None:
            values[filename] = value
    problems.extend(_unexpected_files(directory))
    if problems:
        raise DataError(problems)
    problems = cross_file_problems(values, documents)
    if problems:
        raise DataError(problems)
    return SiteData(directory=directory, **{name.removesuffix(".yaml"): value for name, value in values.items()})


def _unexpected_files(directory: Path) -> list[Problem]:
    problems = []
    for path in sorted(directory.glob("*.y*ml")):
        if path.name not in models.DATA_FILES:
            close = difflib.get_close_matches(path.name, list(models.DATA_FILES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(display_path(path), 1, 1, f"unknown data file{hint}"))
    return problems


def _walk_sources(value: Any, path: KeyPath):
    """Yield (path, source id) for every field whose name ends in 'source'."""
    if isinstance(value, models.Record):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name == "source" or name.endswith("_source"):
                yield path + (name,), child
            else:
                yield from _walk_sources(child, path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk_sources(item, path + (index,))


def _numbering_problems(document: YamlDocument, items: list[Any], list_name: str) -> list[Problem]:
    problems = []
    for index, item in enumerate(items):
        if item.number != index + 1:
            problems.append(
                document.problem((list_name, index, "number"), f"expected number {index + 1}: number the {list_name} 1, 2, 3 … in order")
            )
    return problems


def _duplicate_problems(document: YamlDocument, items: list[Any], list_name: str, key: str) -> list[Problem]:
    problems, seen = [], set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            problems.append(document.problem((list_name, index, key), f"duplicate {key} '{value}'"))
        seen.add(value)
    return problems


def cross_file_problems(values: dict[str, models.Record], documents: dict[str, YamlDocument]) -> list[Problem]:
    """Checks that need more than one record or file: citations, numbering, the table's coverage."""
    problems: list[Problem] = []
    national: models.SourcesFile = values["sources.yaml"]  # type: ignore[assignment]
    local: models.SourcesFile = values["area_sources.yaml"]  # type: ignore[assignment]
    known = {s.id for s in national.sources}
    problems += _duplicate_problems(documents["sources.yaml"], national.sources, "sources", "id")
    for index, item in enumerate(local.sources):
        if item.id in known:
            problems.append(documents["area_sources.yaml"].problem(("sources", index, "id"), f"duplicate id '{item.id}': the national sources.yaml has it already"))
    known |= {s.id for s in local.sources}
    problems += _duplicate_problems(documents["area_sources.yaml"], local.sources, "sources", "id")
    for filename, value in values.items():
        for path, source_id in _walk_sources(value, ()):
            if source_id not in known:
                close = difflib.get_close_matches(source_id, sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else " (add it to area_sources.yaml or sources.yaml)"
                problems.append(documents[filename].problem(path, f"unknown source '{source_id}'{hint}"))
    problems += _numbering_problems(documents["categories.yaml"], values["categories.yaml"].categories, "categories")  # type: ignore[attr-defined]
    problems += _numbering_problems(documents["levels.yaml"], values["levels.yaml"].levels, "levels")  # type: ignore[attr-defined]
    problems += _duplicate_problems(documents["venues.yaml"], values["venues.yaml"].venues, "venues", "name")  # type: ignore[attr-defined]
    problems += _duplicate_problems(documents["read_codes.yaml"], values["read_codes.yaml"].codes, "codes", "id")  # type: ignore[attr-defined]
    problems += _duplicate_problems(documents["glossary.yaml"], values["glossary.yaml"].terms, "terms", "term")  # type: ignore[attr-defined]
    problems += table_problems(values["notification_periods.yaml"], documents["notification_periods.yaml"])  # type: ignore[arg-type]
    return problems
