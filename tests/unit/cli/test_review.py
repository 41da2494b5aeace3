"""Review dates: overdue warnings, --strict, `mappa review`, and the dates on pages and leaflet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, Ran, mappa, pages_built, replace_in


def run(*args: str) -> Ran:
    return mappa(*args)


def test_check_passes_while_nothing_is_overdue() -> None:
    result = run("check", "--strict", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.slow
def test_check_warns_about_overdue_reviews_and_strict_fails(data_copy: Path) -> None:
    replace_in(data_copy / "categories.yaml", "    reviewed: 2026-11-22\n", "    reviewed: 2024-01-15\n")
    result = run("check", "--data", str(data_copy), "--today", "2026-12-01")
    assert result.returncode == 0
    (warning,) = result.stderr.splitlines()
    assert re.fullmatch(
        r".*categories\.yaml:\d+:\d+: warning: review overdue since 2025-01-15 \(last reviewed 2024-01-15\): Registered sexual offenders",
        warning,
    )
    strict = run("check", "--data", str(data_copy), "--today", "2026-12-01", "--strict")
    assert strict.returncode == 1
    assert "1 warning(s) (reviews overdue, Welsh drafts or out of date); --strict fails the check." in strict.stderr


def test_review_lists_what_is_due_oldest_first(data_copy: Path) -> None:
    replace_in(data_copy / "levels.yaml", "    reviewed: 2026-11-22\n", "    reviewed: 2026-01-10\n")
    replace_in(data_copy / "categories.yaml", "    reviewed: 2026-11-22\n", "    reviewed: 2025-12-01\n")
    result = run("review", "--data", str(data_copy), "--today", "2026-12-01", "--days", "90")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2026-12-01  due") and "Registered sexual offenders" in lines[0]
    assert lines[1].startswith("2027-01-10  due") and "Ordinary agency management" in lines[1]
    assert len(lines) == 2
    later = run("review", "--data", str(data_copy), "--today", "2027-10-01").stdout.splitlines()
    dues = [line.split()[0] for line in later]
    assert dues == sorted(dues) and len(later) > 40  # everything reviewed on 2026-11-22 is due 2027-11-22


@pytest.mark.slow
def test_each_page_shows_its_own_review_date(tmp_path: Path, project_copy: Path) -> None:
    root = project_copy
    replace_in(root / "content" / "levels.md", "reviewed: 2026-11-22\n", "reviewed: 2026-09-03\nowner: Practice safeguarding lead\n")
    out = pages_built(ROOT / "data", tmp_path / "site", root)  # the pages alone: no PDF is read
    assert "Last reviewed 3 September 2026 by Practice safeguarding lead. Next review due 3 September 2027." in (
        out / "levels.html"
    ).read_text(encoding="utf-8")
    assert "Last reviewed 7 December 2026. Next review due 7 December 2027." in (out / "categories.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_leaflet_shows_its_own_review_date(tmp_path: Path, data_copy: Path) -> None:
    (data_copy / "changes.yaml").write_text("changes: []\n", encoding="utf-8")  # no change since a review in October
    replace_in(data_copy / "site.yaml", "leaflet_reviewed: 2026-12-07", "leaflet_reviewed: 2026-10-05")
    ran = mappa("leaflet", "--data", str(data_copy), "--out", str(tmp_path / "leaflet.pdf"))  # the leaflet alone
    assert ran.returncode == 0, ran.stderr
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(tmp_path / "leaflet.pdf")).pages)
    assert "Reviewed 5 October 2026; next review due 5 October 2027." in text


def test_a_page_without_a_review_date_fails_the_check(tmp_path: Path) -> None:
    from generator.load.front_matter import read_pages

    content = tmp_path / "content"
    content.mkdir()
    (content / "new-page.md").write_text("# A new page\n", encoding="utf-8")
    pages, problems = read_pages(content)
    assert pages == []
    assert [str(p) for p in problems] == [
        f"{content / 'new-page.md'}:1:1: missing 'reviewed: YYYY-MM-DD' in the page's front matter: "
        "start the page with a line '---', then 'reviewed: 2026-11-22', then '---'"
    ]


@pytest.mark.parametrize(
    "front, expected",
    [
        ("reviewed: 2026-13-01\n", "content/privacy.md:2:11: invalid date '2026-13-01'"),
        ("reviewed: [2026\n", "content/privacy.md:2:16: YAML syntax error"),
        ("reviewed: soon\n", "content/privacy.md:2:11: 'reviewed' must be a date written YYYY-MM-DD"),
        ("reviewed: 2026-11-22\nowner: 12\n", "content/privacy.md:3:8: 'owner' must be text"),
    ],
)
def test_a_page_with_bad_front_matter_is_one_located_line(project_copy: Path, front: str, expected: str) -> None:
    from tests.conftest import DATA

    privacy = project_copy / "content" / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8").replace("reviewed: 2026-11-22\n", front, 1), encoding="utf-8")
    shutil.copytree(DATA, project_copy / "data")
    for command in (["check"], ["build", "--out", "site"]):
        result = mappa(*command, cwd=project_copy)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.splitlines()[0].startswith(expected), result.stderr
    assert not (project_copy / "site").exists()


def test_each_pages_review_date_is_located_on_its_line(project_copy: Path) -> None:
    from generator.load.front_matter import read_pages

    levels = project_copy / "content" / "levels.md"
    levels.write_text(
        levels.read_text(encoding="utf-8").replace("reviewed: 2026-11-22\n", "owner: Practice lead\nreviewed: 2026-11-22\n", 1),
        encoding="utf-8",
    )
    pages, problems = read_pages(project_copy / "content")
    assert problems == []
    where = {page.path.name: page.where for page in pages}
    assert where["levels.md"].endswith("content/levels.md:3:11") and where["privacy.md"].endswith("content/privacy.md:2:11")
