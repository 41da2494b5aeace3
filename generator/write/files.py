"""Write a set of files into a folder, touching only what changed and deleting only what an
earlier call wrote there.

The rendered pages are written this way into the folders the site engine reads: the
staging folder of a build, `mappa render`'s docs/, and the MkDocs hook's
.cache/rendered/, which `mkdocs serve` watches. A file whose bytes are unchanged is not
rewritten, so a live-reloading server is not woken by an identical render. The names
written are kept in a manifest in the folder; a later call deletes those it no longer
produces, and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = ".mappa-files.json"


def write_if_changed(target: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``target`` unless it already holds it; return whether it wrote."""
    try:
        if target.read_bytes() == payload:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)
    return True


def write_tree(files: dict[str, bytes], folder: Path) -> set[str]:
    """Make ``folder`` hold ``files`` (relative POSIX names to bytes); return the names
    whose bytes changed. Files the previous call wrote and this one does not are deleted,
    with folders they leave empty."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = {name for name, payload in files.items() if write_if_changed(folder / name, payload)}
    for name in sorted(_previous_names(folder) - set(files), reverse=True):
        stale = folder / name
        stale.unlink(missing_ok=True)
        _remove_empty_parents(stale.parent, folder)
    write_if_changed(folder / MANIFEST, json.dumps(sorted(files), indent=0).encode("utf-8"))
    return changed


def _previous_names(folder: Path) -> set[str]:
    """The names the previous :func:`write_tree` wrote into ``folder``, from its manifest."""
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return set()
    resolved = folder.resolve()
    return {
        name
        for name in names
        if isinstance(name, str) and (folder / name).resolve().is_relative_to(resolved)  # never outside the folder
    }


def _remove_empty_parents(directory: Path, top: Path) -> None:
    while directory != top and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
