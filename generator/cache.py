"""The one cache: what a build made, kept under a digest of everything it was made from.

A :func:`cache_key` covers the inputs (bytes or text), the source files of the code that
makes the thing, the versions of the packages it uses, Python's version, and system files
(by name and size: a font or library upgrade changes them). The same key, the same bytes:
a kept thing is taken instead of made again. A :class:`Store` is one kind of thing (PDFs,
compressed copies, compiled templates) in its own folder of the cache; each is kept whole
or not at all, and a cache that cannot be read or written only makes a build slower.

The cache is the project's ``.cache/``, or the folder named by ``MAPPA_CACHE``: a build
in a copy of the project may be given an existing cache. ``make clean`` deletes it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Iterable
from pathlib import Path

CACHE = Path(".cache")
CACHE_VARIABLE = "MAPPA_CACHE"  # another folder to keep the cache in


def cache_dir(root: Path) -> Path:
    """The cache of the project in ``root``."""
    named = os.environ.get(CACHE_VARIABLE)
    return Path(named) if named else root / CACHE


@functools.cache
def package_version(package: str) -> str:
    """The installed version of ``package``, or 'not installed'."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cache_key(
    *inputs: bytes | str, code: Iterable[str | Path] = (), packages: Iterable[str] = (), system: Iterable[str | Path] = ()
) -> str:
    """The digest of everything a kept thing is made from: ``inputs``, the source files in
    ``code``, the versions of ``packages`` and of Python, and the ``system`` files (every
    file under a folder) by their real names and sizes."""
    parts = [item.encode("utf-8") if isinstance(item, str) else item for item in inputs]
    parts += [Path(module).read_bytes() for module in code]
    parts += [f"{name}={package_version(name)}".encode() for name in packages]
    parts.append(sys.version.encode())
    parts += system_files(tuple(str(place) for place in system))
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


@functools.cache
def system_files(places: tuple[str, ...]) -> list[bytes]:
    """Every file under ``places`` by its real name and size, looked at once per process: a
    command's run is too short for the system's fonts or libraries to change during it."""
    parts = []
    for place in map(Path, places):
        found = sorted(place.rglob("*")) if place.is_dir() else [place]
        parts += [f"{item.resolve()}:{item.stat().st_size if item.exists() else '-'}".encode() for item in found]
    return parts


class Store:
    """One kind of kept thing, in its own folder of the cache of the project in ``root``."""

    def __init__(self, root: Path, kind: str) -> None:
        self.folder = cache_dir(root) / kind

    def get(self, name: str) -> bytes | None:
        """What was kept as ``name`` (a key, and a suffix if the kind keeps several), if anything."""
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def keep(self, name: str, payload: bytes) -> None:
        """Keep ``payload`` as ``name`` for later builds: whole or not at all, even with
        builds side by side."""
        target = self.folder / name
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(payload)
            temporary.replace(target)
        except OSError:
            pass
