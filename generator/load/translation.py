"""Another language's text laid over the English data: one source of truth for the facts.

A Welsh data file (``data/cy/levels.yaml`` beside ``data/levels.yaml``, or an area's
``AREA/cy/site.yaml``) holds only the English file's text, translated, in the same shape:
list items matched by their ``id``, or by their place when they have none. Numbers,
dates, ids, sources, addresses and phone numbers always come from the English file
(:func:`is_text` says which values are text). Nothing falls back: a text with no
translation, a translation with no English, or a fact repeated in the translation is a
located problem. Each file says whether it is a ``draft`` or ``reviewed`` and when it was
last ``translated``; an entry translated before its English was last reviewed gets a
warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem, display_path
from generator.load.data import PLACEHOLDER
from generator.load.yaml_file import KeyPath, YamlDocument

STATUS, TRANSLATED = "translation", "translated"  # what every translated file says of itself
STATUSES = ("draft", "reviewed")
NOT_TEXT = frozenset(
    {
        "id", "source", "email", "phone", "website", "url", "site_url", "language", "languages", "page", "pages",
        "disposal", "on_outcome_of", "period", "reference", "statute", "publisher", "code", "scheme", "data_licence", "address",
    }
)  # fmt: skip
"""Keys whose strings are facts, names or references, never translated (see :func:`is_text`)."""
NOT_TEXT_IN = {"sources.yaml": {"title"}, "area_sources.yaml": {"title"}, "read_codes.yaml": {"term"}}
"""Keys left in English in one file: documents' own titles, the clinical terms of codes."""


def is_text(file: str, key: str | int, value: Any) -> bool:
    """Whether ``value``, at ``key`` in the English ``file``, is text that a translation gives."""
    if isinstance(key, str) and (key in NOT_TEXT or key.endswith("_source") or key in NOT_TEXT_IN.get(file, ())):
        return False
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(is_text(file, item_key, item) for item_key, item in value.items())
    if isinstance(value, list):
        return any(is_text(file, key, item) for item in value)
    return False


@dataclass
class Overlay:
    """One English file and its translation, laid together (:func:`overlay`)."""

    file: str
    english: YamlDocument
    translated: YamlDocument
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    status: str = "draft"


def overlay(file: str, english: YamlDocument, translated: YamlDocument) -> tuple[Any, Overlay]:
    """The English file's value with every text taken from ``translated``, and what was found."""
    found = Overlay(file, english, translated)
    value = translated.value
    status = value.get(STATUS)
    if status not in STATUSES:
        found.errors.append(
            translated.problem(
                (STATUS,) if STATUS in value else (),
                "say whether this translation is 'draft' or 'reviewed': add 'translation: draft' (or 'reviewed') at the top",
            )
        )
    else:
        found.status = status
    day = value.get(TRANSLATED)
    if not isinstance(day, dt.date):
        found.errors.append(
            translated.problem(
                (TRANSLATED,) if TRANSLATED in value else (),
                "say when the translation was last checked against the English: add 'translated: YYYY-MM-DD' at the top",
            )
        )
        day = dt.date.min
    merged = _mapping(found, english.value, value, (), (), day)
    return merged, found


def _mapping(found: Overlay, english: dict, translated: Any, here: KeyPath, there: KeyPath, day: dt.date) -> dict:
    """``english`` (a mapping at ``here``) with the texts of ``translated`` (at ``there``)."""
    if not isinstance(translated, dict):
        found.errors.append(found.translated.problem(there, "this should be a list of 'field: value' lines, as in the English"))
        return english
    day = translated.get(TRANSLATED, day) if isinstance(translated.get(TRANSLATED), dt.date) else day
    _out_of_date(found, english, here, there, day)
    merged = dict(english)
    for key, item in english.items():
        if not is_text(found.file, key, item):
            continue
        if key not in translated:
            _missing(found, here + (key,))
            continue
        merged[key] = _value(found, item, translated[key], here + (key,), there + (key,), day)
    for key in translated:
        if key in english and is_text(found.file, key, english[key]) or (not here and key in (STATUS, TRANSLATED)):
            continue
        if key == TRANSLATED or (key == "id" and english.get("id") == translated[key]):
            continue
        if key in english:
            message = f"'{key}' comes from the English file ({found.english.where(here + (key,))}): do not repeat it here"
        else:
            message = f"'{key}' has no English in {display_path(found.english.path)}: remove it, or add it to the English first"
        found.errors.append(found.translated.problem(there + (key,), message, at_key=True))
    return merged


