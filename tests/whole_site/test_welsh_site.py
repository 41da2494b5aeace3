"""A bilingual area built end to end (areas/example-wales): every page in English and in
Welsh at the same path under cy/, each linking to the other, and the default area as it was."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.load.data import load_data
from generator.render.calculator_pages import page_file
from generator.rules.flow import build_flow
from tests.conftest import WALES

pytestmark = pytest.mark.slow
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")


def pages_of(site: Path) -> set[str]:
    """Every HTML page of one language's site, by its path there."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html") if not path.relative_to(site).as_posix().startswith("cy/")}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_english_page_has_its_welsh_page_at_the_same_path(welsh_site: Path) -> None:
    english, welsh = pages_of(welsh_site), pages_of(welsh_site / "cy")
    assert len(english) > 50 and english == welsh
    for name in ("leaflet.pdf", "guide.pdf", "changes.xml", "sitemap.xml", "404.html", "search/search_index.json"):
        assert (welsh_site / "cy" / name).is_file(), name


def test_each_page_links_to_its_counterpart_and_names_both_in_its_head(welsh_site: Path) -> None:
    url = load_data(WALES).site.site_url
    for page in sorted(pages_of(welsh_site)):
        if page == "404.html" or page.startswith("leaflet"):
            continue
        for language, other, path in (("en", "cy", page), ("cy", "en", f"cy/{page}")):
            document = soup(welsh_site / path)
            assert document.html["lang"].startswith(language), path
            switch = document.select_one("nav.mappa-language-switch")
            assert switch is not None, path
            assert switch.select_one('[aria-current="true"]')["lang"] == language
            link = switch.select_one(f'a[hreflang="{other}"][lang="{other}"]')
            target = (welsh_site / path).parent / link["href"]
            assert target.resolve() == (welsh_site / (page if other == "en" else f"cy/{page}")).resolve(), path
            alternates = {tag["hreflang"]: tag["href"] for tag in document.select('link[rel="alternate"][hreflang]')}
            assert alternates == {"en": urljoin(url, page), "cy": urljoin(url, f"cy/{page}"), "x-default": urljoin(url, page)}, path


def test_the_welsh_pages_are_in_welsh_with_english_titles_marked(welsh_site: Path) -> None:
    home = soup(welsh_site / "cy" / "index.html")
    assert home.html["lang"] == "cy"
    assert "Dewislen" in str(home) and "Hafan" in home.get_text()  # the menu and its titles, from the catalogue
    what = soup(welsh_site / "cy" / "what-is-mappa.html")  # an Act named in a translator's Welsh sentence
    assert "Criminal Justice Act 2003" in [span.get_text() for span in what.select('span[lang="en"]')]
    periods = soup(welsh_site / "cy" / "notification-periods.html")
    assert "cyfnodau hysbysu" in periods.h1.get_text().lower()
    assert any(span.get_text().startswith("Sexual Offences Act 2003") for span in periods.select('span[lang="en"]'))


def test_pages_built_from_a_draft_say_so_in_welsh_and_english(welsh_site: Path) -> None:
    page = soup(welsh_site / "cy" / "levels.html")
    notice = page.select_one(".mappa-draft")
    assert notice is not None and notice.get_text().startswith("Cyfieithiad drafft")
    assert notice.select_one('span[lang="en"]').get_text() == "Draft translation, not yet checked by a Welsh translator."
    assert soup(welsh_site / "levels.html").select_one(".mappa-draft") is None


