"""The list of every area `mappa build-all` built: a page (OUT/index.html) and the same
as data (OUT/areas.json), so that a national page can point to every area.

Each area is listed with its name, its site's public address and the copy built beside
this page (a bilingual area's in each of its languages: English at OUT/<area>/, Welsh at
OUT/<area>/cy/, each link named in its own language), its MAPPA office (name, phone,
email, website) and when its site was last reviewed and is next due
(:func:`generator.rules.review_dates.review_due`). The page is one standalone file from
templates/areas/: HTML-escaped, no script, its own stylesheet inline and allowed by its
hash alone in the page's Content-Security-Policy, so it loads nothing at all. Both files begin with words that say mappa wrote them
(:data:`PAGE_START`, :data:`JSON_START`): build-all replaces only a file that does.
The same areas give the same bytes: no timestamps, areas in the order given.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import markupsafe

from generator.load.data import SiteData
from generator.render import markdown_text
from generator.render.templating import environment, render_located
from generator.rules.review_dates import review_due
from generator.web_policy import areas_page_policy

PAGE_START = b"<!DOCTYPE html>\n<!-- Written by `mappa build-all`"
JSON_START = b'{\n  "generator": "mappa build-all"'
GENERATOR = "mappa build-all"


@dataclass(frozen=True)
class Office:
    """An area's MAPPA office, as contacts.yaml gives it (each way to reach it optional)."""

    name: str
    phone: str | None
    email: str | None
    website: str | None


@dataclass(frozen=True)
class AreaEntry:
    """One built area, as the list shows it."""

    folder: str  # the area's folder in AREAS_DIR, and its site's folder in OUT
    name: str
    site_title: str
    site_url: str
    office: Office
    last_reviewed: dt.date
    next_review_due: dt.date
    languages: tuple[str, ...] = ("en",)  # site.yaml's languages: English first

    @property
    def path(self) -> str:
        """The built copy's address relative to OUT/index.html (and OUT/areas.json)."""
        return f"{quote(self.folder)}/index.html"

    @property
    def editions(self) -> list[Edition]:
        """The built copy in each of the area's languages, English first (the English at
        the area's folder, each other language in its own folder under it)."""
        return [Edition(code, self.path if code == "en" else f"{quote(self.folder)}/{code}/index.html") for code in self.languages]


@dataclass(frozen=True)
class Edition:
    """The built copy of an area's site in one language."""

    code: str  # "en", "cy"
    path: str  # relative to OUT/index.html

    @property
    def label(self) -> str:
        """The language's name, in that language: what its link says."""
        return LANGUAGE_NAMES[self.code]


LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def area_entry(folder: str, data: SiteData) -> AreaEntry:
    """How the area in ``folder`` is listed, from its data."""
    site, office = data.site, data.contacts.office
    return AreaEntry(
        folder=folder,
        name=site.area_name,
        site_title=site.site_title,
        site_url=site.site_url,
        office=Office(office.name, office.phone, office.email, office.website),
        last_reviewed=site.last_reviewed,
        next_review_due=review_due(site.last_reviewed, site.review_every_months),
        languages=tuple(site.languages),
    )


def areas_json(entries: list[AreaEntry]) -> bytes:
    """OUT/areas.json: UTF-8, indented, every area's fields in a fixed order, ISO dates."""
    text = json.dumps({"generator": GENERATOR, "areas": [area_json(entry) for entry in entries]}, indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


def area_json(entry: AreaEntry) -> dict[str, Any]:
    """One area in OUT/areas.json; a bilingual area's also lists the copy in each language
    (``languages``: each language's ``code`` and ``path``), after its ``path``."""
    area: dict[str, Any] = {
        "folder": entry.folder,
        "name": entry.name,
        "site_title": entry.site_title,
        "site_url": entry.site_url,
        "path": entry.path,
    }
    if len(entry.languages) > 1:
        area["languages"] = [{"code": edition.code, "path": edition.path} for edition in entry.editions]
    area["office"] = {
        "name": entry.office.name,
        "phone": entry.office.phone,
        "email": entry.office.email,
        "website": entry.office.website,
    }
    area["last_reviewed"] = entry.last_reviewed.isoformat()
    area["next_review_due"] = entry.next_review_due.isoformat()
    return area


def areas_page(entries: list[AreaEntry], templates_dir: Path) -> bytes:
    """OUT/index.html: the page listing ``entries``, every value HTML-escaped."""
    folder = templates_dir / "areas"
    env = environment([folder], templates_dir.parent, "html")
    env.filters.update(tel=markdown_text.tel_url, mailto=markdown_text.mailto_url)

    def render() -> str:
        style = env.get_template("areas.css").render().strip()
        return (
            env.get_template("index.html").render(
                areas=entries,
                style=markupsafe.Markup(style),
                policy=areas_page_policy(style),
            )
            + "\n"
        )

    return render_located(render, folder / "index.html").encode("utf-8")