def _value(found: Overlay, english: Any, translated: Any, here: KeyPath, there: KeyPath, day: dt.date) -> Any:
    """The translation of one English value that holds text."""
    if isinstance(english, str):
        if isinstance(translated, str) and translated.strip():
            return english if _unfilled(found, translated, there) else translated
        found.errors.append(found.translated.problem(there, "this should be text, the translation of the English"))
        return english
    if isinstance(english, dict):
        return _mapping(found, english, translated, here, there, day)
    if not isinstance(translated, list):
        found.errors.append(found.translated.problem(there, "this should be a list, as in the English"))
        return english
    if all(isinstance(item, str) for item in english):
        if translated and all(isinstance(item, str) and item.strip() for item in translated):
            unfilled = [_unfilled(found, item, there + (index,)) for index, item in enumerate(translated)]
            return english if any(unfilled) else translated
        found.errors.append(found.translated.problem(there, "this should be a list of texts, the translation of the English list"))
        return english
    return _list(found, english, translated, here, there, day)


def _list(found: Overlay, english: list, translated: list, here: KeyPath, there: KeyPath, day: dt.date) -> list:
    """A list of entries: matched by their ``id`` when the English entries have one, else by place."""
    by_id = all(isinstance(item, dict) and "id" in item for item in english)
    places: dict[int, int] = {}  # English place -> translated place
    if by_id:
        ids = {item["id"]: index for index, item in enumerate(english)}
        for index, item in enumerate(translated):
            key = item.get("id") if isinstance(item, dict) else None
            if key in ids and ids[key] not in places:
                places[ids[key]] = index
            else:
                words = (
                    f"no English entry has the id '{key}'"
                    if key is not None
                    else "each entry here starts with the 'id' of its English entry"
                )
                found.errors.append(found.translated.problem(there + (index,), f"{words} in {display_path(found.english.path)}"))
    else:
        places = {index: index for index in range(min(len(english), len(translated)))}
        for index in range(len(english), len(translated)):
            message = f"the English list ({found.english.where(here)}) has {len(english)} entries: this one has no English"
            found.errors.append(found.translated.problem(there + (index,), message))
    merged = list(english)
    for index, item in enumerate(english):
        if not is_text(found.file, index, item):
            continue
        if index not in places:
            _missing(found, here + (index,))
            continue
        merged[index] = _value(found, item, translated[places[index]], here + (index,), there + (places[index],), day)
    return merged


def _unfilled(found: Overlay, translated: str, there: KeyPath) -> bool:
    """Whether ``translated`` is still a placeholder ('FILL IN: ...', as `mappa new-area`
    writes); if so, an error at its Welsh line."""
    if not translated.startswith(PLACEHOLDER):
        return False
    found.errors.append(found.translated.problem(there, "still to fill in: " + translated.removeprefix(PLACEHOLDER).lstrip(" :")))
    return True


def _missing(found: Overlay, here: KeyPath) -> None:
    """A text with no translation: located at the English, naming where its translation goes."""
    where = display_path(found.translated.path)
    found.errors.append(found.english.problem(here, f"no Welsh for this text: add it to {where}"))


def _out_of_date(found: Overlay, english: dict, here: KeyPath, there: KeyPath, day: dt.date) -> None:
    """A warning when the English entry was reviewed after its translation was last checked."""
    reviewed = english.get("reviewed")
    if isinstance(reviewed, dt.date) and day != dt.date.min and day < reviewed:
        message = (
            f"the Welsh may be out of date: translated {day.isoformat()}, "
            f"but the English ({found.english.where(here)}) was reviewed {reviewed.isoformat()}"
        )
        found.warnings.append(_warning(found.translated.problem(there, message)))


def _warning(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.message, severity="warning")
