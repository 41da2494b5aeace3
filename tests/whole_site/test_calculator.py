"""The calculator: every node reachable, every outcome reached, pages free of JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.render.calculator_pages import page_file
from generator.rules.flow import build_flow
from tests.conftest import DATA, pages_built, replace_in

FLOW = build_flow(load_data(DATA).notification_periods)


def reachable(flow) -> set[tuple[str, ...]]:
    seen, queue = set(), [()]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        if path in flow.questions:
            queue.extend(answer.target for answer in flow.questions[path].answers)
    return seen


def test_every_node_is_reachable_and_every_path_ends_on_an_outcome_or_advice() -> None:
    nodes = reachable(FLOW)
    assert nodes == set(FLOW.questions) | set(FLOW.outcomes) | set(FLOW.advice)
    for path, question in FLOW.questions.items():
        assert question.answers, path
        for answer in question.answers:
            assert answer.target in FLOW.questions or answer.target in FLOW.outcomes or answer.target in FLOW.advice
            assert answer.target == path + (answer.slug,)
        assert question.answers[-1].label == "I am not sure" and FLOW.advice[question.answers[-1].target].kind == question.kind
        assert [given.question for given in question.given] == [path[:n] for n in range(len(path))]  # the answers so far
    assert not set(FLOW.questions) & set(FLOW.outcomes) and not (set(FLOW.questions) | set(FLOW.outcomes)) & set(FLOW.advice)


def test_caveats_are_answers_where_the_user_can_act_on_them() -> None:
    disposal, term = FLOW.questions[()], FLOW.questions[("imprisonment",)]
    assert [a.slug for a in disposal.answers][-2:] == ["suspended-sentence", "not-sure"]
    assert [a.slug for a in term.answers][-3:] == ["suspended-sentence", "several-terms", "not-sure"]
    middle = next(a for a in term.answers if a.slug == "more-than-6-months-but-less-than-30-months")
    assert middle.hint == "for example 1 year or 2 years"
    for path in FLOW.questions:
        if FLOW.questions[path].kind == "age":
            assert FLOW.advice[path + ("not-sure",)].question is FLOW.questions[path]


def test_every_row_of_the_table_is_an_outcome() -> None:
    table = load_data(DATA).notification_periods
    reached = {page.row.id for page in FLOW.outcomes.values()}
    assert reached == {row.id for row in table.rows}
    # the absolute discharge has two outcomes: after a conviction, and after a finding
    assert len(FLOW.outcomes) == 16
    assert len([page for page in FLOW.outcomes.values() if page.row.id == "absolute-discharge"]) == 2


def test_age_is_asked_only_where_it_changes_the_period() -> None:
    for page in FLOW.outcomes.values():
        asked = any(given.kind == "age" for given in page.given)
        assert asked is page.row.halved_under_18, page.path


@pytest.mark.slow
def test_every_node_has_a_built_page_without_javascript(built_site: Path) -> None:
    for path in list(FLOW.questions) + list(FLOW.outcomes) + list(FLOW.advice) + [("all-outcomes",)]:
        html_file = built_site / page_file(path).replace(".md", ".html")
        html = html_file.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("script") is None, html_file
        assert not [attr for tag in soup.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")], html_file
        assert "javascript:" not in html.lower(), html_file


@pytest.mark.slow
def test_outcome_pages_state_period_rule_answers_and_advice(built_site: Path) -> None:
    data = load_data(DATA)
    for path, page in FLOW.outcomes.items():
        html = (built_site / page_file(path).replace(".md", ".html")).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        text = " ".join(soup.get_text(" ").split())
        heading = soup.find("h1").get_text(" ", strip=True).removesuffix("¶").strip()
        if page.after_finding:
            assert heading == "Check with the MAPPA office: absolute discharge after a finding"
        elif page.outcome is not None and page.outcome.no_notification:
            assert heading == "No notification: absolute discharge after a conviction"
        else:
            expected = "as long as the conditional discharge" if page.outcome is None else page.outcome.period_words()
            assert heading == f"The notification period is {expected}"
        assert page.row.reference in text
        assert data.site.disclaimer in text and data.contacts.office.phone in text
        assert soup.find("a", href=re.compile(r"gp-record\.html$"))
        changes = [a for a in soup.find_all("a") if a.get_text().startswith("Change ")]
        assert len(changes) == len(page.given)
        if page.outcome is not None and page.outcome.indefinite:
            assert "review after 15 years , or 8 years if they were under 18" in text
        assert soup.find("meta", attrs={"name": "robots"}) is None  # an outcome is indexed


@pytest.mark.slow
def test_start_page_is_linked_from_home_and_notification_periods(built_site: Path) -> None:
    for name in ("index.html", "notification-periods.html"):
        soup = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("a", href="calculator/index.html"), name


@pytest.mark.slow
def test_all_outcomes_table_lists_every_outcome(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "calculator/all-outcomes/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table tbody tr")
    assert len(rows) == len(FLOW.outcomes)
    linked = {a["href"] for a in soup.select("table tbody a")}
    assert linked == {"../" + "/".join(path) + "/index.html" for path in FLOW.outcomes}


@pytest.mark.slow
def test_changing_a_row_in_the_data_changes_the_calculator(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "      at_least_months: 30\n", "      at_least_months: 36\n")
    replace_in(data_copy / "notification_periods.yaml", "      less_than_months: 30\n", "      less_than_months: 36\n")
    replace_in(data_copy / "notification_periods.yaml", "    period:\n      years: 10\n", "    period:\n      years: 12\n")
    out = pages_built(data_copy, tmp_path / "site")
    assert (out / "calculator/imprisonment/36-months-or-more/index.html").is_file()
    assert not (out / "calculator/imprisonment/30-months-or-more").exists()
    young = out / "calculator/imprisonment/more-than-6-months-but-less-than-36-months/under-18/index.html"
    assert "The notification period is 6 years" in young.read_text(encoding="utf-8")


@pytest.mark.slow
def test_term_question_says_to_check_unconfirmed_points(built_site: Path) -> None:
    data = load_data(DATA)
    soup = BeautifulSoup((built_site / "calculator/imprisonment/index.html").read_text(encoding="utf-8"), "html.parser")
    warnings = " ".join(" ".join(d.get_text(" ").split()) for d in soup.select(".admonition.mappa-check"))
    flagged = [n for n in data.notification_periods.notes if n.on_term_question and not n.confirmed]
    assert flagged
    for note in flagged:
        assert " ".join(note.text.split()) in warnings
