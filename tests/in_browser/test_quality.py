"""Quality gates on every built page: accessibility (axe-core), valid HTML (Nu Html Checker),
content security policy, privacy at run time, keyboard use and navigation without JavaScript."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.browser import chromium, serve
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def is_calculator(page: str) -> bool:
    return page.startswith("calculator/")


def run_axe(page) -> list[dict]:
    """axe-core's WCAG violations on the page (put in it now, unless the context's init
    script already did, as :func:`axe_context` does for a walk through many pages)."""
    if page.evaluate("typeof axe") == "undefined":
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # resultTypes: only the violations are reported in full (axe's option for speed)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]]


# A desktop and a phone (Lighthouse's mobile emulation is about this size): Material hides
# and rearranges parts of the page below 60em and 45em, so both widths are checked.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3},
}


# With the site's scripts blocked, the theme shows each kind of page its own way (the menu,
# the search, the tables' scroll boxes, the contents); the text is that of the page with
# JavaScript on, which is audited on every page. So the walk without scripts audits one
# page of each kind: the home page, a guidance page with a table, one with insets and a
# contents list, the A to Z, the glossary's list, What changed, the contact page, a page
# of open data and the 404 page. (The calculator's pages have no script at all.)
KINDS_WITHOUT_SCRIPTS = {
    "index.html",
    "gp-record.html",
    "if-you-are-asked.html",
    "a-z.html",
    "glossary.html",
    "what-changed.html",
    "contact.html",
    "open-data.html",
    "404.html",
}


@pytest.mark.parametrize("scripts", ["with-javascript", "scripts-blocked"])
@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_axe_finds_no_wcag_violation_on_any_page(built_site: Path, width: str, scripts: str) -> None:
    failures = {}
    names = site_pages(built_site) if scripts == "with-javascript" else sorted(KINDS_WITHOUT_SCRIPTS)
    assert set(names) <= set(site_pages(built_site))
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(**VIEWPORTS[width])  # each page under its own policy
        context.add_init_script(path=str(AXE))  # in every page before its own scripts: no policy applies to it
        if scripts == "scripts-blocked":
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        for name in names:
            page.goto(base + name, wait_until="load")
            violations = run_axe(page)
            if violations:
                failures[name] = violations
        context.close()
    assert failures == {}


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_axe_finds_no_wcag_violation_in_open_search(built_site: Path, width: str) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(bypass_csp=True, **VIEWPORTS[width])
        page = context.new_page()
        page.goto(base + "index.html", wait_until="networkidle")
        if width == "phone":
            page.locator("label.md-header__button[for='__search']").click()
        page.locator(".md-search__input").click()
        page.keyboard.type("register")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")  # fades
        assert page.locator(".md-search__input").is_visible()
        assert page.get_by_role("dialog", name="Search").count() == 1
        violations = run_axe(page)
        context.close()
    assert violations == []


def test_footer_links_are_named_at_every_width(built_site: Path) -> None:
    with serve(built_site) as base, chromium() as browser:
        for width, options in VIEWPORTS.items():
            context = browser.new_context(java_script_enabled=False, **options)
            page = context.new_page()
            page.goto(base + "what-is-mappa.html")
            for rel, direction in (("prev", "Previous"), ("next", "Next")):
                link = page.locator(f".md-footer__link[rel='{rel}']")
                title = link.locator(".md-ellipsis").inner_text().strip()
                assert link.is_visible(), (width, rel)
                expected = re.compile(rf"^{direction}\W+{re.escape(title)}$")
                assert page.get_by_role("link", name=expected).count() == 1, (width, rel)
            context.close()


def test_html_is_valid(built_site: Path) -> None:
    pages = [str(built_site / name) for name in site_pages(built_site)]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
    assert result.returncode == 0


def test_checker_reports_invalid_html(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><label tabindex="">x</label>', encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(bad)], capture_output=True, text=True, timeout=120
    )
    assert json.loads(result.stderr)["messages"]


def test_every_page_has_a_content_security_policy(built_site: Path) -> None:
    for name in site_pages(built_site):
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta, name
        policy = {d.split()[0]: d.split()[1:] for d in meta["content"].split(";") if d.strip()}
        assert "'unsafe-inline'" not in meta["content"] and "'unsafe-eval'" not in meta["content"], name
        if is_calculator(name) or name == "leaflet.html":
            assert policy.get("script-src", policy.get("default-src")) in (["'none'"],), name
            assert soup.find("script") is None, name
        else:
            assert policy["script-src"] == ["'self'"], name
            inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
            assert inline == [], name
        head = str(soup.head)
        assert head.index("Content-Security-Policy") < (head.index("<script") if "<script" in head else len(head)), name


TABS = 8


def test_pages_request_only_their_own_host_and_set_no_cookies(built_site: Path) -> None:
    hosts, problems = set(), []
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context()
        tabs = [context.new_page() for _ in range(TABS)]  # pages load side by side; each is waited for until its network is idle
        for tab in tabs:
            tab.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
            tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            tab.on("pageerror", lambda error: problems.append(str(error)))
        names = site_pages(built_site)
        for start in range(0, len(names), TABS):
            batch = list(zip(tabs, names[start : start + TABS], strict=False))  # the last batch may be short
            for tab, name in batch:
                tab.goto(base + name, wait_until="commit")
            for tab, _ in batch:
                tab.wait_for_load_state("networkidle")
        cookies = context.cookies()
        context.close()
    assert hosts == {urlparse(base).netloc}
    assert cookies == []
    assert problems == []  # no blocked script or style (CSP) and no script error


def test_navigation_without_javascript_reaches_every_page(built_site: Path) -> None:
    expected = {name for name in site_pages(built_site) if name != "404.html"}
    seen: set[str] = set()
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        queue = ["index.html"]
        while queue:
            name = queue.pop()
            if name in seen:
                continue
            seen.add(name)
            page.goto(base + name)
            for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
                parsed = urlparse(href)
                if parsed.netloc == urlparse(base).netloc and parsed.path.endswith(".html"):
                    queue.append(parsed.path.lstrip("/"))
        context.close()
    assert expected - seen == set()


def test_every_calculator_answer_works_from_the_keyboard(built_site: Path) -> None:
    questions = [n for n in site_pages(built_site) if is_calculator(n) and "mappa-answers" in (built_site / n).read_text(encoding="utf-8")]
    assert len(questions) >= 7
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        for name in questions:
            page.goto(base + name)
            hrefs = page.locator(".mappa-answers a").evaluate_all("links => links.map(a => a.href)")
            presses: dict[str, int] = {}  # each answer: how many presses of Tab reach it from the top
            for count in range(1, 121):
                page.keyboard.press("Tab")
                focused = page.evaluate(
                    "() => { const a = document.activeElement; if (!a || a.tagName !== 'A') return null;"
                    " const s = getComputedStyle(a); return [a.href, s.outlineStyle, s.outlineWidth]; }"
                )
                if focused and focused[0] in hrefs and focused[0] not in presses:
                    assert focused[1] == "solid" and focused[2] != "0px", f"{name}: no visible focus on {focused[0]}"
                    presses[focused[0]] = count
                if len(presses) == len(hrefs):
                    break
            assert sorted(presses) == sorted(hrefs), f"{name}: Tab never reached {set(hrefs) - set(presses)}"
            for target, count in presses.items():  # and Enter follows each
                page.goto(base + name)
                for _ in range(count):
                    page.keyboard.press("Tab")
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                assert page.url == target
        context.close()


def test_every_page_states_a_language_and_title(built_site: Path) -> None:
    for name in site_pages(built_site):
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.html.get("lang") == "en-GB", name
        assert soup.title and soup.title.get_text(strip=True), name
