"""The leaflet's PDF: WeasyPrint turns the leaflet's HTML into a tagged A4 PDF (PDF/UA-1).

The leaflet must fit on one sheet printed on both sides; if it does not, the build stops
and says which sections ran over and by how much. No text may run past the right-hand
edge of the page's text area (a long word that cannot break, into the margin or off the
paper); if any does, the build stops and quotes it. WeasyPrint may read local files only;
any other URL stops the render.

Only WeasyPrint's public API is used, so that an upgrade does not break the build.

This module imports nothing from the rest of the generator but its errors,
:mod:`generator.write.leaflet_overflow` (why a leaflet is too long) and
:mod:`generator.write.pdf_engine` (importing WeasyPrint, fetching local files only), so a
second process can start on it before the data has been read (see
:mod:`generator.write.pdf_worker`).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import BuildError
from generator.write.leaflet_overflow import MAX_PAGES, PX_TO_MM, overflow_message
from generator.write.pdf_engine import PDF_VARIANT, import_pdf_engine, local_only_fetcher

# Marks, for the width check, the right-hand edge of the body's content box (the page's
# text area): an empty block pushed right by its left margin.
EDGE_MARKER = """
* { bookmark-level: none !important }
body::before {
  content: "" !important; display: block !important; width: 0 !important; height: 0 !important;
  margin: 0 0 0 auto !important; padding: 0 !important; border: 0 !important;
  bookmark-level: 1 !important; bookmark-label: "|" !important;
}
"""
TEXT_LINK = "mappa-text-"  # the measuring links' targets: TEXT_LINK and the text's number
WIDTH_TOLERANCE_PX = 0.5
LONG_WORD = 20  # characters: a word this long may not fit a column or a table's cell


class LeafletTooLong(BuildError):
    """The data makes the leaflet longer than one sheet printed on both sides."""


class LeafletTooWide(BuildError):
    """Some of the leaflet's text runs past the right-hand edge of the page's text area."""


def write_leaflet_pdf(html_file: Path, pdf_file: Path, identifier: str, reference: Path | None = None) -> None:
    """Render the leaflet HTML file (beside its CSS) into ``pdf_file``, or raise LeafletTooLong
    or LeafletTooWide. ``reference``, for an area other than the project's own, is the
    project's own leaflet's HTML file: a leaflet too long is compared with it (see
    :mod:`generator.write.leaflet_overflow`).

    ``identifier`` is the PDF's fixed file identifier, so the same input gives the same bytes.
    """
    import_pdf_engine()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = HTML(filename=str(html_file), url_fetcher=local_only_fetcher(html_file.parent))
    try:
        document = html.render(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:  # a BaseException: made one line here
        raise BuildError(f"the leaflet's PDF could not be made: {error}") from None
    past_the_edge = text_past_the_right_edge(html_file)  # first: text too wide also takes more pages
    if past_the_edge:
        raise LeafletTooWide(too_wide_message(past_the_edge))
    if len(document.pages) > MAX_PAGES:
        raise LeafletTooLong(overflow_message(html_file, html, document, reference))
    pdf_file.write_bytes(document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier.encode()[:32]))


class _TextMarker(HTMLParser):
    """Copies an HTML document as it is, but for each run of text in its body, which
    becomes a link (``<a href="#mappa-text-N">``): WeasyPrint reports where each link's
    box lies on the page, line by line, which it does for no plain text. Text in an
    element that may hold no link (an SVG, a script) is left alone."""

    SKIPPED = {"head", "script", "style", "svg", "math", "a", "textarea", "select", "button"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # character references copied as written
        self.out: list[str] = []
        self.texts: list[str] = []
        self.run: list[str] = []  # text and character references not yet copied
        self.in_body = False
        self.skipping = 0

    def flush(self, markup: str) -> None:
        """Copy the run of text kept so far (as a link, when shown in the body), then ``markup``."""
        text = "".join(self.run)
        self.run = []
        if self.in_body and not self.skipping and text.strip():
            self.texts.append(" ".join(unescape(text).split()))
            text = f'<a href="#{TEXT_LINK}{len(self.texts) - 1}">{text}</a>'
        self.out += [text, markup]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Copy the tag; note the body and elements whose text stays as it is."""
        self.flush(self.get_starttag_text() or "")
        self.in_body = self.in_body or tag == "body"
        self.skipping += tag in self.SKIPPED

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        """Copy an empty element's tag."""
        self.flush(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        """Copy the end tag."""
        self.flush(f"</{tag}>")
        self.skipping -= tag in self.SKIPPED and self.skipping > 0

    def handle_data(self, data: str) -> None:
        """Keep text for the run it belongs to."""
        self.run.append(data)

    def handle_entityref(self, name: str) -> None:
        """Keep a named character reference, as written, for its run of text."""
        self.run.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Keep a numbered character reference, as written, for its run of text."""
        self.run.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        """Copy a comment."""
        self.flush(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        """Copy the doctype."""
        self.flush(f"<!{decl}>")

    def close(self) -> None:
        """Copy what is left."""
        super().close()
        self.flush("")


def text_past_the_right_edge(html_file: Path) -> list[tuple[int, str, float]]:
    """Every run of the leaflet's text that reaches past the right-hand edge of the page's
    text area, as (page, the text, by how many CSS pixels), found by laying the leaflet
    out again with each run of text made a link, whose box WeasyPrint reports."""
    from weasyprint import CSS, HTML

    marker = _TextMarker()
    marker.feed(html_file.read_text(encoding="utf-8"))
    marker.close()
    html = HTML(string="".join(marker.out), base_url=str(html_file), url_fetcher=local_only_fetcher(html_file.parent))
    document = html.render(stylesheets=[CSS(string=EDGE_MARKER)], pdf_variant=PDF_VARIANT)
    edges = [x for page in document.pages for _level, label, (x, _y), _state in page.bookmarks if label == "|"]
    if not edges:
        return []
    past: list[tuple[int, str, float]] = []
    for number, page in enumerate(document.pages, start=1):
        # A link's rectangle is its corners (x1, y1, x2, y2) in WeasyPrint 53 and later, as
        # its PDF writer reads it (its docstring still says x, y, width, height).
        for kind, target, (_x1, _y1, right, _y2), _box in page.links:
            beyond = right - edges[0]
            if kind == "internal" and target.startswith(TEXT_LINK) and beyond > WIDTH_TOLERANCE_PX:
                past.append((number, marker.texts[int(target.removeprefix(TEXT_LINK))], beyond))
    return past


def too_wide_message(past: list[tuple[int, str, float]]) -> str:
    """How far the text runs past the page's edge, and where: its longest word (a word that
    cannot break, or that pushes the rest over) or, with no long word, how the text starts."""
    page, text, beyond = max(past, key=lambda item: item[2])
    word = max((word for _page, text, _beyond in past for word in text.split()), key=len)
    pages = ", ".join(map(str, sorted({number for number, _text, _beyond in past})))
    if len(word) >= LONG_WORD:
        at, advice = word, "A word that long cannot break: shorten it or add spaces to it in the data."
    else:
        at, advice = text, "Check the leaflet's stylesheet: something keeps this text from wrapping."
    return (
        f"the leaflet's text runs past the right-hand edge of the page's text area, by up to about "
        f"{beyond * PX_TO_MM:.0f} mm on page {page} (pages: {pages}), at '{at if len(at) <= 60 else at[:57] + '...'}'. {advice}"
    )
