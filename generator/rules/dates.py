"""Calendar arithmetic for notification periods, with one stated convention.

Convention (the "corresponding date" rule):

* A period of N months (or years) *beginning with* a date D ends on the day before
  the date that corresponds to D N months later. 10 years beginning with 12 March 2020
  ends at the end of 11 March 2030.
* Where the later month has no corresponding date (D is the 29th, 30th or 31st and the
  later month is shorter, or D is 29 February and the later year is not a leap year),
  the period ends on the last day of that later month: one year beginning with
  29 February 2020 ends at the end of 28 February 2021.
* Weeks and days are added after the months, one day at a time.
* A person born on 29 February reaches 18 on 1 March in a year that is not a leap year.

The same rule decides how a term in weeks or days compares with a term in months, so
the comparison and the end dates never disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt


def months_later(start: dt.date, months: int) -> dt.date:
    """The date corresponding to ``start`` ``months`` later, or the 1st of the next month if none."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, start.day)
    return dt.date(year + (month == 12), month % 12 + 1, 1)


def period_after(start: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """The first day after a period of ``months`` months and ``days`` days beginning with ``start``."""
    return months_later(start, months) + dt.timedelta(days=days)


def last_day(start: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """The last day of a period of ``months`` months and ``days`` days beginning with ``start``."""
    return period_after(start, months, days) - dt.timedelta(days=1)


def eighteenth_birthday(born: dt.date) -> dt.date:
    """The day a person born on ``born`` turns 18."""
    return months_later(born, 18 * 12)


def under_18_on(born: dt.date, relevant_date: dt.date) -> bool:
    """Whether a person born on ``born`` was under 18 on ``relevant_date``.

    Someone whose 18th birthday is the relevant date is not under 18.
    """
    return relevant_date < eighteenth_birthday(born)
