"""Issue 13's corrections from the legal review, each against every output that says it:
the site's pages, the calculator, `mappa period` (and its --help), all from data/.

1. consecutive terms are added only for two or more Schedule 3 offences;
2. an absolute discharge has its own answer (no notification), never 5 years;
3. the suspended-sentence caveat stands where such a user will be;
5. review: release from custody or discharge from hospital, applied for in writing,
   counted from the first notification;
6. the date Part 2 came into force comes from the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.errors import DataError
from generator.load.data import load_data
from generator.rules.periods import notification_period
from generator.rules.table_lines import table_lines
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, Ran, replace_in
from tests.conftest import mappa as run_mappa

TABLE = load_data(DATA).notification_periods
CONDITION = "two or more offences listed in Schedule 3"


def mappa(*args: str, data: Path = DATA) -> Ran:
    return run_mappa("period", *args, "--data", str(data))


def pages(data: Path = DATA) -> dict[str, str]:
    """Every rendered page's Markdown, its whitespace collapsed, by file name."""
    return {
        name: " ".join(body.decode("utf-8").split()) for name, body in render_sources(load_data(data), ROOT).items() if name.endswith(".md")
    }


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return pages()


def calculator(rendered: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in rendered.items() if name.startswith("calculator/")}


# --- 1. consecutive terms carry their condition everywhere -----------------------------------


def test_the_data_states_the_condition_once() -> None:
    assert CONDITION in TABLE.consecutive_terms
    assert "less the time they overlap" in TABLE.several_terms  # s82(4)(b), verified in issue 19


def test_the_page_and_the_calculator_question_carry_the_data_sentence(rendered: dict[str, str]) -> None:
    for name in ("notification-periods.md", "calculator/imprisonment/index.md"):
        assert TABLE.consecutive_terms in rendered[name], name


def test_no_output_adds_terms_without_the_condition(rendered: dict[str, str]) -> None:
    """Every sentence that says terms are added (or to add them) also says for which offences."""
    for name, text in rendered.items():
        for sentence in re.split(r"(?<=[.])\s", text):
            if re.search(r"\badd(ed)? (them|the terms )?together", sentence):
                assert "Schedule 3" in sentence, (name, sentence)


def test_help_and_output_of_consecutive_carry_the_condition() -> None:
    help_text = " ".join(run_mappa("period", "--help").stdout.split())
    option = help_text[help_text.index("--consecutive") : help_text.index("--under-18")]
    assert CONDITION in option and "partly concurrent" in option.lower() and "check with the MAPPA office" in option
    result = mappa("--disposal", "imprisonment", "--term", "3m", "--term", "10m", "--consecutive")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "Notification period: 10 years (Sexual Offences Act 2003, s82(1), table, and s82(2)).",
        TABLE.consecutive_terms,
    ]
    concurrent = mappa("--disposal", "imprisonment", "--term", "3m", "--term", "10m")
    assert CONDITION not in concurrent.stdout  # nothing is added, so no condition


def test_the_sentence_has_one_source_in_the_data(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "(the sexual offences); if one", "(the offences in Schedule 3); if one")
    changed = pages(data_copy)
    for name in ("notification-periods.md", "calculator/imprisonment/index.md"):
        assert "(the offences in Schedule 3); if one" in changed[name]
    result = mappa("--disposal", "imprisonment", "--term", "1y", "--term", "1y", "--consecutive", "--json", data=data_copy)
    assert "(the offences in Schedule 3); if one" in json.loads(result.stdout)["condition"]


# --- 2. an absolute discharge is never 5 years -------------------------------------------------


def test_the_rule_gives_no_notification() -> None:
    outcome = notification_period(TABLE, "absolute-discharge")
    assert outcome.no_notification and not outcome.indefinite and outcome.period is None
    assert outcome.period_words() == "no notification"
    assert "s134" in outcome.rule


def test_mappa_period_answers_no_notification_and_sends_to_the_office() -> None:
    result = mappa("--disposal", "absolute-discharge")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "No notification (Sexual Offences Act 2003, s134, and Sentencing Act 2020, s82)."
    assert lines[1] == TABLE.absolute_discharge.text
    assert "check with the MAPPA office" in lines[2] and "1 May 2004" in lines[2]
    assert "5 years" not in result.stdout
    value = json.loads(mappa("--disposal", "absolute-discharge", "--json").stdout)
    assert (value["indefinite"], value["period"], value["ends_on"]) == (False, None, None)
    old = mappa("--disposal", "absolute-discharge", "--relevant-date", "2004-04-30")
    assert old.returncode == 3 and "before 1 May 2004" in old.stdout


