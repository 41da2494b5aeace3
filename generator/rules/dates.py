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
* A person born on 29 February is certainly under 18 before 28 February of the year of
  their 18th birthday (never a leap year) and certainly 18 from 1 March. Whether they
  are 18 on 28 February the law does not settle (see :func:`unsettled_18th_birthday`):
  the commands say so rather than guess. :func:`eighteenth_birthday` gives 1 March.
* Dates run from 1 January of year 1 to 31 December 9999; a date beyond is
  :class:`BeyondCalendar`, never a wrong date.

The same rule decides how a term in weeks or days compares with a term in months, so
the comparison and the end dates never disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt


class BeyondCalendar(ValueError):
    """A date after 31 December 9999 (or before year 1), which no date here can hold."""


def months_later(start: dt.date, months: int) -> dt.date:
    """The date corresponding to ``start`` ``months`` later, or the 1st of the next month if none."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise BeyondCalendar(f"year {year} is beyond the calendar (years {dt.MINYEAR} to {dt.MAXYEAR})")
    if start.day <= calendar.monthrange(year, month)[1]:
        return dt.date(year, month, start.day)
    return dt.date(year, month + 1, 1)  # never December, which has 31 days


def period_after(start: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """The first day after a period of ``months`` months and ``days`` days beginning with ``start``."""
    later = months_later(start, months)
    try:
        return later + dt.timedelta(days=days)
    except OverflowError:
        raise BeyondCalendar(f"{days} days after {later} is beyond the calendar") from None


def last_day(start: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """The last day of a period of ``months`` months and ``days`` days beginning with ``start``."""
    return period_after(start, months, days) - dt.timedelta(days=1)


def eighteenth_birthday(born: dt.date) -> dt.date:
    """The day a person born on ``born`` turns 18 (1 March for a 29 February birthday)."""
    return months_later(born, 18 * 12)


def under_18_on(born: dt.date, relevant_date: dt.date) -> bool:
    """Whether a person born on ``born`` was under 18 on ``relevant_date``.

    Someone whose 18th birthday is the relevant date is not under 18. For the one
    unsettled day, see :func:`unsettled_18th_birthday`.
    """
    try:
        return relevant_date < eighteenth_birthday(born)
    except BeyondCalendar:  # an 18th birthday after year 9999 is after every date
        return True


def unsettled_18th_birthday(born: dt.date, relevant_date: dt.date) -> bool:
    """Whether the law leaves open if a person born on ``born`` was under 18 on ``relevant_date``.

    True only for a person born on 29 February and a relevant date of 28 February in
    the year of their 18th birthday, which is never a leap year: their birthday that
    year is either 28 February (18 that day) or 1 March (still under 18 that day)."""
    return (
        (born.month, born.day) == (2, 29)
        and (relevant_date.year, relevant_date.month, relevant_date.day) == (born.year + 18, 2, 28)
        and not calendar.isleap(relevant_date.year)
    )
