"""Issue 20: careless input gets one clear line, never a traceback or a hang: a site_url
with a query, fragment or user name; data nested hundreds deep; a pipe named like a data
file; a review date past the end of the calendar; a new area's name on two lines; and
`mappa schema` pointed at a folder holding someone's own schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load.data import load_data
from tests.conftest import mappa, replace_in


@pytest.mark.parametrize(
    "url",
    [
        "https://www.norfolkmappa.org.uk/?page=1",
        "https://www.norfolkmappa.org.uk/#top",
        "https://editor:secret@www.norfolkmappa.org.uk/",
        "https:///nohost/",
    ],
)
def test_site_url_is_a_plain_address(data_copy: Path, url: str) -> None:
    replace_in(data_copy / "site.yaml", "site_url: https://www.norfolkmappa.org.uk/", f"site_url: {url}")
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    (problem,) = caught.value.problems
    assert problem.path.endswith("site.yaml") and problem.line == 7
    assert "must be the site's plain address, with no '?', '#' or user name" in problem.message


def test_data_nested_hundreds_deep_is_one_line(data_copy: Path) -> None:
    (data_copy / "venues.yaml").write_text("venues: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    for command in (["check", "--data", str(data_copy)], ["period", "--disposal", "caution", "--data", str(data_copy)]):
        result = mappa(*command)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr and "RecursionError" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    check = mappa("check", "--data", str(data_copy))
    assert "venues.yaml:1:58: the data is nested more than 50 levels deep here" in check.stderr


def test_a_pipe_named_like_a_data_file_is_refused_without_waiting(data_copy: Path) -> None:
    (data_copy / "venues.yaml").unlink()
    os.mkfifo(data_copy / "venues.yaml")
    result = mappa("check", "--data", str(data_copy))  # the timeout fails the test if it waits
    assert result.returncode == 1
    assert "venues.yaml:1:1: this is not an ordinary file (perhaps a pipe or a device): put a file here" in result.stderr


def test_review_counts_to_the_end_of_the_calendar() -> None:
    result = mappa("review", "--today", "9999-12-31")
    assert result.returncode == 0 and "Traceback" not in result.stderr and "OVERDUE" in result.stdout


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Two\nLines", "U+000A (line feed)"), ("Bad\u202eName", "U+202E (right-to-left override)"), ("Tab\there", "U+0009 (tab)")],
)
def test_a_new_area_name_is_one_line_of_text(tmp_path: Path, name: str, shown: str) -> None:
    result = mappa("new-area", str(tmp_path / "area"), "--name", name)
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f'error: --name holds the character {shown}: give the area\'s name on one line, for example "Exampleshire"'
    )
    assert not (tmp_path / "area").exists()


def test_a_new_area_name_with_punctuation_is_fine(tmp_path: Path) -> None:
    assert mappa("new-area", str(tmp_path / "area"), "--name", 'Devon & "Cornwall"').returncode == 0


def test_schema_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    mine = out / "site.schema.json"
    mine.write_text('{"title": "My own notes"}\n', encoding="utf-8")
    result = mappa("schema", "--out", str(out))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert "is not a schema `mappa schema` wrote" in result.stderr
    assert mine.read_text(encoding="utf-8") == '{"title": "My own notes"}\n'
    assert sorted(p.name for p in out.iterdir()) == ["site.schema.json"]  # nothing written
    mine.unlink()
    assert mappa("schema", "--out", str(out)).returncode == 0
    assert json.loads(mine.read_text(encoding="utf-8"))["title"] == "SiteFile"
    assert mappa("schema", "--out", str(out)).returncode == 0  # its own files: replaced


@pytest.mark.parametrize("key", ["last_reviewed", "leaflet_reviewed"])
def test_a_site_review_date_still_to_come_is_refused(data_copy: Path, key: str) -> None:
    replace_in(data_copy / "site.yaml", f"{key}: 2026-12-07", f"{key}: 2999-01-01")
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    (problem,) = caught.value.problems
    assert problem.message == f"'{key}': 2999-01-01 is a day still to come: write the day the review was done"


def test_a_page_review_date_still_to_come_is_refused(project: Path) -> None:
    replace_in(project / "content" / "privacy.md", "reviewed: 2026-11-22", "reviewed: 2999-01-01")
    result = mappa("check", cwd=project)
    assert result.returncode == 1
    assert (
        "content/privacy.md:2:11: 'reviewed': 2999-01-01 is a day still to come: write the day the review was done"
        in result.stderr.splitlines()
    )


def test_the_site_review_is_listed_when_due_and_fails_strict_when_overdue() -> None:
    review = mappa("review", "--today", "2027-12-08", "--days", "0")
    assert any(
        "data/site.yaml:11:16" in line and "the site as a whole and the whole guide" in line and "OVERDUE" in line
        for line in review.stdout.splitlines()
    ), review.stdout
    strict = mappa("check", "--strict", "--today", "2027-12-08", "--format", "json")
    assert strict.returncode == 1
    assert any(p["file"] == "data/site.yaml" and p["line"] == 11 and p["severity"] == "warning" for p in json.loads(strict.stdout))


def test_period_says_what_is_wrong_with_the_data(tmp_path: Path, data_copy: Path) -> None:
    missing = mappa("period", "--disposal", "caution", "--data", str(tmp_path / "missing"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"error: the data is invalid: {tmp_path / 'missing'}:1:1: data folder not found"
    replace_in(data_copy / "contacts.yaml", '  phone: "01603 276320"\n', '  phone: "call us"\n')
    broken = mappa("period", "--disposal", "caution", "--data", str(data_copy))
    assert broken.returncode == 2 and len(broken.stderr.splitlines()) == 1
    assert "contacts.yaml:4:10: 'phone' is not in the expected form" in broken.stderr


def test_a_heading_id_written_like_a_comment_says_how_to_write_it(project: Path) -> None:
    page = project / "content" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Heading {#my-id}\n", encoding="utf-8")
    result = mappa("check", cwd=project)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()[:-1]
    assert line.startswith("content/privacy.md:") and line.endswith(
        "template error: Missing end of comment tag: '{#' starts a template comment; to give a heading its id, "
        "write '{ #id }' with a space after '{'"
    )


def test_front_matter_never_closed_is_named_as_such(project: Path) -> None:
    (project / "content" / "glossary.md").write_text("---\nreviewed: 2026-11-22\n# Glossary\n", encoding="utf-8")
    result = mappa("check", cwd=project)
    assert result.returncode == 1
    assert (
        "content/glossary.md:1:1: the front matter that starts here is never closed: add a line '---' after its "
        "last line (such as 'reviewed: 2026-11-22')"
    ) in result.stderr.splitlines()


def test_overdue_review_messages_are_whole_in_json(tmp_path: Path) -> None:
    result = mappa("check", "--today", "2027-12-08", "--format", "json")
    warnings = [p["message"] for p in json.loads(result.stdout) if p["severity"] == "warning"]
    assert warnings and not [message for message in warnings if "..." in message]
    longest = max(warnings, key=len)
    assert len(longest) > 120  # a long statement kept whole
    review = mappa("review", "--today", "2027-12-08", "--days", "0")
    assert any(line.endswith("...") or "..." in line for line in review.stdout.splitlines())  # the terminal's table is cut
