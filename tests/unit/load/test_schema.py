"""JSON Schemas for editors: written by `mappa schema`, kept in step with the models."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from generator.load.data import DATA_FILES
from generator.load.json_schemas import schema_name, schema_text
from tests.conftest import DATA, ROOT


def test_committed_schemas_match_the_models() -> None:
    for data_file in DATA_FILES:
        committed = (ROOT / "schemas" / schema_name(data_file)).read_text(encoding="utf-8")
        assert committed == schema_text(data_file), f"run 'mappa schema' to refresh {schema_name(data_file)}"


def test_every_data_file_points_at_its_schema() -> None:
    for data_file in DATA_FILES:
        first_line = (DATA / data_file).read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
        assert match, data_file
        assert (DATA / match.group(1)).resolve() == (ROOT / "schemas" / schema_name(data_file)).resolve()


def test_schema_forbids_unknown_keys_and_describes_fields() -> None:
    schema = json.loads(schema_text("venues.yaml"))
    venue = schema["$defs"]["Venue"]
    assert venue["additionalProperties"] is False
    assert venue["properties"]["address"]["description"]


def test_cli_writes_a_schema_per_data_file(tmp_path: Path) -> None:
    mappa = str(Path(sys.executable).parent / "mappa")
    result = subprocess.run([mappa, "schema", "--out", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema_name(f) for f in DATA_FILES)
    for data_file in DATA_FILES:  # the schemas the open data's data is checked against (tests/unit/render/test_open_data.py)
        assert (tmp_path / schema_name(data_file)).read_text(encoding="utf-8") == schema_text(data_file)


def _properties(schema: dict, where: str):
    """Every property in a schema and its definitions, with a readable location."""
    for name, definition in {"(file)": schema, **schema.get("$defs", {})}.items():
        for field, spec in definition.get("properties", {}).items():
            yield f"{where}:{name}.{field}", spec


def test_every_field_has_a_description_for_editors() -> None:
    missing = []
    for data_file in DATA_FILES:
        schema = json.loads(schema_text(data_file))
        missing += [place for place, spec in _properties(schema, data_file) if not spec.get("description")]
    assert missing == []
