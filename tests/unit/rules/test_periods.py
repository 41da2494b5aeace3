"""The rule of s82: every row, both sides of every boundary, halving, and several terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.data import load_data
from generator.load.table_models import FixedPeriod
from generator.rules.periods import CalendarDependent, Outcome, PeriodInputError, Term, notification_period
from tests.conftest import DATA

TABLE = load_data(DATA).notification_periods


def period(disposal: str, *terms: str, consecutive: bool = False, under_18: bool = False) -> str:
    """The outcome in words, or 'depends: A or B' when the calendar decides."""
    result = notification_period(TABLE, disposal, [Term.parse(t) for t in terms], consecutive=consecutive, under_18=under_18)
    if isinstance(result, CalendarDependent):
        return "depends: " + " or ".join(sorted(o.period_words() for o in result.possible))
    return result.period_words()


# --- every row of the table, adult and under 18 -------------------------------------


@pytest.mark.parametrize(
    "disposal, terms, adult, young",
    [
        ("life", (), "indefinite", "indefinite"),
        ("imprisonment", ("30m",), "indefinite", "indefinite"),
        ("hospital-restriction-order", (), "indefinite", "indefinite"),
        ("imprisonment", ("18m",), "10 years", "5 years"),
        ("imprisonment", ("3m",), "7 years", "3 years and 6 months"),
        ("hospital-order", (), "7 years", "3 years and 6 months"),
        ("caution", (), "2 years", "1 year"),
        ("conditional-discharge", ("18m",), "18 months", "18 months"),
        ("conditional-discharge", ("2y",), "2 years", "2 years"),
        ("other", (), "5 years", "2 years and 6 months"),
    ],
)
def test_every_row(disposal: str, terms: tuple[str, ...], adult: str, young: str) -> None:
    assert period(disposal, *terms) == adult
    assert period(disposal, *terms, under_18=True) == young


# --- both sides of every boundary ---------------------------------------------------


@pytest.mark.parametrize(
    "term, expected",
    [
        ("1d", "7 years"),
        ("5m", "7 years"),
        ("6m", "7 years"),  # 6 months exactly: "6 months or less"
        ("6m1d", "10 years"),  # just over 6 months
        ("7m", "10 years"),
        ("29m", "10 years"),
        ("2y5m", "10 years"),
        ("29m30d", "depends: 10 years or indefinite"),  # 29 months and 30 days: 30 months depends on the month lengths
        ("30m", "indefinite"),  # 30 months exactly: "30 months or more"
        ("2y6m", "indefinite"),
        ("31m", "indefinite"),
        ("25w", "7 years"),  # 175 days is under 6 months whatever the calendar
        ("26w", "depends: 10 years or 7 years"),  # 182 days: 6 months is 181 to 184 days
        ("27w", "10 years"),  # 189 days is always over 6 months
        ("180d", "7 years"),
        ("185d", "10 years"),
        ("130w", "10 years"),  # 910 days is under 30 months whatever the calendar
        ("131w", "indefinite"),  # 917 days is over 30 months
    ],
)
def test_boundaries_of_prison_terms(term: str, expected: str) -> None:
    assert period("imprisonment", term) == expected


# --- several terms ------------------------------------------------------------------


def test_consecutive_terms_are_added() -> None:
    assert period("imprisonment", "3m", "10m", consecutive=True) == "10 years"  # the Explanatory Notes' example
    assert period("imprisonment", "3m", "3m", consecutive=True) == "7 years"  # 6 months exactly
    assert period("imprisonment", "3m", "4m", consecutive=True) == "10 years"
    assert period("imprisonment", "15m", "15m", consecutive=True) == "indefinite"
    assert period("imprisonment", "1y", "1y5m", consecutive=True) == "10 years"
    assert period("imprisonment", "13w", "13w", consecutive=True) == "depends: 10 years or 7 years"


def test_concurrent_terms_take_the_longest() -> None:
    assert period("imprisonment", "3m", "10m") == "10 years"
    assert period("imprisonment", "3m", "4m") == "7 years"
    assert period("imprisonment", "15m", "15m") == "10 years"
    assert period("imprisonment", "6m", "20w") == "7 years"
    assert period("imprisonment", "2y", "30m") == "indefinite"


# --- review of indefinite notification ----------------------------------------------


def test_review_point_for_indefinite_notification() -> None:
    adult = notification_period(TABLE, "life")
    young = notification_period(TABLE, "imprisonment", [Term.parse("4y")], under_18=True)
    assert isinstance(adult, Outcome) and isinstance(young, Outcome)
    assert (adult.indefinite, adult.review_after_years) == (True, 15)
    assert (young.indefinite, young.review_after_years, young.halved) == (True, 8, False)
    fixed = notification_period(TABLE, "caution")
    assert isinstance(fixed, Outcome) and fixed.review_after_years is None


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "disposal, terms, consecutive, message",
    [
        ("prison", [], False, "unknown disposal 'prison'"),
        ("imprisonment", [], False, "imprisonment needs at least one --term"),
        ("caution", ["1y"], False, "caution takes no --term"),
        ("life", ["1y"], False, "life takes no --term"),
        ("conditional-discharge", [], False, "exactly one --term"),
        ("conditional-discharge", ["1y", "2y"], False, "exactly one --term"),
        ("other", [], True, "--consecutive applies only to imprisonment"),
    ],
)
def test_inputs_the_rule_refuses(disposal: str, terms: list[str], consecutive: bool, message: str) -> None:
    with pytest.raises(PeriodInputError, match=message):
        notification_period(TABLE, disposal, [Term.parse(t) for t in terms], consecutive=consecutive)


@pytest.mark.parametrize("text", ["", "0m", "18", "m18", "1.5y", "6m2y", "18 months", "-3m"])
def test_unreadable_terms(text: str) -> None:
    with pytest.raises(PeriodInputError):
        Term.parse(text)


def test_term_forms() -> None:
    assert Term.parse("2y6m") == Term(years=2, months=6)
    assert Term.parse("27W") == Term(weeks=27)
    assert Term.parse("1y2m3w4d").iso() == "P1Y2M25D"
    assert Term.parse("18m").iso() == "P18M"
    assert Term.parse("27w").iso() == "P27W"
    assert Term.parse("90d").words() == "90 days"


# --- properties ---------------------------------------------------------------------

FIXED_HALVABLE_YEARS = {10, 7, 5, 2}  # s82(2): the periods that are halved


def rank(result: Outcome | CalendarDependent) -> tuple[int, int]:
    """Lowest and highest length (in days-equivalent order) a result may give."""
    outcomes = result.possible if isinstance(result, CalendarDependent) else (result,)
    lengths = [10**9 if o.period is None else o.period.total_months * 31 + o.period.total_days for o in outcomes]
    return min(lengths), max(lengths)


terms = st.builds(
    Term,
    years=st.integers(0, 3),
    months=st.integers(0, 40),
    weeks=st.integers(0, 140),
    days=st.integers(0, 40),
).filter(lambda t: t.total_months or t.total_days)


@settings(max_examples=300, deadline=None)
@given(disposal=st.sampled_from([d.id for d in TABLE.disposals]), term=terms, under_18=st.booleans())
def test_halving_applies_exactly_where_the_statute_says(disposal: str, term: Term, under_18: bool) -> None:
    needs_term = disposal in {"imprisonment", "conditional-discharge"}
    result = notification_period(TABLE, disposal, [term] if needs_term else [], under_18=under_18)
    for outcome in result.possible if isinstance(result, CalendarDependent) else (result,):
        statute_halves = under_18 and isinstance(outcome.row.period, FixedPeriod) and outcome.row.period.years in FIXED_HALVABLE_YEARS
        assert outcome.halved is statute_halves
        if outcome.halved:
            assert outcome.period is not None and outcome.period.total_months * 2 == outcome.row.period.years * 12
        if outcome.indefinite or outcome.row.period == "period of the discharge":
            assert not outcome.halved


@settings(max_examples=300, deadline=None)
@given(shorter=terms, extra=terms, under_18=st.booleans())
@pytest.mark.slow
def test_a_longer_prison_term_never_gives_a_shorter_period(shorter: Term, extra: Term, under_18: bool) -> None:
    longer = Term(shorter.years + extra.years, shorter.months + extra.months, shorter.weeks + extra.weeks, shorter.days + extra.days)
    first = rank(notification_period(TABLE, "imprisonment", [shorter], under_18=under_18))
    second = rank(notification_period(TABLE, "imprisonment", [longer], under_18=under_18))
    assert first[0] <= second[0] and first[1] <= second[1]


@settings(max_examples=100, deadline=None)
@given(a=terms, b=terms)
@pytest.mark.slow
def test_consecutive_never_shorter_than_concurrent(a: Term, b: Term) -> None:
    concurrent = rank(notification_period(TABLE, "imprisonment", [a, b]))
    consecutive = rank(notification_period(TABLE, "imprisonment", [a, b], consecutive=True))
    assert concurrent[1] <= consecutive[1] and concurrent[0] <= consecutive[0]


# --- the table as every output shows it, and the under-18 rule in words -----------------


def test_table_lines_and_the_under_18_sentence_come_from_the_rows() -> None:
    from generator.rules.table_lines import table_lines, under_18_summary

    lines = {line.row.id: (line.period, line.under_18) for line in table_lines(TABLE)}
    assert lines["caution"] == ("2 years", "1 year")
    assert lines["imprisonment-6-months-or-less"] == ("7 years", "3 years and 6 months")
    assert lines["life-or-ipp"] == ("indefinite", None)
    assert lines["conditional-discharge"] == ("the period of the conditional discharge", None)
    assert under_18_summary(TABLE) == (
        "For a person who was under 18 on the relevant date, the period is halved: 10 years becomes 5 years; "
        "7 years becomes 3 years and 6 months; 5 years becomes 2 years and 6 months; 2 years becomes 1 year. "
        "Not halved: indefinite notification and the period of a conditional discharge."
    )
    rows = [row.model_copy(update={"halved_under_18": False}) if row.id == "caution" else row for row in TABLE.rows]
    changed = TABLE.model_copy(update={"rows": rows})
    assert {line.row.id: line.under_18 for line in table_lines(changed)}["caution"] is None
    assert "2 years becomes 1 year" not in under_18_summary(changed)
    assert under_18_summary(changed).endswith(
        "Not halved: indefinite notification, 2 years (Caution) and the period of a conditional discharge."
    )
    assert notification_period(changed, "caution", under_18=True).period_words() == "2 years"
