"""The notification period: section 82 of the Sexual Offences Act 2003, as one pure function.

The table (which rows exist, their bounds, periods and whether they are halved) comes
from data/notification_periods.yaml. This module decides which row applies and what
follows from it:

* consecutive terms are added together, partly concurrent ones less their overlap (the data's
  ``consecutive_terms`` states the condition: two or more offences listed in Schedule 3,
  which the callers must show); for concurrent terms the longest counts;
* an absolute discharge leads to no notification (it is not a conviction for Part 2);
* a fixed period is halved when the row says so and the person was under 18 on the
  relevant date; indefinite notification and the period of a conditional discharge
  are never halved;
* indefinite notification may be reviewed after 15 years (8 if under 18), from the
  table's review record;
* a term in weeks or days that may fall on either side of a month boundary depending
  on the calendar (26 weeks against 6 months) is reported as calendar-dependent,
  never guessed, naming the terms that make it so. See :mod:`generator.rules.dates` for
  the calendar convention;
* no period is worked out for a relevant date before Part 2 came into force (the
  data's ``part_2_in_force``): the earlier law and section 81 decide it (see
  :mod:`generator.rules.dated_answer`).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import ClassVar

from generator.i18n import gettext, ngettext
from generator.load.table_models import (
    DISCHARGE,
    INDEFINITE,
    NO_NOTIFICATION,
    FixedPeriod,
    NotificationPeriodsFile,
    PeriodRow,
)
from generator.rules.dates import BeyondCalendar, last_day, months_later
from generator.rules.terms import PeriodInputError, Term, combined_term, in_english, overlapped_terms, too_long_message
from generator.wording import join_words, long_date

__all__ = [
    "CHECK",
    "CalendarDependent",
    "Outcome",
    "PeriodInputError",
    "Term",
    "halved_for_under_18",
    "notification_period",
    "outcome_for_row",
    "check_words",
    "or_words",
    "row_period_words",
]

CHECK = "Check with the MAPPA office."
"""The advice in English, for what is published only in English (the open data); for a
reader, :func:`check_words`."""


def check_words() -> str:
    """'Check with the MAPPA office.', in the reader's language."""
    return gettext("Check with the MAPPA office.")


def or_words(items: list[str]) -> str:
    """Alternatives as 'a or b or c', in the reader's language."""
    words = ""
    for number, item in enumerate(items):
        words = item if number == 0 else gettext("%(first)s or %(second)s") % {"first": words, "second": item}
    return words


# Start dates that together meet every arrangement of month lengths and leap years.
_CALENDAR_CYCLE = [dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(4 * 366)]


@dataclass(frozen=True)
class Outcome:
    """The notification period that applies, and why."""

    row: PeriodRow
    under_18: bool
    period: Term | None  # None when indefinite, or when there is no notification
    halved: bool
    review_after_years: int | None
    no_notification: bool = False  # an absolute discharge

    @property
    def indefinite(self) -> bool:
        """Whether notification is indefinite."""
        return self.period is None and not self.no_notification

    @property
    def rule(self) -> str:
        """The statutory reference for the row applied."""
        return self.row.reference

    def period_words(self) -> str:
        """The period in plain words: 'indefinite', '5 years', '3 years and 6 months', 'no notification'."""
        if self.no_notification:
            return gettext("no notification")
        return gettext("indefinite") if self.period is None else self.period.words()

    @property
    def row_words(self) -> str:
        """The row's own period in words, before any halving: '10 years'."""
        return row_period_words(self.row)

    @property
    def halving_sentence(self) -> str | None:
        """Why the period is what it is, when it was halved: 'This is 10 years halved, ...'."""
        if not self.halved:
            return None
        return gettext("This is %(period)s halved, because the person was under 18 on the relevant date.") % {"period": self.row_words}

    def ends_on(self, relevant_date: dt.date | None) -> dt.date | None:
        """The last day of a fixed period beginning with ``relevant_date``."""
        if self.period is None or relevant_date is None:
            return None
        try:
            return last_day(relevant_date, self.period.total_months, self.period.total_days)
        except BeyondCalendar:
            raise PeriodInputError(
                in_english(
                    lambda: (
                        f"{self.period_words()} beginning with {long_date(relevant_date)} would end after the year 9999: "
                        "check the relevant date"
                    )
                )
            ) from None

    def summary(self) -> str:
        """The period and, when indefinite, its review: 'indefinite, with a review after 8 years'."""
        if self.indefinite:
            years = self.review_after_years or 0
            return ngettext("indefinite, with a review after %(count)d year", "indefinite, with a review after %(count)d years", years) % {
                "count": years
            }
        return self.period_words()


