"""Compiled templates kept between builds, in .cache/jinja/.

Jinja turns every template into Python code before it renders it, and compiling
Material's templates takes a fair share of each build. Jinja keeps the compiled code in
this cache, keyed by the template's name and checked against its source, so an edited
template is compiled afresh. The cache never changes what is built: deleting it
(``make clean``) only makes the next build slower.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE_DIR = Path(".cache") / "jinja"


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that builds on without the cache when it cannot be written."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """The compiled-template cache of the project in ``root``; None if it cannot be made."""
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BestEffortCache(str(folder))
