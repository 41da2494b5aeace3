"""The calculator in Chromium with JavaScript disabled: click from the start to every outcome.

Each outcome page's period must agree with `mappa period --json` for the same answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.load.data import load_data
from generator.rules.flow import FINDING, UNDER_18, build_flow
from generator.rules.terms import Term
from tests.browser import chromium, serve
from tests.conftest import DATA, mappa

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABLE = load_data(DATA).notification_periods
FLOW = build_flow(TABLE)


def representative_term(path: tuple[str, ...]) -> str:
    """A prison term inside the row chosen on the way to ``path``, at its boundary where inclusive."""
    question = FLOW.questions[path[:1]]
    answer = next(a for a in question.answers if a.slug == path[1])
    page = next(p for p in FLOW.outcomes.values() if p.path[: len(answer.target)] == answer.target)
    bounds = page.row.term
    if bounds.at_least_months is not None:
        return f"{bounds.at_least_months}m"
    if bounds.more_than_months is not None:
        return f"{bounds.more_than_months}m1d"
    return f"{bounds.at_most_months}m" if bounds.at_most_months is not None else f"{bounds.less_than_months - 1}m"


def cli_answer(path: tuple[str, ...]) -> dict:
    """`mappa period --json` for the answers that make up ``path``."""
    disposal = path[0]
    args = ["--disposal", disposal]
    if disposal == "imprisonment":
        args += ["--term", representative_term(path)]
    if disposal == "conditional-discharge":
        args += ["--term", "2y"]
    if path[-1] == UNDER_18:
        args.append("--under-18")
    finding = path[-1] == FINDING
    if finding:
        args += ["--finding", "insanity"]
    result = mappa("period", *args, "--json")
    assert result.returncode == (3 if finding else 0), result.stderr  # after a finding: the MAPPA office decides
    return json.loads(result.stdout)


def period_words(iso: str) -> str:
    years = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?", iso)
    assert years, iso
    return Term.of_months(int(years.group(1) or 0) * 12 + int(years.group(2) or 0)).words()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# What each page reached shows, read in the page: its heading, its back link's address,
# its answers so far (question, answer, the Change link's address and words), where its
# first answer ends, and whether any side navigation or next-page link is in sight.
READ_PAGE = """() => {
  const first = document.querySelector(".mappa-answers a");
  const inSight = e => {
    const box = e.getBoundingClientRect();
    return e.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.right > 0 && box.left < innerWidth;
  };
  const shown = selector => [...document.querySelectorAll(selector)].some(inSight);
  return {
    heading: document.querySelector("h1").textContent.replace("\u00b6", "").trim(),
    back: document.querySelector("a.mappa-back")?.href ?? null,
    summary: [...document.querySelectorAll(".mappa-summary__row")].map(row => [
      row.querySelector("dt").textContent.trim(), row.querySelector("dd").textContent.trim(),
      row.querySelector("a").href, row.querySelector("a").textContent.trim()]),
    summary_font_px: parseFloat(getComputedStyle(document.querySelector(".mappa-summary") ?? document.body).fontSize),
    first_answer_bottom: first ? first.getBoundingClientRect().bottom : null,
    answers: [...document.querySelectorAll(".mappa-answers a")].map(a => a.childNodes[0].textContent.trim()),
    side_navigation: shown(".md-sidebar--primary .md-nav__link") || shown(".md-sidebar--secondary .md-nav__link"),
    next_page: shown(".md-footer__link"),
  };
}"""


@pytest.fixture(scope="module")
def walked(built_site: Path, once_per_run) -> dict[str, dict]:
    """Every calculator page reached by tapping, with JavaScript off on a phone, from the
    home page: what each shows (READ_PAGE), the page it was reached from, how many taps
    it took and the answers tapped on the way ("tapped", each with its question's address)."""
    return once_per_run("calculator-walk", lambda _: walk(built_site))


def walk(built_site: Path) -> dict[str, dict]:
    reached: dict[str, dict] = {}
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False, viewport=PHONE)  # type: ignore[arg-type]
        page = context.new_page()
        page.goto(base + "index.html")
        with page.expect_navigation():
            page.locator("article a[href$='calculator/index.html']").first.click()  # tap 1
        start = page.url
        with page.expect_navigation():
            page.locator("a.mappa-start").click()  # tap 2
        queue = [(page.url, start, 2, [])]
        while queue:
            url, came_from, taps, answers = queue.pop(0)
            page.goto(url)
            shown = page.evaluate(READ_PAGE)
            reached[url] = {**shown, "came_from": came_from, "taps": taps, "tapped": answers}
            for index, label in enumerate(shown["answers"]):
                if index:
                    page.goto(url)
                with page.expect_navigation():
                    page.locator(".mappa-answers a").nth(index).click()
                queue.append((page.url, url, taps + 1, [*answers, (label, url)]))
        context.close()
    return {"start": start, "pages": reached}


