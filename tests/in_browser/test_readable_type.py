"""Readable type: each page's title is bold and near-black, and a table's text is as large
as the text around it (16px on a phone). A table wider than a phone's screen scrolls
sideways in a named region the keyboard can reach and scroll; the page itself never
scrolls sideways. With JavaScript on (the theme's script wraps each table in boxes of its
own) and with the site's scripts blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve
from tests.in_browser.test_focus_visible import contrast
from tests.in_browser.test_quality import AXE, VIEWPORTS, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = VIEWPORTS["phone"]
TABLE_PAGES = ["notification-periods.html", "gp-record.html", "offences-and-disposals.html", "calculator/all-outcomes/index.html"]

# Every table of the page: the font sizes of its cells, its region, and what else scrolls
# it; and whether the page is wider than the screen.
TABLES = """() => ({
  pageWidth: document.documentElement.scrollWidth,
  screenWidth: innerWidth,
  tables: [...document.querySelectorAll('article table')].map(table => {
    const region = table.closest('[role=region]');
    return {
      sizes: [...new Set([...table.querySelectorAll('th, td')].map(cell => getComputedStyle(cell).fontSize))],
      region: region && {name: region.getAttribute('aria-label'), tabindex: region.getAttribute('tabindex'),
                         scrolls: getComputedStyle(region).overflowX, right: region.getBoundingClientRect().right},
      otherScrollers: [...document.querySelectorAll('article *')].filter(e => e !== region && e.contains(table)
        && e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .map(e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('')),
    };
  }),
})"""


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
def test_tables_on_a_phone_are_16px_and_scroll_in_a_named_region(built_site: Path, scripts: str) -> None:
    found, problems = 0, {}
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(**PHONE)
        context.add_init_script(path=str(AXE))
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        for name in TABLE_PAGES:
            page.goto(base + name, wait_until="load")
            if scripts == "with-javascript" and page.locator("script[src]").count() and page.locator("article table").count():
                page.locator("article .md-typeset__scrollwrap").first.wait_for(state="attached")  # the theme's boxes
            state = page.evaluate(TABLES)
            wrong = []
            if state["pageWidth"] > state["screenWidth"]:
                wrong.append(f"the page is {state['pageWidth']}px wide on a {state['screenWidth']}px screen")
            for index, table in enumerate(state["tables"]):
                found += 1
                if table["sizes"] != ["16px"]:
                    wrong.append(f"table {index + 1}: text of {table['sizes']}")
                region = table["region"]
                if not region or not region["name"] or region["tabindex"] != "0" or region["scrolls"] != "auto":
                    wrong.append(f"table {index + 1}: not in a named region that takes the focus and scrolls: {region}")
                if table["otherScrollers"]:
                    wrong.append(f"table {index + 1}: scrolled by {table['otherScrollers']}, not by its region")
            violations = run_axe(page)
            if violations:
                wrong.append(f"axe: {violations}")
            if wrong:
                problems[name] = wrong
        context.close()
    assert found >= 3, f"only {found} tables on {TABLE_PAGES}"
    assert problems == {}


def test_a_wide_table_scrolls_sideways_from_the_keyboard(built_site: Path) -> None:
    """The GP record's codes (five columns) are wider than a phone: Tab reaches the table's
    region, and the arrow key scrolls it."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(**PHONE)
        context.route("**/*.js", lambda route: route.abort())  # without the theme's script
        page = context.new_page()
        page.goto(base + "gp-record.html", wait_until="load")
        region = page.locator("article [role=region]").first
        assert region.count(), "the codes table is in no region"
        assert region.evaluate("r => r.scrollWidth > r.clientWidth"), "the codes fit a phone: no longer a test of scrolling"
        for _ in range(60):
            page.keyboard.press("Tab")
            if region.evaluate("r => r === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reached the table's region")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        context.close()


TITLE = """h => {
  const colour = text => (/rgba?\\(([^)]*)\\)/.exec(text)[1]).split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  let behind = [255, 255, 255];
  for (let a = h; a; a = a.parentElement) {
    const bg = colour(getComputedStyle(a).backgroundColor);
    if (bg.length < 4 || bg[3] === 1) { behind = bg.slice(0, 3); break; }
  }
  const s = getComputedStyle(h);
  return {weight: s.fontWeight, colour: colour(s.color), behind};
}"""


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_each_page_title_is_bold_and_near_black(built_site: Path, width: str) -> None:
    titles = {}
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(**VIEWPORTS[width])
        page = context.new_page()
        for name in (
            "index.html",
            "gp-record.html",
            "a-z.html",
            "calculator/what-happened/index.html",
            "calculator/caution/under-18/index.html",
        ):
            page.goto(base + name, wait_until="load")
            titles[name] = page.locator("article h1").first.evaluate(TITLE)
        context.close()
    for name, title in titles.items():
        alpha = title["colour"][3] if len(title["colour"]) > 3 else 1
        text = [c * alpha + b * (1 - alpha) for c, b in zip(title["colour"][:3], title["behind"], strict=True)]  # as seen
        assert title["weight"] == "700", f"{name}: {title}"
        assert contrast(text, title["behind"]) >= 7, f"{name}: {title}"
