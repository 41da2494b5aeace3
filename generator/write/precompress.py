"""Compressed copies of the site's text files, made once at build time, so a server sends
them as they are (nginx's gzip_static and brotli_static, Apache through .htaccess).

Each HTML, CSS, JavaScript, SVG, XML and JSON file gets a ``.gz`` beside it, and a ``.br``
where the ``brotli`` package is installed. Both are byte-identical from build to build:
gzip without a time or a name in its header, brotli at a fixed quality.
"""

from __future__ import annotations

import gzip
from pathlib import Path

COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".svg", ".xml", ".json")
# Brotli's quality 11 takes some seconds for the theme's files at every build; 6 makes
# files a little larger than 11 does, and still smaller than gzip's best, in a tenth of a second.
BROTLI_QUALITY = 6


def precompress(site: Path) -> list[Path]:
    """Write the compressed copies of every text file in ``site``; return them."""
    try:
        import brotli
    except ImportError:  # the .gz copies alone
        brotli = None
    written = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in COMPRESSED_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        copies = {".gz": gzip.compress(data, compresslevel=9, mtime=0)}
        if brotli is not None:
            copies[".br"] = brotli.compress(data, quality=BROTLI_QUALITY)
        for suffix, payload in copies.items():
            target = path.with_name(path.name + suffix)
            target.write_bytes(payload)
            written.append(target)
    return written
