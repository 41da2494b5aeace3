"""Issue 19's corrections from the second legal review, each against every output that says
it: the site's pages, the calculator, `mappa period`, the leaflet and the open data, all
from data/. Each test names the statement it holds; each would fail on the text before.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.load.data import load_data
from generator.render.leaflet import render_leaflet
from generator.render.open_data import calculator_outcomes, open_data_files
from generator.rules.flow import build_flow
from generator.rules.periods import notification_period
from generator.rules.terms import PeriodInputError, Term, partly_concurrent_term
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, Ran, mappa

SITE = load_data(DATA)
TABLE = SITE.notification_periods


def mappa_period(*args: str) -> Ran:
    return mappa("period", *args, "--data", str(DATA))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Every rendered page's Markdown, its whitespace collapsed, by file name."""
    return {name: " ".join(body.decode("utf-8").split()) for name, body in render_sources(SITE, ROOT).items() if name.endswith(".md")}


@pytest.fixture(scope="module")
def leaflet() -> str:
    html = render_leaflet(SITE, ROOT / "templates").html
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- Categories -------------------------------------------------------------------------


def test_category_3_is_by_reason_of_offences_committed(rendered: dict[str, str], leaflet: str) -> None:
    """CJA 2003 s325(2)(b): 'by reason of offences committed by them'."""
    three = next(c for c in SITE.categories.categories if c.number == 3)
    assert "whose offences lead MAPPA to consider that they may cause serious harm to the public" in three.description
    assert three.source == "cja-2003-s325"
    assert "whose offences lead MAPPA to consider that they may cause serious harm to the public" in rendered["categories.md"]
    assert "whose offences lead MAPPA to consider that they may cause serious harm to the public" in leaflet


def test_category_2_orders_count_only_for_murder_or_schedule_15(rendered: dict[str, str], leaflet: str) -> None:
    """CJA 2003 s327(3)-(4): a hospital or guardianship order for murder or a Schedule 15
    offence; guardianship order (which detains no one)."""
    two = next(c for c in SITE.categories.categories if c.number == 2)
    assert "murder or a Schedule 15 offence" in two.description
    assert "guardianship order (which detains no one)" in two.description
    assert "detained under a hospital or guardianship order" not in two.description
    for text in (rendered["categories.md"], leaflet):
        assert "guardianship order (which detains no one)" in text


def test_no_page_counts_the_categories_as_three(rendered: dict[str, str]) -> None:
    """Category 4 is in the national guidance (unconfirmed here): nothing says '3 categories'."""
    for name, text in rendered.items():
        assert not re.search(r"\b(3|three) (MAPPA )?categories", text, re.IGNORECASE), name
    assert "fourth category for terrorist and terrorist-risk offenders" in rendered["categories.md"]
    assert "Not confirmed: check with the MAPPA office" in rendered["categories.md"]


# --- Absolute discharge after a finding ----------------------------------------------------


def test_the_calculator_asks_whether_the_person_was_convicted() -> None:
    flow = build_flow(TABLE)
    question = flow.questions[("absolute-discharge",)]
    assert question.kind == "finding"
    convicted, finding, not_sure = (answer.target for answer in question.answers)
    assert flow.advice[not_sure].slug == "not-sure"  # the office decides: see the advice page
    assert flow.outcomes[convicted].outcome.no_notification
    assert flow.outcomes[finding].after_finding and flow.outcomes[finding].outcome is None


def test_the_finding_outcome_sends_the_user_to_the_office(rendered: dict[str, str]) -> None:
    page = rendered["calculator/absolute-discharge/after-a-finding-of-insanity-or-disability/index.md"]
    assert "# Check with the MAPPA office: absolute discharge after a finding" in page
    assert "can itself lead to notification" in page
    assert "No notification" not in page.split("## Your answers")[0]
    convicted = rendered["calculator/absolute-discharge/after-a-conviction/index.md"]
    assert "# No notification: absolute discharge after a conviction" in convicted
    question = rendered["calculator/absolute-discharge/index.md"]
    assert "# Was the person convicted?" in question


def test_the_table_page_and_the_offences_page_name_the_finding(rendered: dict[str, str]) -> None:
    assert "can itself lead to notification" in rendered["notification-periods.md"]
    offences = rendered["offences-and-disposals.md"]
    assert "An absolute discharge after a conviction does not count" in offences
    assert "the finding itself can lead to notification" in offences


