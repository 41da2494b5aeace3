"""The keyboard's focus is never hidden and never faint (WCAG 2.4.7, 2.4.11, 2.4.13).

Tab, and Shift+Tab, walk every focus stop of each kind of page, at 400% zoom (320x256), on a
phone (390x844) and on a laptop (1366x620), with JavaScript on and with the site's scripts
blocked: each stop is in sight, that is in the viewport, of some size, not hidden, and not
under what stays put as the page scrolls, such as the header (the point at its middle, or
at one of its corners, is the stop itself, not what covers it). The links of the closed
menu and the empty search results are no stops at all; those of the opened menu each are.
The focus style is GOV.UK's, at contrast against what is around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ZOOMED = {"width": 320, "height": 256}
# A page of each kind: the home page, a guidance page with a table, the A to Z (the most
# stops), a calculator question and a calculator outcome.
PAGES = [
    "index.html",
    "gp-record.html",
    "a-z.html",
    "calculator/what-happened/index.html",
    "calculator/caution/under-18/index.html",
]
# Each size, and the pages walked at it: on a laptop's screen, the side panels (the menu and
# the table of contents), which are taller than the screen, on a guidance page.
SIZES = {
    "400-percent-zoom": (ZOOMED, PAGES),
    "phone": ({"width": 390, "height": 844}, PAGES),
    "laptop": ({"width": 1366, "height": 620}, PAGES[1:2]),
}
MOST_STOPS = 600  # a walk that has not come back to the start after this many: the focus is trapped

# Where the focus is now and whether it is in sight, with the answers to "was it here
# before?" and "is it the first stop again?" (then the walk has come round; on another stop
# seen before, the focus is trapped in a loop). It is judged where it comes to rest: any
# animation is waited for (the context asks for reduced motion, so the theme's fades do
# not run) and, if the stop looks hidden, looked at again a moment later (the theme's
# script opens the search box when it takes the focus, just after).
FOCUS_STOP = r"""async () => {
  const settled = () => Promise.allSettled(document.getAnimations().map(a => a.finished));
  const look = () => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const label = e.innerText || e.getAttribute('aria-label') || e.getAttribute('href') || '';
    const name = (e.tagName + ' ' + label).trim().replace(/\s+/g, ' ').slice(0, 60);
    const hidden = why => ({name, hidden: why});
    if (getComputedStyle(e).visibility !== 'visible') return hidden('visibility hidden');
    for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).opacity === '0') return hidden('transparent');
    const boxes = [...e.getClientRects()].filter(r => r.width >= 2 && r.height >= 2);
    if (!boxes.length) return hidden('no size');
    const seen = boxes.map(r => [Math.max(r.left, 0), Math.max(r.top, 0), Math.min(r.right, innerWidth), Math.min(r.bottom, innerHeight)])
                      .filter(([l, t, r, b]) => r - l >= 1 && b - t >= 1);
    if (!seen.length) return hidden('out of the viewport');
    for (const [l, t, r, b] of seen) {
      for (const [x, y] of [[(l + r) / 2, (t + b) / 2], [l + 1, t + 1], [r - 1, t + 1], [l + 1, b - 1], [r - 1, b - 1]]) {
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === e || e.contains(hit))) return {name, hidden: null};
      }
    }
    const [l, t, r, b] = seen[0];
    const over = document.elementFromPoint((l + r) / 2, (t + b) / 2);
    return hidden('covered by ' + (over ? over.tagName.toLowerCase() + [...over.classList].map(c => '.' + c).join('') : 'nothing'));
  };
  await settled();
  let stop = look();
  if (stop && stop.hidden) {
    await new Promise(resolve => setTimeout(resolve, 150));
    await settled();
    stop = look();
  }
  const walked = window.mappaWalked || (window.mappaWalked = new WeakSet());
  const e = document.activeElement;
  if (stop) {
    stop.again = walked.has(e);
    stop.first = e === window.mappaFirst;
    window.mappaFirst = window.mappaFirst || e;
    walked.add(e);
  }
  return stop;
}"""


def walk(page, key: str) -> tuple[int, list[str], bool]:
    """Press ``key`` until the focus comes back to the page itself or to its first stop,
    or to another stop it has been on: how many stops there were, those that were out of
    sight (and why), and whether the walk came round to the start."""
    stops, hidden = 0, []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_STOP)
        if stop is None or stop["again"]:
            return stops, hidden, stop is None or stop["first"]
        stops += 1
        if stop["hidden"]:
            hidden.append(f"{stop['name']}: {stop['hidden']}")
    return stops, hidden, False


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
@pytest.mark.parametrize("size", list(SIZES))
def test_tab_and_shift_tab_never_take_the_focus_out_of_sight(built_site: Path, size: str, scripts: str) -> None:
    found = {}
    viewport, pages = SIZES[size]
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        for name in pages:
            counts = []
            for key in ("Tab", "Shift+Tab"):
                page.goto(base + name, wait_until="load")
                if scripts == "scripts-blocked" and page.locator("script").count() == 0:
                    break  # a page with no script (the calculator's) is the same page as with JavaScript on
                stops, hidden, came_round = walk(page, key)
                counts.append(stops)
                if hidden or not came_round:
                    found[f"{name} {key}"] = hidden if came_round else "the focus never came back to the start"
            if counts:
                assert counts[0] >= 5, f"{name}: Tab found only {counts[0]} stops"
                assert counts[0] == counts[1], f"{name}: Tab found {counts[0]} stops, Shift+Tab {counts[1]}"
        context.close()
    assert found == {}


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
def test_every_link_of_the_opened_menu_takes_the_focus_in_sight(built_site: Path, scripts: str) -> None:
    """Once the menu is opened (at 400% zoom, where it is a drawer), Tab walks through
    every page of the site in it, each in sight: none is in a panel out to the side or
    under another."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport=ZOOMED, reduced_motion="reduce")
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(base + "gp-record.html", wait_until="load")
        page.get_by_role("checkbox", name="Menu").click()  # the menu button, as a finger taps it
        assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "visible"
        pages = set(page.locator(".md-nav--primary a.md-nav__link[href$='.html']").evaluate_all("links => links.map(a => a.href)"))
        reached, hidden = set(), []
        for _ in range(MOST_STOPS):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS_STOP)
            href = page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') ? document.activeElement.href || '' : null")
            if href is None:
                if reached:
                    break  # the focus has left the menu, after its links
                continue  # the header's links, before the menu's
            reached.add(href)
            if stop["hidden"]:
                hidden.append(f"{stop['name']}: {stop['hidden']}")
        context.close()
    assert len(pages) >= 15
    assert hidden == []
    assert pages <= reached, f"not reached: {sorted(pages - reached)}"


