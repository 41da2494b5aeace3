"""Site pages print cleanly: no navigation, header or footer; addresses after external links
and cited sources; and each printed page says where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_pages_print_content_only_with_link_addresses(built_site: Path) -> None:
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(base + "sources.html")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
        assert page.locator("article h1").is_visible()
        link = page.locator('article a[href^="https://www.legislation.gov.uk/"]').first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert after == '" (" attr(href) ")"' or "legislation.gov.uk" in after
        table_page = browser.new_page()
        table_page.emulate_media(media="print")
        table_page.goto(base + "notification-periods.html")
        assert table_page.locator("article table").first.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
        pdf = table_page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")


def test_a_printed_page_says_where_it_came_from(built_site: Path) -> None:
    from generator.load.data import load_data
    from generator.wording import url_as_written
    from tests.conftest import DATA

    site = url_as_written(load_data(DATA).site.site_url.rstrip("/"))
    with serve(built_site) as base, chromium() as browser:
        for path in ("levels.html", "calculator/imprisonment/index.html"):
            page = browser.new_page()
            page.goto(base + path)
            note = page.locator("p.mappa-print-only")
            assert note.is_hidden(), f"{path}: the print-only note shows on screen"
            page.emulate_media(media="print")
            assert note.is_visible(), path
            assert note.inner_text() == f"Printed from {site}/{path}. Printed copies may be out of date: check the website."


def test_a_printed_citation_shows_its_sources_address(built_site: Path) -> None:
    """On screen a citation links to the sources page; on paper it also gives the address."""
    from generator.load.data import load_data
    from generator.wording import url_as_written
    from tests.conftest import DATA

    guidance = load_data(DATA).source("mappa-guidance")
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "levels.html")
        address = page.locator("small .mappa-print-only").first
        assert address.is_hidden()
        page.emulate_media(media="print")
        assert address.is_visible()
        assert address.inner_text().strip() == f"({url_as_written(guidance.url)})"


def test_a_printed_calculator_page_keeps_the_answer_and_leaves_out_the_controls(built_site: Path) -> None:
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(base + "calculator/caution/under-18/index.html")
        assert page.locator("article h1").is_visible() and page.locator(".mappa-summary dd").first.is_visible()
        for selector in (".mappa-back", ".mappa-summary__change", ".mappa-controls"):
            assert page.locator(selector).count() and not page.locator(selector).first.is_visible(), selector
        page.goto(base + "calculator/index.html")
        assert not page.locator(".mappa-start").is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".mappa-start").is_visible()
