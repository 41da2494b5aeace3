"""Lighthouse scores 100 for accessibility, best practices and SEO on Welsh pages of the
example bilingual area served by nginx (its /cy/ locations): the home page and a calculator
outcome, the two layouts (see test_lighthouse.py for the English pages, guidance pages among them)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.in_browser.test_lighthouse import CATEGORIES
from tests.lighthouse import Report, run_lighthouse_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ["cy/index.html", "cy/calculator/caution/under-18/index.html"]


@pytest.fixture(scope="module")
def reports(served_welsh_site: str, once_per_run) -> dict[str, Report]:
    """Each Welsh page's Lighthouse report, once per test run, in one Chromium."""

    def run(_) -> dict[str, Report]:
        found = run_lighthouse_pages([urljoin(served_welsh_site, page) for page in PAGES], CATEGORIES)
        return {page: found[urljoin(served_welsh_site, page)] for page in PAGES}

    return once_per_run("welsh-lighthouse", run)


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_100_on_welsh_pages(reports: dict[str, Report], page: str) -> None:
    report = reports[page]
    below = [category for category in CATEGORIES if report.scores.get(category) != 100]
    assert not below, "\n".join(report.explain(category) for category in below)
