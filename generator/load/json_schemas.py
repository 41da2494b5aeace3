"""JSON Schemas written from the models: the one place a model becomes a schema.

``mappa schema`` writes one for every data file (for editors' YAML plugins, through
:mod:`generator.write.schemas`), and the open data under api/ publishes one for each of its
JSON files (:mod:`generator.render.open_data`), from the same models and in the same form:
JSON Schema draft 2020-12, as stable, indented JSON.
"""

from __future__ import annotations

import copy
import functools
import json

from pydantic import BaseModel

from generator.load.data import DATA_FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(data_file: str) -> str:
    """The schema file for a data file: 'venues.yaml' -> 'venues.schema.json'."""
    return data_file.removesuffix(".yaml") + ".schema.json"


def model_schema(model: type[BaseModel], schema_id: str | None = None) -> dict:
    """The JSON Schema of a model, naming its draft (and its own address, ``$id``, if given)."""
    schema = copy.deepcopy(_json_schema(model))
    schema["$schema"] = DRAFT
    if schema_id is not None:
        schema["$id"] = schema_id
    return schema


@functools.cache
def _json_schema(model: type[BaseModel]) -> dict:
    """A model's schema, worked out once per process (the models do not change in one)."""
    return model.model_json_schema()


def json_text(value: object, sort_keys: bool = True) -> str:
    """A JSON value as stable, indented UTF-8 text ending with a newline."""
    return json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False) + "\n"


def schema_text(data_file: str) -> str:
    """The JSON Schema of one data file, as stable, indented JSON."""
    return json_text(model_schema(DATA_FILES[data_file].model))
