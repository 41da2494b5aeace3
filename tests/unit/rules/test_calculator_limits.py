"""The calculator knows its limits: it names the term that makes an answer depend on the
calendar, refuses inputs it cannot count with one line, and gives no answer for a
relevant date before Part 2 came into force or an unsettled 29 February birthday."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.rules.dates import BeyondCalendar, period_after, under_18_on, unsettled_18th_birthday
from generator.rules.periods import CalendarDependent, PeriodInputError, Term, notification_period
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, Ran, mappa

TABLE = load_data(DATA).notification_periods
D = dt.date


def mappa_period(*args: str) -> Ran:
    return mappa("period", "--data", str(DATA), *args)


def checked(*args: str) -> str:
    """The one-line explanation of an answer left to the MAPPA office (exit 3)."""
    result = mappa_period(*args)
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert result.stderr == ""
    (line,) = result.stdout.splitlines()
    assert line.endswith("Check with the MAPPA office.")
    return line


# --- item 4: the calendar message names the term that causes it ---------------------------


@pytest.mark.parametrize("order", [("6m", "26w"), ("26w", "6m")])
def test_concurrent_terms_name_the_term_in_weeks(order: tuple[str, str]) -> None:
    line = checked("--disposal", "imprisonment", "--term", order[0], "--term", order[1])
    assert line.startswith("a term of 26 weeks is on a boundary that depends on the calendar")
    assert "6 months" not in line
    assert "10 years or 7 years" in line


def test_json_carries_the_same_message() -> None:
    result = mappa_period("--disposal", "imprisonment", "--term", "6m", "--term", "26w", "--json")
    assert result.returncode == 3
    value = json.loads(result.stdout)
    assert value["depends_on_calendar"] is True and value["reason"] == "calendar"
    assert value["message"].startswith("a term of 26 weeks ")
    assert sorted(p["period"] for p in value["possible"]) == ["P10Y", "P7Y"]


def test_consecutive_terms_name_the_total_and_the_term_in_weeks() -> None:
    line = checked("--disposal", "imprisonment", "--term", "3m", "--term", "13w", "--consecutive")
    assert line.startswith("the consecutive terms add up to 3 months and 13 weeks, a total that depends on the calendar")
    assert "because of the term of 13 weeks:" in line


def test_6_months_and_26_weeks_consecutive_are_clearly_over_6_months() -> None:
    result = mappa_period("--disposal", "imprisonment", "--term", "6m", "--term", "26w", "--consecutive", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "P10Y"


def test_only_the_terms_on_the_boundary_found_are_named() -> None:
    # 26 weeks may be either side of 6 months, but here the boundary is 30 months
    result = notification_period(TABLE, "imprisonment", [Term.parse("26w"), Term.parse("29m30d")])
    assert isinstance(result, CalendarDependent)
    assert result.causes == (Term(months=29, days=30),)
    assert result.message.startswith("a term of 29 months and 30 days is on a boundary")
    both = notification_period(TABLE, "imprisonment", [Term.parse("26w"), Term.parse("182d")])
    assert isinstance(both, CalendarDependent)
    assert both.message.startswith("a term of 26 weeks and a term of 182 days are on a boundary")


# --- item 8: extreme inputs are one line, exit 2 ----------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["--disposal", "imprisonment", "--term", "8000y"], "the term '8000y' is longer than 100 years"),
        (["--disposal", "imprisonment", "--term", "99999999999999999999y"], "is longer than 100 years"),
        (["--disposal", "imprisonment", "--term", "9" * 5000 + "d"], "is longer than 100 years"),
        (["--disposal", "conditional-discharge", "--term", "100y1d"], "the term '100y1d' is longer than 100 years"),
        (
            ["--disposal", "imprisonment", "--term", "60y", "--term", "41y", "--consecutive"],
            "the total of the consecutive terms, 101 years, is longer than 100 years",
        ),
        (
            ["--disposal", "imprisonment", "--relevant-date", "9999-12-31", "--term", "1y"],
            "10 years beginning with 31 December 9999 would end after the year 9999",
        ),
        (
            ["--disposal", "conditional-discharge", "--relevant-date", "9999-06-01", "--term", "1y"],
            "1 year beginning with 1 June 9999 would end after the year 9999",
        ),
        (["--disposal", "caution", "--date-of-birth", "9999-12-31", "--relevant-date", "9999-12-31"], "would end after the year 9999"),
    ],
)
def test_extreme_inputs_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = mappa_period(*args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and message in line
    assert "Traceback" not in result.stderr


def test_the_longest_terms_and_latest_dates_still_answer() -> None:
    result = mappa_period("--disposal", "conditional-discharge", "--term", "100y", "--relevant-date", "2020-01-01")
    assert result.returncode == 0, result.stderr
    assert "ends at the end of 31 December 2119" in result.stdout
    result = mappa_period(
        "--disposal", "imprisonment", "--term", "50y", "--term", "50y", "--consecutive", "--relevant-date", "9989-12-31", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["indefinite"] is True
    assert Term.parse("1200m") == Term(months=1200) and Term.parse("36525d") == Term(days=36525)
    with pytest.raises(PeriodInputError, match="longer than 100 years"):
        Term.parse("36526d")  # 1 January 2000 to 1 January 2100 is 36,525 days


def test_dates_past_the_calendar_are_a_plain_error() -> None:
    with pytest.raises(BeyondCalendar):
        period_after(D(9999, 12, 31), 12)
    with pytest.raises(BeyondCalendar):
        period_after(D(9999, 12, 1), 0, 31)
    assert under_18_on(D(9999, 1, 1), D(9999, 12, 31)) is True  # an 18th birthday after 9999


# --- item 9: no silent answer before 1 May 2004, or on an unsettled 18th birthday -------------


@pytest.mark.parametrize("disposal, terms", [("caution", []), ("imprisonment", ["18m"]), ("life", [])])
def test_a_relevant_date_before_part_2_is_left_to_the_office(disposal: str, terms: list[str]) -> None:
    args = ["--disposal", disposal, *(a for t in terms for a in ("--term", t))]
    line = checked(*args, "--relevant-date", "2003-06-01")
    assert "before 1 May 2004" in line and "Sex Offenders Act 1997" in line and "section 81" in line
    checked(*args, "--relevant-date", "2004-04-30")
    result = mappa_period(*args, "--relevant-date", "2004-05-01")
    assert result.returncode == 0, result.stderr
    assert "Notification period:" in result.stdout


def test_before_part_2_in_json() -> None:
    result = mappa_period("--disposal", "caution", "--relevant-date", "2003-06-01", "--json")
    assert result.returncode == 3
    value = json.loads(result.stdout)
    assert (value["period"], value["depends_on_calendar"], value["reason"], value["possible"]) == (None, False, "before-part-2", [])
    assert "before 1 May 2004" in value["message"]


def test_bad_input_is_still_an_error_before_part_2() -> None:
    result = mappa_period("--disposal", "caution", "--term", "1y", "--relevant-date", "2003-06-01")
    assert result.returncode == 2 and "caution takes no --term" in result.stderr


def test_the_unsettled_eighteenth_birthday() -> None:
    assert unsettled_18th_birthday(D(2000, 2, 29), D(2018, 2, 28))
    assert not unsettled_18th_birthday(D(2000, 2, 29), D(2018, 3, 1))  # 18 either way
    assert not unsettled_18th_birthday(D(2000, 2, 29), D(2018, 2, 27))  # under 18 either way
    assert not unsettled_18th_birthday(D(2000, 2, 29), D(2019, 2, 28))
    assert not unsettled_18th_birthday(D(2000, 2, 28), D(2018, 2, 28))


def test_29_february_birthday_on_the_boundary_is_left_to_the_office() -> None:
    born = ["--date-of-birth", "2000-02-29"]
    line = checked("--disposal", "caution", *born, "--relevant-date", "2018-02-28")
    assert "born on 29 February 2000" in line and "28 February or on 1 March 2018" in line
    assert "if they were, the period is 1 year; if not, 2 years" in line
    result = mappa_period("--disposal", "caution", *born, "--relevant-date", "2018-02-28", "--json")
    value = json.loads(result.stdout)
    assert (result.returncode, value["reason"], value["depends_on_calendar"]) == (3, "29-february", False)
    assert [p["period"] for p in value["possible"]] == ["P1Y", "P2Y"] and value["message"] == line
    # indefinite either way, but the review comes after 8 or 15 years
    assert "review after 8 years; if not, indefinite, with a review after 15 years" in checked(
        "--disposal", "life", *born, "--relevant-date", "2018-02-28"
    )


@pytest.mark.parametrize("relevant, period", [("2018-02-27", "P1Y"), ("2018-03-01", "P2Y")])
def test_29_february_birthday_off_the_boundary_answers(relevant: str, period: str) -> None:
    result = mappa_period("--disposal", "caution", "--date-of-birth", "2000-02-29", "--relevant-date", relevant, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == period


def test_29_february_birthday_answers_when_age_changes_nothing() -> None:
    result = mappa_period(
        "--disposal", "conditional-discharge", "--term", "1y", "--date-of-birth", "2000-02-29", "--relevant-date", "2018-02-28", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "P1Y"


# --- the calculator's questions tell the user what to do ------------------------------------


def calculator_text(name: str) -> str:
    """A calculator page's rendered Markdown, its lines joined."""
    return " ".join(render_sources(load_data(DATA), ROOT)[f"calculator/{name}"].decode("utf-8").split())


