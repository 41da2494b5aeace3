"""Building: atomic replacement, escaping of data, reproducible output and the MkDocs hook."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.errors import DataError
from generator.write.pipeline import build_site
from tests.conftest import DATA, HOSTILE, ROOT, Ran, mappa, mkdocs_build, replace_in, tree_digest


@pytest.mark.slow
def test_failed_build_leaves_previous_site_untouched(tmp_path: Path, data_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(data_copy, out, ROOT)
    before = tree_digest(out)
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: x\n")
    with pytest.raises(DataError):
        build_site(data_copy, out, ROOT)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


@pytest.mark.slow
def test_template_error_is_located_and_site_untouched(tmp_path: Path, project_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, project_copy)
    before = tree_digest(out)
    replace_in(project_copy / "content" / "levels.md", "{{ levels.principle }}", "{{ levels.principel }}")
    with pytest.raises(DataError) as caught:
        build_site(DATA, out, project_copy)
    (problem,) = caught.value.problems
    lines = (project_copy / "content" / "levels.md").read_text(encoding="utf-8").splitlines()
    assert problem.path.endswith("content/levels.md") and problem.line == 1 + next(n for n, line in enumerate(lines) if "principel" in line)
    assert "principel" in problem.message
    assert tree_digest(out) == before


@pytest.mark.slow
def test_engine_failure_leaves_site_untouched(tmp_path: Path, project_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, project_copy)
    before = tree_digest(out)
    (project_copy / "content" / "privacy.md").write_text(
        "---\nreviewed: 2026-11-22\n---\n# Privacy\n\n[broken](no-such-page.md)\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        build_site(DATA, out, project_copy)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (6, 10, "the link 'no-such-page.md' goes to a page that does not exist")
    ]
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no build folder left


@pytest.mark.slow
def test_html_in_data_is_shown_as_text(hostile_site: Path) -> None:
    out = hostile_site
    for page in ("process.html", "contact.html", "glossary.html", "index.html", "leaflet.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<strong>bold" not in html
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(attrs={"onmouseover": True})
        assert not [a for a in soup.find_all("a", href=True) if a["href"].strip().lower().startswith("javascript:")]
        assert HOSTILE in " ".join(soup.get_text(" ").split()), page
        assert "<b>Norfolk" not in html
    for page in ("index.html", "leaflet.html"):
        soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        assert "<b>Norfolk</b>" in soup.get_text(), page


@pytest.mark.slow
def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    """Different folders, different times, the same bytes: site, PDF and sitemap."""
    first, second = tmp_path / "one" / "site", tmp_path / "two" / "later" / "site"
    build_site(DATA, first, ROOT)
    time.sleep(2.1)  # past any one-second or two-second timestamp resolution
    build_site(DATA, second, ROOT)
    digest = tree_digest(first)
    assert {"leaflet.pdf", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= set(digest)
    assert digest == tree_digest(second)


def run(*args: str, cwd: Path = ROOT) -> Ran:
    return mappa(*args, cwd=cwd)


def test_cli_check_valid_data() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "all data files are valid" in result.stdout


def test_cli_check_invalid_data(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: x\n")
    replace_in(data_copy / "site.yaml", "area_name: Norfolk\n", "area_name: Norfolk\narea_name: Suffolk\n")
    result = run("check", "--data", "data", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/site.yaml:3:1: duplicate key 'area_name' (first written on line 2)",
        "data/venues.yaml:6:5: unknown field 'adress' (did you mean 'address'?)",
        "2 problems found.",
    ]


def test_cli_build_bad_data_exits_1_without_traceback(tmp_path: Path, data_copy: Path) -> None:
    (data_copy / "levels.yaml").write_text("levels: [\n", encoding="utf-8")
    result = run("build", "--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "levels.yaml:2:1: YAML syntax error" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_cli_build_writes_site(tmp_path: Path) -> None:
    result = run("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "notification-periods.html").is_file()


@pytest.mark.slow
def test_mkdocs_build_strict_from_repository_root(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "end of life" not in result.stderr
    html = (tmp_path / "out" / "contact.html").read_text(encoding="utf-8")
    assert "01603 276320" in html


@pytest.mark.slow
def test_mkdocs_hook_reports_data_errors_cleanly(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: x\n")
    env_run = mkdocs_build(tmp_path / "out", MAPPA_DATA=str(data_copy))
    assert env_run.returncode == 1
    output = env_run.stdout + env_run.stderr
    assert "venues.yaml:6:5: unknown field 'adress' (did you mean 'address'?)" in output
    assert "Traceback" not in output