@dataclass(frozen=True)
class CalendarDependent:
    """The terms fall on a boundary that depends on the calendar: more than one row could apply.

    ``causes`` are the terms, in weeks or days, that make it so; ``total`` is the terms
    added together when they ran consecutively (None for one term, or concurrent terms)."""

    causes: tuple[Term, ...]
    possible: tuple[Outcome, ...]
    total: Term | None = None
    reason: ClassVar[str] = "calendar"

    @property
    def message(self) -> str:
        """One line naming the terms that make the answer depend on the calendar, in the reader's language."""
        periods = or_words([outcome.period_words() for outcome in self.possible])
        if self.total is None:
            named = join_words([gettext("a term of %(term)s") % {"term": term.words()} for term in self.causes])
            what = ngettext(
                "%(terms)s is on a boundary that depends on the calendar: the period is %(periods)s.",
                "%(terms)s are on a boundary that depends on the calendar: the period is %(periods)s.",
                len(self.causes),
            ) % {"terms": named, "periods": periods}
        else:
            named = join_words([gettext("the term of %(term)s") % {"term": term.words()} for term in self.causes])
            what = gettext(
                "the consecutive terms add up to %(total)s, a total that depends on the calendar because of %(terms)s: "
                "the period is %(periods)s."
            ) % {"total": self.total.words(), "terms": named, "periods": periods}
        return f"{what} {check_words()}"


# The starts of the calendar's cycle and the table's few bounds: each worked out once.
_bound_end = functools.lru_cache(maxsize=4 * 366 * 16)(months_later)


def _compare(end: dt.date, start: dt.date, bound_months: int) -> int:
    """-1, 0 or 1 as a term ending before ``end`` is shorter, equal or longer than ``bound_months``."""
    bound_end = _bound_end(start, bound_months)
    return (end > bound_end) - (end < bound_end)


def _row_for_sentence(rows: list[PeriodRow], start: dt.date, terms: list[Term], consecutive: bool) -> PeriodRow:
    if consecutive:
        end = combined_term(terms).end_from(start)
    else:
        end = max(term.end_from(start) for term in terms)
    matching = [row for row in rows if row.term is not None and row.term.matches(lambda b: _compare(end, start, b))]
    if len(matching) != 1:  # the table is checked for coverage when loaded
        raise PeriodInputError("the table of notification periods does not cover this term")
    return matching[0]


def prison_rows(table: NotificationPeriodsFile, terms: list[Term], consecutive: bool) -> list[PeriodRow]:
    """The imprisonment rows the terms could fall in: one, or more if it depends on the calendar."""
    rows = [row for row in table.rows if row.disposal == "imprisonment"]
    if all(term.in_whole_months for term in terms):
        return [_row_for_sentence(rows, _CALENDAR_CYCLE[0], terms, consecutive)]
    found: dict[str, PeriodRow] = {}
    for start in _CALENDAR_CYCLE:
        row = _row_for_sentence(rows, start, terms, consecutive)
        found.setdefault(row.id, row)
    return sorted(found.values(), key=lambda row: rows.index(row))


def halved_for_under_18(row: PeriodRow) -> bool:
    """Whether the row's period is halved for a person under 18 on the relevant date.

    The data decides (``halved_under_18``); the model allows it only for fixed periods.
    The calculator asks the age exactly where this is true."""
    return row.halved_under_18  # the model allows it only for a fixed period


