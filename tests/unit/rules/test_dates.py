"""Calendar arithmetic: month ends, leap years and the 18th birthday."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.rules.dates import eighteenth_birthday, last_day, months_later, under_18_on

D = dt.date


@pytest.mark.parametrize(
    "start, months, days, expected",
    [
        (D(2020, 3, 12), 120, 0, D(2030, 3, 11)),  # the statute's worked example in facts.md
        (D(2020, 1, 1), 12, 0, D(2020, 12, 31)),
        (D(2020, 2, 29), 12, 0, D(2021, 2, 28)),  # no 29 February 2021: last day of February
        (D(2020, 2, 29), 48, 0, D(2024, 2, 28)),  # 29 February 2024 exists: the day before
        (D(2020, 8, 31), 6, 0, D(2021, 2, 28)),  # no 31 February: last day of February
        (D(2023, 8, 31), 6, 0, D(2024, 2, 29)),  # leap year: last day is 29 February
        (D(2021, 1, 30), 1, 0, D(2021, 2, 28)),
        (D(2021, 1, 28), 1, 0, D(2021, 2, 27)),
        (D(2020, 12, 31), 2, 0, D(2021, 2, 28)),
        (D(2020, 1, 1), 0, 90, D(2020, 3, 30)),  # 90 days counting 1 January as day one
        (D(2020, 1, 1), 6, 14, D(2020, 7, 14)),
    ],
)
def test_last_day_of_a_period(start: dt.date, months: int, days: int, expected: dt.date) -> None:
    assert last_day(start, months, days) == expected


def test_months_later_rolls_to_next_month_when_no_corresponding_day() -> None:
    assert months_later(D(2021, 1, 31), 1) == D(2021, 3, 1)
    assert months_later(D(2021, 1, 31), 2) == D(2021, 3, 31)
    assert months_later(D(2021, 11, 30), 2) == D(2022, 1, 30)
    assert months_later(D(2021, 12, 31), 14) == D(2023, 2, 28) + dt.timedelta(days=1)


def test_eighteenth_birthday() -> None:
    assert eighteenth_birthday(D(2002, 3, 12)) == D(2020, 3, 12)
    assert eighteenth_birthday(D(2004, 2, 29)) == D(2022, 3, 1)
    assert eighteenth_birthday(D(2000, 2, 29)) == D(2018, 3, 1)
    assert eighteenth_birthday(D(1996, 2, 29)) == D(2014, 3, 1)


@pytest.mark.parametrize(
    "born, relevant, young",
    [
        (D(2002, 3, 12), D(2020, 3, 12), False),  # 18th birthday is the relevant date: not under 18
        (D(2002, 3, 13), D(2020, 3, 12), True),  # the day before the 18th birthday
        (D(2002, 3, 11), D(2020, 3, 12), False),
        (D(2004, 2, 29), D(2022, 2, 28), True),
        (D(2004, 2, 29), D(2022, 3, 1), False),
        (D(2010, 6, 1), D(2020, 6, 1), True),
    ],
)
def test_under_18_on_the_relevant_date(born: dt.date, relevant: dt.date, young: bool) -> None:
    assert under_18_on(born, relevant) is young
