"""Review dates: what is due for checking, and what is overdue.

Every record that states law or procedure carries a ``reviewed`` date (and an optional
``owner``); so does every page in content/, in its front matter. Each is due
``review_every_months`` (site.yaml) after it was reviewed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.load import models
from generator.load.data import DATA_FILES, SiteData
from generator.load.front_matter import PageDates
from generator.load.yaml_file import KeyPath
from generator.rules.dates import months_later

SOURCE_CHECK_MONTHS = 12
"""A source not checked for longer than this is due: the law it states may have changed."""


def review_due(reviewed: dt.date, every_months: int) -> dt.date:
    """The date a thing reviewed on ``reviewed`` is next due."""
    return months_later(reviewed, every_months)


@dataclass(frozen=True, order=True)
class ReviewItem:
    """One page or record, with when it is due and where it is written."""

    due: dt.date
    reviewed: dt.date
    where: str  # file:line:column
    label: str  # in full: JSON and GitHub annotations carry all of it
    owner: str | None

    @property
    def short_label(self) -> str:
        """The label cut to 70 characters, for a line of a table in a terminal."""
        return self.label if len(self.label) <= 70 else self.label[:67] + "..."


def _label(record: models.Record, path: KeyPath) -> str:
    for attribute in ("title", "name", "term", "description", "text", "id"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return " ".join(value.split())
    doc = type(record).__doc__
    return doc.split(":")[0].split(".")[0] if doc else type(record).__name__


def _records(value: object, path: KeyPath):
    """Every Reviewed record inside ``value``, with its path."""
    if isinstance(value, models.Reviewed):
        yield path, value
    if isinstance(value, models.Record):
        for name in type(value).model_fields:
            yield from _records(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _records(item, path + (index,))


def review_items(data: SiteData, pages: list[PageDates]) -> list[ReviewItem]:
    """Every reviewed record of the data, every page, every source and the leaflet, oldest due first."""
    every = data.site.review_every_months
    items: list[ReviewItem] = []
    for filename, registered in DATA_FILES.items():
        value = getattr(data, registered.field)
        for path, record in _records(value, ()):
            where = data.where(filename, path + ("reviewed",))
            label = _label(record, path) if path else f"{filename} (the file's own statements)"
            items.append(ReviewItem(review_due(record.reviewed, every), record.reviewed, where, label, record.owner))
    for page in pages:
        if page.reviewed is not None:
            items.append(ReviewItem(review_due(page.reviewed, every), page.reviewed, page.where, f"page {page.path.name}", page.owner))
    items += source_items(data)
    site = data.site
    for field, label in (("last_reviewed", "the site as a whole and the whole guide"), ("leaflet_reviewed", "the printed leaflet")):
        reviewed = getattr(site, field)
        items.append(ReviewItem(review_due(reviewed, every), reviewed, data.where("site.yaml", (field,)), label, site.owner))
    return sorted(items)


def source_items(data: SiteData) -> list[ReviewItem]:
    """Every source, due to be checked again :data:`SOURCE_CHECK_MONTHS` months after it was last checked."""
    items = []
    for filename in ("sources.yaml", "area_sources.yaml"):
        if filename not in data.documents:
            continue
        for index, source in enumerate(getattr(data, filename.removesuffix(".yaml")).sources):
            where = data.where(filename, ("sources", index, "checked"))
            label = f"source '{source.id}' (last checked {source.checked.isoformat()})"
            items.append(ReviewItem(review_due(source.checked, SOURCE_CHECK_MONTHS), source.checked, where, label, None))
    return items


def overdue(items: list[ReviewItem], today: dt.date) -> list[ReviewItem]:
    """The items whose review date has passed."""
    return [item for item in items if item.due < today]


def due_within(items: list[ReviewItem], today: dt.date, days: int) -> list[ReviewItem]:
    """The items due by ``days`` days from ``today`` (overdue ones included), oldest first."""
    limit = today + dt.timedelta(days=days) if dt.date.max - today > dt.timedelta(days=days) else dt.date.max
    return [item for item in items if item.due <= limit]
