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


@pytest.fixture(scope="module")
def walked(built_site: Path, once_per_run) -> dict[str, str]:
    """Click every answer from the start page with JavaScript off; map outcome URL to its heading."""
    return once_per_run("calculator-walk", lambda _: walk(built_site))


def walk(built_site: Path) -> dict[str, str]:
    outcomes: dict[str, str] = {}
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        to_visit = [base + "calculator/index.html"]
        seen: set[str] = set()
        while to_visit:
            url = to_visit.pop()
            if url in seen:
                continue
            seen.add(url)
            page.goto(url)
            count = page.locator(".mappa-answers a").count()
            if count == 0:
                outcomes[url] = page.locator("h1").inner_text().removesuffix("¶").strip()
                continue
            for index in range(count):
                page.goto(url)
                page.locator(".mappa-answers a").nth(index).click()
                page.wait_for_load_state()
                to_visit.append(page.url)
        context.close()
    return outcomes


def test_every_outcome_is_reached_by_clicking(walked: dict[str, str]) -> None:
    reached = {tuple(url.split("/calculator/")[1].removesuffix("/index.html").split("/")) for url in walked}
    assert reached == set(FLOW.outcomes)


def test_each_outcome_agrees_with_the_command_line(walked: dict[str, str]) -> None:
    for url, heading in walked.items():
        path = tuple(url.split("/calculator/")[1].removesuffix("/index.html").split("/"))
        answer = cli_answer(path)
        if path[-1] == FINDING:
            assert heading == "Check with the MAPPA office: absolute discharge after a finding"
            assert answer["reason"] == "finding" and answer["period"] is None
        elif path[0] == "absolute-discharge":
            assert heading == "No notification: absolute discharge after a conviction"
            assert answer["period"] is None and answer["indefinite"] is False
        elif path[0] == "conditional-discharge":
            assert heading == "Notification period: the period of the conditional discharge"
            assert answer["period"] == "P2Y" and answer["halved"] is False
        elif answer["indefinite"]:
            assert heading == "Notification period: indefinite", url
        else:
            assert heading == f"Notification period: {period_words(answer['period'])}", url
            assert answer["halved"] is (path[-1] == UNDER_18), url


def test_answers_work_from_the_keyboard(built_site: Path) -> None:
    """Tab reaches every answer, each with a visible focus outline, and Enter follows one."""
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "calculator/index.html")
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
