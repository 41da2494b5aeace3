"""Compose a YAML text into PyYAML's nodes, refusing what a data file may not hold before
anything is expanded: aliases and anchors (so no alias bombs) and data nested more than
:data:`MAX_DEPTH` levels.

The events come from libyaml, PyYAML's C parser (about ten times faster than its Python
one), where PyYAML was built with it, as its wheels are; the nodes are composed here, in
Python, so that the checks above see every event, and no nesting can overflow the C
stack. A text libyaml cannot parse, or with a tab in it (libyaml takes a tab between a key
and its value that PyYAML refuses), is parsed again by PyYAML's own parser: every message
is PyYAML's, as the editors' messages were written for it. So is a text with more than
:data:`MAX_DEPTH` "[": libyaml takes time that grows as the square of how deeply brackets
nest (minutes for a megabyte of them), where PyYAML's parser stops at the limit.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import Node

MAX_DEPTH = 50
"""How deeply a data file may nest lists and mappings (the deepest real file nests 6)."""


class YamlProblem(Exception):
    """Something plain YAML allows and a data file may not hold, with where it starts."""

    def __init__(self, mark: Any, message: str):
        super().__init__(message)
        self.location: tuple[int, int] = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.message = message


class _PlainComposer(Composer):
    """A composer that refuses aliases, anchors and deep nesting (see the module's notes)."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(event.start_mark, f"aliases (*{event.anchor}) are not allowed: write the value out in full")
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(event.start_mark, f"anchors (&{event.anchor}) are not allowed: write the value out in full")
        self.depth = getattr(self, "depth", 0) + 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlProblem(
                    event.start_mark,
                    f"the data is nested more than {MAX_DEPTH} levels deep here: "
                    "no data file needs so many; check the indentation and brackets",
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PythonLoader(_PlainComposer, yaml.SafeLoader):
    """PyYAML's own parser, with the plain composer."""


LIBYAML: bool = yaml.__with_libyaml__
"""Whether PyYAML was built with libyaml (its wheels are)."""

if LIBYAML:

    class _LibyamlLoader(_PlainComposer, yaml.CSafeLoader):
        """libyaml's events (PyYAML's CSafeLoader), composed by the plain composer."""

        def __init__(self, stream: str):
            yaml.CSafeLoader.__init__(self, stream)
            _PlainComposer.__init__(self)

        get_single_node = Composer.get_single_node  # not CSafeLoader's own, which composes in C


LIBYAML_DIFFERS = re.compile(
    r"""
      \t                   # a tab: libyaml takes one between a key and its value
    | [&*!]                # an anchor, alias or tag (refused or rare; marks differ)
    | \{                   # a flow mapping (an empty value's mark differs)
    | ^[\ -]*\?(?:\s|$)     # a complex key ("? key")
    | (?s:\[.*\?(?:\s|$))   # a question mark after a "[": libyaml takes "[a? ]"
    | [|>][-+0-9]*\#       # a block scalar's header run into a comment
    """,
    re.MULTILINE | re.VERBOSE,
)
"""What in a text may make libyaml read it otherwise than PyYAML (found by
tests/unit/load/test_yaml_loader.py's random texts): such a text is PyYAML's alone."""


def compose(text: str) -> tuple[Node | None, SafeConstructor]:
    """The node tree of ``text``'s one document (None when it has none) and the constructor
    that turns its scalars into values; raises PyYAML's error, or YamlProblem."""
    if LIBYAML and text.count("[") <= MAX_DEPTH and not LIBYAML_DIFFERS.search(text):
        loader = _LibyamlLoader(text)
        try:
            return loader.get_single_node(), loader
        except yaml.YAMLError:
            pass  # parsed again below, for PyYAML's own message
        finally:
            loader.dispose()
    python_loader = _PythonLoader(text)
    try:
        return python_loader.get_single_node(), python_loader
    finally:
        python_loader.dispose()
