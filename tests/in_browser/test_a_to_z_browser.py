"""The header's A to Z link in Chromium: with JavaScript off it stands where the search
would be (the search needs JavaScript and is hidden); with JavaScript on both are there.
At a phone's width and a desktop's, reached with Tab, focus visible, big enough to hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve
from tests.in_browser.test_quality import VIEWPORTS, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LINK = "header a.mappa-a-z-link"
SEARCH_INPUT = ".md-search__input"
SEARCH_BUTTON = "label.md-header__button[for='__search']"


def tab_to(page, selector: str) -> dict:
    """Press Tab until the element matching ``selector`` has focus; its focus style."""
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement); return {style: s.outlineStyle, width: s.outlineWidth}; }"
            )
    pytest.fail(f"Tab never reached {selector}")


def assert_big_enough(locator) -> None:
    box = locator.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_without_javascript_the_header_offers_the_a_to_z_and_no_search(built_site: Path, width: str) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False, **VIEWPORTS[width])
        page = context.new_page()
        for name in ("index.html", "glossary.html", "calculator/index.html", "calculator/caution/index.html"):
            page.goto(base + name)
            link = page.locator(LINK)
            assert link.is_visible(), name
            assert page.get_by_role("link", name="A to Z", exact=True).first.is_visible(), name
            assert not page.locator(SEARCH_INPUT).is_visible() and not page.locator(SEARCH_BUTTON).is_visible(), name
            assert_big_enough(link)
            focus = tab_to(page, LINK)
            assert focus["style"] == "solid" and focus["width"] != "0px", (name, focus)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url == base + "a-z.html", name
        context.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_with_javascript_the_header_has_both_the_a_to_z_and_the_search(built_site: Path, width: str) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(**VIEWPORTS[width])
        page = context.new_page()
        page.goto(base + "index.html", wait_until="networkidle")
        assert page.locator("html.js").count() == 1  # Material's script has run
        assert page.locator(LINK).is_visible()
        tab_to(page, LINK)
        if width == "phone":  # Material shows the search as a button that opens it
            assert page.locator(SEARCH_BUTTON).is_visible()
            page.locator(SEARCH_BUTTON).click()
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        assert page.locator(SEARCH_INPUT).is_visible()
        page.locator(SEARCH_INPUT).click()
        page.keyboard.type("register")  # a user can type into it
        page.locator(".md-search-result__item").first.wait_for()
        assert page.locator(LINK).count() == 1
        context.close()


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_a_to_z_page_passes_axe_and_its_letters_are_big_enough(built_site: Path, width: str, scripts: str) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(bypass_csp=True, **VIEWPORTS[width])
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(base + "a-z.html", wait_until="load")
        letters = page.locator("nav.mappa-a-z-letters a")
        assert letters.count() >= 10
        for index in range(letters.count()):
            assert_big_enough(letters.nth(index))
        assert run_axe(page) == []
        letters.filter(has_text="M").first.click()
        assert page.url.endswith("a-z.html#m")
        context.close()
