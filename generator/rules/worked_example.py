"""The worked example on each of the calculator's outcome pages: real dates, worked out by
the same rule code as `mappa period` (:meth:`Outcome.ends_on`, :func:`dates.period_after`).

A whole period starts on an ordinary day (:data:`EXAMPLE_START`); a halved period starts on
the last day of a month (:data:`MONTH_END_START`), so that the example shows what happens
when the later month has no such day. For indefinite notification, the example is the
first day a review may be applied for: the day after the end of the 15 years (8 for a
person under 18 on the relevant date) beginning with the day of the first notification
(s91B(2)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.i18n import month_name
from generator.load.table_models import NotificationPeriodsFile
from generator.rules.dates import period_after
from generator.rules.flow import OutcomePage
from generator.rules.periods import outcome_for_row
from generator.rules.terms import Term

EXAMPLE_START = dt.date(2016, 3, 3)  # the relevant date of a whole period's example
MONTH_END_START = dt.date(2020, 8, 31)  # a halved period's: the last day of a month
FIRST_NOTIFIED = dt.date(2016, 5, 10)  # indefinite notification's: the first notification
DISCHARGE = Term(years=2)  # a conditional discharge's period in its example


@dataclass(frozen=True)
class WorkedExample:
    """Dates for one outcome: the period from ``start`` (the relevant date) ends with
    ``last_day``; or, for indefinite notification, a review may be applied for from
    ``review_from`` after a first notification on ``start`` (``review_from_under_18`` for a
    person under 18 on the relevant date). ``discharge`` is the conditional discharge's
    period in the example, if the outcome is one."""

    start: dt.date
    last_day: dt.date | None = None
    review_from: dt.date | None = None
    review_from_under_18: dt.date | None = None
    discharge: Term | None = None

    @property
    def missing_day(self) -> str:
        """The day the period would have ended after, had its last month had it ('31 February
        2024', the month in the reader's language); '' when the month has it."""
        after = self.last_day + dt.timedelta(days=1) if self.last_day is not None else None
        if after is None or self.last_day is None or after.day != 1 or self.start.day <= 28 or self.start.day == after.day:
            return ""
        return f"{self.start.day} {month_name(self.last_day)} {self.last_day.year}"


def worked_example(table: NotificationPeriodsFile, page: OutcomePage) -> WorkedExample | None:
    """The example for the outcome ``page``; None where there is no period (no notification,
    or the MAPPA office decides)."""
    outcome = page.outcome
    if page.after_finding or (outcome is not None and outcome.no_notification):
        return None
    if outcome is None:  # a conditional discharge: the period is the discharge's
        discharged = outcome_for_row(table, page.row, False, discharge=DISCHARGE)
        return WorkedExample(EXAMPLE_START, last_day=discharged.ends_on(EXAMPLE_START), discharge=DISCHARGE)
    if outcome.indefinite:
        adult, young = (
            period_after(FIRST_NOTIFIED, months=years * 12) for years in (table.review.after_years, table.review.after_years_under_18)
        )
        return WorkedExample(FIRST_NOTIFIED, review_from=adult, review_from_under_18=young)
    start = MONTH_END_START if outcome.halved else EXAMPLE_START
    return WorkedExample(start, last_day=outcome.ends_on(start))
