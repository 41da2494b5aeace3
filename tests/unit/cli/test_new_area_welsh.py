"""`mappa new-area --languages en,cy`: a bilingual area's folder, its Welsh text in cy/ as
placeholders in the shape `mappa check` reads a translation, each reported at its own line
until it is filled in. Without --languages, the folder is English only, as it always was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.load.data import LOCAL_FILES
from generator.load.translation import STATUS, TRANSLATED
from generator.render.area_files import WELSH_PLACEHOLDER, welsh_skeleton
from tests.conftest import ROOT, mappa

EXAMPLE_WALES = ROOT / "areas" / "example-wales"
WELSH_FILES = ["contacts.yaml", "procedures.yaml", "site.yaml", "venues.yaml"]  # area_sources.yaml holds no text
PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


def new_area(folder: Path, *options: str) -> str:
    result = mappa("new-area", str(folder), "--name", "Newshire", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def shape(value: object) -> object:
    """A value's keys and list lengths, its texts left out (ids kept)."""
    if isinstance(value, dict):
        return {key: item if key == "id" else shape(item) for key, item in value.items() if key not in (STATUS, TRANSLATED)}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return "text"


def strings(value: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in strings(item, path + (key,))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in strings(item, path + (index,))]
    return [(path, value)] if isinstance(value, str) else []


def test_without_languages_the_area_is_english_only_as_before(tmp_path: Path) -> None:
    new_area(tmp_path / "plain")
    new_area(tmp_path / "en", "--languages", "en")
    assert sorted(p.name for p in (tmp_path / "plain").iterdir()) == sorted(LOCAL_FILES)
    for filename in LOCAL_FILES:
        assert (tmp_path / "plain" / filename).read_bytes() == (tmp_path / "en" / filename).read_bytes()
    assert "languages" not in read(tmp_path / "plain" / "site.yaml")


def test_a_bilingual_area_has_the_same_english_and_its_welsh_in_cy(tmp_path: Path) -> None:
    new_area(tmp_path / "plain")
    output = new_area(tmp_path / "both", "--languages", "en,cy")
    both = tmp_path / "both"
    assert sorted(p.name for p in (both / "cy").iterdir()) == WELSH_FILES
    assert [f"wrote {both / 'cy' / name}" in output for name in WELSH_FILES] == [True] * len(WELSH_FILES)
    for filename in LOCAL_FILES:
        plain = (tmp_path / "plain" / filename).read_text(encoding="utf-8").splitlines()
        lines = (both / filename).read_text(encoding="utf-8").splitlines()
        added = [line for line in lines if line not in plain]
        welsh_lines = ['# The Welsh text of this folder\'s files is in cy/: fill in its "FILL IN" values too.', "languages: [en, cy]"]
        assert added == (welsh_lines if filename == "site.yaml" else []), filename
        assert [line for line in lines if line in plain] == plain
    assert read(both / "site.yaml")["languages"] == ["en", "cy"]


def test_the_welsh_holds_every_english_text_as_a_placeholder_and_nothing_else(tmp_path: Path) -> None:
    new_area(tmp_path / "area", "--languages", "en,cy")
    for filename in WELSH_FILES:
        english, welsh = read(tmp_path / "area" / filename), read(tmp_path / "area" / "cy" / filename)
        assert welsh[STATUS] == "draft"
        assert welsh[TRANSLATED] == "FILL IN: the day you checked the Welsh against the English, YYYY-MM-DD"
        texts = [(path, text) for path, text in strings(welsh) if path[0] not in (STATUS, TRANSLATED) and path[-1] != "id"]
        assert texts, filename
        for path, text in texts:
            source = english
            for key in path:
                source = source[key]  # the same place in the English file
            assert text == WELSH_PLACEHOLDER + source.removeprefix("FILL IN: "), (filename, path)
    contacts = read(tmp_path / "area" / "cy" / "contacts.yaml")
    assert contacts["office"]["name"] == "FILL IN: Welsh for: Newshire MAPPA office"
    assert contacts["other_contacts"][0] == {
        "name": "FILL IN: Welsh for: Police emergency",
        "when_to_contact": ["FILL IN: Welsh for: If someone is in immediate danger or a crime is happening now."],
    }  # place-matched entries keep their place; phone, source and out_of_hours stay in the English
    procedures = read(tmp_path / "area" / "cy" / "procedures.yaml")
    assert set(procedures["referral"]) == {"title", "steps"}  # 'reviewed' is a date, though a placeholder yet
    assert set(read(tmp_path / "area" / "cy" / "site.yaml")) == {
        STATUS, TRANSLATED, "area_name", "site_title", "site_description", "jurisdiction", "owner", "disclaimer",
    }  # fmt: skip


