"""The model of notification_periods.yaml: the statutory table of notification periods.

The model says what a row may hold. Which row applies to a person, and what follows
from it (halving, review, the period in words), is decided in
:mod:`generator.rules.periods` alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from typing import Literal

from pydantic import Field, model_validator

from generator.load.disposals import Disposal
from generator.load.fields import Note, Record, Reviewed, Slug, SourceId, Text


class TermBounds(Record):
    """The range of prison terms a row covers, with each bound inclusive or exclusive by its name."""

    at_least_months: int | None = Field(default=None, ge=0, description="The term is this many months or more.")
    more_than_months: int | None = Field(default=None, ge=0, description="The term is more than this many months.")
    at_most_months: int | None = Field(default=None, ge=1, description="The term is this many months or less.")
    less_than_months: int | None = Field(default=None, ge=1, description="The term is less than this many months.")

    @model_validator(mode="after")
    def _one_bound_each_side(self) -> TermBounds:
        if self.at_least_months is not None and self.more_than_months is not None:
            raise ValueError("give at_least_months or more_than_months, not both")
        if self.at_most_months is not None and self.less_than_months is not None:
            raise ValueError("give at_most_months or less_than_months, not both")
        if self.lower is None and self.upper is None:
            raise ValueError("give at least one bound")
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            raise ValueError("the lower bound must be below the upper bound")
        return self

    @property
    def lower(self) -> int | None:
        """The lower bound in months, whichever kind it is."""
        return self.at_least_months if self.at_least_months is not None else self.more_than_months

    @property
    def upper(self) -> int | None:
        """The upper bound in months, whichever kind it is."""
        return self.at_most_months if self.at_most_months is not None else self.less_than_months

    def contains(self, months: float | Fraction) -> bool:
        """Whether a term of ``months`` months falls in this range."""
        return self.matches(lambda bound: (months > bound) - (months < bound))

    def matches(self, compare: Callable[[int], int]) -> bool:
        """Whether a term falls in this range, given ``compare(bound)``: -1, 0 or 1 as the
        term is shorter than, equal to or longer than ``bound`` months."""
        if self.at_least_months is not None and compare(self.at_least_months) < 0:
            return False
        if self.more_than_months is not None and compare(self.more_than_months) <= 0:
            return False
        if self.at_most_months is not None and compare(self.at_most_months) > 0:
            return False
        if self.less_than_months is not None and compare(self.less_than_months) >= 0:
            return False
        return True

    def describe(self) -> str:
        """The range in words, for example 'more than 6 months but less than 30 months'."""
        parts = []
        if self.at_least_months is not None:
            parts.append(f"{self.at_least_months} months or more")
        if self.more_than_months is not None:
            parts.append(f"more than {self.more_than_months} months")
        if self.at_most_months is not None:
            parts.append(f"{self.at_most_months} months or less")
        if self.less_than_months is not None:
            parts.append(f"less than {self.less_than_months} months")
        return " but ".join(parts)


class FixedPeriod(Record):
    """A notification period of a fixed number of years."""

    years: int = Field(ge=1, le=99, description="The period in years.")


INDEFINITE = "indefinite"
DISCHARGE = "period of the discharge"  # the period of a conditional discharge: the court's own
NO_NOTIFICATION = "no notification"  # an absolute discharge: not a conviction for Part 2
Period = Literal["indefinite", "period of the discharge", "no notification"] | FixedPeriod


class DisposalInfo(Record):
    """How the site names a kind of disposal."""

    id: Disposal = Field(description="The disposal's fixed name.")
    label: Text = Field(description="The disposal in plain English, as the calculator asks it.")
    short_label: Text = Field(description="A short name for the disposal, for the leaflet's table.")


class PeriodRow(Reviewed):
    """One row of the statutory table of notification periods."""

    id: Slug = Field(description="A short name for the row.")
    disposal: Disposal = Field(description="The kind of disposal this row is about.")
    description: Text = Field(description="The row's description of the offender, as in the statute.")
    term: TermBounds | None = Field(default=None, description="For imprisonment only: the prison terms the row covers.")
    period: Period = Field(
        description="The notification period: {years: N}, 'indefinite', 'period of the discharge', or 'no notification'."
    )
    halved_under_18: bool = Field(description="true when the period is halved for someone under 18 on the relevant date.")
    reference: Text = Field(description="The statutory reference, for example 'Sexual Offences Act 2003, s82(1)'.")
    source: SourceId

    @model_validator(mode="after")
    def _consistent(self) -> PeriodRow:
        if (self.disposal == "imprisonment") != (self.term is not None):
            raise ValueError("give a term for imprisonment rows, and only for them")
        if self.halved_under_18 and not isinstance(self.period, FixedPeriod):
            raise ValueError("only a fixed period of years can be halved for under-18s")
        if (self.disposal == "absolute-discharge") != (self.period == NO_NOTIFICATION):
            raise ValueError("'no notification' is the period of an absolute discharge, and only of it")
        return self


class AbsoluteDischarge(Reviewed):
    """Why an absolute discharge leads to no notification, and when to check with the MAPPA office."""

    text: Text = Field(description="What the law says about an absolute discharge, in plain English.")
    check: Text = Field(description="The cases to check with the MAPPA office.")
    source: SourceId
    discharge_source: SourceId = Field(description="The source of the rule that a discharge is not a conviction.")
    notes_source: SourceId = Field(description="The Explanatory Notes that state the rule.")
    order_source: SourceId = Field(description="The source for another order requiring notification on its own.")
    convicted_label: Text = Field(description="The calculator's answer for an absolute discharge after a conviction.")
    finding_label: Text = Field(
        description=(
            "The calculator's answer for an absolute discharge after a finding of not guilty by reason of insanity or of disability."
        )
    )
    after_finding: Text = Field(
        description=(
            "Why an absolute discharge after such a finding is for the MAPPA office to check: shown on the calculator's "
            "outcome, the notification-periods page (so the guide), the open data and by `mappa period --finding`; "
            "the leaflet's table names the conviction case in the row's short_label."
        )
    )
    after_finding_source: SourceId = Field(description="The source saying that the finding itself can lead to notification.")


class PeriodNote(Note):
    """A note on the table, with where the calculator shows it besides the notification-periods page."""

    on_disposal_question: bool = Field(
        default=False, description="true to show the note on the calculator's first question (what happened)."
    )
    on_outcome_of: list[Disposal] = Field(
        default=[], description="The disposals whose calculator outcome pages show the note, for example [other]."
    )


class Review(Reviewed):
    """When someone on indefinite notification may apply for a review."""

    after_years: int = Field(ge=1, description="Years after which someone 18 or over on the relevant date may apply.")
    after_years_under_18: int = Field(ge=1, description="Years after which someone under 18 on the relevant date may apply.")
    counted_from: Text = Field(description="The day the years are counted from.")
    how: Text = Field(description="Where and how the application is made.")
    source: SourceId


class NotificationPeriodsFile(Reviewed):
    """notification_periods.yaml: the statutory table and the rules around it."""

    statute: Text = Field(description="The Act and section that set the periods.")
    jurisdiction: Text = Field(description="Where the table applies.")
    source: SourceId
    part_2_in_force: dt.date = Field(description="The day Part 2 of the Sexual Offences Act 2003 came into force, as YYYY-MM-DD.")
    part_2_in_force_source: SourceId
    disposals: list[DisposalInfo] = Field(description="Every kind of disposal, named in plain English.")
    rows: list[PeriodRow] = Field(min_length=1, description="The rows of the table, as in the statute.")
    relevant_date: Text = Field(description="What the relevant date is.")
    relevant_date_source: SourceId
    under_18_rule: Text = Field(description="The rule for people under 18 on the relevant date.")
    under_18_source: SourceId
    consecutive_terms: Text = Field(description="The one sentence saying when consecutive terms are added together, with its condition.")
    several_terms: Text = Field(description="How concurrent and partly concurrent terms count, with an example.")
    several_terms_source: SourceId
    absolute_discharge: AbsoluteDischarge = Field(description="What an absolute discharge means for notification.")
    review: Review = Field(description="The review of indefinite notification.")
    notes: list[PeriodNote] = Field(default=[], description="Further points, confirmed or to check with the MAPPA office.")
