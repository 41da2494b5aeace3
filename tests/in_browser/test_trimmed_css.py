"""The theme's stylesheet, trimmed to the site (generator/write/theme_css.py), styles every
element exactly as the theme's own: each page is opened twice, once as built and once with
the theme's own stylesheet served in place of the trimmed one, and every computed style of
every element and of its ::before and ::after is compared, at a phone's width and a
desktop's, printed, with the menu open and with search results shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page

from tests.browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A page of each template and of each kind of content: the home page, lists, tables, notes and
# folded sections, the calculator's questions and answers, the error page.
PAGES = [
    "index.html",
    "a-z.html",
    "notification-periods.html",
    "if-you-are-asked.html",
    "calculator/imprisonment/index.html",
    "calculator/hospital-order/under-18/index.html",
    "404.html",
]
# Which rules apply changes with the width and the medium; which classes the pages have does
# not, so the narrow and printed pages are those with the most kinds of content.
NARROW = ["index.html", "notification-periods.html", "if-you-are-asked.html", "calculator/hospital-order/under-18/index.html"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
THEME_CSS = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")).read_bytes()

# The properties the stylesheets of a page name (a property no rule names cannot differ),
# but custom properties: they compute to the text written, and the trimmed stylesheet writes
# a string's escapes as the characters they stand for ("\\3c " as "<"); the properties that
# use them compute to the same values either way, and are compared.
PROPERTIES = """() => {
  const named = new Set();
  const collect = rules => { for (const rule of rules) {
    if (rule.style) for (let i = 0; i < rule.style.length; i++) named.add(rule.style[i]);
    if (rule.cssRules) collect(rule.cssRules);
  } };
  for (const sheet of document.styleSheets) collect(sheet.cssRules);
  return [...named].filter(name => !name.startsWith("--")).sort();
}"""
# Those computed styles of every element, and of its ::before and ::after where it has one,
# kept in the page; a digest of each is returned.
SNAPSHOT = """(properties) => {
  const styles = [];
  for (const element of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      let text = pseudo ? "content:" + style.content + "\\n" : element.tagName + "." + [...element.classList].join(".") + "\\n";
      if (!pseudo || !["none", "normal"].includes(style.content)) {
        for (const name of properties) text += name + ":" + style.getPropertyValue(name) + "\\n";
      }
      styles.push(text);
    }
  }
  window.mappaStyles = styles;
  return styles.map(text => {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return hash;
  });
}"""
# The theme's script, where a page loads it (the calculator's pages do not), has started:
# search has said it is ready, so that nothing changes after the snapshot but the stylesheet.
SETTLED = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const scripted = document.querySelector("script[src*='/bundle.'], script[src^='bundle.']");
  return !scripted || (meta.textContent.trim() !== "" && !meta.textContent.includes("Initializing"));
}"""
NO_MOTION = "*, ::before, ::after { transition: none !important; animation: none !important }"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[str]:
    """The built site, served."""
    with serve(built_site) as base:
        yield base


def new_pages(browser: Browser, viewport: dict[str, int], media: str) -> list[Page]:
    """Two tabs at ``viewport`` for ``media``: one with the trimmed stylesheet, one with the
    theme's own served in its place."""
    pages = []
    for theme_css in (False, True):
        page = browser.new_page(viewport=viewport, bypass_csp=True)  # type: ignore[arg-type]
        page.emulate_media(media=media)  # type: ignore[arg-type]
        if theme_css:
            page.route("**/assets/stylesheets/main.*.min.css", lambda route: route.fulfill(body=THEME_CSS, content_type="text/css"))
        pages.append(page)
    return pages


def differences(pages: list[Page], url: str, act: Callable[[Page], None] | None = None) -> list[str]:
    """Where the computed styles of ``url`` differ between the trimmed and the theme's
    stylesheet (``pages``, from :func:`new_pages`), after ``act`` on each page."""
    for page in pages:
        page.goto(url)
        page.wait_for_function(SETTLED)
        page.add_style_tag(content=NO_MOTION)
        if act:
            act(page)
    properties = pages[1].evaluate(PROPERTIES)  # the theme's own stylesheet names them all
    mine, theirs = (page.evaluate(SNAPSHOT, properties) for page in pages)
    assert len(mine) == len(theirs), f"{url}: the two pages have different elements"
    found = []
    for index in (index for index, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b):
        texts = [page.evaluate("index => window.mappaStyles[index]", index) for page in pages]
        a, b = (set(text.splitlines()) for text in texts)
        where = f"{texts[1].splitlines()[0]} {['', '::before', '::after'][index % 3]}"
        found.append(f"{where}: trimmed {sorted(a - b)[:3]}, theme's {sorted(b - a)[:3]}")
    return found


def open_menu(page: Page) -> None:
    page.locator("#__drawer").click()  # the menu button's box, which lies over it and takes the tap


def search(page: Page) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type("register")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('matching')")


@pytest.mark.parametrize(
    ("viewport", "media", "paths"),
    [(DESKTOP, "screen", PAGES), (PHONE, "screen", NARROW), (DESKTOP, "print", NARROW)],
    ids=["desktop", "phone", "printed"],
)
def test_every_page_is_styled_as_by_the_themes_own_stylesheet(site: str, viewport: dict[str, int], media: str, paths: list[str]) -> None:
    with chromium() as browser:
        pages = new_pages(browser, viewport, media)
        for path in paths:
            assert differences(pages, site + path) == [], path


@pytest.mark.parametrize(("viewport", "act"), [(PHONE, open_menu), (DESKTOP, search)], ids=["menu open", "searching"])
def test_the_scripts_states_are_styled_as_by_the_themes_own_stylesheet(
    site: str, viewport: dict[str, int], act: Callable[[Page], None]
) -> None:
    with chromium() as browser:
        assert differences(new_pages(browser, viewport, "screen"), site + "notification-periods.html", act) == []