# Each focused thing's colours: its own (text, fill, outline and shadows) and the colour of
# what is behind it (the nearest ancestor's background, laid over those beneath it).
FOCUS_COLOURS = r"""e => {
  const rgba = text => {
    const found = /rgba?\(([^)]*)\)/.exec(text || '');
    if (!found) return null;
    const n = found[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let a = e.parentElement; a; a = a.parentElement) {
    const bg = rgba(getComputedStyle(a).backgroundColor);
    if (bg && bg[3] > 0) layers.push(bg);
  }
  let behind = [255, 255, 255, 1];
  for (const layer of layers.reverse()) behind = over(layer, behind);
  let opacity = 1;
  for (let a = e; a; a = a.parentElement) opacity *= Number(getComputedStyle(a).opacity);
  const s = getComputedStyle(e);
  const shadows = s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\))/).map(rgba).filter(Boolean);
  return {
    focused: e === document.activeElement && e.matches(':focus-visible'),
    opacity, behind, text: rgba(s.color), fill: rgba(s.backgroundColor), shadows, shadowText: s.boxShadow,
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? rgba(s.outlineColor) : null,
  };
}"""
YELLOW, BLACK = (255, 221, 0), (11, 12, 12)


def luminance(colour) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def opaque(colour) -> bool:
    return colour is not None and colour[3] == 1


# (page, what to focus, JavaScript on, desktop width): a link in the text, in the header, in
# the footer and in the menu; the skip link; a calculator answer and Start now; a folded
# section's summary; the search box; a table's region.
LINKS = [
    ("gp-record.html", "article p a[href]", True, False),
    ("gp-record.html", "a.mappa-a-z-link", True, False),
    ("gp-record.html", ".md-footer-meta a[href]", False, False),
    ("gp-record.html", "a.md-footer__link--next", True, False),
    ("gp-record.html", ".md-nav--primary a.md-nav__link[href]", True, True),
    ("gp-record.html", "a.md-skip", True, True),
    ("calculator/what-happened/index.html", ".mappa-answers a", False, False),
    ("calculator/index.html", "a.mappa-start", False, False),
    ("calculator/caution/under-18/index.html", "details.mappa-help > summary", False, False),
]
BOXES = [
    ("gp-record.html", "input.md-search__input", True, True),
    ("gp-record.html", ".mappa-table", False, False),
]


