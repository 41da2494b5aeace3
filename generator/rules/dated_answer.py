"""Answers that depend on dates: 'under 18' decided from a date of birth, and no answer
(check with the MAPPA office) where the dates put the case outside what the rule settles:
a relevant date before Part 2 came into force (the data's ``part_2_in_force``), or the unsettled 18th birthday of a person
born on 29 February. Every end date it may give must fall within the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from generator.i18n import gettext
from generator.load.table_models import NotificationPeriodsFile
from generator.rules.dates import under_18_on, unsettled_18th_birthday
from generator.rules.periods import CalendarDependent, Outcome, check_words, notification_period, or_words
from generator.rules.terms import PeriodInputError, Term
from generator.wording import long_date

AFTER_A_FINDING = ("hospital-restriction-order", "hospital-order", "absolute-discharge", "other")
"""What a court may do after a finding of insanity or disability (Criminal Procedure (Insanity) Act 1964, s5(2)):
a hospital order, with or without a restriction order; a supervision order (any other description); an absolute discharge."""


@dataclass(frozen=True)
class NeedsChecking:
    """Cases the rule cannot answer for: ``reason`` is 'before-part-2', '29-february', or
    'finding' (an absolute discharge after a finding of insanity or disability); ``message``
    says why, in the reader's language.

    ``possible`` holds the outcomes the person may have (none when they are unknown)."""

    reason: str
    message: str
    possible: tuple[Outcome, ...] = ()


A = TypeVar("A", bound="Outcome | CalendarDependent | NeedsChecking")  # an answer, of whichever kind


def dated_answer(
    table: NotificationPeriodsFile,
    disposal: str,
    terms: list[Term],
    *,
    consecutive: bool,
    under_18: bool,
    born: dt.date | None,
    relevant: dt.date | None,
    finding: str | None = None,
    overlap: Term | None = None,
) -> Outcome | CalendarDependent | NeedsChecking:
    """The rule's answer with what the dates decide: 'under 18' from the date of birth, and
    no answer (check with the MAPPA office) for a relevant date before Part 2 came into
    force or the unsettled 18th birthday of a person born on 29 February. Every end date
    it may give must fall within the calendar (a PeriodInputError if not)."""
    if born is not None and relevant is not None:
        under_18 = under_18_on(born, relevant)
    if finding is not None and disposal not in AFTER_A_FINDING:
        raise PeriodInputError(
            f"--finding does not go with {disposal}: after a finding of insanity or disability the "
            f"court may make only {', '.join(AFTER_A_FINDING)}"
        )
    period = notification_period(table, disposal, terms, consecutive=consecutive, under_18=under_18, overlap=overlap)
    if finding is not None and disposal == "absolute-discharge":
        return NeedsChecking("finding", f"{' '.join(table.absolute_discharge.after_finding.split())} {check_words()}")
    if relevant is not None and relevant < table.part_2_in_force:
        before = gettext(
            "the relevant date, %(relevant)s, is before %(in_force)s, when Part 2 of the Sexual Offences Act 2003 came into "
            "force: a conviction, finding or caution before then may fall under the Sex Offenders Act 1997 and the "
            "transitional rules of section 81."
        ) % {"relevant": long_date(relevant), "in_force": long_date(table.part_2_in_force)}
        return NeedsChecking("before-part-2", f"{before} {check_words()}")
    if born is not None and relevant is not None and unsettled_18th_birthday(born, relevant):
        other = notification_period(table, disposal, terms, consecutive=consecutive, under_18=not under_18, overlap=overlap)
        both = _outcomes(period) + _outcomes(other)
        if len({(o.period, o.halved, o.review_after_years) for o in both}) > 1:
            young, adult = (period, other) if under_18 else (other, period)
            sentences = [
                gettext(
                    "a person born on %(born)s turns 18 on 28 February or on 1 March %(year)s, and the law does not settle "
                    "which, so whether they were under 18 on %(relevant)s is not settled: if they were, the period is "
                    "%(young)s; if not, %(adult)s."
                )
                % {
                    "born": long_date(born),
                    "year": relevant.year,
                    "relevant": long_date(relevant),
                    "young": _summary(young),
                    "adult": _summary(adult),
                }
            ]
            if not isinstance(period, Outcome):
                sentences.append(gettext("Each also depends on the calendar, because of a term in weeks or days."))
            sentences.append(check_words())
            return _within_the_calendar(NeedsChecking("29-february", " ".join(sentences), both), relevant)
    return _within_the_calendar(period, relevant)


def _within_the_calendar(answer: A, relevant: dt.date | None) -> A:
    """``answer``, once each end date it may give is known to fall within the calendar
    (a PeriodInputError if one would end after the year 9999)."""
    for outcome in _outcomes(answer):
        outcome.ends_on(relevant)
    return answer


def _outcomes(result: Outcome | CalendarDependent | NeedsChecking) -> tuple[Outcome, ...]:
    return (result,) if isinstance(result, Outcome) else result.possible


def _summary(result: Outcome | CalendarDependent) -> str:
    return or_words(list(dict.fromkeys(outcome.summary() for outcome in _outcomes(result))))
