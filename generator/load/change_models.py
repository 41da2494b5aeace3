"""The editors' change notes, changes.yaml: what changed on the site, when, and on which pages.

Each note has the day the change was published (never a day still to come), a one-line
summary and the pages it affected, named by their files in content/ (``gp-record.md``) or
the calculator's (``calculator/index.md``). The notes feed the What changed page, the
"Last updated" line of every page they name and the Atom feed ``changes.xml``.

changes.yaml is national, like the guidance files: the notes describe the pages every area
shares. An area that makes changes of its own keeps its own changes.yaml, which then
stands for the national one, as every national file an area holds does.

Which pages exist is known only once the pages are read, so :func:`unknown_page_problems`
is called by the render stage, and reports each page that does not exist at its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from generator.errors import Problem
from generator.load.fields import Record, Text, not_to_come
from generator.load.yaml_file import YamlDocument

CHANGES_FILE = "changes.yaml"

PageFile = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(
        json_schema_extra={"pattern": r"^([^\s]+\.md|leaflet\.pdf|guide\.pdf)$"},
        description=(
            "A page's file as it is named in content/, for example 'gp-record.md' (the calculator: 'calculator/index.md'); "
            "or 'leaflet.pdf' for the leaflet, 'guide.pdf' for the whole guide."
        ),
    ),
]


class ChangeNote(Record):
    """One change to the site: when it was published, what it was, and the pages it affected."""

    date: dt.date = Field(description="The day the change was published, as YYYY-MM-DD: today or earlier, never a day to come.")
    summary: Text = Field(
        json_schema_extra={"pattern": r"^[^\n\r]*$", "minLength": 1},
        description="What changed, in one line of plain English, for example 'New page: If you are asked'.",
    )
    pages: list[PageFile] = Field(
        min_length=1, description="The pages the change affected, one per line; each shows 'Last updated' with this date."
    )
    look_again: Text | None = Field(
        None,
        description="Who should look at the pages again, for example 'Practice managers who handle requests for records'.",
    )

    @field_validator("date")
    @classmethod
    def _not_to_come(cls, value: dt.date) -> dt.date:
        return not_to_come(value, "date a change note the day the change is published")

    @field_validator("summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("the summary must be one line: write it all on the line of 'summary:'")
        return value


class ChangesFile(Record):
    """changes.yaml: the editors' change notes, in the order they were written (add new ones at the end)."""

    changes: list[ChangeNote] = Field(default=[], description="Every change note, oldest first: add each new note at the end of the list.")


def unknown_page_problems(
    changes: ChangesFile, document: YamlDocument | None, pages: Iterable[str], shown: str = CHANGES_FILE
) -> list[Problem]:
    """A located problem for each page a note names that is not among ``pages`` (the site's
    page files), with the nearest page's name; and for each page named twice in one note."""
    known = sorted(set(pages))
    problems = []
    for index, note in enumerate(changes.changes):
        seen: set[str] = set()
        for position, page in enumerate(note.pages):
            where = ("changes", index, "pages", position)
            if page in seen:
                problems.append(_problem(document, where, f"the page '{page}' is listed twice in this note", shown))
            elif page not in known:
                problems.append(_problem(document, where, f"no page '{page}' on the site{_hint(page, known)}", shown))
            seen.add(page)
    return problems


def _hint(page: str, known: list[str]) -> str:
    """' (did you mean ...?)' for the nearest page file, or where page files are listed."""
    candidates = [page, page + ".md", page.removeprefix("content/")]
    for candidate in candidates[1:]:
        if candidate in known:
            return f" (did you mean '{candidate}'?)"
    close = difflib.get_close_matches(page, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else " (name a page by its file in content/, for example 'gp-record.md')"


def _problem(document: YamlDocument | None, where: tuple, message: str, shown: str) -> Problem:
    """A problem at ``where`` in the notes, or at the file's first line when its lines are not known."""
    return document.problem(where, message) if document is not None else Problem(shown, 1, 1, message)
