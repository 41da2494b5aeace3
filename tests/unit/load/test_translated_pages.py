"""The pages' Welsh, checked as a build of a bilingual area reads it: each English page has
its Welsh page, each Welsh page an English one, and a slip in a Welsh page is located there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WALES, replace_in, run_check


def test_a_page_with_no_welsh_is_an_error_naming_where_it_goes(project: Path) -> None:
    (project / "content" / "cy" / "levels.md").unlink()
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 1
    assert "content/levels.md:1:1: no Welsh for this page: add content/cy/levels.md" in result.stderr


def test_a_welsh_page_with_no_english_page_is_an_error(project: Path) -> None:
    (project / "content" / "cy" / "levelau.md").write_text(
        "---\ntranslation: draft\ntranslated: 2026-12-07\n---\n# Lefelau\n", encoding="utf-8"
    )
    result = run_check(project, "--data", str(WALES))
    assert "content/cy/levelau.md:1:1: no English page levelau.md for this page to translate" in result.stderr


def test_a_date_or_related_page_repeated_in_a_welsh_page_is_refused(project: Path) -> None:
    replace_in(project / "content" / "cy" / "levels.md", "translated: 2026-12-07\n", "translated: 2026-12-07\nreviewed: 2026-11-22\n")
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 1 and "content/cy/levels.md:4:1:" in result.stderr and "reviewed" in result.stderr


@pytest.mark.slow  # both languages built by the site engine
def test_a_broken_link_in_a_welsh_page_is_located_in_the_welsh_page(project: Path) -> None:
    page = project / "content" / "cy" / "levels.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nGweler [y dudalen](nowhere.md).\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    result = run_check(project, "--data", str(WALES))
    assert f"content/cy/levels.md:{line}:" in result.stderr and "nowhere.md" in result.stderr


@pytest.mark.slow  # both languages built by the site engine
def test_a_welsh_page_translated_before_its_english_page_was_reviewed_is_a_warning(project: Path) -> None:
    replace_in(project / "content" / "cy" / "levels.md", "translated: 2026-12-07", "translated: 2026-01-05")
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 0
    assert "content/cy/levels.md:3:13: warning: the Welsh may be out of date: translated 2026-01-05" in result.stderr
