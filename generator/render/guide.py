"""The whole guide as one document: every page of the site, in the navigation's order, as
HTML for WeasyPrint to make ``guide.pdf`` (see :mod:`generator.write.guide_pdf`).

The guide is made from the pages the site engine built (each page's article, rewritten by
:mod:`generator.render.guide_html`), so it says exactly what the site says. Its order and
titles are the navigation's (:func:`generator.render.navigation.nav_pages`), with two
changes:

* the A to Z page (``a-z.md``) is left out: the guide's contents page and its PDF outline
  (bookmarks) do its work on paper;
* the calculator (``calculator/index.md``, a page of questions) is replaced by its table of
  every outcome (``calculator/all-outcomes/index.md``), titled by that page's own heading.

templates/guide/ holds its template (a cover, a contents page, then the pages) and its own
print stylesheet. The site's pages and footer link to the PDF with its page count and size
(:func:`download_text`); those are known only once the PDF exists, so the site's templates
print :data:`LINK_PLACEHOLDER` and the build replaces it (the guide itself never holds the link).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markupsafe

from generator.i18n import gettext, ngettext
from generator.load.data import SiteData
from generator.render.guide_html import Chapter, chapter, page_anchor
from generator.render.guide_tables import SIDE_MARGIN_MM, mark_wide_tables
from generator.render.leaflet import css_content
from generator.render.navigation import nav_pages
from generator.render.templating import environment, render_located
from generator.rules.review_dates import review_due
from generator.wording import long_date, url_as_written

GUIDE_PDF = "guide.pdf"
LEFT_OUT = {"a-z.md"}
REPLACED = {"calculator/index.md": "calculator/all-outcomes/index.md"}
# Printed by the site's templates where the link to the guide goes; replaced in every built
# page by download_text() once the PDF is made.
LINK_PLACEHOLDER = "MAPPA-GUIDE-LINK-TEXT-7d1e"
KB = 1000  # bytes in a kilobyte, as the link states the size


@dataclass(frozen=True)
class GuidePage:
    """One page of the guide: its title in the navigation, its page in the built site, its
    anchor in the guide and the navigation sections it sits in."""

    title: str
    built_path: str
    anchor: str
    sections: tuple[str, ...]
    replaced: bool = False


@dataclass(frozen=True)
class GuideFiles:
    """The guide's HTML and stylesheet, and the site's files its pages show (by their path
    in the built site), all that its PDF is made from."""

    html: str
    css: str
    resources: tuple[str, ...]


def built_path(markdown_file: str) -> str:
    """Where the site engine writes a page: 'calculator/index.md' -> 'calculator/index.html'."""
    return markdown_file.removesuffix(".md") + ".html"


def guide_pages(root: Path) -> list[GuidePage]:
    """The guide's pages, in the navigation's order (see the module docstring)."""
    pages = []
    for page in nav_pages(root):
        if page.file in LEFT_OUT:
            continue
        source = REPLACED.get(page.file, page.file)
        path = built_path(source)
        pages.append(GuidePage(page.title, path, page_anchor(path), page.sections, source != page.file))
    return pages


def contents(pages: list[GuidePage], titles: dict[str, str]) -> list[dict]:
    """The contents page's entries, in order: a page ({'title', 'anchor', 'pages': []}) or
    a navigation section ({'title', 'anchor': None, 'pages': [its pages]})."""
    entries: list[dict] = []
    for page in pages:
        entry = {"title": titles[page.anchor], "anchor": page.anchor, "pages": []}
        if not page.sections:
            entries.append(entry)
        elif entries and entries[-1]["anchor"] is None and entries[-1]["title"] == page.sections[0]:
            entries[-1]["pages"].append(entry)
        else:
            entries.append({"title": page.sections[0], "anchor": None, "pages": [entry]})
    return entries


def render_guide(data: SiteData, root: Path, built: Path) -> GuideFiles:
    """The guide's HTML and CSS from the site built in ``built``: raises FileNotFoundError
    naming a page of the navigation that the site engine did not build."""
    pages = guide_pages(root)
    anchors = {page.built_path: page.anchor for page in pages}
    chapters: dict[str, Chapter] = {}
    for page in pages:
        text = (built / page.built_path).read_text(encoding="utf-8")
        chapters[page.anchor] = chapter(text, page.built_path, anchors, data.site.site_url)
    titles = {page.anchor: (chapters[page.anchor].heading if page.replaced else "") or page.title for page in pages}
    site = data.site
    address = url_as_written(site.site_url)
    env = environment([root / "templates" / "guide"], root, "html", data)
    context = {
        "site": site,
        "site_address": address,
        "last_reviewed": long_date(site.last_reviewed),
        "next_review": long_date(review_due(site.last_reviewed, site.review_every_months)),
        "contents": contents(pages, titles),
        "side_margin_mm": SIDE_MARGIN_MM,
        # The stylesheet's words at the foot of every page: messages (gettext), made CSS.
        "printed_copies": css_content(gettext("Printed copies may be out of date: check the website (%(address)s)."), address=address),
        "page_numbers": css_content(gettext("Page %(page)s of %(pages)s"), counters=("page", "pages")),
        "pages": [
            {"title": titles[page.anchor], "anchor": page.anchor, "html": markupsafe.Markup(mark_wide_tables(chapters[page.anchor].html))}
            for page in pages
        ],
    }
    resources = sorted({path for one in chapters.values() for path in one.resources})
    return render_located(
        lambda: GuideFiles(
            html=env.get_template("guide.html").render(context),
            css=env.get_template("guide.css").render(context),
            resources=tuple(resources),
        ),
        root / "templates" / "guide" / "guide.html",
    )


def guide_identifier(data: SiteData) -> str:
    """The guide PDF's fixed identifier: the same data gives the same bytes."""
    return f"mappa-guide-{data.site.area_name}-{data.site.last_reviewed.isoformat()}"


def download_text(pages: int, size: int) -> str:
    """The link's words, with the PDF's page count and its size in kilobytes (1000 bytes,
    rounded to the nearest, at least 1): 'Download the whole guide (PDF, 14 pages, 120 KB)'."""
    kilobytes = max(1, round(size / KB))
    words = ngettext(
        "Download the whole guide (PDF, %(pages)d page, %(kilobytes)d KB)",
        "Download the whole guide (PDF, %(pages)d pages, %(kilobytes)d KB)",
        pages,
    )
    return words % {"pages": pages, "kilobytes": kilobytes}
