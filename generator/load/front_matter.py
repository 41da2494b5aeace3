"""The YAML front matter at the top of a Markdown page: ``reviewed`` and ``owner``.

Front matter is read with the same safe loader as the data files, so a mistake in it is
reported as ``file:line:column: message`` like any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DataError, Problem, display_path
from generator.load.yaml_file import parse_yaml


@dataclass(frozen=True)
class PageDates:
    """A page's review date and owner, and where its date is written."""

    path: Path
    reviewed: dt.date | None
    owner: str | None
    where: str  # file:line:column of 'reviewed', or of the page's first line


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """The front matter of ``text`` (the page at ``path``) as a dict, empty if there is none,
    and the text after it. Raises DataError, located in ``path``, when it is not valid."""
    return _parse(text, path)[0], _body(text)


def page_dates(text: str, path: Path) -> PageDates:
    """The page's ``reviewed`` date and ``owner`` from its front matter."""
    meta, where = _parse(text, path)
    return PageDates(path=path, reviewed=meta.get("reviewed"), owner=meta.get("owner"), where=where)


def read_pages(content_dir: Path) -> tuple[list[PageDates], list[Problem]]:
    """Every page in ``content_dir`` with its dates; and the problems: a page whose front
    matter is not valid, or that has no ``reviewed`` date."""
    pages, problems = [], []
    for path in sorted(content_dir.rglob("*.md")):
        try:
            page = page_dates(path.read_text(encoding="utf-8"), path)
        except DataError as error:
            problems += error.problems
            continue
        if page.reviewed is None:
            problems.append(Problem(display_path(path), 1, 1, "missing 'reviewed: YYYY-MM-DD' in the page's front matter"))
            continue
        pages.append(page)
    return pages, problems


def _front(text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    return None if end < 0 else text[4:end]


def _body(text: str) -> str:
    front = _front(text)
    return text if front is None else text[len(front) + 9 :]


def _parse(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """The front matter's values, checked, and where its 'reviewed' date is written."""
    front = _front(text)
    if front is None or not front.strip():
        return {}, f"{display_path(path)}:1:1"
    document = parse_yaml("\n" + front, path)  # the blank line stands for the opening '---'
    meta = document.value
    problems = []
    if "reviewed" in meta and not isinstance(meta["reviewed"], dt.date):
        problems.append(document.problem(("reviewed",), "'reviewed' must be a date written YYYY-MM-DD, for example 2026-11-22"))
    if "owner" in meta and not isinstance(meta["owner"], str):
        problems.append(document.problem(("owner",), "'owner' must be text; put the value in quotes"))
    if problems:
        raise DataError(problems)
    return meta, document.where(("reviewed",))
