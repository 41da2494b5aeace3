"""Compressed copies of the site's text files, made once at build time, so a server sends
them as they are (nginx's gzip_static and brotli_static, Apache through .htaccess).

Each HTML, CSS, JavaScript, SVG, XML and JSON file gets a ``.gz`` beside it, and a ``.br``
where the ``brotli`` package is installed. Both are byte-identical from build to build:
gzip without a time or a name in its header, brotli at a fixed quality. Copies already
made by an earlier build are taken from the project's .cache/compressed/.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.write.files import cached_copy, keep_copy

CACHE_DIR = Path(".cache") / "compressed"
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json", ".csv")
# Brotli's quality 11 takes some seconds for the theme's files on a first build; 6 makes
# files a little larger than 11 does, and still smaller than gzip's best, in a tenth of a second.
BROTLI_QUALITY = 6


def precompress(site: Path, cache: Path | None = None) -> list[Path]:
    """Write the compressed copies of every text file in ``site``; return them.

    ``cache`` (the project's .cache/compressed/) keeps each copy under the digest of what
    it compresses, so the theme's files, the same at every build, are compressed once."""
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
        digest = hashlib.sha256(data).hexdigest()
        for suffix, compress in compressors.items():
            target = path.with_name(path.name + suffix)
            copy = cache / f"{digest}-{how[suffix]}{suffix}" if cache else None  # what it was made from, and how
            target.write_bytes(_kept(copy, partial(compress, data)))
            written.append(target)
    return written


def _kept(copy: Path | None, make: Callable[[], bytes]) -> bytes:
    """The bytes kept in ``copy``, or made now and kept there."""
    payload = cached_copy(copy) if copy is not None else None
    if payload is None:
        payload = make()
        if copy is not None:
            keep_copy(copy, payload)
    return payload
