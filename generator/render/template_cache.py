"""Compiled templates kept between builds, in .cache/jinja/.

Jinja turns every template into Python code before it renders it, and compiling
Material's templates takes a fair share of each build. Jinja keeps the compiled code in
this cache and checks each entry against its template's source, so an edited template
is compiled afresh. The compiled code also depends on things outside the template: the
environment's settings and filters (set in this package's code) and the versions of
Jinja, MkDocs and Material. All of those make up a fingerprint, and each fingerprint has
its own folder, so a change to any of them starts a fresh cache. Deleting the cache
(``make clean``) only makes the next build slower.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import shutil
import sys
from pathlib import Path

import jinja2

CACHE_DIR = Path(".cache") / "jinja"
_PACKAGES = ("jinja2", "mkdocs", "mkdocs-material")


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that builds on without the cache when it cannot be written."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def fingerprint() -> str:
    """A digest of everything compiled templates depend on besides their own source."""
    digest = hashlib.sha256(sys.version.encode())
    for package in _PACKAGES:
        digest.update(f"\n{package}={_version(package)}".encode())
    generator = Path(__file__).resolve().parent.parent
    for source in sorted(generator.rglob("*.py")):
        digest.update(f"\n{source.relative_to(generator).as_posix()}\n".encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """The compiled-template cache of the project in ``root``; None if it cannot be made.

    ``root`` is the folder holding mkdocs.yml and templates/.
    """
    folder = root / CACHE_DIR / fingerprint()
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            _remove_other_fingerprints(folder)
    except OSError:
        return None
    return _BestEffortCache(str(folder))


def _remove_other_fingerprints(keep: Path) -> None:
    """Delete the caches of earlier fingerprints (best effort: another build may be at work)."""
    for old in keep.parent.iterdir():
        if old == keep:
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
