"""The GP's next questions (issue 19, part 4): each a section of "If you are asked" from
if_asked.yaml, sourced, with numbered steps where the answer is a procedure; in the
navigation (its page), the A to Z, search and the guide; and `mappa review` naming the
sources not checked for 12 months."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.errors import DataError
from generator.load.data import load_data
from generator.render.leaflet import render_leaflet
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, mappa, replace_in

QUESTIONS = {
    "child-at-risk": "A patient tells you of an offence, or a child may be at risk now.",
    "health-information": "The police or MAPPA ask for a patient's records.",
    "mappa-meeting": "You are invited to a MAPPA meeting.",
    "sharing-and-records": "You want to tell a health visitor or school nurse",
    "letter-request": "A registered patient asks you for a letter.",
    "others-ask": "A partner, employer or anyone else asks whether a patient is on the register.",
    "not-complying": "A registered patient seems not to be complying",
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return {name: body.decode("utf-8") for name, body in render_sources(load_data(DATA), ROOT).items()}


@pytest.mark.parametrize(("anchor", "heading"), QUESTIONS.items())
def test_each_question_is_a_section_with_its_anchor(rendered: dict[str, str], anchor: str, heading: str) -> None:
    page = rendered["if-you-are-asked.md"]
    line = next(line for line in page.splitlines() if line.startswith("## ") and f"{{ #{anchor} }}" in line)
    assert heading in line


def test_a_request_for_records_is_numbered_steps(rendered: dict[str, str]) -> None:
    section = rendered["if-you-are-asked.md"].split("{ #health-information }")[1].split("\n## ")[0]
    steps = [line for line in section.splitlines() if line[:3] in {f"{n}. " for n in range(1, 10)}]
    assert len(steps) == 8
    assert steps[0].startswith("1. Pass the request to a GP")
    assert "*Not confirmed by the sources: check with the MAPPA office.*" in steps[0]
    assert "Not confirmed" not in steps[3]  # a court order: settled by the GMC's guidance
    assert any("court order" in step and "you must disclose" in step for step in steps)
    assert any("minimum relevant extract" in step for step in steps)
    assert any("Caldicott Guardian" in step and "medical defence body" in step for step in steps)
    assert all("](#source-" in step for step in steps)  # every step cites its source, numbered


def test_a_child_at_risk_starts_with_999(rendered: dict[str, str]) -> None:
    section = rendered["if-you-are-asked.md"].split("{ #child-at-risk }")[1].split("\n## ")[0]
    assert "1. If a child, or anyone else, is in immediate danger, call 999." in section
    assert "Do not delay sharing to get consent" in section


def test_unsettled_points_say_check_with_the_office(rendered: dict[str, str]) -> None:
    data = load_data(DATA)
    meeting = next(item for item in data.if_asked.items if item.id == "mappa-meeting")
    unsettled = [step for step in meeting.steps if not step.confirmed]
    assert unsettled and any("written report" in step.text for step in unsettled)
    section = rendered["if-you-are-asked.md"].split("{ #mappa-meeting }")[1].split("\n## ")[0]
    step = next(line for line in section.splitlines() if line.startswith("2. "))
    assert step.startswith("2. Who from the practice goes") and "*Not confirmed by the sources: check with the MAPPA office.*" in step


def test_the_leaflet_keeps_its_three_questions() -> None:
    data = load_data(DATA)
    html = render_leaflet(data, ROOT / "templates").html
    box = BeautifulSoup(html, "html.parser").find(id="asked").find_parent("section")
    assert [dt.get_text(" ", strip=True) for dt in box.find_all("dt")] == [item.question for item in data.if_asked.items if item.on_leaflet]
    assert len(box.find_all("dt")) == 3


def test_the_a_to_z_lists_the_new_questions(rendered: dict[str, str]) -> None:
    a_to_z = rendered["a-z.md"]
    for heading in ("You are invited to a MAPPA meeting.", "A registered patient asks you for a letter."):
        assert heading.rstrip(".") in a_to_z


def test_a_question_with_neither_steps_nor_points_is_a_located_error(data_copy: Path) -> None:
    text = (data_copy / "if_asked.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: others-ask")
    end = text.index("  - id: not-complying")
    block = text[start:end]
    cut = block[: block.index("    points:")]
    (data_copy / "if_asked.yaml").write_text(text.replace(block, cut), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    line = text[:start].count("\n") + 1
    assert any(p.line == line and "give the question its 'steps' or its 'points'" in p.message for p in caught.value.problems), caught.value


def test_on_leaflet_must_be_true_or_false(data_copy: Path) -> None:
    replace_in(data_copy / "if_asked.yaml", "    on_leaflet: false\n", "    on_leaflet: perhaps\n")
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    (problem,) = caught.value.problems
    assert problem.path.endswith("if_asked.yaml") and problem.column == 17
    assert problem.message == "'on_leaflet' must be true or false"


@pytest.mark.slow
def test_search_and_the_guide_find_the_new_questions(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "You are invited to a MAPPA meeting." in titles
    html = (built_site / "if-you-are-asked.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    records = soup.find(id="health-information")
    assert records is not None and records.find_next("ol") is not None
    assert len(records.find_next("ol").find_all("li", recursive=False)) == 8
    guide = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(built_site / "guide.pdf")).pages)
    for question in ("You are invited to a MAPPA meeting.", "A registered patient asks you for a letter."):
        assert question in guide


def test_mappa_review_lists_sources_not_checked_for_12_months() -> None:
    result = mappa("review", "--today", "2027-11-30", "--days", "0")
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if "source '" in line]
    assert lines and all("OVERDUE" in line and "(last checked 2026-11-2" in line for line in lines)
    assert any("data/sources.yaml:" in line and "source 'mappa-guidance'" in line for line in lines)
    assert not any("source 'soa-2003-s82'" in line for line in lines)  # checked 2026-12-07: due 2027-12-07
    fresh = mappa("review", "--today", "2026-12-07", "--days", "0")
    assert "source '" not in fresh.stdout


def test_minutes_and_alerts_say_they_are_local_and_name_the_risks(rendered: dict[str, str]) -> None:
    sharing = " ".join(rendered["information-sharing.md"].split())
    assert "These steps are the local procedure of the MAPPA office, not national law." in sharing
    assert "may conflict with your organisation's duty to keep records" in sharing and "subject access request" in sharing
    alerts = " ".join(rendered["health-practitioners.md"].split())
    assert "Alerts are a local procedure, not national law." in alerts and "subject access request" in alerts


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  after_finding_source: soa-2003-s80\n", "", "missing field 'after_finding_source'"),
        ("  after_finding_source: soa-2003-s80\n", "  after_finding_source: soa-2003-s800\n", "soa-2003-s800"),
        ('  convicted_label: "Yes: the person was convicted"\n', '  convicted_label: ""\n', "convicted_label"),
    ],
)
def test_the_finding_fields_are_checked_at_their_line(data_copy: Path, old: str, new: str, message: str) -> None:
    replace_in(data_copy / "notification_periods.yaml", old, new)
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    found = [p for p in caught.value.problems if message in str(p)]
    assert found and all(p.path.endswith("notification_periods.yaml") and p.line > 1 for p in found), caught.value.problems
