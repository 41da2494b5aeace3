"""The editors' change notes (changes.yaml) for readers: the entries of the What changed page,
the "Last updated" line of each page a note names, and the Atom feed ``changes.xml``.

Each note's anchor on the What changed page (and its id in the feed) is its date and its
place among that day's notes in the file: ``change-2026-11-23-2`` is the second note dated
23 November 2026. Notes are added at the end of the file, so adding one never changes the
anchor of another, and the same data always gives the same bytes: the feed's dates are the
notes' own, never the time of the build.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.errors import DataError
from generator.i18n import gettext
from generator.load.change_models import CHANGES_FILE, unknown_page_problems
from generator.load.data import SiteData
from generator.paths import project_root
from generator.render.calculator_pages import relative_link
from generator.render.guide import GUIDE_PDF
from generator.render.leaflet import LEAFLET_PDF
from generator.render.navigation import nav_pages
from generator.web_policy import CHANGE_FEED

WHAT_CHANGED = "what-changed.md"
PDF_FILES = (LEAFLET_PDF, GUIDE_PDF)
"""What a change note may name besides pages (see :func:`pdf_titles` for their titles)."""
ATOM = "http://www.w3.org/2005/Atom"


def pdf_titles() -> dict[str, str]:
    """The titles readers see of what a change note may name besides pages, in the reader's language."""
    return {LEAFLET_PDF: gettext("The leaflet to print (PDF)"), GUIDE_PDF: gettext("The whole guide (PDF)")}


@dataclass(frozen=True)
class ChangeEntry:
    """One change note as readers see it: its anchor, date, summary and the pages it names
    (each as its file and its title in the navigation)."""

    id: str
    date: dt.date
    summary: str
    pages: tuple[tuple[str, str], ...]
    look_again: str | None = None  # who should look at the pages again


def change_entries(data: SiteData, titles: dict[str, str] | None = None) -> list[ChangeEntry]:
    """Every change note, newest first (of one day's notes, the one written last first),
    each with its stable anchor; pages are titled from ``titles`` or by their file."""
    titles = titles or {}
    others = pdf_titles()
    per_day: Counter[dt.date] = Counter()
    entries = []
    for note in data.changes.changes:
        per_day[note.date] += 1
        pages = tuple((page, titles.get(page) or others.get(page, page)) for page in note.pages)
        anchor = f"change-{note.date.isoformat()}-{per_day[note.date]}"
        entries.append(ChangeEntry(anchor, note.date, note.summary, pages, note.look_again))
    order = {entry.id: index for index, entry in enumerate(entries)}
    return sorted(entries, key=lambda entry: (entry.date, order[entry.id]), reverse=True)


def page_titles(root: Path) -> dict[str, str]:
    """Each page's title as the site's navigation shows it, by its Markdown file."""
    return {page.file: page.title for page in nav_pages(root)}


def last_updates(data: SiteData, pages: Iterable[str]) -> dict[str, dict]:
    """For each page a change note names, the footer's "Last updated" line: the newest
    note's date and a link to its entry, relative to the page. Raises DataError, at its
    line in changes.yaml, for a note naming a page that is not among ``pages``."""
    pages = [*pages, *PDF_FILES]
    problems = unknown_page_problems(data.changes, data.documents.get(CHANGES_FILE), pages)
    if problems:
        raise DataError(problems)
    updates: dict[str, dict] = {}
    for entry in change_entries(data):
        for page, _ in entry.pages:
            if page not in updates and page not in PDF_FILES:
                updates[page] = {"date": entry.date, "link": f"{relative_link(page, WHAT_CHANGED)}#{entry.id}"}
    return updates


def page_url(data: SiteData, page: str) -> str:
    """A page's absolute address on the published site: 'gp-record.md' -> 'https://.../gp-record.html';
    'leaflet.pdf' -> 'https://.../leaflet.pdf'."""
    address = page if page in PDF_FILES else page.removesuffix(".md") + ".html"
    return data.site.site_url.rstrip("/") + "/" + address


def _timestamp(day: dt.date) -> str:
    """A day as an Atom date (RFC 3339), at the start of the day in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def feed_xml(data: SiteData, titles: dict[str, str] | None = None) -> str:
    """The Atom 1.0 feed of the change notes, newest first. Every id and link is absolute
    and made from site_url; its 'updated' is the newest note's date (the site's
    last_reviewed when there is none)."""
    entries = change_entries(data, titles)
    site = data.site
    page = page_url(data, WHAT_CHANGED)
    updated = entries[0].date if entries else site.last_reviewed
    feed_title = gettext("%(site)s: what changed") % {"site": site.site_title}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang={quoteattr(site.language)}>',
        f"  <id>{escape(_feed_url(data))}</id>",
        f"  <title>{escape(feed_title)}</title>",
        f"  <subtitle>{escape(site.site_description)}</subtitle>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_feed_url(data))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
        f"  <updated>{_timestamp(updated)}</updated>",
        f"  <author><name>{escape(site.owner)}</name></author>",
    ]
    affected = html_escape(gettext("Pages affected:"))
    for entry in entries:
        link = f"{page}#{entry.id}"
        items = "".join(f'<li><a href="{html_escape(page_url(data, file))}">{html_escape(title)}</a></li>' for file, title in entry.pages)
        who = ""
        if entry.look_again:
            who = "<p>" + html_escape(gettext("Who should look again: %(who)s") % {"who": entry.look_again}) + "</p>"
        content = f"<p>{html_escape(entry.summary)}</p>{who}<p>{affected}</p><ul>{items}</ul>"
        lines += [
            "  <entry>",
            f"    <id>{escape(link)}</id>",
            f"    <title>{escape(entry.summary)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f"    <updated>{_timestamp(entry.date)}</updated>",
            f'    <content type="html">{escape(content)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _feed_url(data: SiteData) -> str:
    """The feed's own absolute address."""
    return data.site.site_url.rstrip("/") + "/" + CHANGE_FEED.path


def change_feed_files(data: SiteData, root: Path | None = None) -> dict[str, bytes]:
    """The feed file by its path in the site: {'changes.xml': ...}. Pages are titled as
    the navigation of ``root`` (by default the project's) names them."""
    return {CHANGE_FEED.path: feed_xml(data, page_titles(root or project_root())).encode("utf-8")}
