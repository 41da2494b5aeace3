"""A bilingual area's Welsh: the English data with the Welsh text laid over it, and every
way a translation can go wrong reported at its line (generator/load/translation.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load.data import load_data
from generator.load.translated_data import load_translated
from tests.conftest import ROOT, replace_in

WALES = ROOT / "areas" / "example-wales"


@pytest.fixture
def wales(tmp_path: Path) -> Path:
    """A writable copy of the example bilingual area, with its own copy of levels.yaml and
    its Welsh (a national file an area keeps itself is translated in the area's cy/)."""
    area = tmp_path / "example-wales"
    shutil.copytree(WALES, area)
    shutil.copy(ROOT / "data" / "levels.yaml", area / "levels.yaml")
    shutil.copy(ROOT / "data" / "cy" / "levels.yaml", area / "cy" / "levels.yaml")
    return area


def problems_of(area: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load_translated(load_data(area), "cy")
    return [str(problem) for problem in raised.value.problems]


def test_the_welsh_text_is_laid_over_the_english_facts(wales: Path) -> None:
    english = load_data(wales)
    welsh, warnings = load_translated(english, "cy")
    assert warnings == []
    assert welsh.site.language == "cy" and welsh.site.site_url == english.site.site_url + "cy/"
    assert [level.number for level in welsh.levels.levels] == [level.number for level in english.levels.levels]
    assert welsh.levels.levels[0].name != english.levels.levels[0].name  # Welsh words, English numbers
    assert welsh.levels.levels[0].source == english.levels.levels[0].source
    assert welsh.contacts.office.phone == english.contacts.office.phone
    assert welsh.site.area_name == "Enghraifft Cymru"  # the area's own text, from its own cy/
    assert "cy/levels.yaml" in " ".join(welsh.translation_drafts)


def test_a_text_with_no_welsh_is_located_at_the_english_naming_the_welsh_file(wales: Path) -> None:
    lines = (wales / "cy" / "levels.yaml").read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("principle:"))
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith(" "))
    (wales / "cy" / "levels.yaml").write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    [problem] = problems_of(wales)
    line = next(number for number, text in enumerate((wales / "levels.yaml").read_text().splitlines(), 1) if text.startswith("principle:"))
    assert problem.startswith(f"{wales / 'levels.yaml'}:{line}:")
    assert problem.endswith(f"no Welsh for this text: add it to {wales / 'cy' / 'levels.yaml'}")


def test_a_number_repeated_in_the_welsh_is_an_error_at_its_line(wales: Path) -> None:
    replace_in(wales / "cy" / "levels.yaml", "levels:\n  - ", "levels:\n  - number: 1\n    ")
    [problem] = problems_of(wales)
    assert "cy/levels.yaml" in problem and "'number' comes from the English file" in problem and "do not repeat it here" in problem


def test_a_welsh_text_with_no_english_is_an_error(wales: Path) -> None:
    text = (wales / "cy" / "levels.yaml").read_text(encoding="utf-8")
    (wales / "cy" / "levels.yaml").write_text(text + "motto: Diogelu'r cyhoedd\n", encoding="utf-8")
    [problem] = problems_of(wales)
    assert "cy/levels.yaml" in problem and "'motto' has no English" in problem


def test_a_welsh_entry_whose_id_has_no_english_entry_is_an_error(tmp_path: Path, wales: Path) -> None:
    shutil.copy(ROOT / "data" / "if_asked.yaml", wales / "if_asked.yaml")
    shutil.copy(ROOT / "data" / "cy" / "if_asked.yaml", wales / "cy" / "if_asked.yaml")
    replace_in(wales / "cy" / "if_asked.yaml", "- id: parent-asks", "- id: parent-asked")
    problems = problems_of(wales)
    assert any("no English entry has the id 'parent-asked'" in problem for problem in problems)
    assert any(problem.startswith(str(wales / "if_asked.yaml")) and "no Welsh for this text" in problem for problem in problems)


def test_an_extra_entry_in_a_list_without_ids_is_an_error(wales: Path) -> None:
    text = (wales / "cy" / "levels.yaml").read_text(encoding="utf-8")
    (wales / "cy" / "levels.yaml").write_text(text + "  - name: Lefel pedwar\n", encoding="utf-8")
    [problem] = problems_of(wales)
    assert "has 3 entries: this one has no English" in problem


def test_a_translation_must_say_whether_it_is_a_draft(wales: Path) -> None:
    replace_in(wales / "cy" / "levels.yaml", "translation: draft\n", "")
    [problem] = problems_of(wales)
    assert "say whether this translation is 'draft' or 'reviewed'" in problem


def test_a_welsh_entry_translated_before_the_english_was_reviewed_is_a_warning(wales: Path) -> None:
    replace_in(wales / "cy" / "levels.yaml", "translated: 2026-12-07", "translated: 2026-01-05")
    _, warnings = load_translated(load_data(wales), "cy")
    assert warnings and all("the Welsh may be out of date: translated 2026-01-05" in str(warning) for warning in warnings)
    assert all(warning.severity == "warning" and "cy/levels.yaml" in warning.path for warning in warnings)


def test_a_missing_welsh_file_of_the_area_is_an_error_naming_where_it_goes(wales: Path) -> None:
    (wales / "cy" / "venues.yaml").unlink()
    [problem] = problems_of(wales)
    assert problem.startswith(str(wales / "venues.yaml")) and problem.endswith(
        f"no Welsh for this file: add {wales / 'cy' / 'venues.yaml'}"
    )


def test_a_file_in_the_welsh_folder_that_translates_nothing_is_an_error(wales: Path) -> None:
    (wales / "cy" / "venue.yaml").write_text("translation: draft\n", encoding="utf-8")
    [problem] = problems_of(wales)
    assert "cy/venue.yaml:1:1: no data file of this name to translate (did you mean 'venues.yaml'?)" in problem


@pytest.mark.parametrize("languages", ["[en, fr]", "[cy, en]", "[en, cy, cy]"])
def test_languages_other_than_english_then_welsh_are_a_located_error(wales: Path, languages: str) -> None:
    replace_in(wales / "site.yaml", "languages: [en, cy]", f"languages: {languages}")
    with pytest.raises(DataError) as raised:
        load_data(wales)
    [problem] = raised.value.problems
    assert problem.path.endswith("site.yaml") and problem.line > 1
