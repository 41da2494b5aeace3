"""Write a JSON Schema for every data file, for editors' YAML plugins (``mappa schema``).

The schemas themselves are written from the models by :mod:`generator.load.json_schemas`,
which the open data under api/ uses too."""

from __future__ import annotations

import json
from pathlib import Path

from generator.errors import BuildError, os_reason
from generator.load.data import DATA_FILES
from generator.load.json_schemas import schema_name, schema_text
from generator.paths import guarded_sources, project_root
from generator.write.output_folder import write_file_atomically


def write_schemas(out_dir: Path, root: Path | None = None) -> list[Path]:
    """Write every schema into ``out_dir``, replacing only schemas it wrote before (a file of
    a schema's name that is anything else is refused, before anything is written); return the
    paths written. Not into the project folder itself nor its sources."""
    root = (root or project_root()).resolve()
    resolved = out_dir.resolve()
    if resolved == root or any(resolved.is_relative_to(folder.resolve()) for folder in guarded_sources(root, root / "data")):
        raise BuildError(f'"{out_dir}" is the project folder or holds its sources: write the schemas into a folder of their own')
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir} is a file, not a folder: choose a folder for the schemas")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot make the folder {out_dir}: {os_reason(error)}") from None
    theirs = [out_dir / schema_name(name) for name in DATA_FILES if not _ours_or_missing(out_dir / schema_name(name), name)]
    if theirs:
        raise BuildError(f"{theirs[0]} is not a schema `mappa schema` wrote: move it, or write the schemas into another folder")
    written = []
    for data_file in DATA_FILES:
        path = out_dir / schema_name(data_file)
        write_file_atomically(path, schema_text(data_file).encode("utf-8"))
        written.append(path)
    return written


def _ours_or_missing(path: Path, data_file: str) -> bool:
    """Whether ``path`` may be replaced: missing, or a JSON Schema of this data file's model
    (its title is the model's name), as `mappa schema` writes it."""
    if not path.exists() and not path.is_symlink():
        return True
    if not path.is_file() or path.is_symlink():
        return False
    try:
        value = json.loads(path.read_bytes()[:5_000_000])
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and value.get("title") == DATA_FILES[data_file].model.__name__ and "properties" in value
