"""`mappa new-area`: write a new area's local data files into a new or empty folder."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import BuildError, os_reason
from generator.paths import guarded_sources, project_root
from generator.render.area_files import render_new_area


def write_new_area(folder: Path, name: str, root: Path | None = None, languages: tuple[str, ...] = ("en",)) -> list[Path]:
    """Write the local data files for a new area into ``folder``, which must be new or
    empty, in ``languages`` (the Welsh in ``folder/cy/``); return the paths written.
    Nothing is written when the folder will not do."""
    root = root or project_root()
    resolved = folder.resolve()
    if any(resolved.is_relative_to(guarded.resolve()) for guarded in guarded_sources(root, root / "data")):
        raise BuildError(f"{folder} is inside the project's data or sources: choose a folder of its own")
    if folder.exists() and not folder.is_dir():
        raise BuildError(f"{folder} is a file, not a folder: choose a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise BuildError(f"{folder} is not empty: choose a new folder")
    schemas = Path(os.path.relpath((root / "schemas").resolve(), folder.resolve())).as_posix()
    files = render_new_area(name, schemas, root, languages)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for filename, text in files.items():
            (folder / filename).parent.mkdir(exist_ok=True)
            (folder / filename).write_text(text, encoding="utf-8")
    except OSError as error:
        raise BuildError(f"cannot write {folder}: {os_reason(error)}") from None
    return [folder / filename for filename in files]
