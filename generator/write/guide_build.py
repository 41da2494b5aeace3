"""The whole guide in ``mappa build``: its PDF made from the pages the site engine built,
and the site's links to it given the PDF's page count and size.

:func:`start_guide` runs once the site engine has built the pages into the staging site:
it writes the guide's HTML and CSS beside the site, then takes the PDF from the cache (generator/cache.py)
when the same guide was made before, or asks the PDF process for it. :func:`finish_guide`
waits for it, puts ``guide.pdf`` in the site and replaces the link's placeholder in every
page (:data:`generator.render.guide.LINK_PLACEHOLDER`) with its words. Only ``mappa build``
passes the placeholder to the theme's templates, so the MkDocs hook (``mkdocs build``,
``mkdocs serve``), ``mappa serve``, ``mappa check`` and ``mappa render`` make no guide and
show no link to one.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from generator.cache import Store
from generator.load.data import SiteData
from generator.render.guide import GUIDE_PDF, LINK_PLACEHOLDER, download_text, guide_identifier, render_guide
from generator.write import guide_pdf, pdf_engine
from generator.write.files import write_tree
from generator.write.pdf_cache import made_from_digest, pdf_store
from generator.write.pdf_worker import PdfWorker

THEME_FACTS = {"guide_link": LINK_PLACEHOLDER}  # what the theme's templates print the link with


@dataclass
class GuideInBuild:
    """The guide of one build: where its files are, where its PDF is kept, and the PDF and
    its page count once known (at once when it was kept from an earlier build)."""

    folder: Path
    store: Store
    key: str
    pdf: bytes | None = None
    pages: int | None = None


def start_guide(data: SiteData, root: Path, staging: Path, worker: PdfWorker) -> GuideInBuild:
    """Write the guide's HTML from the pages built in ``staging/site`` into ``staging/guide``,
    and take its PDF from the cache or ask ``worker`` to make it."""
    files = render_guide(data, root, staging / "site")
    folder = staging / "guide"
    write_tree({"guide.html": files.html.encode("utf-8"), "guide.css": files.css.encode("utf-8")}, folder)
    shown = [(staging / "site" / path).read_bytes() for path in files.resources]
    digest = made_from_digest(
        guide_identifier(data), [files.html.encode("utf-8"), files.css.encode("utf-8"), *shown], [guide_pdf.__file__, pdf_engine.__file__]
    )
    guide = GuideInBuild(folder, pdf_store(root), digest)
    pages = guide.store.get(f"{digest}.pages")
    guide.pdf = guide.store.get(f"{digest}.pdf") if pages is not None and pages.isdigit() else None
    if guide.pdf is not None and pages is not None:
        guide.pages = int(pages)
    else:
        worker.start_guide(folder / "guide.html", folder / GUIDE_PDF, guide_identifier(data))
    return guide


def finish_guide(guide: GuideInBuild, worker: PdfWorker, site: Path) -> None:
    """Wait for the guide's PDF if it is being made (after any PDF asked for before it),
    keep it for later builds, put it in ``site`` and link to it from every page."""
    if guide.pdf is None:
        guide.pages = worker.wait()
        guide.pdf = (guide.folder / GUIDE_PDF).read_bytes()
        guide.store.keep(f"{guide.key}.pdf", guide.pdf)
        guide.store.keep(f"{guide.key}.pages", str(guide.pages).encode())
    (site / GUIDE_PDF).write_bytes(guide.pdf)
    link_guide(site, download_text(guide.pages or 0, len(guide.pdf)))


def link_guide(site: Path, text: str) -> None:
    """Put ``text`` in place of the link's placeholder in every page of ``site``."""
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        if LINK_PLACEHOLDER in content:
            page.write_text(content.replace(LINK_PLACEHOLDER, html.escape(text)), encoding="utf-8")
