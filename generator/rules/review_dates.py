"""Review dates: what is due for checking, and what is overdue.

Every record that states law or procedure carries a ``reviewed`` date (and an optional
``owner``); so does every page in content/, in its front matter. Each is due
``review_every_months`` (site.yaml) after it was reviewed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, display_path
from generator.load import models
from generator.load.data import SiteData
from generator.load.front_matter import page_reviewed, split_front_matter
from generator.load.yaml_file import KeyPath
from generator.rules.dates import months_later


def review_due(reviewed: dt.date, every_months: int) -> dt.date:
    """The date a thing reviewed on ``reviewed`` is next due."""
    return months_later(reviewed, every_months)


@dataclass(frozen=True, order=True)
class ReviewItem:
    """One page or record, with when it is due and where it is written."""

    due: dt.date
    reviewed: dt.date
    where: str  # file:line:column
    label: str
    owner: str | None


def _label(record: models.Record, path: KeyPath) -> str:
    for attribute in ("title", "name", "term", "description", "text", "id"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            short = " ".join(value.split())
            return short if len(short) <= 70 else short[:67] + "..."
    return type(record).__doc__.split(":")[0].split(".")[0] if type(record).__doc__ else type(record).__name__


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


def review_items(data: SiteData, content_dir: Path) -> tuple[list[ReviewItem], list[Problem]]:
    """Every reviewed record and page, oldest due first; and pages that have no date."""
    every = data.site.review_every_months
    items: list[ReviewItem] = []
    for filename in models.DATA_FILES:
        value = getattr(data, filename.removesuffix(".yaml"))
        for path, record in _records(value, ()):
            where = data.where(filename, path + ("reviewed",))
            label = _label(record, path) if path else f"{filename} (the file's own statements)"
            items.append(ReviewItem(review_due(record.reviewed, every), record.reviewed, where, label, record.owner))
    problems = []
    for page in sorted(content_dir.rglob("*.md")):
        meta, _ = split_front_matter(page.read_text(encoding="utf-8"))
        reviewed = page_reviewed(meta)
        if reviewed is None:
            problems.append(Problem(display_path(page), 1, 1, "missing 'reviewed: YYYY-MM-DD' in the page's front matter"))
            continue
        owner = meta.get("owner") if isinstance(meta.get("owner"), str) else None
        items.append(ReviewItem(review_due(reviewed, every), reviewed, f"{display_path(page)}:2:1", f"page {page.name}", owner))
    site = data.site
    items.append(ReviewItem(review_due(site.leaflet_reviewed, every), site.leaflet_reviewed,
                            data.where("site.yaml", ("leaflet_reviewed",)), "the printed leaflet", site.owner))
    return sorted(items), problems


def overdue(items: list[ReviewItem], today: dt.date) -> list[ReviewItem]:
    """The items whose review date has passed."""
    return [item for item in items if item.due < today]


def due_within(items: list[ReviewItem], today: dt.date, days: int) -> list[ReviewItem]:
    """The items due by ``days`` days from ``today`` (overdue ones included), oldest first."""
    limit = today + dt.timedelta(days=days)
    return [item for item in items if item.due <= limit]