def path_of(url: str) -> tuple[str, ...]:
    return tuple(url.split("/calculator/")[1].removesuffix("/index.html").split("/"))


def test_every_outcome_and_advice_is_reached_by_tapping(walked: dict) -> None:
    ends = {path_of(url) for url, shown in walked["pages"].items() if not shown["answers"]}
    assert ends == set(FLOW.outcomes) | set(FLOW.advice)


def test_an_answer_takes_at_most_three_taps_on_questions(walked: dict) -> None:
    """From the home page: the calculator's link, Start now, then at most three answers."""
    assert max(shown["taps"] for shown in walked["pages"].values()) <= 2 + 3


def test_every_back_link_returns_to_the_page_before(walked: dict) -> None:
    for url, shown in walked["pages"].items():
        assert shown["back"] == shown["came_from"], url
    assert walked["pages"][walked["start"].replace("index.html", "what-happened/index.html")]["back"] == walked["start"]


def test_the_first_answer_is_on_the_first_screen(walked: dict, built_site: Path) -> None:
    questions = {url: shown for url, shown in walked["pages"].items() if shown["answers"]}
    assert len(questions) == len(FLOW.questions)
    for url, shown in questions.items():
        assert shown["first_answer_bottom"] <= PHONE["height"], url
    with serve(built_site) as base, chromium() as browser:  # and on a desktop
        page = browser.new_page(viewport=DESKTOP, java_script_enabled=False)  # type: ignore[arg-type]
        for url in questions:
            page.goto(base + "calculator/" + url.split("/calculator/")[1])
            shown = page.evaluate(READ_PAGE)
            assert shown["first_answer_bottom"] <= DESKTOP["height"] and not shown["side_navigation"] and not shown["next_page"], url


def test_the_answers_so_far_match_the_path_and_each_can_be_changed(walked: dict) -> None:
    for url, shown in walked["pages"].items():
        assert [(answer, change) for _question, answer, change, _words in shown["summary"]] == shown["tapped"], url
        assert all(re.fullmatch(r"Change \w.*", words) for *_rest, words in shown["summary"]), url
        assert not shown["side_navigation"] and not shown["next_page"], url
        if shown["summary"]:
            assert shown["summary_font_px"] >= 16, url


def test_each_outcome_agrees_with_the_command_line(walked: dict) -> None:
    for url, shown in walked["pages"].items():
        path, heading = path_of(url), shown["heading"]
        if path not in FLOW.outcomes:
            continue
        answer = cli_answer(path)
        if path[-1] == FINDING:
            assert heading == "Check with the MAPPA office: absolute discharge after a finding"
            assert answer["reason"] == "finding" and answer["period"] is None
        elif path[0] == "absolute-discharge":
            assert heading == "No notification: absolute discharge after a conviction"
            assert answer["period"] is None and answer["indefinite"] is False
        elif path[0] == "conditional-discharge":
            assert heading == "The notification period is as long as the conditional discharge"
            assert answer["period"] == "P2Y" and answer["halved"] is False
        elif answer["indefinite"]:
            assert heading == "The notification period is indefinite", url
        else:
            assert heading == f"The notification period is {period_words(answer['period'])}", url
            assert answer["halved"] is (path[-1] == UNDER_18), url


def test_answers_work_from_the_keyboard(built_site: Path) -> None:
    """Tab reaches every answer, each with a visible focus outline, and Enter follows one."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "calculator/what-happened/index.html")
        answers = page.locator(".mappa-answers a")
        expected = set(answers.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
        focused: set[str] = set()
        for _ in range(80):
            page.keyboard.press("Tab")
            state = page.evaluate(
                """() => { const a = document.activeElement;
                           if (!a || !a.closest('.mappa-answers')) return null;
                           const s = getComputedStyle(a);
                           return [a.getAttribute('href'), s.outlineStyle, s.outlineWidth]; }"""
            )
            if state:
                href, style, width = state
                assert style == "solid" and width != "0px", href
                focused.add(href)
            if focused == expected:
                break
        assert focused == expected
        page.keyboard.press("Shift+Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/calculator/" in page.url and not page.url.endswith("/calculator/index.html")
        context.close()
