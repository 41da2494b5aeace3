"""Read the project's mkdocs.yml: the site engine's settings and the navigation.

The one reader of mkdocs.yml for the generator (the navigation, the exported copy) and the
first check of it before the site engine reads it: a YAML slip (a tab, a missing bracket,
a byte not saved as UTF-8) or a ``nav:`` of the wrong shape is one located line, as in a
data file, never a traceback.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator.errors import DataError, Problem
from generator.load.yaml_file import KeyPath, YamlDocument, load_yaml

CONFIG_FILE = "mkdocs.yml"
NAV_SHAPE = (
    "each entry under 'nav:' is a page ('- page.md'), a titled page ('- Title: page.md') "
    "or a titled section ('- Title:' with its pages indented below)"
)


def load_project_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml's settings as a mapping; raise DataError, located in mkdocs.yml, when the
    file cannot be read, is not YAML or its ``nav:`` or ``theme:`` has the wrong shape. A
    build reads it several times: the same file (by its time and size) is parsed once."""
    path = root / CONFIG_FILE
    try:
        stat = path.stat()
        seen = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        seen = None
    if seen is None or seen not in _READ:
        document = load_yaml(path)
        problems = _shape_problems(document)
        if problems:
            raise DataError(problems)
        if seen is None:
            return document.value
        _READ.clear()  # only the latest file is kept
        _READ[seen] = document.value
    return copy.deepcopy(_READ[seen])


_READ: dict[tuple[str, int, int], dict[str, Any]] = {}


def _shape_problems(document: YamlDocument) -> list[Problem]:
    config = document.value
    problems: list[Problem] = []
    if "theme" in config and not isinstance(config["theme"], dict):
        problems.append(document.problem(("theme",), "'theme:' must hold 'setting: value' lines, such as 'name: material'"))
    if not isinstance(config.get("nav"), list):
        problems.append(document.problem(("nav",), "'nav:' must list the site's pages, one '- ' line each; " + NAV_SHAPE))
        return problems
    return problems + _nav_problems(document, config["nav"], ("nav",))


def _nav_problems(document: YamlDocument, entries: list, path: KeyPath) -> list[Problem]:
    problems: list[Problem] = []
    for index, entry in enumerate(entries):
        where = (*path, index)
        if isinstance(entry, str) and entry:
            continue
        if not (isinstance(entry, dict) and len(entry) == 1):
            problems.append(document.problem(where, NAV_SHAPE))
            continue
        title, target = next(iter(entry.items()))
        if isinstance(target, list):
            problems += _nav_problems(document, target, (*where, title))
        elif not (isinstance(target, str) and target):
            problems.append(document.problem((*where, title), f"'{title}:' must name a page or list a section's pages; " + NAV_SHAPE))
    return problems
