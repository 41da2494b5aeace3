"""The leaflet's PDF: WeasyPrint turns the leaflet's HTML into a tagged A4 PDF (PDF/UA-1).

The leaflet must fit on one sheet printed on both sides; if it does not, the build stops
and says which sections ran over and by how much. WeasyPrint may read local files only;
any other URL stops the render.

Only WeasyPrint's public API is used, so that an upgrade does not break the build.

This module imports nothing from the rest of the generator but its errors, so a second
process can start on it before the data has been read (see :mod:`generator.write.pdf_worker`).
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import BuildError

MAX_PAGES = 2
PX_TO_MM = 25.4 / 96
TALL_PAGE_PX = 1_000_000  # about 265 m: a page that any leaflet's text fits on
PDF_VARIANT = "pdf/ua-1"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"

# Marks every section for the measuring renders: a bookmark where it starts ("<" and its
# name) and one where it ends (">", on an empty block after its content). Bookmarks do not
# change the layout, and an empty block only collapses margins that collapse anyway.
MARKERS = """
* { bookmark-level: none !important }
[data-section] { bookmark-level: 1 !important; bookmark-label: "<" attr(data-section) !important }
[data-section]::after {
  content: "" !important; display: block !important;
  bookmark-level: 1 !important; bookmark-label: ">" attr(data-section) !important;
}
"""


class LeafletTooLong(BuildError):
    """The data makes the leaflet longer than one sheet printed on both sides."""


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


def write_leaflet_pdf(html_file: Path, pdf_file: Path, identifier: str) -> None:
    """Render the leaflet HTML file (beside its CSS) into ``pdf_file``, or raise LeafletTooLong.

    ``identifier`` is the PDF's fixed file identifier, so the same input gives the same bytes.
    """
    import_pdf_engine()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = HTML(filename=str(html_file), url_fetcher=_local_only_fetcher())
    try:
        document = html.render(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:  # a BaseException: made one line here
        raise BuildError(f"the leaflet's PDF could not be made: {error}") from None
    if len(document.pages) > MAX_PAGES:
        raise LeafletTooLong(overflow_message(html, document))
    pdf_file.write_bytes(document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier.encode()[:32]))


def _local_only_fetcher():
    """A URL fetcher for file: and data: URLs; any other URL stops the render.

    WeasyPrint 68 and later document this: subclass ``weasyprint.urls.URLFetcher``, override
    ``fetch(url, headers=None)``, and raise ``FatalURLFetchingError`` to stop the render
    (its ``allowed_protocols`` only warns and goes on).
    """
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Fetches local files and data: URLs; any other URL stops the render."""

        def fetch(self, url, headers=None):
            if not url.startswith(("file:", "data:")):
                raise FatalURLFetchingError(f"the leaflet may not load anything from the network: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def _markers(html, stylesheet: str) -> tuple[list[tuple[int, str, float]], list[float]]:
    """Render ``html`` with MARKERS and ``stylesheet``: (page, label, y) of each marker in
    document order, and where each page starts; ``y`` is in CSS pixels from the first page's top."""
    from weasyprint import CSS

    document = html.render(stylesheets=[CSS(string=MARKERS + stylesheet)], pdf_variant=PDF_VARIANT)
    found: list[tuple[int, str, float]] = []
    tops = [0.0]
    for number, page in enumerate(document.pages, start=1):
        found += [(number, label, tops[-1] + y) for _level, label, (_x, y), _state in page.bookmarks]
        tops.append(tops[-1] + page.height)
    return found, tops


def section_heights(html, page_width: float) -> dict[str, float]:
    """Each section's height in CSS pixels, in document order, each measured whole.

    The leaflet is laid out again on one very tall page with each column filled before the
    next (``column-fill: auto``), so every section stays in one piece at the width it has in
    the leaflet (a column's width for the sections in columns). A height runs from the
    section's top to the end of its content, leaving out its own bottom margin and padding.
    """
    stylesheet = f"@page {{ size: {page_width}px {TALL_PAGE_PX}px !important }}\n* {{ column-fill: auto !important }}"
    heights: dict[str, float] = {}
    starts: dict[str, float] = {}
    for _page, label, y in _markers(html, stylesheet)[0]:
        name = label[1:]
        if label.startswith("<"):
            starts[name] = y
            heights.setdefault(name, 0.0)
        elif name in starts:
            heights[name] += y - starts.pop(name)
    return heights


def past_the_last_page(html, page_width: float) -> tuple[list[str], float]:
    """The sections with any part past page MAX_PAGES, and how far past it the leaflet runs.

    The leaflet is laid out again exactly as printed up to page MAX_PAGES, with all that
    follows on one very tall page. The overflow (in CSS pixels) is the depth of the content
    on that page: from the top of a page's content (the highest point any section starts at
    on its page) down to the end of the last section. WeasyPrint balances the columns of a
    last page, so this is the height the rest would take on a third page, not the length of
    column text to cut, which can be up to twice as much.
    """
    markers, tops = _markers(html, f"@page :nth(n+{MAX_PAGES + 1}) {{ size: {page_width}px {TALL_PAGE_PX}px !important }}")
    past = list(dict.fromkeys(label[1:] for page, label, _y in markers if page > MAX_PAGES))
    content_top = min((y - tops[page - 1] for page, label, y in markers if label.startswith("<")), default=0.0)
    ends = [y for page, _label, y in markers if page > MAX_PAGES]
    return past, max(max(ends, default=0.0) - tops[MAX_PAGES] - content_top, 0.0)


def overflow_message(html, document) -> str:
    """Which section is longest, which run past page MAX_PAGES, and by how much.

    ``document`` is ``html`` rendered as printed; ``html`` is laid out twice more to measure
    (see :func:`section_heights` and :func:`past_the_last_page`). Figures are rounded to the
    millimetre and are about right, not exact.
    """
    width = document.pages[0].width
    heights = section_heights(html, width)
    past, overflow = past_the_last_page(html, width)
    longest = max(heights, key=heights.get, default=None)
    longest_text = f"The longest section is '{longest}' ({heights[longest] * PX_TO_MM:.0f} mm); " if longest else ""
    return (
        f"the leaflet needs {len(document.pages)} pages but must fit on {MAX_PAGES} (one sheet, both sides): "
        f"it runs past the end of page {MAX_PAGES} by about {overflow * PX_TO_MM:.0f} mm (the height of what "
        f"follows, laid out on one page). {longest_text}"
        f"sections past page {MAX_PAGES}: {', '.join(past) or 'none'}. Shorten the text these sections take from data/."
    )
