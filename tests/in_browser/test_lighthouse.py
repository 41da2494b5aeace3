"""Lighthouse (pinned in package.json) scores 100 for accessibility, best practices and SEO
on five kinds of page of the served site: the home page, a guidance page, the calculator's
start, an outcome and the printable leaflet. Performance is reported by `make bench`.

Lighthouse's defaults: a phone's screen and simulated throttling. The five pages are run
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


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_100(reports: dict[str, Report | Exception], page: str) -> None:
    report = reports[page]
    if isinstance(report, Exception):
        raise report
    below = [category for category in CATEGORIES if report.scores.get(category) != 100]
    assert not below, "\n".join(report.explain(category) for category in below)
