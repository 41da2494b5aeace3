"""`mappa check --format text|github|json`: what the check found, for people, pull requests and tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli.formats import github_line, json_text
from generator.errors import Problem
from tests.conftest import replace_in, run_check

check = run_check


def test_a_github_annotation_escapes_what_would_end_it_early() -> None:
    problem = Problem("data/a,b:c.yaml", 6, 5, "100% wrong\nsecond line\r")
    assert github_line(problem) == (
        "::error file=data/a%2Cb%3Ac.yaml,line=6,col=5,title=Problem found by mappa check::100%25 wrong%0Asecond line%0D"
    )


def test_a_warning_is_a_github_warning_and_a_problem_without_a_place_has_no_file() -> None:
    assert github_line(Problem("content/x.md", 2, 11, "review overdue", severity="warning")) == (
        "::warning file=content/x.md,line=2,col=11,title=Review overdue::review overdue"
    )
    assert (
        github_line(Problem("", 0, 0, "the site engine stopped")) == "::error title=Problem found by mappa check::the site engine stopped"
    )
    assert json.loads(json_text([Problem("", 0, 0, "x")])) == [
        {"file": None, "line": None, "column": None, "severity": "error", "message": "x"}
    ]


def test_the_annotation_names_the_file_line_and_field(project: Path) -> None:
    replace_in(project / "data" / "contacts.yaml", "  phone:", "  phnoe:")
    result = check(project, "--format", "github")
    assert result.returncode == 1
    assert "::error file=data/contacts.yaml,line=" in result.stdout
    assert ",title=Problem found by mappa check::unknown field 'phnoe' (did you mean 'phone'?)" in result.stdout


def test_json_lists_every_problem_with_its_place(project: Path) -> None:
    replace_in(project / "data" / "venues.yaml", "  - name: Norwich", "  - nmae: Norwich")
    result = check(project, "--format", "json")
    assert result.returncode == 1 and result.stderr == ""
    assert json.loads(result.stdout) == [
        {"file": "data/venues.yaml", "line": 5, "column": 5, "severity": "error", "message": "missing field 'name'"},
        {"file": "data/venues.yaml", "line": 5, "column": 5, "severity": "error", "message": "unknown field 'nmae' (did you mean 'name'?)"},
    ]


@pytest.mark.slow
def test_valid_data_is_an_empty_json_list_and_no_annotations(project: Path) -> None:
    as_json = check(project, "--format", "json", "--today", "2026-12-01")
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, [])
    github = check(project, "--format", "github", "--today", "2026-12-01", "--strict")
    assert (github.returncode, github.stdout) == (0, "data: all data files are valid.\n")


@pytest.mark.slow
def test_overdue_reviews_are_warnings_that_fail_only_with_strict(project: Path) -> None:
    result = check(project, "--format", "github", "--today", "2028-01-01")
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning ")]
    assert result.returncode == 0 and warnings
    assert "::warning file=content/privacy.md,line=2,col=11,title=Review overdue::review overdue since 2027-11-22" in result.stdout
    strict = check(project, "--format", "json", "--today", "2028-01-01", "--strict")
    found = json.loads(strict.stdout)
    assert strict.returncode == 1 and {item["severity"] for item in found} == {"warning"} and len(found) == len(warnings)


def test_the_text_format_is_as_it_was(project: Path) -> None:
    replace_in(project / "data" / "venues.yaml", "  - name: Norwich", "  - nmae: Norwich")
    result = check(project)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "data/venues.yaml:5:5: missing field 'name'\ndata/venues.yaml:5:5: unknown field 'nmae' (did you mean 'name'?)\n2 problems found.\n"
    )


def test_an_unknown_format_is_a_usage_error(project: Path) -> None:
    result = check(project, "--format", "xml")
    assert result.returncode == 2 and result.stderr.startswith("error: Invalid value for '--format'")


def test_the_check_renders_the_pages_as_a_build_would(project: Path) -> None:
    """A page that a build cannot render fails the check, not only the build."""
    replace_in(project / "content" / "contact.md", "# Contact us", "# Contact us {{ no_such_value }}")
    result = check(project, "--format", "json")
    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)
    assert (problem["file"], problem["line"]) == ("content/contact.md", 5)
    assert "no_such_value" in problem["message"]


def test_problems_in_the_data_and_the_pages_are_reported_together(project: Path) -> None:
    replace_in(project / "data" / "venues.yaml", "  - name: Norwich", "  - nmae: Norwich")
    replace_in(project / "content" / "privacy.md", "reviewed: 2026-11-22", "reviewed: soon")
    files = {item["file"] for item in json.loads(check(project, "--format", "json").stdout)}
    assert files == {"data/venues.yaml", "content/privacy.md"}


def test_the_site_engines_checks_are_located_in_the_pages(project: Path) -> None:
    """A broken link, a missing section, a page left out of the navigation, and a navigation
    entry with no page: each at the line where it is written."""
    replace_in(project / "content" / "contact.md", "# Contact us", "# Contact us\n\nSee [the list](nothere.md) and [x](#nowhere).")
    (project / "content" / "new-page.md").write_text("---\nreviewed: 2026-11-22\n---\n# A new page\n", encoding="utf-8")
    replace_in(project / "mkdocs.yml", "  - Glossary: glossary.md", "  - Glossary: glossary.md\n  - Gone: gone.md")
    result = check(project, "--format", "json")
    assert result.returncode == 1
    found = [(p["file"], p["line"], p["column"], p["message"]) for p in json.loads(result.stdout)]
    line = next(n for n, text in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if "gone.md" in text)
    assert found == [
        ("content/contact.md", 7, 16, "the link 'nothere.md' goes to a page that does not exist"),
        ("content/contact.md", 7, 36, "the link '#nowhere' goes to a section that is not there (there is no such anchor on this page)"),
        ("content/new-page.md", 1, 1, "this page is not in the site's navigation: add it under 'nav:' in mkdocs.yml"),
        ("mkdocs.yml", line, 11, "the navigation lists 'gone.md', but there is no such page in content/"),
    ]
