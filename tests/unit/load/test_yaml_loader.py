"""The safe YAML loader: every kind of malformed file gives one clear, located problem."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import DataError
from generator.load import yaml_compose
from generator.load.yaml_file import MAX_FILE_BYTES, load_yaml, parse_yaml
from tests.conftest import ROOT


def problems_for(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "venues.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_reads_plain_yaml_with_marks(tmp_path: Path) -> None:
    path = tmp_path / "venues.yaml"
    path.write_text("venues:\n  - name: Norwich\n    source: x\n", encoding="utf-8")
    document = load_yaml(path)
    assert document.value == {"venues": [{"name": "Norwich", "source": "x"}]}
    assert document.key_marks[("venues", 0, "source")] == (3, 5)
    assert document.value_marks[("venues", 0, "name")] == (2, 11)


def test_syntax_error_is_located(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "venues:\n  - name: [Norwich\n") == [
        "3:1: YAML syntax error: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)"
    ]


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, "venues:\n\t- name: Norwich\n")
    assert problem.startswith("2:1: ") and "indent with spaces" in problem


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "venues:\n  - name: A\n    name: B\n") == ["3:5: duplicate key 'name' (first written on line 2)"]


def test_alias_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, "a: &x 1\nb: *x\n")
    assert "anchors (&x) are not allowed" in problem


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    (problem,) = problems_for(tmp_path, "\n".join(lines) + "\n")
    assert problem.startswith("1:4: anchors (&a) are not allowed")


def test_merge_key_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, "venues:\n  - <<: {name: A}\n")
    assert "a key must be a plain word" in problem


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, "venues: !!python/object:os.system ls\n")
    assert problem.startswith("1:9: cannot read this value")


def test_invalid_date_is_located(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "last_reviewed: 2026-02-30\n") == ["1:16: invalid date '2026-02-30': day is out of range for month"]


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")
    assert "the limit is 1 MB" in problem


def test_empty_file(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "# only a comment\n") == ["1:1: file is empty"]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "- a\n- b\n") == ["1:1: the file must hold 'field: value' lines at the top level"]


def test_not_utf8(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path, b"name: caf\xe9\n")
    assert problem.startswith("1:10: this file is not saved as UTF-8 (byte 0xE9 here")


def test_several_problems_reported_together(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "a: 1\na: 2\nb: 3\nb: 4\n")
    assert [p.split(":")[0] for p in found] == ["2", "4"]


def read_with(text: str, libyaml: bool) -> object:
    """What parse_yaml gives for ``text``, with or without libyaml: the value and every
    mark, or the problems' messages."""
    with mock.patch.object(yaml_compose, "LIBYAML", libyaml):
        try:
            document = parse_yaml(text, Path("venues.yaml"))
        except DataError as error:
            return [f"{p.line}:{p.column}: {p.message}" for p in error.problems]
    return document.value, document.value_marks, document.key_marks


@pytest.mark.parametrize("path", sorted((ROOT / "data").rglob("*.yaml")), ids=lambda path: path.name)
def test_libyaml_and_pyyaml_read_every_data_file_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert read_with(text, libyaml=True) == read_with(text, libyaml=False)


YAML_PIECES = [
    *["a", "b", "1", "2026-01-01", "0o7", ".5", "yes", "null", "~", "é", "<<", "=", "\\", "x\u00a0y"],
    *[" ", "  ", ": ", ":", "- ", "-", "? ", "?", "\n", "\n  ", "\n- ", "\r\n", "\t", "---", "...", "#", " #"],
    *["[", "]", "{", "}", ", ", "'", '"', "|", ">", "|-", ">+2", "!", "!!str ", "&x ", "*x", "%YAML 1.1\n"],
]


LIBYAML_PIECES = [piece for piece in YAML_PIECES if not yaml_compose.LIBYAML_DIFFERS.search(piece + " ")]


@settings(max_examples=400, deadline=None)
@given(st.one_of(*(st.lists(st.sampled_from(pieces), max_size=30).map("".join) for pieces in (YAML_PIECES, LIBYAML_PIECES))))
def test_libyaml_and_pyyaml_give_the_same_value_or_message_for_any_text(text: str) -> None:
    assert read_with(text, libyaml=True) == read_with(text, libyaml=False)


@pytest.mark.parametrize("text", ["venues:\n\t- name: Norwich\n", "venues: " + "[" * 51 + "]" * 51 + "\n"], ids=["a tab", "51 brackets"])
def test_plain_text_is_read_by_libyaml_and_text_it_may_read_otherwise_by_pyyaml(text: str) -> None:
    with mock.patch.object(yaml_compose, "_PythonLoader", side_effect=AssertionError("PyYAML's parser was used")):
        assert parse_yaml("venues:\n  - name: [Norwich]\n", Path("venues.yaml")).value == {"venues": [{"name": ["Norwich"]}]}
        with pytest.raises(AssertionError, match="PyYAML's parser was used"):
            parse_yaml(text, Path("venues.yaml"))


def test_nesting_deeper_than_libyaml_could_bear_is_one_located_problem() -> None:
    depth = 200_000  # libyaml's own composer overflows the C stack long before this
    assert read_with("a: " + "[" * depth + "]" * depth + "\n", libyaml=True) == [
        "1:53: the data is nested more than 50 levels deep here: no data file needs so many; check the indentation and brackets"
    ]
