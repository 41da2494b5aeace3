"""The catalogue of the interface's words in Welsh, checked against the messages of the code
and templates as a build of a bilingual area reads it (generator/load/catalogue.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.i18n import catalogue_path
from tests.conftest import WALES, replace_in, run_check


def catalogue(project: Path) -> Path:
    return catalogue_path(project, "cy")


def test_a_malformed_catalogue_is_one_located_line(project: Path) -> None:
    text = catalogue(project).read_text(encoding="utf-8")
    line = text.splitlines().index('msgid "Menu"') + 2
    replace_in(catalogue(project), 'msgid "Menu"\nmsgstr "Dewislen"', 'msgid "Menu"\nmsgstr Dewislen')
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"translations/cy/LC_MESSAGES/messages.po:{line}:1: the catalogue cannot be read")


def test_a_message_with_no_welsh_is_an_error_at_the_template_line_that_says_it(project: Path) -> None:
    page = project / "templates" / "overrides" / "404.html"
    replace_in(page, '<h1>{{ _("Page not found") }}</h1>', '<h1>{{ _("Page not found") }}</h1>\n<p>{{ _("Nothing is here") }}</p>')
    line = page.read_text(encoding="utf-8").splitlines().index('<p>{{ _("Nothing is here") }}</p>') + 1
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 1
    where = "translations/cy/LC_MESSAGES/messages.po"
    assert f"templates/overrides/404.html:{line}:1: no Welsh for the message 'Nothing is here': add it to {where}" in result.stderr


def test_a_welsh_message_no_longer_said_is_an_error_at_its_line(project: Path) -> None:
    path = catalogue(project)
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "Gone from every template"\nmsgstr "Wedi mynd"\n', encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index('msgid "Gone from every template"') + 1
    result = run_check(project, "--data", str(WALES))
    assert result.returncode == 1
    assert f"messages.po:{line}:1: the message 'Gone from every template' is no longer in the code or templates: remove it" in result.stderr


def test_the_english_only_area_needs_no_catalogue(project: Path) -> None:
    catalogue(project).unlink()
    assert run_check(project).returncode == 0


@pytest.mark.slow  # both languages built by the site engine
def test_drafts_are_warnings_that_strict_fails_on(project: Path) -> None:
    strict = run_check(project, "--data", str(WALES), "--strict")  # without --strict: test_translated_pages.py
    assert strict.returncode == 1 and "--strict fails the check" in strict.stderr
    first = catalogue(project).read_text(encoding="utf-8").splitlines().index("#, fuzzy, python-format") + 2  # its msgid
    assert f"messages.po:{first}:1: warning: some of the Welsh is a draft until a Welsh translator reviews it" in strict.stderr
    assert "data/cy/levels.yaml:2:14: warning: the Welsh is a draft until a Welsh translator reviews it" in strict.stderr
