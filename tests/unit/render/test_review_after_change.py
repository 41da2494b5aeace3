"""No "Last reviewed" older than the change it should have covered: a page, the calculator,
the leaflet or the guide reviewed before the newest change note naming it is a problem at
its own 'reviewed' line, in `mappa check` (every format), `mappa build` and the preview."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load.data import load_data
from generator.render.change_feed import change_feed_files
from generator.render.review_after_change import review_dates, stale_review_problems
from generator.write.pipeline import render_sources
from tests.conftest import DATA, MAPPA, MKDOCS_ENV, ROOT, replace_in, run_check


def newest_note_line(changes: Path, page: str) -> tuple[int, str]:
    """The line of the date of the newest (last written, of the newest day) note naming ``page``."""
    best: tuple[str, int] = ("", 0)
    date_line, date = 0, ""
    for number, line in enumerate(changes.read_text(encoding="utf-8").splitlines(), start=1):
        found = re.match(r"\s*- date: (\S+)", line)
        if found:
            date_line, date = number, found.group(1)
        elif line.strip() == f"- {page}" and date >= best[0]:
            best = (date, date_line)
    return best[1], best[0]


def test_the_real_data_has_no_review_older_than_its_change() -> None:
    data = load_data(DATA)
    assert stale_review_problems(data, review_dates(data, {})) == []
    render_sources(data, ROOT)  # raises DataError if any page is stale


def test_a_page_reviewed_before_its_change_is_reported_at_its_reviewed_line(project: Path) -> None:
    page = project / "content" / "notification-periods.md"
    replace_in(page, "reviewed: 2026-12-07", "reviewed: 2026-11-01")
    line, date = newest_note_line(project / "data" / "changes.yaml", "notification-periods.md")
    result = run_check(project)
    assert result.returncode == 1
    expected = (
        f"content/notification-periods.md:2:11: reviewed 2026-11-01, but data/changes.yaml:{line} changed this "
        f"page on {date}: review it again and update 'reviewed'"
    )
    assert expected in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_calculator_is_dated_by_its_table(project: Path) -> None:
    replace_in(project / "data" / "notification_periods.yaml", "reviewed: 2026-12-07\ndisposals:", "reviewed: 2026-11-30\ndisposals:")
    line, date = newest_note_line(project / "data" / "changes.yaml", "calculator/index.md")
    result = run_check(project, "--format", "json")
    problems = json.loads(result.stdout)
    assert result.returncode == 1
    assert {
        "file": "data/notification_periods.yaml",
        "line": 5,
        "column": 11,
        "severity": "error",
        "message": f"reviewed 2026-11-30, but data/changes.yaml:{line} changed this page on {date}: review it again and update 'reviewed'",
    } in problems


def test_the_leaflet_is_dated_by_leaflet_reviewed(project: Path) -> None:
    replace_in(project / "data" / "site.yaml", "leaflet_reviewed: 2026-12-07", "leaflet_reviewed: 2026-11-30")
    line, date = newest_note_line(project / "data" / "changes.yaml", "leaflet.pdf")
    result = run_check(project, "--format", "github")
    assert result.returncode == 1
    assert re.search(
        rf"::error file=data/site.yaml,line=\d+,col=\d+,title=[^:]+::reviewed 2026-11-30, but "
        rf"data/changes.yaml:{line} changed the leaflet on {date}: review it again and update "
        r"'leaflet_reviewed'",
        result.stdout,
    ), result.stdout


def test_every_change_note_changes_the_guide(data_copy: Path) -> None:
    """The guide holds every page: a note that does not name it still changes it."""
    replace_in(data_copy / "changes.yaml", "      - sources.md\n      - notification-periods.md\n", "      - sources.md\n")
    replace_in(data_copy / "site.yaml", "last_reviewed: 2026-12-07", "last_reviewed: 2026-12-06")
    data = load_data(data_copy)
    problems = [str(p) for p in stale_review_problems(data, review_dates(data, {}))]
    assert len(problems) == 1 and "changed the guide on 2026-12-07: review it again and update 'last_reviewed'" in problems[0]
    assert re.match(r".*site\.yaml:\d+:\d+: reviewed 2026-12-06, but .*changes\.yaml:\d+ changed the guide", problems[0])


def test_a_review_on_the_day_of_the_change_is_enough(data_copy: Path) -> None:
    data = load_data(data_copy)
    assert data.site.leaflet_reviewed == max(n.date for n in data.changes.changes if "leaflet.pdf" in n.pages)
    assert stale_review_problems(data, review_dates(data, {})) == []


@pytest.mark.slow
def test_build_refuses_a_stale_review_and_keeps_the_site(project: Path) -> None:
    replace_in(project / "content" / "sources.md", "reviewed: 2026-12-07", "reviewed: 2026-12-01")
    result = subprocess.run([MAPPA, "build", "--out", "out"], cwd=project, capture_output=True, text=True, timeout=300, env=MKDOCS_ENV)
    assert result.returncode == 1
    assert "content/sources.md:2:11: reviewed 2026-12-01, but data/changes.yaml:" in result.stdout + result.stderr
    assert not (project / "out").exists()


def test_change_notes_may_name_the_two_pdfs_and_nothing_else(data_copy: Path) -> None:
    replace_in(data_copy / "changes.yaml", "      - leaflet.pdf\n", "      - leaflet.pfd\n")
    with pytest.raises(DataError) as caught:
        render_sources(load_data(data_copy), ROOT)
    assert "no page 'leaflet.pfd' on the site (did you mean 'leaflet.pdf'?)" in str(caught.value)


def test_the_pdfs_are_listed_as_text_on_what_changed_and_linked_in_the_feed() -> None:
    data = load_data(DATA)
    page = render_sources(data, ROOT)["what-changed.md"].decode("utf-8")
    assert "- The leaflet to print (PDF)" in page
    assert "- The whole guide (PDF)" not in page  # named by no note: the guide is implied, not listed
    feed = change_feed_files(data)["changes.xml"].decode("utf-8")
    assert "https://www.norfolkmappa.org.uk/leaflet.pdf" in feed
    assert "leaflet.pdf.html" not in feed


def test_calculator_pages_show_the_table_review_date() -> None:
    data = load_data(DATA)
    pages = render_sources(data, ROOT)
    footer = pages["calculator/absolute-discharge/after-a-conviction/index.md"].decode("utf-8")
    assert "Last reviewed 7 December 2026" in footer
    assert data.notification_periods.reviewed.isoformat() == "2026-12-07"
