"""`mappa period`: the exact command-line contract, text and JSON, and its errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Ran, mappa

KEYS = ["indefinite", "period", "halved", "ends_on", "review_after_years", "rule"]


def mappa_period(*args: str) -> Ran:
    return mappa("period", *args)


def as_json(*args: str) -> dict:
    result = mappa_period(*args, "--json")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    value = json.loads(line)
    several = "--consecutive" in args and args.count("--term") > 1
    assert list(value) == KEYS + (["condition"] if several else [])  # the condition of adding terms
    return value


def test_plain_answer_with_end_date() -> None:
    result = mappa_period("--disposal", "imprisonment", "--term", "18m", "--relevant-date", "2020-03-12")
    assert result.returncode == 0
    assert "10 years beginning with 12 March 2020: ends at the end of 11 March 2030." in result.stdout
    assert "Sexual Offences Act 2003, s82" in result.stdout


def test_json_fixed_period() -> None:
    assert as_json("--disposal", "imprisonment", "--term", "18m", "--relevant-date", "2020-03-12") == {
        "indefinite": False,
        "period": "P10Y",
        "halved": False,
        "ends_on": "2030-03-11",
        "review_after_years": None,
        "rule": "Sexual Offences Act 2003, s82(1), table, and s82(2)",
    }


def test_json_halved_from_date_of_birth() -> None:
    value = as_json("--disposal", "hospital-order", "--date-of-birth", "2005-06-01", "--relevant-date", "2020-02-29")
    assert (value["period"], value["halved"], value["ends_on"]) == ("P3Y6M", True, "2023-08-28")


def test_eighteenth_birthday_on_the_relevant_date_is_not_under_18() -> None:
    value = as_json("--disposal", "caution", "--date-of-birth", "2002-03-12", "--relevant-date", "2020-03-12")
    assert (value["period"], value["halved"]) == ("P2Y", False)
    value = as_json("--disposal", "caution", "--date-of-birth", "2002-03-13", "--relevant-date", "2020-03-12")
    assert (value["period"], value["halved"]) == ("P1Y", True)


def test_json_indefinite_with_review_point() -> None:
    assert as_json("--disposal", "life") == {
        "indefinite": True,
        "period": None,
        "halved": False,
        "ends_on": None,
        "review_after_years": 15,
        "rule": "Sexual Offences Act 2003, s82(1), table",
    }
    assert as_json("--disposal", "imprisonment", "--term", "30m", "--under-18")["review_after_years"] == 8


def test_json_conditional_discharge_keeps_its_units() -> None:
    value = as_json("--disposal", "conditional-discharge", "--term", "18m", "--under-18", "--relevant-date", "2021-01-31")
    assert (value["period"], value["halved"], value["ends_on"]) == ("P18M", False, "2022-07-30")


def test_consecutive_terms() -> None:
    value = as_json("--disposal", "imprisonment", "--term", "3m", "--term", "10m", "--consecutive")
    assert value["period"] == "P10Y"
    assert "two or more offences listed in Schedule 3" in value["condition"]
    assert as_json("--disposal", "imprisonment", "--term", "3m", "--term", "3m", "--consecutive")["period"] == "P7Y"
    assert as_json("--disposal", "imprisonment", "--term", "3m", "--term", "3m")["period"] == "P7Y"
    assert as_json("--disposal", "imprisonment", "--term", "2y", "--term", "6m", "--consecutive")["indefinite"] is True


def test_weeks_on_a_calendar_boundary_are_not_guessed() -> None:
    result = mappa_period("--disposal", "imprisonment", "--term", "26w", "--json")
    assert result.returncode == 3
    value = json.loads(result.stdout)
    assert value["depends_on_calendar"] is True and value["reason"] == "calendar"
    assert value["message"].startswith("a term of 26 weeks is on a boundary that depends on the calendar")
    assert sorted(p["period"] for p in value["possible"]) == ["P10Y", "P7Y"]
    assert as_json("--disposal", "imprisonment", "--term", "27w")["period"] == "P10Y"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--disposal", "prison"], "unknown disposal 'prison'"),
        (["--disposal", "imprisonment"], "imprisonment needs at least one --term"),
        (["--disposal", "caution", "--term", "1y"], "caution takes no --term"),
        (["--disposal", "absolute-discharge", "--term", "1y"], "absolute-discharge takes no --term"),
        (["--disposal", "absolute-discharge", "--term", "1y", "--consecutive"], "--consecutive applies only to imprisonment"),
        (["--disposal", "conditional-discharge"], "exactly one --term"),
        (["--disposal", "imprisonment", "--term", "18 months"], "cannot read the term '18 months'"),
        (["--disposal", "caution", "--relevant-date", "2021-02-29"], "--relevant-date '2021-02-29' is not a real date"),
        (["--disposal", "caution", "--date-of-birth", "2021-13-01", "--relevant-date", "2021-01-01"], "--date-of-birth '2021-13-01'"),
        (["--disposal", "caution", "--date-of-birth", "2021-01-02", "--relevant-date", "2021-01-01"], "is after the relevant date"),
        (["--disposal", "caution", "--date-of-birth", "2001-01-02"], "--date-of-birth needs --relevant-date"),
        (["--disposal", "caution", "--under-18", "--date-of-birth", "2001-01-02", "--relevant-date", "2020-01-01"], "not both"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = mappa_period(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert message in line
