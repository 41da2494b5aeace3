"""The Welsh site in a browser: axe on Welsh pages at a phone's width and a desktop's, and at
a phone's with the site's scripts blocked; the Nu checker on them; and the language switch
walked with the keyboard alone (no JavaScript) to the page's counterpart and back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.browser import chromium, serve
from tests.in_browser.test_focus_visible import walk
from tests.in_browser.test_quality import VIEWPORTS, VNU, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WELSH_PAGES = [
    "cy/index.html",
    "cy/notification-periods.html",
    "cy/a-z.html",
    "cy/calculator/index.html",
    "cy/calculator/caution/index.html",
    "cy/404.html",
]


@pytest.mark.parametrize(("width", "scripts"), [("desktop", "with-javascript"), ("phone", "with-javascript"), ("phone", "scripts-blocked")])
def test_axe_finds_no_wcag_violation_on_welsh_pages(welsh_site: Path, width: str, scripts: str) -> None:
    with serve(welsh_site) as base, chromium() as browser:
        context = browser.new_context(bypass_csp=True, **VIEWPORTS[width])  # lets the test put axe in the page
        if scripts == "scripts-blocked":  # axe itself is put in the page by the test, not fetched
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        found = {}
        for name in WELSH_PAGES:
            page.goto(base + name, wait_until="load")
            assert page.evaluate("document.documentElement.lang") == "cy", name
            violations = run_axe(page)
            if violations:
                found[name] = violations
        context.close()
    assert found == {}


def test_the_nu_checker_finds_no_error_on_welsh_pages(welsh_site: Path) -> None:
    files = [str(welsh_site / name) for name in WELSH_PAGES]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert messages == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_language_switch_works_from_the_keyboard_without_javascript(welsh_site: Path, width: str) -> None:
    with serve(welsh_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False, **VIEWPORTS[width])
        page = context.new_page()
        page.goto(base + "levels.html")
        for _ in range(60):  # Tab from the top of the page to the link to the Welsh page
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('hreflang')") == "cy":
                break
        else:
            pytest.fail("Tab never reached the link to the Welsh page")
        name = page.evaluate("document.activeElement.textContent.replace(/\\s+/g, ' ').trim()")
        assert "Newid yr iaith i’r Gymraeg" in name
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/cy/levels.html")
        assert page.evaluate("document.documentElement.lang") == "cy"
        assert page.locator('nav.mappa-language-switch [aria-current="true"]').inner_text() == "Cymraeg"
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
                break
        else:
            pytest.fail("Tab never reached the link to the English page")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/levels.html") and "/cy/" not in page.url
        context.close()


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
def test_tab_never_takes_the_focus_out_of_sight_on_welsh_pages_at_400_percent_zoom(welsh_site: Path, scripts: str) -> None:
    """The language switch and the draft notice, new on Welsh pages, at 320x256 (400% zoom)."""
    hidden_stops = {}
    with serve(welsh_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 320, "height": 256}, reduced_motion="reduce")
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        for name in ("cy/index.html", "cy/levels.html", "cy/calculator/caution/under-18/index.html"):
            page.goto(base + name, wait_until="load")
            stops, hidden, came_round = walk(page, "Tab")
            assert stops >= 5 and came_round, name
            if hidden:
                hidden_stops[name] = hidden
        context.close()
    assert hidden_stops == {}
