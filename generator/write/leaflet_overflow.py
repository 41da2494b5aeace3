"""Why a leaflet does not fit on one sheet: by how much, which sections ran past page 2,
and which sections and texts made it long.

The leaflet is laid out again to measure it, with a bookmark where each section starts
and ends (:data:`MARKERS`). Sections past page 2 are often not the cause: text added above
pushes them there. So the message names the cause as well as it can:

* for an area other than the project's own, each section's height is compared with its
  height in the project's own leaflet (data/), made from the same template: the sections
  that grew are the ones whose text to shorten;
* otherwise, the longest section and the longest single text on the leaflet (a venue's
  name of 900 characters stands out), each with the section it is in.

Like :mod:`generator.write.leaflet_pdf`, this imports nothing from the generator but WeasyPrint's
set-up, so the PDF process can use it.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from generator.write.pdf_engine import PDF_VARIANT, local_only_fetcher

MAX_PAGES = 2
PX_TO_MM = 25.4 / 96
TALL_PAGE_PX = 1_000_000  # about 265 m: a page that any leaflet's text fits on
GREW_MM = 2  # a section this much taller than in the project's own leaflet has grown

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


def overflow_message(html_file: Path, html, document, reference: Path | None = None) -> str:
    """Which sections ran past page MAX_PAGES and by how much, and what made the leaflet
    long (see the module docstring). ``html`` is WeasyPrint's document of ``html_file``,
    and ``document`` it rendered as printed; ``reference`` the project's own leaflet's
    HTML file, for another area's leaflet.
    Figures are rounded to the millimetre and are about right, not exact."""
    width = document.pages[0].width
    heights = section_heights(html, width)
    past, overflow = past_the_last_page(html, width)
    grown = _grown(heights, _reference_heights(reference, width)) if reference is not None else []
    if grown:
        cause = (
            "Sections taller than in the project's own leaflet: "
            + ", ".join(f"'{name}' ({heights[name] * PX_TO_MM:.0f} mm, {more * PX_TO_MM:.0f} mm more)" for name, more in grown)
            + ". Shorten the text from data/ that these sections show"
        )
    else:
        longest = max(heights, key=lambda name: heights[name], default=None)
        cause = f"The longest section is '{longest}' ({heights[longest] * PX_TO_MM:.0f} mm)" if longest else "No section is marked"
        text = longest_text(html_file)
        if text is not None:
            section, words = text
            shown = words if len(words) <= 40 else words[:37] + "..."
            cause += f"; the longest text is in '{section}' ({len(words)} characters: '{shown}')"
        cause += ". Shorten the text from data/ that the longest sections show"
    return (
        f"the leaflet needs {len(document.pages)} pages but must fit on {MAX_PAGES} (one sheet, both sides): "
        f"it runs past the end of page {MAX_PAGES} by about {overflow * PX_TO_MM:.0f} mm (the height of what "
        f"follows, laid out on one page). {cause}; sections past page {MAX_PAGES} (pushed there by what comes "
        f"before them): {', '.join(past) or 'none'}."
    )


def _reference_heights(reference: Path, width: float) -> dict[str, float]:
    from weasyprint import HTML

    return section_heights(HTML(filename=str(reference), url_fetcher=local_only_fetcher(reference.parent)), width)


def _grown(heights: dict[str, float], reference: dict[str, float]) -> list[tuple[str, float]]:
    """The sections taller than in the reference, by how much, most grown first."""
    grown = [(name, height - reference[name]) for name, height in heights.items() if name in reference]
    return sorted([item for item in grown if item[1] * PX_TO_MM >= GREW_MM], key=lambda item: -item[1])


class _SectionTexts(HTMLParser):
    """Each run of text in the body, with the section (``data-section``) it is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []  # for each open element, its section name or None
        self.texts: list[tuple[str, str]] = []
        self.run: list[str] = []

    def end_run(self) -> None:
        """Keep the run of text read so far, with its section."""
        words = " ".join(unescape("".join(self.run)).split())
        self.run = []
        section = next((name for name in reversed(self.open) if name), None)
        if words and section:
            self.texts.append((section, words))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (a section when it has ``data-section``)."""
        self.end_run()
        if tag not in ("br", "img", "meta", "link", "hr", "input", "wbr"):
            self.open.append(dict(attrs).get("data-section"))

    def handle_endtag(self, tag: str) -> None:
        """Close an element."""
        self.end_run()
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        """Keep text for its run."""
        self.run.append(data)


def longest_text(html_file: Path) -> tuple[str, str] | None:
    """The longest run of text on the leaflet (between two tags, such as a paragraph with
    no link in it), with its section; None when no section holds text."""
    parser = _SectionTexts()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return max(parser.texts, key=lambda item: len(item[1]), default=None)
