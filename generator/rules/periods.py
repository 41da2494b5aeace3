"""The notification period: section 82 of the Sexual Offences Act 2003, as one pure function.

The table (which rows exist, their bounds, periods and whether they are halved) comes
from data/notification_periods.yaml. This module decides which row applies and what
follows from it:

* consecutive terms are added together; for concurrent terms the longest counts;
* a fixed period is halved when the row says so and the person was under 18 on the
  relevant date; indefinite notification and the period of a conditional discharge
  are never halved;
* indefinite notification may be reviewed after 15 years (8 if under 18), from the
  table's review record;
* a term in weeks or days that may fall on either side of a month boundary depending
  on the calendar (26 weeks against 6 months) is reported as calendar-dependent,
  never guessed. See :mod:`generator.rules.dates` for the calendar convention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.rules.dates import last_day, months_later, period_after
from generator.load.models import FixedPeriod, NotificationPeriodsFile, PeriodRow
from generator.render.wording import duration_words

# Start dates that together meet every arrangement of month lengths and leap years.
_CALENDAR_CYCLE = [dt.date(2000, 1, 1) + dt.timedelta(days=n) for n in range(4 * 366)]


class PeriodInputError(ValueError):
    """The answers given cannot be put to the rule (for example, a missing term)."""


@dataclass(frozen=True)
class Term:
    """A length of time as a court states it: years, months, weeks and days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    _PATTERN = re.compile(r"(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)w)?(?:(\d+)d)?", re.IGNORECASE)

    @classmethod
    def parse(cls, text: str) -> Term:
        """Read a term written like '18m', '27w', '2y6m', '90d' or '1y'."""
        match = cls._PATTERN.fullmatch(text.strip())
        if not text.strip() or not match or not any(match.groups()):
            raise PeriodInputError(f"cannot read the term '{text}': write it like 18m, 27w, 2y6m, 90d or 1y")
        term = cls(*(int(part or 0) for part in match.groups()))
        if term.total_months == 0 and term.total_days == 0:
            raise PeriodInputError(f"the term '{text}' is zero")
        return term

    @property
    def total_months(self) -> int:
        """The years and months, in months."""
        return self.years * 12 + self.months

    @property
    def total_days(self) -> int:
        """The weeks and days, in days."""
        return self.weeks * 7 + self.days

    @property
    def in_whole_months(self) -> bool:
        """Whether the term has no weeks or days, so its length never depends on the calendar."""
        return self.total_days == 0

    def end_from(self, start: dt.date) -> dt.date:
        """The first day after this term, counted from ``start``."""
        return period_after(start, self.total_months, self.total_days)

    def iso(self) -> str:
        """ISO 8601 duration, keeping the units given: 'P10Y', 'P3Y6M', 'P18M', 'P27W'."""
        if self.weeks and not (self.years or self.months or self.days):
            return f"P{self.weeks}W"
        parts = [(self.years, "Y"), (self.months, "M"), (self.total_days, "D")]
        return "P" + "".join(f"{n}{unit}" for n, unit in parts if n)

    def words(self) -> str:
        """The term in words: '2 years and 6 months', '27 weeks'."""
        parts = []
        for number, unit in ((self.years, "year"), (self.months, "month"), (self.weeks, "week"), (self.days, "day")):
            if number:
                parts.append(f"{number} {unit}{'s' if number != 1 else ''}")
        return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def combined_term(terms: list[Term]) -> Term:
    """Consecutive terms added together, unit by unit."""
    return Term(
        years=sum(t.years for t in terms),
        months=sum(t.months for t in terms),
        weeks=sum(t.weeks for t in terms),
        days=sum(t.days for t in terms),
    )


@dataclass(frozen=True)
class Outcome:
    """The notification period that applies, and why."""

    row: PeriodRow
    under_18: bool
    period: Term | None  # None when indefinite
    halved: bool
    review_after_years: int | None

    @property
    def indefinite(self) -> bool:
        """Whether notification is indefinite."""
        return self.period is None

    @property
    def rule(self) -> str:
        """The statutory reference for the row applied."""
        return self.row.reference

    def period_words(self) -> str:
        """The period in plain words: 'indefinite', '5 years', '3 years and 6 months'."""
        if self.period is None:
            return "indefinite"
        if isinstance(self.row.period, FixedPeriod):
            return duration_words(self.period.total_months)
        return self.period.words()

    def ends_on(self, relevant_date: dt.date | None) -> dt.date | None:
        """The last day of a fixed period beginning with ``relevant_date``."""
        if self.period is None or relevant_date is None:
            return None
        return last_day(relevant_date, self.period.total_months, self.period.total_days)


@dataclass(frozen=True)
class CalendarDependent:
    """The term falls on a boundary that depends on the calendar: more than one row could apply."""

    term: Term
    possible: tuple[Outcome, ...]


def _compare(end: dt.date, start: dt.date, bound_months: int) -> int:
    """-1, 0 or 1 as a term ending before ``end`` is shorter, equal or longer than ``bound_months``."""
    bound_end = months_later(start, bound_months)
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


def outcome_for_row(table: NotificationPeriodsFile, row: PeriodRow, under_18: bool, discharge: Term | None = None) -> Outcome:
    """What a row means for a person, given their age on the relevant date."""
    if row.period == "indefinite":
        review = table.review.after_years_under_18 if under_18 else table.review.after_years
        return Outcome(row=row, under_18=under_18, period=None, halved=False, review_after_years=review)
    if isinstance(row.period, FixedPeriod):
        halved = under_18 and row.halved_under_18
        months = row.period.years * (6 if halved else 12)
        return Outcome(row=row, under_18=under_18, period=Term(years=months // 12, months=months % 12), halved=halved, review_after_years=None)
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
) -> Outcome | CalendarDependent:
    """The notification period for a disposal, its term(s) and the person's age on the relevant date."""
    terms = list(terms)
    rows = [row for row in table.rows if row.disposal == disposal]
    if not rows:
        known = ", ".join(d.id for d in table.disposals)
        raise PeriodInputError(f"unknown disposal '{disposal}': use one of {known}")
    if disposal == "imprisonment":
        if not terms:
            raise PeriodInputError("imprisonment needs at least one --term")
        possible = prison_rows(table, terms, consecutive)
        outcomes = tuple(outcome_for_row(table, row, under_18) for row in possible)
        if len(outcomes) == 1:
            return outcomes[0]
        return CalendarDependent(term=combined_term(terms) if consecutive else max(terms, key=lambda t: (t.total_months, t.total_days)), possible=outcomes)
    if consecutive:
        raise PeriodInputError(f"--consecutive applies only to imprisonment, not to {disposal}")
    (row,) = rows
    if row.period == "period of the discharge":
        if len(terms) != 1:
            raise PeriodInputError(f"{disposal} takes exactly one --term: the period of the discharge")
        return outcome_for_row(table, row, under_18, discharge=terms[0])
    if terms:
        raise PeriodInputError(f"{disposal} takes no --term")
    return outcome_for_row(table, row, under_18)
