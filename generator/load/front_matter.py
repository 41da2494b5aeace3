"""The YAML front matter at the top of a content page: its ``reviewed`` date, ``owner``
and ``related`` pages.

Front matter is read with the same safe loader and checked as strictly as the data files
(unknown keys refused, dates written YYYY-MM-DD), so a mistake in it is reported as
``file:line:column: message`` like any other. Every content page must say when it was
reviewed: ``mappa check`` and ``mappa build`` both refuse a page without the date, rather
than print a date that is not the page's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from generator.errors import DataError, Problem, display_path
from generator.load.data import validate_document
from generator.load.fields import Record, Text, not_to_come
from generator.load.text_file import links_out_of, read_text, refuse_forbidden_character
from generator.load.yaml_file import parse_yaml
from generator.paths import TRANSLATION_FOLDERS

RelatedPage = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*\.md$")]


class PageMeta(Record):
    """What a page's front matter may hold."""

    reviewed: dt.date = Field(description="When the page was last reviewed, written YYYY-MM-DD.")
    owner: Text | None = Field(None, description="Who reviews the page, shown beside the date.")
    title: Text | None = Field(None, description="The page's title, when it is not its first heading.")
    description: Text | None = Field(None, description="The page's summary for search engines.")
    related: list[RelatedPage] = Field(
        [], description="Other pages to list under 'Related' at the end of this page, by file, for example 'gp-record.md'."
    )

    @field_validator("reviewed")
    @classmethod
    def _reviewed_already(cls, value: dt.date) -> dt.date:
        return not_to_come(value, "write the day the review was done")


@dataclass(frozen=True)
class PageDates:
    """A page's review date and owner, and where its date is written."""

    path: Path
    reviewed: dt.date
    owner: str | None
    where: str  # file:line:column of 'reviewed'
    related: tuple[tuple[str, str], ...] = ()  # each related page's file, and where it is written


def page_dates(text: str, path: Path) -> PageDates:
    """The ``reviewed`` date and ``owner`` from the front matter of ``text`` (the page at
    ``path``); raise DataError, located in ``path``, when they are missing or not valid."""
    shown = display_path(path)
    refuse_forbidden_character(text, path, "a page")
    front = front_text(text)
    if front is None and text.startswith("---\n"):
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "the front matter that starts here is never closed: add a line '---' "
                    "after its last line (such as 'reviewed: 2026-11-22')",
                )
            ]
        )
    if front is None or not front.strip():
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "missing 'reviewed: YYYY-MM-DD' in the page's front matter: "
                    "start the page with a line '---', then 'reviewed: 2026-11-22', then '---'",
                )
            ]
        )
    document = parse_yaml("\n" + front, path)  # the blank line stands for the opening '---'
    meta, problems = validate_document(document, PageMeta)
    if meta is None:
        raise DataError(problems)
    related = tuple((file, document.where(("related", index))) for index, file in enumerate(meta.related))
    return PageDates(path=path, reviewed=meta.reviewed, owner=meta.owner, where=document.where(("reviewed",)), related=related)


def read_pages(content_dir: Path) -> tuple[list[PageDates], list[Problem]]:
    """Every page in ``content_dir`` with its dates; and the problems of every page that
    cannot be read, is a link out of the project, or whose front matter is missing or not valid."""
    home = content_root(content_dir).parent.resolve()  # the project
    problems = links_out_of(content_dir, home)
    pages = []
    for path in page_files(content_dir):
        if not path.resolve().is_relative_to(home):
            continue  # a link out of the project: reported above, never read
        try:
            pages.append(page_dates(read_text(path), path))
        except DataError as error:
            problems += error.problems
    return pages, problems


def front_text(text: str) -> str | None:
    """The front matter between the page's first two '---' lines, if it has any."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    return None if end < 0 else text[4:end]


def page_files(content_dir: Path) -> list[Path]:
    """Every page in ``content_dir``, leaving out the folders of the pages' translations
    (``content/cy/``) when it is the English one."""
    english = content_dir == content_root(content_dir)
    return [
        path
        for path in sorted(content_dir.rglob("*.md"))
        if not (english and path.relative_to(content_dir).parts[0] in TRANSLATION_FOLDERS)
    ]


def content_root(content_dir: Path) -> Path:
    """The English pages' folder that ``content_dir`` is, or is the translations folder of."""
    return content_dir.parent if content_dir.name in TRANSLATION_FOLDERS and content_dir.parent.name == "content" else content_dir
