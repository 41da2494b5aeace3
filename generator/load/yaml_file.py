"""Read one YAML data file safely, remembering where every value was written.

The loader accepts only plain YAML: no aliases or anchors (so no alias bombs), no
duplicate keys, no custom tags and no file over 1 MB. Every problem becomes a
:class:`~generator.errors.Problem` with the file, line and column an editor can open.

Composing the text into nodes is :mod:`generator.load.yaml_compose`'s job; this module
turns the nodes into values and every problem into a located message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import DataError, Problem, display_path
from generator.load.text_file import character_name, forbidden_character, read_text, refuse_forbidden_character
from generator.load.yaml_compose import YamlProblem, compose

MAX_FILE_BYTES = 1_000_000
Location = tuple[int, int]
KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A file's parsed value with the line and column of every key and value in it."""

    path: Path
    value: Any
    value_marks: dict[KeyPath, Location] = field(default_factory=dict)
    key_marks: dict[KeyPath, Location] = field(default_factory=dict)

    def problem(self, where: KeyPath, message: str, *, at_key: bool = False) -> Problem:
        """A problem located at ``where``, or at the nearest enclosing value that has a mark."""
        line, column = self._location(where, at_key)
        return Problem(display_path(self.path), line, column, message)

    def where(self, path: KeyPath) -> str:
        """Where the value at ``path`` is written, as 'file:line:column'."""
        line, column = self._location(path, False)
        return f"{display_path(self.path)}:{line}:{column}"

    def _location(self, where: KeyPath, at_key: bool) -> Location:
        marks = self.key_marks if at_key else self.value_marks
        for end in range(len(where), -1, -1):
            prefix = where[:end]
            if prefix in marks:
                line, column = marks[prefix]
                break
            if prefix in self.value_marks:
                line, column = self.value_marks[prefix]
                break
        else:
            line, column = 1, 1
        return line, column


_PLAIN_TAGS: dict[type[Node], str] = {
    MappingNode: "tag:yaml.org,2002:map",
    SequenceNode: "tag:yaml.org,2002:seq",
}


def _location(node: Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Turns a composed node tree into Python values, recording marks and problems."""

    def __init__(self, loader: SafeConstructor, document: YamlDocument):
        self.loader = loader
        self.document = document
        self.problems: list[Problem] = []

    def fail(self, node: Node, message: str) -> None:
        line, column = _location(node)
        self.problems.append(Problem(display_path(self.document.path), line, column, message))

    def convert(self, node: Node, path: KeyPath) -> Any:
        self.document.value_marks[path] = _location(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if node.tag != _PLAIN_TAGS[type(node)]:
            self.fail(node, f"tags such as '{node.tag}' are not allowed")
            return None
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)  # the only other kind of node with a plain tag
        return self._mapping(node, path)

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "a key must be a plain word such as 'name'")
                continue
            key = key_node.value
            if key in first_seen:
                self.fail(key_node, f"duplicate key '{key}' (first written on line {first_seen[key]})")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.document.key_marks[path + (key,)] = _location(key_node)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
            found = forbidden_character(value) if isinstance(value, str) else None
            if found:  # written as an escape ("\0", "\e", "\u202E"): not in the file's own characters
                self.fail(node, f"the character {character_name(found[1])}, written as an escape, cannot be in a data file; delete it")
                return None
            return value
        except yaml.constructor.ConstructorError as error:
            self.fail(node, f"cannot read this value: {error.problem}")
        except ValueError as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.fail(node, f"invalid date '{node.value}': {error}")
            else:
                self.fail(node, f"cannot read the value '{node.value}': {error}")
        return None


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError) -> Problem:
    problem = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if "'\\t'" in problem:
        message = "YAML syntax error: a tab character was found; indent with spaces"
    elif error.context == "while scanning a quoted scalar" and error.context_mark:
        mark = error.context_mark
        message = "YAML syntax error: the quote that starts here is never closed; add the closing quote"
    else:
        context = f" ({error.context})" if error.context else ""
        message = f"YAML syntax error: {problem}{context}"
    return Problem(shown, *((mark.line + 1, mark.column + 1) if mark else (1, 1)), message)


def load_yaml(path: Path) -> YamlDocument:
    """Parse ``path`` into a :class:`YamlDocument`, or raise :class:`DataError`."""
    return parse_yaml(read_text(path, MAX_FILE_BYTES), path)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse ``text``, read from ``path``, into a :class:`YamlDocument`, or raise
    :class:`DataError` located in ``path``. Text that starts further down a file (a page's
    front matter) is passed with a blank line for each line above it."""
    shown = display_path(path)
    document = YamlDocument(path=path, value=None)
    refuse_forbidden_character(text, path, "a data file")
    try:
        node, loader = compose(text)
    except YamlProblem as error:
        raise DataError([Problem(shown, *error.location, error.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(shown, error)]) from None

    if node is None:
        raise DataError([Problem(shown, 1, 1, "file is empty")])
    converter = _Converter(loader, document)
    document.value = converter.convert(node, ())
    if converter.problems:
        raise DataError(converter.problems)
    if not isinstance(document.value, dict):
        raise DataError([Problem(shown, 1, 1, "the file must hold 'field: value' lines at the top level")])
    return document