def test_questions_say_what_to_do_for_an_old_conviction_and_a_29_february_birthday() -> None:
    first = calculator_text("what-happened/index.md")
    age = calculator_text("caution/index.md")
    assert TABLE.part_2_in_force == D(2004, 5, 1)
    for text in (first, age):
        assert "before 1 May 2004" in text and "check with the Norfolk MAPPA office" in text
    assert "if the relevant date is 28 February of the year they turned 18, check with the Norfolk MAPPA office" in age
    assert "29 February" not in first  # a changed part_2_in_force: see tests/unit/rules/test_legal_corrections.py
    start = calculator_text("index.md")  # the start page says when to ask the office instead
    assert "before **1 May 2004**" in start and "ask the Norfolk MAPPA office" in start


@pytest.mark.slow
def test_built_question_pages_carry_the_limits(built_site: Path) -> None:
    for name in ("what-happened/index.html", "caution/index.html", "imprisonment/6-months-or-less/index.html"):
        soup = BeautifulSoup((built_site / "calculator" / name).read_text(encoding="utf-8"), "html.parser")
        text = " ".join(soup.get_text(" ").split())
        assert "before 1 May 2004" in text, name
        assert soup.find("strong", string="before 1 May 2004"), name
    caution = BeautifulSoup((built_site / "calculator/caution/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "if the relevant date is 28 February of the year they turned 18, check with the" in " ".join(caution.get_text(" ").split())
