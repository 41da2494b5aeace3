"""The leaflet's PDF: WeasyPrint turns the leaflet's HTML into a tagged A4 PDF (PDF/UA-1).

The leaflet must fit on one sheet printed on both sides; if it does not, the build stops
and says which sections ran over and by how much. WeasyPrint may read local files only;
any other URL stops the render.

This module imports nothing from the rest of the generator but its errors, so a second
process can start on it before the data has been read (see :mod:`generator.write.pdf_worker`).
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import BuildError

MAX_PAGES = 2
PX_TO_MM = 25.4 / 96
_SECTION_TAGS = ("section", "header", "footer")


class LeafletTooLong(BuildError):
    """The data makes the leaflet longer than one sheet printed on both sides."""


def import_pdf_engine() -> None:
    """Import WeasyPrint, the slowest import of the build, without its slow library search.

    WeasyPrint tries several names for each C library it needs (Pango, HarfBuzz...). cffi
    asks ``ctypes.util.find_library`` about each name that does not load at once, and on
    Linux every such question runs ldconfig, gcc and ld: about twenty questions and a third
    of a second. Debian's own names (``libpango-1.0.so.0``...) load at once, so the search
    is switched off while WeasyPrint is imported; if the import fails without it, WeasyPrint
    is imported again with it, and loads exactly what it would have loaded anyway.

    The search and standard output are switched for the whole process for that moment, so
    call this before any thread starts (the build calls it in its own PDF process).
    """
    import ctypes.util
    import io
    import sys
    from contextlib import redirect_stdout

    if "weasyprint" in sys.modules:
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()):  # WeasyPrint prints install advice when a library is missing
            import weasyprint  # noqa: F401
    except OSError:
        ctypes.util.find_library = find_library
        import weasyprint  # noqa: F401, F811
    finally:
        ctypes.util.find_library = find_library


def write_leaflet_pdf(html_file: Path, pdf_file: Path, identifier: str) -> None:
    """Render the leaflet HTML file (beside its CSS) into ``pdf_file``, or raise LeafletTooLong.

    ``identifier`` is the PDF's fixed file identifier, so the same input gives the same bytes.
    """
    import_pdf_engine()
    from weasyprint import HTML

    document = HTML(filename=str(html_file), url_fetcher=_local_only_fetcher()).render(pdf_variant="pdf/ua-1")
    if len(document.pages) > MAX_PAGES:
        raise LeafletTooLong(overflow_message(document))
    pdf_file.write_bytes(document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode()[:32]))


def _local_only_fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Fetches local files and data: URLs; any other URL stops the render."""

        def fetch(self, url, headers=None):
            if not url.startswith(("file:", "data:")):
                raise FatalURLFetchingError(f"the leaflet may not load anything from the network: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def _boxes(box):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def overflow_message(document) -> str:
    """Which section is longest, which run past page 2, and by how much."""
    heights: dict[str, float] = {}
    spilled: list[str] = []
    overflow = 0.0
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            name = element.get("data-section") if element is not None and getattr(box, "element_tag", "") in _SECTION_TAGS else None
            if not name:
                continue
            heights[name] = heights.get(name, 0.0) + box.margin_height()
            if number > MAX_PAGES:
                overflow += box.margin_height()
                if name not in spilled:
                    spilled.append(name)
    longest = max(heights, key=heights.get)
    return (
        f"the leaflet needs {len(document.pages)} pages but must fit on {MAX_PAGES} (one sheet, both sides): "
        f"it runs past the end of page {MAX_PAGES} by about {overflow * PX_TO_MM:.0f} mm of column. "
        f"The longest section is '{longest}' ({heights[longest] * PX_TO_MM:.0f} mm); "
        f"sections past page {MAX_PAGES}: {', '.join(spilled)}. Shorten the text these sections take from data/."
    )
