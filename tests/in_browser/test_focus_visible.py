"""At 400% zoom (320x256) the keyboard's focus is never out of sight: Tab does not walk
through the links of the closed, off-screen menu or the empty search results, with
JavaScript on and with the site's scripts blocked; once the menu is opened, its links
take the focus in sight."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ZOOMED = {"width": 320, "height": 256}
PAGES = ["index.html", "gp-record.html", "calculator/caution/index.html"]
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return {text: (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40),
          seen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
                && getComputedStyle(e).visibility !== 'hidden'};
}"""


def out_of_sight(page, presses: int = 40) -> list[str]:
    """What took the focus out of sight while Tab was pressed ``presses`` times."""
    hidden = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is not None and not focused["seen"]:
            hidden.append(focused["text"])
    return hidden


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
def test_the_focus_is_never_out_of_sight_at_400_percent_zoom(built_site: Path, scripts: str) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport=ZOOMED)
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        found = {}
        for name in PAGES:
            page.goto(base + name, wait_until="load")
            hidden = out_of_sight(page)
            if hidden:
                found[name] = hidden
        context.close()
    assert found == {}


def test_the_opened_menu_takes_the_focus_in_sight(built_site: Path) -> None:
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_context(viewport=ZOOMED).new_page()
        page.goto(base + "gp-record.html", wait_until="load")
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        for _ in range(4):
            page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None and focused["seen"], focused
        assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "visible"
