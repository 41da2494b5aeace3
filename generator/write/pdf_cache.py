"""What each PDF is made from, as one key of the cache (:mod:`generator.cache`): a PDF once
made is kept in the cache's pdf/ folder under it, and a later build with the same key takes
it from there instead of making it again.

A key covers the PDF's own files (its HTML, CSS and what they show), its fixed
identifier, the generator's code that makes it, the versions of WeasyPrint and the
packages it uses, and the system's text libraries and fonts.
"""

from __future__ import annotations

from pathlib import Path

from generator.cache import Store, cache_key

PDF_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "fonttools")
# The system's text layout and fonts, by the names their files carry (a version is in each).
PDF_SYSTEM = (
    "/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
    "/usr/lib/x86_64-linux-gnu/libharfbuzz.so.0",
    "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/var/cache/fontconfig",  # the fonts as fontconfig found them: a first scan after new fonts arrive writes here
)


def pdf_store(root: Path) -> Store:
    """The PDFs kept by the builds of the project in ``root``."""
    return Store(root, "pdf")


def made_from_digest(identifier: str, files: list[bytes], code: list[str]) -> str:
    """The key of a PDF made from ``files`` with ``identifier`` by the modules whose
    source files are ``code``. The same key, the same PDF."""
    return cache_key(identifier, *files, code=code, packages=PDF_PACKAGES, system=PDF_SYSTEM)
