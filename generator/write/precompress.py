"""Compressed copies of the site's text files, made once at build time, so a server sends
them as they are (nginx's gzip_static and brotli_static, Apache through .htaccess).

Each HTML, CSS, JavaScript, SVG, XML and JSON file gets a ``.gz`` beside it, and a ``.br``
where the ``brotli`` package is installed. Both are byte-identical from build to build:
gzip without a time or a name in its header, brotli at a fixed quality. Copies already
made by an earlier build are taken from the cache (:mod:`generator.cache`).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.cache import Store, cache_key

COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".csv")
# Brotli's quality 11 takes some seconds for the theme's files on a first build; 6 makes
# files a little larger than 11 does, and still smaller than gzip's best, in a tenth of a second.
BROTLI_QUALITY = 6


def compressed_store(root: Path) -> Store:
    """The compressed copies kept by the builds of the project in ``root``."""
    return Store(root, "compressed")


def precompress(site: Path, cache: Store | None = None) -> list[Path]:
    """Write the compressed copies of every text file in ``site``; return them.

    ``cache`` keeps each copy under the key of what it compresses and how, so the theme's
    files, the same at every build, are compressed once."""
    try:
        import brotli
    except ImportError:  # the .gz copies alone
        brotli = None
    compressors = {".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
    how = {".gz": f"gzip9-zlib{zlib.ZLIB_RUNTIME_VERSION}"}
    if brotli is not None:
        compressors[".br"] = lambda data: brotli.compress(data, quality=BROTLI_QUALITY)
        how[".br"] = f"brotli{BROTLI_QUALITY}-{getattr(brotli, '__version__', '')}"
    written = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSED_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        for suffix, compress in compressors.items():
            target = path.with_name(path.name + suffix)
            target.write_bytes(_kept(cache, cache_key(data, how[suffix]) + suffix, partial(compress, data)))
            written.append(target)
    return written


def _kept(cache: Store | None, name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes kept in ``cache`` as ``name``, or made now and kept there."""
    payload = cache.get(name) if cache is not None else None
    if payload is None:
        payload = make()
        if cache is not None:
            cache.keep(name, payload)
    return payload
