"""`mappa build-all`'s list of areas: a bilingual area is listed with its English copy
(OUT/<area>/index.html) and its Welsh (OUT/<area>/cy/index.html), in the page and in
areas.json; an English-only area is listed exactly as before."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.render.areas_index import AreaEntry, Office, area_entry, areas_json, areas_page
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"
EXAMPLE_WALES = ROOT / "areas" / "example-wales"
ENGLISH_KEYS = ["folder", "name", "site_title", "site_url", "path", "office", "last_reviewed", "next_review_due"]


def entry(folder: str = "exampleshire", languages: tuple[str, ...] = ("en",)) -> AreaEntry:
    office = Office("Example MAPPA office", "01632 960000", None, "https://mappa.example.org/")
    return AreaEntry(
        folder, "Example & Co", "Example MAPPA", "https://mappa.example.org/", office, dt.date(2026, 1, 1), dt.date(2027, 1, 1), languages
    )


def listed(page: bytes) -> list[BeautifulSoup]:
    return BeautifulSoup(page.decode("utf-8"), "html.parser").select("ul.areas > li")


def copies(item: BeautifulSoup) -> list[dict[str, str]]:
    """The links under 'Copy built here', with their text and attributes."""
    dd = next(dt_.find_next_sibling("dd") for dt_ in item.find_all("dt") if dt_.get_text() == "Copy built here")
    return [{"text": a.get_text(), **{k: str(v) for k, v in a.attrs.items()}} for a in dd.find_all("a")]


def test_the_area_entry_carries_the_sites_languages() -> None:
    data = load_data(EXAMPLE_WALES)
    assert area_entry("example-wales", data).languages == ("en", "cy")
    assert area_entry("norfolk", load_data(ROOT / "data")).languages == ("en",)


def test_a_bilingual_area_in_areas_json_lists_each_languages_copy() -> None:
    areas = json.loads(areas_json([entry("example wales", ("en", "cy")), entry()]))["areas"]
    welsh, english = areas
    assert list(welsh) == ENGLISH_KEYS[:5] + ["languages"] + ENGLISH_KEYS[5:]
    assert welsh["languages"] == [
        {"code": "en", "path": "example%20wales/index.html"},
        {"code": "cy", "path": "example%20wales/cy/index.html"},
    ]
    assert welsh["path"] == "example%20wales/index.html"
    assert list(english) == ENGLISH_KEYS  # no "languages" for an English-only area


def test_a_bilingual_area_on_the_page_links_to_english_and_to_cymraeg() -> None:
    welsh, english = listed(areas_page([entry("example-wales", ("en", "cy")), entry()], TEMPLATES))
    assert copies(welsh) == [
        {"text": "English", "href": "example-wales/index.html", "hreflang": "en"},
        {"text": "Cymraeg", "href": "example-wales/cy/index.html", "lang": "cy", "hreflang": "cy"},
    ]
    assert copies(english) == [{"text": "exampleshire/", "href": "exampleshire/index.html"}]


def test_an_english_only_area_is_listed_byte_for_byte_as_before() -> None:
    """Adding a bilingual area changes nothing in another area's entry, nor does the field."""
    alone = areas_page([entry()], TEMPLATES).decode("utf-8")
    assert '<dd><a href="exampleshire/index.html">exampleshire/</a></dd>\n<dt>MAPPA office</dt>' in alone
    assert "hreflang" not in alone and "Cymraeg" not in alone
    with_welsh = areas_page([entry(), replace(entry("wales"), languages=("en", "cy"))], TEMPLATES).decode("utf-8")
    first = alone.split("<li>")[1].split("</li>")[0]
    assert with_welsh.split("<li>")[1].split("</li>")[0] == first
    assert json.loads(areas_json([entry()]))["areas"][0] == json.loads(areas_json([entry(), entry("wales", ("en", "cy"))]))["areas"][0]
