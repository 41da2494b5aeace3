"""A contents list at the top of every page with three or more sections, shown at every
width (the theme's own list is in a side panel that phones do not show).

It goes under the page's title, its "Last updated" line and its notice that its
translation is a draft, and lists the page's ``h2`` sections as the site engine found
them; the page's furniture at its end (Related, Sources for this page) is left out. The
home page and the A to Z carry their own navigation, and the calculator's pages are the
steps of a service, where the answer and what to do next come first (GOV.UK's question
and outcome pages): they have none.
"""

from __future__ import annotations

import html
import re

from generator.i18n import gettext
from generator.render.calculator_pages import CALCULATOR

FURNITURE = frozenset({"related", "sources-for-this-page"})
OWN_NAVIGATION = frozenset({"index.md", "a-z.md"})
FEWEST_SECTIONS = 3
_TOP = re.compile(r'<h1[^>]*>.*?</h1>(\s*<p class="mappa-updated">.*?</p>)?(\s*<p class="mappa-draft">.*?</p>)?', re.DOTALL)


def sections_of(toc) -> list[tuple[str, str]]:
    """The page's ``h2`` sections as (anchor, title), from the site engine's table of
    contents (its ``h1`` entries hold them; a page with no ``h1`` lists them at the top)."""
    entries = [child for item in toc for child in (item.children if item.level == 1 else [item])]
    return [(entry.id, html.unescape(entry.title)) for entry in entries if entry.level == 2 and entry.id not in FURNITURE]


def with_contents_list(page_html: str, sections: list[tuple[str, str]], page_file: str) -> str:
    """``page_html`` with a contents list of ``sections`` after its title, when it has
    at least three and is not a page with its own navigation."""
    if len(sections) < FEWEST_SECTIONS or page_file in OWN_NAVIGATION or page_file.startswith(CALCULATOR + "/"):
        return page_html
    items = "".join(f'<li><a href="#{html.escape(anchor)}">{html.escape(title)}</a></li>' for anchor, title in sections)
    title = html.escape(gettext("Contents"))
    contents = f'<nav class="mappa-contents" aria-label="{title}"><p class="mappa-contents__title">{title}</p><ul>{items}</ul></nav>'
    top = _TOP.search(page_html)
    return page_html[: top.end()] + contents + page_html[top.end() :] if top else contents + page_html
