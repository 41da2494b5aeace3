"""No review date older than the change it should have covered.

A page, the leaflet or the guide may not say "Last reviewed" on a day before the newest
change note (changes.yaml) that names it: the change was published after the review, so
the review no longer covers what readers see. Each such date is a problem at its own
``reviewed`` line, naming the note that changed the page.

What carries which date:

* a page in content/: its front matter's ``reviewed``;
* the calculator's pages (named ``calculator/index.md`` in a note): the table's
  ``reviewed`` in notification_periods.yaml, which every calculator page shows;
* the leaflet (``leaflet.pdf``): ``leaflet_reviewed`` in site.yaml, printed on it;
* the whole guide (``guide.pdf``): ``last_reviewed`` in site.yaml, printed on its cover.
  The guide holds every page, so every note changes it, whether or not it names it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.errors import Problem
from generator.load.change_models import CHANGES_FILE
from generator.load.data import SiteData
from generator.load.front_matter import PageDates
from generator.render.guide import GUIDE_PDF
from generator.render.leaflet import LEAFLET_PDF

CALCULATOR_PAGE = "calculator/index.md"
DOCUMENTS = {LEAFLET_PDF: "the leaflet", GUIDE_PDF: "the guide"}
"""What a change note may name besides pages: the two PDFs, with their names in messages."""


@dataclass(frozen=True)
class ReviewDate:
    """The day something was last reviewed, where that day is written ('file:line:column')
    and the key an editor updates there."""

    date: dt.date
    where: str
    key: str = "reviewed"


def review_dates(data: SiteData, pages: dict[str, PageDates]) -> dict[str, ReviewDate]:
    """The review date of everything a change note may name, by the name a note uses;
    ``pages`` are the content pages by their path below content/."""
    dates = {name: ReviewDate(page.reviewed, page.where) for name, page in pages.items()}
    table = "notification_periods.yaml"
    if table in data.documents:
        dates[CALCULATOR_PAGE] = ReviewDate(data.notification_periods.reviewed, data.where(table, ("reviewed",)))
    if "site.yaml" in data.documents:
        site = data.site
        dates[LEAFLET_PDF] = ReviewDate(site.leaflet_reviewed, data.where("site.yaml", ("leaflet_reviewed",)), "leaflet_reviewed")
        dates[GUIDE_PDF] = ReviewDate(site.last_reviewed, data.where("site.yaml", ("last_reviewed",)), "last_reviewed")
    return dates


def stale_review_problems(data: SiteData, dates: dict[str, ReviewDate]) -> list[Problem]:
    """A problem for each review date earlier than the newest change note naming its page."""
    newest: dict[str, tuple[dt.date, int]] = {}
    for index, note in enumerate(data.changes.changes):
        for name in [*note.pages, GUIDE_PDF]:
            if name not in newest or note.date >= newest[name][0]:
                newest[name] = (note.date, index)
    problems = []
    for name, review in sorted(dates.items()):
        if name not in newest or review.date >= newest[name][0]:
            continue
        changed, index = newest[name]
        what = DOCUMENTS.get(name, "this page")
        path, line, column = review.where.rsplit(":", 2)
        problems.append(
            Problem(
                path,
                int(line),
                int(column),
                (
                    f"reviewed {review.date.isoformat()}, but {_note_line(data, index)} changed {what} on "
                    f"{changed.isoformat()}: review it again and update '{review.key}'"
                ),
            )
        )
    return problems


def _note_line(data: SiteData, index: int) -> str:
    """'data/changes.yaml:20': the line of the note's date."""
    document = data.documents.get(CHANGES_FILE)
    if document is None:
        return f"{CHANGES_FILE} (note {index + 1})"
    return document.where(("changes", index, "date")).rsplit(":", 1)[0]
