"""A length of time as a court states it (a prison term, a conditional discharge, a period),
how it is read from text, written in words and counted on the calendar.

No term longer than :data:`LONGEST_YEARS` years is counted: a longer one (or a total of
consecutive terms) is refused in plain words, so no arithmetic ever leaves the calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import ENGLISH, gettext, ngettext, speaking
from generator.load.table_models import TermBounds
from generator.rules.dates import months_later, period_after
from generator.wording import join_words

LONGEST_YEARS = 100  # longer than any term a court gives; keeps every date within year 9999
_FROM = dt.date(2000, 1, 1)  # "longer than 100 years" is counted from here


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
        if any(len((part or "").lstrip("0")) > 6 for part in match.groups()):  # read no huge number
            raise PeriodInputError(too_long_message(f"the term '{text.strip()}'"))
        term = cls(*(int(part or 0) for part in match.groups()))
        if term.total_months == 0 and term.total_days == 0:
            raise PeriodInputError(f"the term '{text}' is zero")
        if term.too_long:
            raise PeriodInputError(too_long_message(f"the term '{text.strip()}'"))
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

    @property
    def too_long(self) -> bool:
        """Whether the term is longer than :data:`LONGEST_YEARS` years (counted from 1 January 2000)."""
        limit = LONGEST_YEARS * 12
        if self.total_months > limit or self.total_days > limit * 31:
            return True
        return self.end_from(_FROM) > months_later(_FROM, limit)

    def end_from(self, start: dt.date) -> dt.date:
        """The first day after this term, counted from ``start``."""
        return period_after(start, self.total_months, self.total_days)

    def iso(self) -> str:
        """ISO 8601 duration, keeping the units given: 'P10Y', 'P3Y6M', 'P18M', 'P27W'."""
        if self.weeks and not (self.years or self.months or self.days):
            return f"P{self.weeks}W"
        parts = [(self.years, "Y"), (self.months, "M"), (self.total_days, "D")]
        return "P" + "".join(f"{n}{unit}" for n, unit in parts if n)

    @classmethod
    def of_months(cls, months: int) -> Term:
        """A whole number of months in years and months: 42 -> 3 years and 6 months."""
        return cls(years=months // 12, months=months % 12)

    def words(self) -> str:
        """The term in words, in the units given and the reader's language: '2 years and
        6 months', '27 weeks', '1 year'.

        The one place a length of time is put into words."""
        parts = []
        if self.years:
            parts.append(ngettext("%(count)d year", "%(count)d years", self.years) % {"count": self.years})
        if self.months:
            parts.append(ngettext("%(count)d month", "%(count)d months", self.months) % {"count": self.months})
        if self.weeks:
            parts.append(ngettext("%(count)d week", "%(count)d weeks", self.weeks) % {"count": self.weeks})
        if self.days:
            parts.append(ngettext("%(count)d day", "%(count)d days", self.days) % {"count": self.days})
        return join_words(parts)


def in_english(words: Callable[[], str]) -> str:
    """``words()`` made in English, whatever the reader's language: an editor's message
    (an error) is never translated, even when it names a term."""
    with speaking(ENGLISH, Path()):
        return words()


def too_long_message(what: str) -> str:
    """The plain-words refusal of a term longer than the longest counted (an error: English)."""
    return f"{what} is longer than {LONGEST_YEARS} years, the longest term this command counts"


def combined_term(terms: list[Term]) -> Term:
    """Consecutive terms added together, unit by unit."""
    return Term(
        years=sum(t.years for t in terms),
        months=sum(t.months for t in terms),
        weeks=sum(t.weeks for t in terms),
        days=sum(t.days for t in terms),
    )


def partly_concurrent_term(terms: list[Term], overlap: Term) -> Term:
    """Two terms that run partly concurrently, as one term: X plus Y minus the overlap Z
    (Sexual Offences Act 2003, s82(4)(b)). Counted unit by unit, so the overlap must be
    given in units the terms have (months with months, weeks and days with days), and it
    may be no longer than the shorter term."""
    if len(terms) != 2:
        raise PeriodInputError(f"--overlap takes exactly two --term values, the terms that overlap (got {len(terms)})")
    total = combined_term(terms)
    months = total.total_months - overlap.total_months
    days = total.total_days - overlap.total_days
    if months < 0 or days < 0:
        raise PeriodInputError(
            in_english(
                lambda: (
                    f"the overlap of {overlap.words()} cannot be taken from terms of {terms[0].words()} and {terms[1].words()} "
                    "unit by unit: give the terms and the overlap in the same units (months, or weeks and days)"
                )
            )
        )
    shorter = min(term.end_from(_FROM) for term in terms)
    if overlap.end_from(_FROM) > shorter:
        raise PeriodInputError(in_english(lambda: f"the overlap of {overlap.words()} is longer than the shorter term"))
    if months == 0 and days == 0:
        raise PeriodInputError("the terms less the overlap come to nothing: check the terms and the overlap")
    return Term(months=months, days=days) if days else Term.of_months(months)


def overlapped_terms(terms: list[Term], overlap: Term | None, *, disposal: str, consecutive: bool) -> list[Term]:
    """The terms as the rule counts them: unchanged without an overlap; with one, the two
    terms that ran partly concurrently as the one term :func:`partly_concurrent_term` makes."""
    if overlap is None:
        return terms
    if disposal != "imprisonment":
        raise PeriodInputError(f"--overlap applies only to imprisonment, not to {disposal}")
    if consecutive:
        raise PeriodInputError("give either --consecutive or --overlap, not both")
    return [partly_concurrent_term(terms, overlap)]


def term_words(term: TermBounds | None) -> str:
    """A row's range of terms in words, in the reader's language: 'more than 6 months but
    less than 30 months' (in English, as :meth:`TermBounds.describe` words it); '' for none."""
    if term is None:
        return ""
    lower, upper = _lower_bound_words(term), _upper_bound_words(term)
    if lower and upper:
        return gettext("%(lower)s but %(upper)s") % {"lower": lower, "upper": upper}
    return lower or upper


def _lower_bound_words(term: TermBounds) -> str:
    if term.at_least_months is not None:
        return ngettext("%(count)d month or more", "%(count)d months or more", term.at_least_months) % {"count": term.at_least_months}
    if term.more_than_months is not None:
        return ngettext("more than %(count)d month", "more than %(count)d months", term.more_than_months) % {"count": term.more_than_months}
    return ""


def _upper_bound_words(term: TermBounds) -> str:
    if term.at_most_months is not None:
        return ngettext("%(count)d month or less", "%(count)d months or less", term.at_most_months) % {"count": term.at_most_months}
    if term.less_than_months is not None:
        return ngettext("less than %(count)d month", "less than %(count)d months", term.less_than_months) % {"count": term.less_than_months}
    return ""