def test_the_calculator_offers_it_and_answers_it(rendered: dict[str, str]) -> None:
    first = rendered["calculator/what-happened/index.md"]
    assert "[Given an absolute discharge](../absolute-discharge/index.md)" in first
    assert "# Was the person convicted?" in rendered["calculator/absolute-discharge/index.md"]
    page = rendered["calculator/absolute-discharge/after-a-conviction/index.md"]
    assert "# No notification: absolute discharge after a conviction" in page
    assert TABLE.absolute_discharge.text in page and TABLE.absolute_discharge.check in page
    assert "check with the Norfolk MAPPA office" in page and "01603" in page  # sent to the office
    for source in ("soa-2003-s134", "sentencing-act-2020-s82", "soa-2003-explanatory-notes", "soa-2003-s103g"):
        assert f"sources.md#{source}" in page
    assert "[No notification](../absolute-discharge/after-a-conviction/index.md)" in rendered["calculator/all-outcomes/index.md"]
    for name, text in calculator(rendered).items():
        if "absolute-discharge" in name:
            assert "5 years" not in text, name


def test_the_sites_table_and_the_other_row(rendered: dict[str, str]) -> None:
    lines = {line.row.disposal: line for line in table_lines(TABLE) if line.row.disposal in ("absolute-discharge", "other")}
    assert (lines["absolute-discharge"].period, lines["absolute-discharge"].under_18_words) == ("no notification", "No notification")
    assert "not an absolute discharge" in lines["other"].row.description
    table = rendered["notification-periods.md"]
    assert f"| {lines['absolute-discharge'].row.description} | No notification | No notification |" in table
    assert "After a conviction, an absolute discharge means the conviction does not count" in table


def test_the_data_cannot_give_an_absolute_discharge_a_period(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "    period: no notification\n", "    period:\n      years: 5\n")
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    assert any("'no notification' is the period of an absolute discharge" in str(p) for p in caught.value.problems)


# --- 3. the suspended-sentence caveat ----------------------------------------------------------


def test_suspended_sentence_caveat_where_the_user_will_be(rendered: dict[str, str]) -> None:
    for name in (
        "calculator/what-happened/index.md",
        "calculator/imprisonment/index.md",
        "calculator/other/under-18/index.md",
        "calculator/other/18-or-over/index.md",
    ):
        assert "for a suspended sentence, check with the MAPPA office" in rendered[name], name
    assert "Not confirmed: check with the MAPPA office" in rendered["calculator/other/18-or-over/index.md"]
    result = mappa("--disposal", "other")
    assert "suspended sentence" in result.stdout.splitlines()[-1]


# --- 5. review and the hospital order -----------------------------------------------------------


def test_hospital_order_outcome_speaks_of_discharge_from_hospital(rendered: dict[str, str]) -> None:
    page = rendered["calculator/hospital-restriction-order/index.md"]
    assert "release from custody or discharge from hospital" in page
    assert "apply in writing" in page and "not from the conviction" in page
    result = mappa("--disposal", "hospital-restriction-order")
    assert "apply in writing" in result.stdout and "discharge from hospital" in result.stdout
    for name, text in rendered.items():
        assert "release from prison" not in text, name
    assert "magistrates" not in rendered["notification-periods.md"]  # the appeal route is not verified


# --- 6. the date Part 2 came into force is the data's --------------------------------------------


def test_a_changed_part_2_date_changes_every_output(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "part_2_in_force: 2004-05-01", "part_2_in_force: 2004-06-01")
    result = mappa("--disposal", "caution", "--relevant-date", "2004-05-15", data=data_copy)
    assert result.returncode == 3 and "before 1 June 2004" in result.stdout
    assert mappa("--disposal", "caution", "--relevant-date", "2004-05-15").returncode == 0
    assert "1 June 2004" in mappa("--disposal", "absolute-discharge", data=data_copy).stdout
    changed = pages(data_copy)
    for name in (
        "calculator/index.md",
        "calculator/what-happened/index.md",
        "calculator/caution/index.md",
        "calculator/absolute-discharge/after-a-conviction/index.md",
        "notification-periods.md",
        "offences-and-disposals.md",
    ):
        assert "1 June 2004" in changed[name] and "1 May 2004" not in changed[name], name


@pytest.mark.slow
def test_built_pages_carry_the_corrections(built_site: Path) -> None:
    def text(name: str) -> str:
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        return " ".join(soup.get_text(" ").split())

    outcome = text("calculator/absolute-discharge/after-a-conviction/index.html")
    assert "No notification: absolute discharge after a conviction" in outcome and "5 years" not in outcome
    table = BeautifulSoup((built_site / "notification-periods.html").read_text(encoding="utf-8"), "html.parser")
    rows = {
        " ".join(tr.find_all("td")[0].get_text().split()): [" ".join(td.get_text().split()) for td in tr.find_all("td")[1:]]
        for tr in table.find_all("tr")
        if tr.find_all("td")
    }
    (discharge,) = [cells for name, cells in rows.items() if name.startswith("A person convicted and given an absolute discharge")]
    assert discharge == ["No notification", "No notification"]
    assert CONDITION in text("calculator/imprisonment/index.html")
    assert "discharge from hospital" in text("calculator/hospital-restriction-order/index.html")