def test_the_sitemaps_name_each_page_in_both_languages(welsh_site: Path) -> None:
    url = load_data(WALES).site.site_url
    english = (welsh_site / "sitemap.xml").read_text(encoding="utf-8")
    welsh = (welsh_site / "cy" / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<xhtml:link rel="alternate" hreflang="cy" href="{url}cy/levels.html"/>' in english
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{url}levels.html"/>' in welsh
    assert f"<loc>{url}cy/levels.html</loc>" in welsh
    assert "Sitemap: " + url + "cy/sitemap.xml" in (welsh_site / "robots.txt").read_text(encoding="utf-8")


def test_a_page_not_found_per_language(welsh_site: Path) -> None:
    welsh = soup(welsh_site / "cy" / "404.html")
    assert welsh.html["lang"] == "cy" and welsh.h1.get_text() == "Heb ddod o hyd i'r dudalen"
    english = soup(welsh_site / "404.html")
    assert english.h1.get_text() == "Page not found"
    assert english.select_one('nav.mappa-language-switch a[hreflang="cy"]')["href"] == "/cy/"  # served at any address
    assert welsh.select_one('nav.mappa-language-switch a[hreflang="en"]')["href"] == "/"


def test_the_welsh_calculator_is_walked_to_every_outcome_by_its_links_alone(welsh_site: Path) -> None:
    """From the Welsh start page, following only links (no script runs on these pages),
    every outcome and advice page of the flow is reached, and none is in English."""
    calculator = welsh_site / "cy" / "calculator"
    seen, queue = set(), [calculator / "index.html"]
    while queue:
        page = queue.pop().resolve()
        if page in seen or not page.is_relative_to(calculator.resolve()) or page.suffix != ".html":
            continue
        seen.add(page)
        document = soup(page)
        assert document.html["lang"] == "cy", page
        for link in document.select("main a[href]"):
            href = link["href"].split("#")[0]
            if href and "://" not in href and not href.startswith(("mailto:", "tel:", "/")):
                queue.append(page.parent / href)
    flow = build_flow(load_data(WALES).notification_periods)
    wanted = {(welsh_site / "cy" / page_file(path).replace(".md", ".html")).resolve() for path in [*flow.outcomes, *flow.advice]}
    assert wanted <= seen, sorted(str(path) for path in wanted - seen)[:5]


def test_the_welsh_calculator_has_every_question_and_outcome_without_scripts(welsh_site: Path) -> None:
    worked, flow = "", build_flow(load_data(WALES).notification_periods)
    for path in list(flow.questions) + list(flow.outcomes) + list(flow.advice):
        page = welsh_site / "cy" / page_file(path).replace(".md", ".html")
        document = soup(page)
        assert document.find("script") is None and document.html["lang"] == "cy", page
        worked += document.get_text()
    assert any(month in worked for month in WELSH_MONTHS)  # worked dates with Welsh month names


def test_the_welsh_feed_and_leaflet_and_guide_are_welsh(welsh_site: Path) -> None:
    assert 'xml:lang="cy"' in (welsh_site / "cy" / "changes.xml").read_text(encoding="utf-8")
    leaflet = PdfReader(str(welsh_site / "cy" / "leaflet.pdf"))
    assert len(leaflet.pages) == 2 and leaflet.trailer["/Root"]["/Lang"] == "cy"
    for page in leaflet.pages:  # A4, in points
        assert abs(float(page.mediabox.width) - 595.28) < 0.5 and abs(float(page.mediabox.height) - 841.89) < 0.5
    xmp = leaflet.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp)
    guide = PdfReader(str(welsh_site / "cy" / "guide.pdf"))
    assert guide.trailer["/Root"]["/Lang"] == "cy"
    text = " ".join(page.extract_text() for page in guide.pages)
    assert "cyfnodau hysbysu" in text.lower()
    assert "Change the language" not in text and "Newid yr iaith" not in text  # the switch is for the web only


def test_the_welsh_search_has_its_own_index_with_plain_matching(welsh_site: Path) -> None:
    index = (welsh_site / "cy" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"pipeline":["trimmer"]' in index.replace(" ", "") and "cofrestr" in index


def test_the_default_area_has_no_welsh(built_site: Path) -> None:
    assert not (built_site / "cy").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "mappa-language-switch" not in home and "hreflang" not in home
    assert "xhtml:link" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
