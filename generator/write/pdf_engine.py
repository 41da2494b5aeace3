"""WeasyPrint for both PDFs (the leaflet's and the whole guide's): importing it, and
fetching local files only.

This module imports nothing from the rest of the generator but its errors, so the second
process (:mod:`generator.write.pdf_worker`) can start on it before the data has been read.
Only WeasyPrint's public API is used, so that an upgrade does not break the build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.errors import BuildError

PDF_VARIANT = "pdf/ua-1"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


def import_pdf_engine() -> None:
    """Import WeasyPrint, about half the time the PDF takes (a second process calls this early).

    A system library that does not load (Pango) becomes a one-line BuildError.
    """
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        detail = " ".join(str(error).split())
        raise BuildError(
            f"the leaflet's PDF needs the Pango libraries: install the Debian packages {SYSTEM_PACKAGES} "
            f"(apt-get install {SYSTEM_PACKAGES}). WeasyPrint said: {type(error).__name__}: {detail}"
        ) from None


def local_only_fetcher(allowed: Path, document: str = "the leaflet"):
    """A URL fetcher for data: URLs and the files inside the folder ``allowed`` (the site
    being built); any other URL (another file, /proc, the network) stops the render of
    ``document``.

    WeasyPrint 68 and later document this: subclass ``weasyprint.urls.URLFetcher``, override
    ``fetch(url, headers=None)``, and raise ``FatalURLFetchingError`` to stop the render
    (its ``allowed_protocols`` only warns and goes on).
    """
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    inside = allowed.resolve()

    class LocalOnlyFetcher(URLFetcher):
        """Fetches data: URLs and the site's own files; any other URL stops the render."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith("file:"):
                raise FatalURLFetchingError(f"{document} may not load anything from the network: {url}")
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve()
            if parts.netloc not in ("", "localhost") or not path.is_relative_to(inside):
                raise FatalURLFetchingError(f"{document} may load only the files of the site being built, not {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()
