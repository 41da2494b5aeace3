"""Lighthouse (pinned in package.json) scores 100 for accessibility, best practices and SEO
on six pages of the served site: the home page, a guidance page, the calculator's start
page, a question and an outcome, and the printable leaflet (a question, marked noindex, fails
only SEO's is-crawlable audit). Performance is reported by `make bench`.

Lighthouse's defaults: a phone's screen and simulated throttling. The six pages are run
two at a time (about a minute in all on two cores); these three categories do not depend on
timing. A failure lists every audit that cost points, with the elements it found.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import pytest

from tests.lighthouse import Report, run_lighthouse_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "index.html",
    "notification-periods.html",
    "calculator/index.html",
    "calculator/what-happened/index.html",
    "calculator/caution/under-18/index.html",
    "leaflet.html",
]
CATEGORIES = ("accessibility", "best-practices", "seo")
AT_ONCE = 2  # Lighthouse runs side by side: one Chromium each


@pytest.fixture(scope="module")
def reports(served_site: str, once_per_run) -> dict[str, Report | Exception]:
    """Each page's Lighthouse report, or what stopped Lighthouse on it, once per test run."""
    return once_per_run("lighthouse", lambda _: run_all(served_site))


def run_all(served_site: str) -> dict[str, Report | Exception]:
    """Lighthouse on every page: the pages in AT_ONCE groups side by side, each group's
    pages one after another in one Chromium."""

    def run(pages: list[str]) -> dict[str, Report | Exception]:
        try:
            found = run_lighthouse_pages([urljoin(served_site, page) for page in pages], CATEGORIES)
            return {page: found[urljoin(served_site, page)] for page in pages}
        except Exception as error:  # noqa: BLE001 - shown by those pages' tests
            return dict.fromkeys(pages, error)

    groups = [PAGES[start::AT_ONCE] for start in range(AT_ONCE)]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        return {page: report for found in pool.map(run, groups) for page, report in found.items()}


# A question of the calculator is marked noindex on purpose (a step on the way to an answer,
# left out of search engines): SEO's "is-crawlable" audit fails there, and only that one.
NOT_INDEXED = {"calculator/what-happened/index.html"}


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_100(reports: dict[str, Report | Exception], page: str) -> None:
    report = reports[page]
    if isinstance(report, Exception):
        raise report
    below = [category for category in CATEGORIES if report.scores.get(category) != 100]
    if page in NOT_INDEXED:
        assert [audit.id for audit in report.failing.get("seo", [])] == ["is-crawlable"], report.explain("seo")
        below.remove("seo")
    assert not below, "\n".join(report.explain(category) for category in below)
