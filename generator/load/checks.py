"""Checks that need more than one record or file: citations, numbering, duplicates and the
table's coverage (see :mod:`generator.load.table_checks`)."""

from __future__ import annotations

import difflib
from typing import Any

from generator.errors import Problem
from generator.load.fields import Record
from generator.load.models import SourcesFile
from generator.load.table_checks import table_problems
from generator.load.yaml_file import KeyPath, YamlDocument


def _walk_sources(value: Any, path: KeyPath):
    """Yield (path, source id) for every field whose name ends in 'source'."""
    if isinstance(value, Record):
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


def cross_file_problems(values: dict[str, Record], documents: dict[str, YamlDocument]) -> list[Problem]:
    """Checks that need more than one record or file: citations, numbering, the table's coverage."""
    problems: list[Problem] = []
    national: SourcesFile = values["sources.yaml"]  # type: ignore[assignment]
    local: SourcesFile = values["area_sources.yaml"]  # type: ignore[assignment]
    known = {s.id for s in national.sources}
    problems += _duplicate_problems(documents["sources.yaml"], national.sources, "sources", "id")
    for index, item in enumerate(local.sources):
        if item.id in known:
            problems.append(
                documents["area_sources.yaml"].problem(
                    ("sources", index, "id"), f"duplicate id '{item.id}': the national sources.yaml has it already"
                )
            )
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
    for filename, list_name in (("registered_person.yaml", "sections"), ("offences.yaml", "sections"), ("if_asked.yaml", "items")):
        problems += _duplicate_problems(documents[filename], getattr(values[filename], list_name), list_name, "id")
    problems += table_problems(values["notification_periods.yaml"], documents["notification_periods.yaml"])  # type: ignore[arg-type]
    return problems
