"""What each PDF is made from, as one digest: a PDF once made is kept in .cache/pdf/ under
it, and a later build with the same digest takes it from there instead of making it again.

A digest covers the PDF's own files (its HTML, CSS and what they show), its fixed
identifier, the generator's code that makes it, the versions of WeasyPrint and the
packages it uses, and the system's text libraries and fonts.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

PDF_CACHE = Path(".cache") / "pdf"  # each PDF made, by what it was made from
PDF_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "fonttools")
# The system's text layout and fonts, by the names their files carry (a version is in each).
PDF_SYSTEM = (
    "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "/usr/lib/x86_64-linux-gnu/libharfbuzz.so.0",
    "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
)


def made_from_digest(identifier: str, files: list[bytes], code: list[str]) -> str:
    """The digest of a PDF made from ``files`` with ``identifier`` by the modules whose
    source files are ``code``. The same digest, the same PDF."""
    digest = hashlib.sha256(identifier.encode())
    parts = [*files, *(Path(module).read_bytes() for module in code)]
    parts += [f"{name}={_version(name)}".encode() for name in PDF_PACKAGES]
    for place in map(Path, PDF_SYSTEM):
        found = sorted(place.rglob("*")) if place.is_dir() else [place]
        parts += [f"{item.resolve()}:{item.stat().st_size if item.exists() else '-'}".encode() for item in found]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