def test_the_leaflet_says_no_notification_after_a_conviction_only(leaflet: str) -> None:
    assert "Absolute discharge after a conviction No notification" in leaflet


@pytest.mark.parametrize("finding", ["insanity", "disability"])
def test_mappa_period_sends_a_finding_to_the_office(finding: str) -> None:
    result = mappa_period("--disposal", "absolute-discharge", "--finding", finding, "--json")
    assert result.returncode == 3, result.stderr
    answer = json.loads(result.stdout)
    assert answer["reason"] == "finding" and answer["period"] is None
    assert answer["message"].endswith("Check with the MAPPA office.")
    text = mappa_period("--disposal", "absolute-discharge", "--finding", finding)
    assert text.returncode == 3 and len(text.stdout.strip().splitlines()) == 1


def test_after_a_conviction_an_absolute_discharge_is_still_no_notification() -> None:
    result = mappa_period("--disposal", "absolute-discharge", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["period"] is None
    assert "No notification" in mappa_period("--disposal", "absolute-discharge").stdout


@pytest.mark.parametrize("disposal", ["imprisonment", "life", "caution", "conditional-discharge"])
def test_a_finding_is_refused_with_a_disposal_a_court_cannot_give_after_it(disposal: str) -> None:
    """Criminal Procedure (Insanity) Act 1964 s5(2): a hospital order, a supervision order or
    an absolute discharge."""
    result = mappa_period("--disposal", disposal, "--term", "12m", "--finding", "insanity")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: --finding does not go with {disposal}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_hospital_order_after_a_finding_follows_the_table() -> None:
    result = mappa_period("--disposal", "hospital-order", "--finding", "disability", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["period"] == "P7Y"


def test_the_open_data_marks_the_finding_outcome_for_the_office() -> None:
    outcomes = calculator_outcomes(SITE)
    found = [o for o in outcomes if o.check_with_office]
    assert len(found) == 1
    assert found[0].answers.finding == "insanity" and found[0].period is None and not found[0].no_notification
    assert all(o.answers.finding is None for o in outcomes if not o.check_with_office)
    document = json.loads(open_data_files(SITE)["api/notification-periods.json"])
    assert sum(o["check_with_office"] for o in document["data"]["outcomes"]) == 1


# --- Several terms ------------------------------------------------------------------------


def test_partly_concurrent_terms_count_as_their_total_less_the_overlap() -> None:
    """s82(4)(b): X plus Y minus Z."""
    assert partly_concurrent_term([Term(months=12), Term(months=12)], Term(months=6)) == Term(years=1, months=6)
    assert partly_concurrent_term([Term(weeks=20), Term(weeks=10)], Term(weeks=4)) == Term(days=182)


@pytest.mark.parametrize(
    ("terms", "overlap", "period"),
    [
        (("12m", "12m"), "6m", "P10Y"),  # 18 months
        (("24m", "12m"), "6m", None),  # exactly 30 months: indefinite
        (("24m", "12m"), "7m", "P10Y"),  # 29 months
        (("4m", "3m"), "1m", "P7Y"),  # exactly 6 months
        (("4m", "3m"), "0m1w", None),  # in months and weeks: refused, not guessed
    ],
)
def test_mappa_period_works_out_partly_concurrent_terms_on_each_boundary(terms, overlap, period) -> None:
    args = ["--disposal", "imprisonment", *[f"--term={t}" for t in terms], "--overlap", overlap, "--json"]
    result = mappa_period(*args)
    if overlap == "0m1w":
        assert result.returncode == 2 and "same units" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["period"] == period
    assert answer["indefinite"] == (period is None)
    assert "Schedule 3" in answer["condition"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--term", "12m", "--overlap", "6m"], "exactly two --term values"),
        (["--term", "12m", "--term", "6m", "--overlap", "7m"], "longer than the shorter term"),
        (["--term", "12m", "--term", "6m", "--overlap", "6m", "--consecutive"], "not both"),
    ],
)
def test_an_overlap_that_cannot_be_applied_is_one_line(args: list[str], message: str) -> None:
    result = mappa_period("--disposal", "imprisonment", *args)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_overlap_is_for_imprisonment_only() -> None:
    with pytest.raises(PeriodInputError, match="only to imprisonment"):
        notification_period(TABLE, "caution", overlap=Term(months=1))


def test_only_schedule_3_terms_count_and_partly_concurrent_terms_are_stated(rendered: dict[str, str]) -> None:
    page = rendered["notification-periods.md"]
    assert "36 months for robbery gives 10 years, not indefinite notification" in page
    assert "less the time they overlap" in page
    assert "partly concurrently, check with the MAPPA office" not in page
    term_question = rendered["calculator/imprisonment/index.md"]
    assert "use the longest term for a Schedule 3 offence; leave out any term for another offence" in term_question
    assert "take away the time they overlapped" in term_question


def test_a_detention_and_training_order_counts_only_its_detention(rendered: dict[str, str]) -> None:
    """s131(a): the period of detention the person is liable to serve."""
    term_question = rendered["calculator/imprisonment/index.md"]
    assert "For a **detention and training order**, use only the period of detention" in term_question
    assert "only the period of detention the person was liable to serve counts" in rendered["notification-periods.md"]
    assert "how much of a detention and training order counts" not in rendered["notification-periods.md"]


# --- The GMC, other routes, the 3 days -------------------------------------------------------


def test_disclosure_without_consent_is_where_the_law_requires_it_or_the_public_interest(rendered: dict[str, str], leaflet: str) -> None:
    asked = next(item for item in SITE.if_asked.items if item.id == "health-information")
    assert "the law requires it (a statute or court order)" in asked.answer
    assert "public interest" in asked.answer and "practicable and safe" in asked.answer
    assert asked.answer.split()[-2:] == ["the", "minimum."]
    assert "the law requires it (a statute or court order)" in rendered["if-you-are-asked.md"]
    assert "the law requires it (a statute or court order)" in leaflet


def test_other_routes_to_notification_are_named(rendered: dict[str, str]) -> None:
    page = rendered["offences-and-disposals.md"]
    assert "## Other routes to notification" in page
    assert "sexual harm prevention order, or an interim one" in page
    assert "abroad" in page
    assert "Other offences do not lead to notification" not in page


def test_the_finding_of_disability_is_a_trigger(rendered: dict[str, str]) -> None:
    assert "a finding that the person was under a disability and did the act charged" in rendered["offences-and-disposals.md"]


def test_the_3_days_do_not_count_custody_hospital_or_time_abroad(rendered: dict[str, str]) -> None:
    """s83(6)."""
    page = rendered["registered-person.md"]
    assert "detained in a hospital, or outside the United Kingdom does not count towards the 3 days" in page


# --- Sources -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "source"),
    [
        (lambda: TABLE.part_2_in_force_source, "si-2004-874"),
        (lambda: TABLE.under_18_source, "flra-1969-s9"),
        (lambda: TABLE.several_terms_source, "soa-2003-s82"),
        (lambda: next(n for n in TABLE.notes if "Scotland" in n.text).source, "soa-2003-s80"),
        (lambda: next(p for s in SITE.registered_person.sections if s.id == "what-is-notified" for p in s.points).source, "soa-2003-s83"),
    ],
)
def test_each_statement_cites_the_section_that_says_it(statement, source: str) -> None:
    assert statement() == source
    assert SITE.source(source).url is not None


def test_no_statement_that_the_police_answer_questions_cites_s83() -> None:
    points = [p for item in SITE.if_asked.items for p in item.points if "put to them" in p.text]
    assert points and all(p.source != "soa-2003-s83" and not p.confirmed for p in points)


def test_the_sources_page_says_only_what_is_true(rendered: dict[str, str]) -> None:
    page = rendered["sources.md"]
    assert "Every fact on this site comes from one of these sources" not in page
    assert "each statement links to the source that says it" in page


def test_sources_without_an_address_are_only_those_not_online() -> None:
    missing = sorted(source.id for source in SITE.sources.sources if source.url is None)
    assert missing == ["bma-medical-ethics-today", "wessex-lmcs-what-is-mappa"]


# --- The Crime and Policing Act 2026 -----------------------------------------------------------


def test_the_crime_and_policing_act_2026_is_dated_and_not_stated_as_in_force(rendered: dict[str, str]) -> None:
    page = rendered["registered-person.md"]
    assert "Changes coming: the Crime and Policing Act 2026" in page
    assert "received Royal Assent on 29 April 2026" in page
    assert "When this guide was checked (7 December 2026), no source seen showed any of these changes in force" in page
    assert "statutory footing" in rendered["if-you-are-asked.md"]