@pytest.mark.parametrize("filename", LOCAL_FILES)
def test_the_skeleton_of_a_finished_area_has_the_shape_of_its_real_welsh(filename: str) -> None:
    """The fields new-area gives a translator are those areas/example-wales's Welsh has."""
    english = read(EXAMPLE_WALES / filename)
    expected = shape(read(EXAMPLE_WALES / "cy" / filename))
    assert shape(welsh_skeleton(filename, english)) == expected


@pytest.mark.parametrize("value", ["cy", "en,cy,en", "en, cy", "EN", "cy,en", ""])
def test_other_languages_are_a_one_line_usage_error(tmp_path: Path, value: str) -> None:
    result = mappa("new-area", str(tmp_path / "area"), "--name", "Newshire", "--languages", value)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: Invalid value for '--languages': '{value}' is not one of 'en', 'en,cy'."]
    assert not (tmp_path / "area").exists()


def problems(stderr: str) -> list[re.Match[str]]:
    found = [PROBLEM.match(line) for line in stderr.splitlines()]
    return [match for match in found if match is not None]


def fill_in_english(folder: Path) -> None:
    """Every English placeholder replaced with a value of its kind; the Welsh left as it is."""

    def value(match: re.Match[str]) -> str:
        key, wanted = match.group("key") or "", match.group("text")
        if "YYYY-MM-DD" in wanted:
            return f"{match.group('start')}2026-06-01"
        kinds = {"phone": '"01632 960000"', "email": "office@example.org", "website": "https://mappa.example.org/"}
        filled = kinds.get(key, "https://mappa.example.org/" if key == "site_url" else f'"{wanted}"')
        return f"{match.group('start')}{filled}"

    placeholder = re.compile(r'^(?P<start>\s*(?:- )?(?:(?P<key>\w+): )?)"FILL IN: (?P<text>[^"]*)"$', re.MULTILINE)
    for filename in LOCAL_FILES:
        path = folder / filename
        path.write_text(placeholder.sub(value, path.read_text(encoding="utf-8")), encoding="utf-8")


def test_check_lists_the_english_placeholders_then_the_welsh_at_their_lines(tmp_path: Path) -> None:
    folder = tmp_path / "area"
    new_area(folder, "--languages", "en,cy")
    check = mappa("check", "--data", str(folder))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    english = problems(check.stderr)
    assert english and all(m["message"].startswith("still to fill in: ") for m in english)
    assert {Path(m["path"]).name for m in english} == set(LOCAL_FILES)
    for match in english:  # each at the line of its placeholder
        assert "FILL IN" in Path(match["path"]).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]

    fill_in_english(folder)
    check = mappa("check", "--data", str(folder))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    welsh = [m for m in problems(check.stderr) if Path(m["path"]).parent.name == "cy"]
    lines = {(m["path"], int(m["line"])): m["message"] for m in welsh}
    for filename in WELSH_FILES:
        path = folder / "cy" / filename
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            shown = next((key for key in lines if Path(key[0]).resolve() == path and key[1] == number), None)
            if line.startswith(f"{TRANSLATED}: "):
                assert shown and "add 'translated: YYYY-MM-DD'" in lines[shown]
            elif "FILL IN: Welsh for: " in line:
                text = line.split('"FILL IN: ', 1)[1].rstrip('"').replace('\\"', '"')
                assert shown and lines[shown] == f"still to fill in: {text}", (filename, number)
            else:
                assert shown is None, (filename, number, line)
