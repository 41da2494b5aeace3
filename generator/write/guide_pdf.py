"""The whole guide's PDF: WeasyPrint turns the guide's HTML (:mod:`generator.render.guide`)
into a tagged A4 PDF (PDF/UA-1) with its title, author, language and dates from the
HTML, and an outline (bookmarks) and page numbers from its stylesheet. A reader opens it
with the outline shown (:func:`open_with_outline`).

A guide that WeasyPrint cannot lay out stops the build with one line (a GuideLayoutError),
never a traceback; so does anything the guide asks for from the network. The guide is
laid out once: the contents' page numbers come from ``target-counter()`` in that one pass.

Like :mod:`generator.write.leaflet_pdf`, this module imports nothing from the rest of the
generator but its errors and :mod:`generator.write.pdf_engine`, so the second process
(:mod:`generator.write.pdf_worker`) makes it too.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import BuildError
from generator.write.pdf_engine import PDF_VARIANT, import_pdf_engine, local_only_fetcher

WHAT = "the whole guide's PDF"


class GuideLayoutError(BuildError):
    """WeasyPrint could not lay the guide out."""


def open_with_outline(_document: object, pdf) -> None:
    """WeasyPrint's finisher, run on the PDF (a pydyf document) before it is written: a
    reader opens the guide with its outline (bookmarks) shown, ``/PageMode /UseOutlines``."""
    pdf.catalog["PageMode"] = "/UseOutlines"


def write_guide_pdf(html_file: Path, pdf_file: Path, identifier: str) -> int:
    """Render the guide's HTML file (beside its CSS) into ``pdf_file``; return its page count.

    ``identifier`` is the PDF's fixed file identifier, so the same input gives the same bytes.
    """
    import_pdf_engine()
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        document = HTML(filename=str(html_file), url_fetcher=local_only_fetcher(html_file.parent.parent, "the whole guide")).render(
            pdf_variant=PDF_VARIANT
        )
        payload = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier.encode()[:32], finisher=open_with_outline)
    except FatalURLFetchingError as error:  # a BaseException: made one line here
        raise BuildError(f"{WHAT} could not be made: {error}") from None
    except Exception as error:  # noqa: BLE001 (WeasyPrint's own failure, told as one line)
        detail = " ".join(str(error).split()) or "no message"
        raise GuideLayoutError(f"{WHAT} could not be laid out: {type(error).__name__}: {detail}") from None
    pdf_file.write_bytes(payload)
    return len(document.pages)
