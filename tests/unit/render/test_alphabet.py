"""The A to Z's alphabet follows the reader's language: Welsh letters of two characters
sort and group as one (generator/render/alphabet.py)."""

from __future__ import annotations

from generator.i18n import speaking
from generator.render.alphabet import always_shown, letter_of, letters, sort_key
from tests.conftest import ROOT


def test_english_sorts_and_groups_as_before() -> None:
    assert letters()[:3] == ("A", "B", "C") and len(letters()) == 26
    assert letter_of("Llyw") == "L" and letter_of("The caution") == "C" and letter_of("3 years") == "0–9"
    assert sorted(["Lyn", "Llyw", "Lane"], key=sort_key) == ["Lane", "Llyw", "Lyn"]


def test_welsh_letters_of_two_characters_sort_and_group_as_one() -> None:
    with speaking("cy", ROOT):
        assert "Ch" in letters() and "Ll" in letters() and len(letters()) == 34
        assert letter_of("Llyw") == "Ll" and letter_of("cyfnod") == "C" and letter_of("chwarae") == "Ch"
        assert sorted(["Llyw", "Lyn", "Lane"], key=sort_key) == ["Lane", "Lyn", "Llyw"]  # L before Ll
        assert sorted(["Dyn", "Ddoe", "Dwr"], key=sort_key) == ["Dwr", "Dyn", "Ddoe"]
        assert not always_shown("K") and always_shown("Ll")  # a borrowed letter only where a name uses it
