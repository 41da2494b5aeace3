"""The calculator's worked examples: real dates from the rule code, a month-end for a halved
period, and a review date for indefinite notification."""

from __future__ import annotations

import datetime as dt

from generator.load.data import load_data
from generator.rules.flow import build_flow, other_periods, period_words
from generator.rules.worked_example import EXAMPLE_START, FIRST_NOTIFIED, MONTH_END_START, worked_example
from tests.conftest import DATA

TABLE = load_data(DATA).notification_periods
FLOW = build_flow(TABLE)


def test_a_whole_period_ends_the_day_before_the_same_date_years_later() -> None:
    example = worked_example(TABLE, FLOW.outcomes[("imprisonment", "more-than-6-months-but-less-than-30-months", "18-or-over")])
    assert (example.start, example.last_day, example.missing_day) == (EXAMPLE_START, dt.date(2026, 3, 2), "")


def test_a_halved_period_shows_a_month_without_the_day() -> None:
    example = worked_example(TABLE, FLOW.outcomes[("imprisonment", "6-months-or-less", "under-18")])
    assert example.start == MONTH_END_START == dt.date(2020, 8, 31)
    assert example.last_day == dt.date(2024, 2, 29) and example.missing_day == "31 February 2024"


def test_indefinite_notification_gives_the_first_day_of_a_review() -> None:
    example = worked_example(TABLE, FLOW.outcomes[("life",)])
    assert example.last_day is None and example.start == FIRST_NOTIFIED
    assert (example.review_from, example.review_from_under_18) == (dt.date(2031, 5, 10), dt.date(2024, 5, 10))


def test_a_conditional_discharge_uses_its_own_period_and_no_period_has_no_example() -> None:
    example = worked_example(TABLE, FLOW.outcomes[("conditional-discharge",)])
    assert example.discharge is not None and example.last_day == dt.date(2018, 3, 2)
    for path in (("absolute-discharge", "after-a-conviction"), ("absolute-discharge", "after-a-finding-of-insanity-or-disability")):
        assert worked_example(TABLE, FLOW.outcomes[path]) is None


def test_the_other_periods_are_every_period_but_this_one_longest_first() -> None:
    page = FLOW.outcomes[("caution", "18-or-over")]
    listed = other_periods(FLOW, page)
    words = [w for w, _pages in listed]
    assert words[0] == "indefinite" and words[1] == "10 years" and "2 years" not in words
    assert words[-2:] == ["as long as the conditional discharge", "no notification"]
    assert set(words) == {period_words(p) for p in FLOW.outcomes.values()} - {"", "2 years"}
    assert all(period_words(other) == w for w, pages in listed for other in pages)
