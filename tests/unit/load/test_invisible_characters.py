"""Issue 20, silent wrong output: characters no editor means to publish. Control characters
written as YAML escapes ("\\0", "\\e", "\\uFFFE"), invisible and direction-changing characters
(a zero width space inside an email address, U+202E, U+2028, U+0085), and control characters
in a content page are each refused with their name and place; a no-break space is fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load.data import load_data
from tests.conftest import replace_in, run_check

PHONE = '  phone: "01603 276320"\n'


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_data(data)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\0", "U+0000 (null)"),
        ("\\e", "U+001B (escape)"),
        ("\\a", "U+0007 (bell)"),
        ("\\uFFFE", "U+FFFE (a noncharacter)"),
        ("\\u202E", "U+202E (right-to-left override)"),
        ("\\u2028", "U+2028 (line separator)"),
        ("\\N", "U+0085 (next line)"),
        ("\\u200B", "U+200B (zero width space)"),
    ],
)
def test_a_character_written_as_an_escape_is_refused_at_its_value(data_copy: Path, escape: str, name: str) -> None:
    replace_in(data_copy / "contacts.yaml", PHONE, f'  phone: "01603 {escape}276320"\n')
    (found,) = problems(data_copy)
    assert found.endswith(f"contacts.yaml:4:10: the character {name}, written as an escape, cannot be in a data file; delete it")


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u200b", "U+200B (zero width space)"),
        ("\u202e", "U+202E (right-to-left override)"),
        ("\u2028", "U+2028 (line separator)"),
        ("\x85", "U+0085 (next line)"),
        ("\u00ad", "U+00AD (soft hyphen)"),
        ("\ufeff", "U+FEFF (zero width no-break space)"),
    ],
)
def test_an_invisible_character_is_refused_with_its_name_and_place(data_copy: Path, character: str, name: str) -> None:
    replace_in(data_copy / "contacts.yaml", "  email: mappp@norfolk", f"  email: mappp{character}@norfolk")
    (found,) = problems(data_copy)
    assert found.endswith(
        f"contacts.yaml:5:15: the character {name} cannot be in a data file; delete it "
        "(it often comes with text pasted from a word processor)"
    )


def test_a_no_break_space_in_a_phone_number_is_fine(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", PHONE, '  phone: "01603\u00a0276320"\n')
    assert load_data(data_copy).contacts.office.phone == "01603 276320"  # taken as a space


@pytest.mark.parametrize(
    ("character", "name"), [("\x07", "U+0007 (bell)"), ("\u200b", "U+200B (zero width space)"), ("\x1b", "U+001B (escape)")]
)
def test_a_control_or_invisible_character_in_a_page_is_refused(project: Path, character: str, name: str) -> None:
    page = project / "content" / "privacy.md"
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[5] = "Some" + character + lines[5]
    page.write_text("".join(lines), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert f"content/privacy.md:6:5: the character {name} cannot be in a page; delete it" in result.stderr
