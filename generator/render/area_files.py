"""A new area's local data files, as text, with placeholders to fill in (`mappa new-area`).

A bilingual area (``languages: [en, cy]``) also gets ``cy/<file>`` for each of its files
that holds text: the English file's text fields in the same shape (ids kept, list entries
in their places), each a 'FILL IN: Welsh for: ...' placeholder, as
:mod:`generator.load.translation` reads a translation. A field the model types as a date
is never text, though the new English file still holds a placeholder there.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.load.data import DATA_FILES, LOCAL_FILES, PLACEHOLDER
from generator.load.translation import is_text
from generator.load.yaml_file import parse_yaml
from generator.render.templating import environment, render_located

# The local procedures every area describes: (field, heading, what to write).
PROCEDURES = [
    ("referral", "How to refer to MAPPA", "how health professionals refer someone to MAPPA"),
    ("risk_management", "What MAPPA meetings are for", "what the meetings produce: the risk management plan"),
    ("why_health_attends", "Why health professionals attend", "why health visitors, school nurses and GPs are invited"),
    ("minutes", "Storing and sharing the minutes", "how to keep, check and delete the minutes"),
    ("after_the_meeting", "After the meeting", "what the health professional who attended does afterwards"),
    ("alerts", "MAPPA alerts", "how to put an alert on the clinical system, and what to do when you see one"),
]
LANGUAGES = {"en": ("en",), "en,cy": ("en", "cy")}
"""What ``mappa new-area --languages`` accepts, and the languages each stands for."""
WELSH = "cy"
WELSH_PLACEHOLDER = f"{PLACEHOLDER}: Welsh for: "


def render_new_area(name: str, schemas: str, root: Path, languages: tuple[str, ...] = ("en",)) -> dict[str, str]:
    """The local data files of a new area called ``name``, by file name (``cy/<file>`` for
    the Welsh of a bilingual area), with 'FILL IN' placeholders; ``schemas`` is the path
    from the new folder to the project's schemas/."""
    folder = root / "templates" / "new_area"
    env = environment([folder], root, "yaml")
    options = {"name": name, "schemas": schemas, "procedures": PROCEDURES, "languages": languages}

    def render() -> dict[str, str]:
        files = {filename: env.get_template(filename).render(**options) for filename in LOCAL_FILES}
        if WELSH in languages:
            for filename in LOCAL_FILES:
                body = welsh_skeleton(filename, parse_yaml(files[filename], folder / filename).value)
                if body:
                    text = env.get_template(f"{WELSH}/translation.yaml").render(file=filename, body=yaml_text(body))
                    files[f"{WELSH}/{filename}"] = text
        return files

    return render_located(render, folder)


def welsh_skeleton(filename: str, english: dict[str, Any]) -> dict[str, Any]:
    """Every text field of the English ``filename``'s value, in its shape, as a Welsh
    placeholder; ids kept. Empty when the file holds no text to translate."""
    return _mapping(filename, english, DATA_FILES[filename].model) or {}


def welsh_placeholder(english: str) -> str:
    """'FILL IN: Welsh for: ' and the English text (or what its own placeholder asks for)."""
    return WELSH_PLACEHOLDER + (english.removeprefix(PLACEHOLDER).lstrip(" :") if english.startswith(PLACEHOLDER) else english)


def _mapping(filename: str, english: dict[str, Any], model: type[BaseModel] | None) -> dict[str, Any] | None:
    """The text of one mapping, its id first; None when it holds none."""
    found: dict[str, Any] = {}
    for key, value in english.items():
        field = model.model_fields.get(key) if model is not None else None
        kinds = _kinds(field.annotation) if field is not None else []
        if not is_text(filename, key, value) or any(isinstance(kind, type) and issubclass(kind, dt.date) for kind in kinds):
            continue
        inner = next((kind for kind in kinds if isinstance(kind, type) and issubclass(kind, BaseModel)), None)
        text = _value(filename, value, inner)
        if text is not None:
            found[key] = text
    if found and "id" in english:
        found = {"id": english["id"], **found}
    return found or None


def _value(filename: str, english: Any, model: type[BaseModel] | None) -> Any:
    """The text of one value that may hold text (a string, a mapping or a list)."""
    if isinstance(english, str):
        return welsh_placeholder(english)
    if isinstance(english, dict):
        return _mapping(filename, english, model)
    if isinstance(english, list):
        if all(isinstance(item, str) for item in english):
            return [welsh_placeholder(item) for item in english]
        by_id = all(isinstance(item, dict) and "id" in item for item in english)
        items = [_value(filename, item, model) for item in english]
        # Entries with ids are matched by id: one with no text is left out. Others are
        # matched by place: each keeps its place.
        kept = [item for item in items if item is not None] if by_id else [{} if item is None else item for item in items]
        return kept or None
    return None


def _kinds(annotation: Any) -> list[Any]:
    """The types a field's annotation allows, through Optional, unions, lists and Annotated."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kinds(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list):
        return [kind for argument in get_args(annotation) for kind in _kinds(argument)]
    return [annotation]


def yaml_text(value: Any, indent: int = 0) -> str:
    """``value`` (mappings, lists and strings) as block YAML, every string double-quoted."""
    return "".join(line + "\n" for line in _lines(value, indent))


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [pad + "{}"]
        lines = []
        for key, item in value.items():
            if isinstance(item, str):
                lines.append(f"{pad}{key}: {_quoted(item)}")
            else:
                lines += [f"{pad}{key}:", *_lines(item, indent + 2)]
        return lines
    lines = []
    for item in value:
        if isinstance(item, str):
            lines.append(f"{pad}- {_quoted(item)}")
        else:
            inner = _lines(item, indent + 2)
            lines += [f"{pad}- {inner[0][indent + 2 :]}", *inner[1:]]
    return lines


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string, as the templates' ``yaml`` filter