def row_period_words(row: PeriodRow) -> str:
    """A row's period in words, before any halving: '10 years', 'indefinite',
    'the period of the conditional discharge', 'no notification'."""
    if isinstance(row.period, FixedPeriod):
        return Term(years=row.period.years).words()
    if row.period == NO_NOTIFICATION:
        return gettext("no notification")
    return gettext("indefinite") if row.period == INDEFINITE else gettext("the period of the conditional discharge")


def outcome_for_row(table: NotificationPeriodsFile, row: PeriodRow, under_18: bool, discharge: Term | None = None) -> Outcome:
    """What a row means for a person, given their age on the relevant date: the one place
    where a period is halved."""
    if row.period == NO_NOTIFICATION:
        return Outcome(row=row, under_18=under_18, period=None, halved=False, review_after_years=None, no_notification=True)
    if row.period == INDEFINITE:
        review = table.review.after_years_under_18 if under_18 else table.review.after_years
        return Outcome(row=row, under_18=under_18, period=None, halved=False, review_after_years=review)
    if isinstance(row.period, FixedPeriod):
        halved = under_18 and halved_for_under_18(row)
        months = row.period.years * (6 if halved else 12)
        return Outcome(row=row, under_18=under_18, period=Term.of_months(months), halved=halved, review_after_years=None)
    if discharge is None:
        raise PeriodInputError("a conditional discharge needs its period as the term")
    return Outcome(row=row, under_18=under_18, period=discharge, halved=False, review_after_years=None)


def notification_period(
    table: NotificationPeriodsFile,
    disposal: str,
    terms: list[Term] | tuple[Term, ...] = (),
    *,
    consecutive: bool = False,
    under_18: bool = False,
    overlap: Term | None = None,
) -> Outcome | CalendarDependent:
    """The notification period for a disposal, its term(s), any overlap and the person's age on the relevant date."""
    terms = overlapped_terms(list(terms), overlap, disposal=disposal, consecutive=consecutive)
    rows = [row for row in table.rows if row.disposal == disposal]
    if not rows:
        known = ", ".join(d.id for d in table.disposals)
        raise PeriodInputError(f"unknown disposal '{disposal}': use one of {known}")
    if disposal == "imprisonment":
        if not terms:
            raise PeriodInputError("imprisonment needs at least one --term")
        if consecutive and combined_term(terms).too_long:
            raise PeriodInputError(
                in_english(lambda: too_long_message(f"the total of the consecutive terms, {combined_term(terms).words()},"))
            )
        possible = prison_rows(table, terms, consecutive)
        outcomes = tuple(outcome_for_row(table, row, under_18) for row in possible)
        if len(outcomes) == 1:
            return outcomes[0]
        return _calendar_dependent(table, terms, consecutive and len(terms) > 1, possible, outcomes)
    if consecutive:
        raise PeriodInputError(f"--consecutive applies only to imprisonment, not to {disposal}")
    (row,) = rows
    if row.period == DISCHARGE:
        if len(terms) != 1:
            raise PeriodInputError(f"{disposal} takes exactly one --term: the period of the discharge")
        return outcome_for_row(table, row, under_18, discharge=terms[0])
    if terms:
        raise PeriodInputError(f"{disposal} takes no --term")
    return outcome_for_row(table, row, under_18)


def _calendar_dependent(
    table: NotificationPeriodsFile, terms: list[Term], consecutive: bool, possible: list[PeriodRow], outcomes: tuple[Outcome, ...]
) -> CalendarDependent:
    """Name the terms that make the answer depend on the calendar: every term in weeks or
    days of a total; of concurrent terms, those that fall either side of the boundary found."""
    in_days = [term for term in terms if not term.in_whole_months]
    if consecutive:
        return CalendarDependent(causes=tuple(in_days), possible=outcomes, total=combined_term(terms))
    found = {row.id for row in possible}
    causes = [term for term in in_days if len({row.id for row in prison_rows(table, [term], False)} & found) > 1]
    return CalendarDependent(causes=tuple(causes or in_days), possible=outcomes)
