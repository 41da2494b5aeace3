"""Compiled templates kept between builds, in the cache's jinja/ folder (:mod:`generator.cache`).

Jinja turns every template into Python code before it renders it, and compiling
Material's templates takes a fair share of each build. The compiled code depends on the
template's source and on things outside it: the environment's settings and filters (set in
this package's code) and the versions of Jinja, MkDocs, Material and Python. A compiled
template is kept under the key of all of those, so an edited template, or any change to
the rest, is compiled afresh. Deleting the cache (``make clean``) only makes the next
build slower.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from generator.cache import Store, cache_key

PACKAGES = ("jinja2", "mkdocs", "mkdocs-material")


@functools.cache
def fingerprint() -> str:
    """A digest of everything compiled templates depend on besides their own source: the
    generator's code and the template engines' versions."""
    generator = Path(__file__).resolve().parent.parent
    sources = sorted(generator.rglob("*.py"))
    return cache_key(*(source.relative_to(generator).as_posix() for source in sources), code=sources, packages=PACKAGES)


class KeptTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, each kept in the cache under the key of its source and
    the :func:`fingerprint`; Jinja checks each against its template as it loads it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` with the template's compiled code, if it was kept."""
        kept = self.store.get(self._name(bucket))
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the template's compiled code for later builds."""
        self.store.keep(self._name(bucket), bucket.bytecode_to_string())

    @staticmethod
    def _name(bucket: jinja2.bccache.Bucket) -> str:
        return cache_key(fingerprint(), bucket.key, bucket.checksum)


def bytecode_cache(root: Path) -> jinja2.BytecodeCache:
    """The compiled-template cache of the project in ``root`` (the folder holding
    mkdocs.yml and templates/)."""
    return KeptTemplates(Store(root, "jinja"))
