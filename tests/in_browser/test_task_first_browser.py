"""As a GP or a practice manager on a phone (390x844), with the site's scripts blocked: the
home page's first screen holds the calculator and the office's phone number, and "the
police want our records" is found from the home page in two taps, by its tasks or by the
A to Z."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
RECORDS = "The police or MAPPA ask for a patient's records."


def test_a_phone_finds_the_top_tasks_and_the_records_answer_in_two_taps(built_site: Path) -> None:
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport=PHONE)
        context.route("**/*.js", lambda route: route.abort())  # as with JavaScript off
        page = context.new_page()
        page.goto(base + "index.html")
        first_screen = "e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.bottom <= innerHeight; }"
        assert page.locator("nav.mappa-tasks a[href='calculator/index.html']").evaluate(first_screen)
        assert page.locator("a[href^='tel:']").first.evaluate(first_screen)

        page.get_by_role("link", name="The police, MAPPA or a parent ask about a patient or for their records").click()
        page.locator("nav.mappa-contents").get_by_role("link", name=RECORDS).click()  # the second tap
        assert page.url.endswith("if-you-are-asked.html#health-information")
        assert page.locator("#health-information").evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
        )

        page.goto(base + "index.html")
        page.locator("header a.mappa-a-z-link").click()  # the A to Z, in the header of every page
        page.get_by_role("link", name="Police ask for records", exact=True).click()
        assert page.url.endswith("if-you-are-asked.html#health-information")
        context.close()
