"""Site pages print cleanly: no navigation, header or footer; addresses after external,
email and phone links and cited sources; the title in black; a long table runs on from
page to page with its header row on each; and each printed page says where it came from."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

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
        assert page.locator("article h1").evaluate("h => getComputedStyle(h).color") in ("rgb(0, 0, 0)", "rgb(11, 12, 12)")
        page.goto(base + "contact.html")
        for scheme in ("mailto:", "tel:"):
            link = page.locator(f'article a[href^="{scheme}"]').first
            after = link.evaluate("a => getComputedStyle(a, '::after').content")
            assert after == '" (" attr(href) ")"' or scheme in after, scheme
        page.goto(base + "notification-periods.html")
        table = page.locator("article table").first
        assert table.evaluate("t => getComputedStyle(t).breakInside") != "avoid"  # it may run on to the next page
        assert table.locator("tbody tr").first.evaluate("r => getComputedStyle(r).breakInside") == "avoid"  # a row may not
        assert table.locator("thead").evaluate("h => getComputedStyle(h).display") == "table-header-group"


def printed_pages(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each page of ``pdf``: its text, and the heights (from the foot of the page) of its
    lowest and its highest line."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        heights: list[float] = []

        def line(text, cm, tm, font, size, heights=heights) -> None:
            if text.strip():
                heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        text = page.extract_text(visitor_text=line)
        pages.append((text, min(heights, default=0.0), max(heights, default=0.0)))
    return pages


def words(text: str) -> str:
    """``text`` as its letters and digits only, for finding what a table cell says in the
    text of a PDF (which breaks its lines and spaces as it lays them out)."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_a_long_table_runs_on_from_page_to_page_with_its_header_on_each(built_site: Path) -> None:
    """Notification periods: the table starts on the first page, under the introduction,
    rather than leaving most of that page blank; it runs on to the next page, and its
    header row is at the top of each page it is on."""
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(base + "notification-periods.html")
        table = page.locator("article table").first
        header = table.locator("thead th").first.inner_text()
        rows = table.locator("tbody tr > :first-child").all_inner_texts()
        pdf = page.pdf(format="A4")
        page.close()
    pages = printed_pages(pdf)
    texts = [words(text) for text, _, _ in pages]
    on_page = {row: [number for number, text in enumerate(texts) if words(row) in text] for row in rows}
    assert all(len(numbers) == 1 for numbers in on_page.values()), f"rows not printed once: {on_page}"
    spans = sorted({numbers[0] for numbers in on_page.values()})
    assert spans[0] == 0, f"the table starts on page {spans[0] + 1}, not under the introduction on page 1"
    assert len(spans) >= 2, "the table fits one page: no longer a test of a table running on"
    assert all(words(header) in texts[number] for number in spans), f"the header row {header!r} is not on each of pages {spans}"
    # page 1 is filled: its last line is in the last fifth of the height the pages' text takes
    top, bottom = max(high for _, _, high in pages), min(low for _, low, _ in pages)
    assert (top - pages[0][1]) / (top - bottom) >= 0.8, (
        f"page 1's text ends {top - pages[0][1]:.0f}pt down a text area of {top - bottom:.0f}pt"
    )


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
    """On screen a citation's number leads to "Sources for this page", which links to the
    sources page; on paper that list also gives each source's address."""
    from generator.load.data import load_data
    from generator.wording import url_as_written
    from tests.conftest import DATA

    guidance = load_data(DATA).source("mappa-guidance")
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "levels.html")
        assert page.locator("sup.mappa-ref a").first.get_attribute("href") == "#source-1"
        address = page.locator("#source-1 + .mappa-print-only")
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
        for selector in (".mappa-back", ".mappa-summary__change", ".mappa-controls", "details.mappa-help"):
            assert page.locator(selector).count() and not page.locator(selector).first.is_visible(), selector
        assert "Start again" in page.locator(".mappa-controls").inner_text()
        page.locator("details.mappa-help").first.evaluate("d => { d.open = true; }")  # a folded section opened is printed
        assert page.locator("details.mappa-help").first.is_visible()
        page.goto(base + "calculator/what-happened/index.html")
        assert page.locator("article h1").is_visible() and page.locator(".mappa-answers a").first.is_visible()
        assert not page.locator(".mappa-back").is_visible()
        page.goto(base + "calculator/index.html")
        assert not page.locator(".mappa-start").is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".mappa-start").is_visible()