def focused_colours(browser, base: str, page_name: str, selector: str, scripts: bool, desktop: bool) -> dict:
    size = {"width": 1280, "height": 800} if desktop else {"width": 390, "height": 844}
    context = browser.new_context(viewport=size, java_script_enabled=scripts, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base + page_name, wait_until="load")
    page.keyboard.press("Tab")  # the keyboard is in use: focus() then shows the focus as Tab would
    target = page.locator(selector).first
    target.evaluate("e => e.focus()")
    if page_name != "calculator/index.html" and selector != "a.md-skip":
        target.scroll_into_view_if_needed()
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    colours = target.evaluate(FOCUS_COLOURS)
    context.close()
    return colours


@pytest.mark.parametrize(("page_name", "selector", "scripts", "desktop"), LINKS, ids=[link[1] for link in LINKS])
def test_a_focused_link_is_black_on_yellow_over_a_black_bar(built_site: Path, page_name, selector, scripts, desktop) -> None:
    with serve(built_site) as base, chromium() as browser:
        colours = focused_colours(browser, base, page_name, selector, scripts, desktop)
    assert colours["focused"] and colours["opacity"] == 1, colours
    assert tuple(colours["fill"][:3]) == YELLOW and opaque(colours["fill"]), colours
    assert tuple(colours["text"][:3]) == BLACK and contrast(colours["text"], colours["fill"]) >= 7, colours
    assert [tuple(shadow[:3]) for shadow in colours["shadows"]] == [YELLOW, BLACK], colours["shadowText"]
    assert colours["shadowText"].endswith("0px 4px 0px 0px"), colours["shadowText"]  # the bar, under the link
    # the focus against what is behind it: the bar against a light page, the fill against a dark or coloured one
    indicator = [colours["fill"], *colours["shadows"]]
    assert max(contrast(colour, colours["behind"]) for colour in indicator if opaque(colour)) >= 3, colours


@pytest.mark.parametrize(("page_name", "selector", "scripts", "desktop"), BOXES, ids=[box[1] for box in BOXES])
def test_a_focused_box_has_a_yellow_and_black_ring(built_site: Path, page_name, selector, scripts, desktop) -> None:
    with serve(built_site) as base, chromium() as browser:
        colours = focused_colours(browser, base, page_name, selector, scripts, desktop)
    assert colours["focused"], colours
    assert colours["outline"] is not None and tuple(colours["outline"][:3]) == YELLOW, colours
    assert any(tuple(shadow[:3]) == BLACK for shadow in colours["shadows"]), colours["shadowText"]
    assert max(contrast(colour, colours["behind"]) for colour in [colours["outline"], *colours["shadows"]] if opaque(colour)) >= 3


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
def test_the_menu_opens_and_closes_from_the_keyboard_on_a_phone(built_site: Path, scripts: str) -> None:
    """The menu button's box is the first stop, named "Menu", in sight over the button; Space
    opens the menu, whose links come next (what the overlay covers takes no focus), and
    Space on the box closes it again."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(base + "gp-record.html", wait_until="load")
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        assert page.evaluate("document.activeElement.id") == "__drawer" and stop["hidden"] is None, stop
        assert page.get_by_role("checkbox", name="Menu", exact=True).evaluate("e => e === document.activeElement")
        menu = page.locator(".md-sidebar--primary")
        assert menu.evaluate("e => getComputedStyle(e).visibility") == "hidden"
        page.keyboard.press("Space")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        assert menu.evaluate("e => getComputedStyle(e).visibility") == "visible"
        for _ in range(3):  # the menu's title and logo, then its first page
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('.md-sidebar--primary a[href]')"):
                break
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert page.evaluate(FOCUS_STOP)["hidden"] is None
        while page.evaluate("document.activeElement.id") != "__drawer":
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Space")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        assert menu.evaluate("e => getComputedStyle(e).visibility") == "hidden"
        context.close()
