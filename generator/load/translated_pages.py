"""The pages' translations: ``content/cy/NAME.md`` for each English page ``content/NAME.md``.

A translated page holds the page's words; its dates, related pages and every fact come
from the English page and the data. Its front matter says only whether it is a
``draft`` or ``reviewed``, when it was last ``translated`` (checked against the English),
and its own ``title``, ``description`` and ``owner`` where the English page has them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from generator.errors import DataError, Problem, display_path
from generator.load.data import validate_document
from generator.load.fields import Record, Text
from generator.load.front_matter import PageDates, front_text, page_files
from generator.load.text_file import read_text, refuse_forbidden_character
from generator.load.yaml_file import YamlDocument, parse_yaml


class TranslatedPageMeta(Record):
    """What a translated page's front matter may hold."""

    translation: Literal["draft", "reviewed"] = Field(description="'draft' until a translator has reviewed the page.")
    translated: dt.date = Field(description="When the translation was last checked against the English page, YYYY-MM-DD.")
    title: Text | None = Field(None, description="The page's title, where the English page gives one.")
    description: Text | None = Field(None, description="The page's summary for search engines, where the English page gives one.")
    owner: Text | None = Field(None, description="Who reviews the page, where the English page names them.")


@dataclass(frozen=True)
class TranslatedPage:
    """A translated page: its file there, whether it is a draft (and where it says so), and its owner."""

    file: str
    draft: bool
    owner: str | None
    where: tuple[str, int, int] = ("", 1, 1)


def read_translated_pages(folder: Path, english: dict[str, PageDates]) -> tuple[dict[str, TranslatedPage], list[Problem], list[Problem]]:
    """Each English page's translation in ``folder``, by its file; the problems (a page with
    no translation, a translation with no English page, front matter not valid) and the
    warnings (a translation checked before its English page was last reviewed)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    pages: dict[str, TranslatedPage] = {}
    found = {path.relative_to(folder).as_posix(): path for path in page_files(folder)} if folder.is_dir() else {}
    for file, dates in sorted(english.items()):
        if file not in found:
            problems.append(Problem(display_path(dates.path), 1, 1, f"no Welsh for this page: add {display_path(folder / file)}"))
    for file, path in sorted(found.items()):
        if file not in english:
            problems.append(
                Problem(display_path(path), 1, 1, f"no English page {file} for this page to translate: remove it, or add the English first")
            )
            continue
        try:
            meta, document = _front_matter(path)
        except DataError as error:
            problems.extend(error.problems)
            continue
        pages[file] = TranslatedPage(file, meta.translation == "draft", meta.owner, _place(document, "translation"))
        if meta.translated < english[file].reviewed:
            reviewed = english[file].reviewed.isoformat()
            message = (
                f"the Welsh may be out of date: translated {meta.translated.isoformat()}, but the English page was reviewed {reviewed}"
            )
            warnings.append(Problem(*_place(document, "translated"), message, severity="warning"))
    return pages, problems, warnings


def _front_matter(path: Path) -> tuple[TranslatedPageMeta, YamlDocument]:
    """The page's front matter, valid, and as written."""
    text = read_text(path)
    refuse_forbidden_character(text, path, "a page")
    front = front_text(text)
    if not front or not front.strip():
        start = "start the page with a line '---', then 'translation: draft', then 'translated: YYYY-MM-DD', then '---'"
        raise DataError([Problem(display_path(path), 1, 1, f"missing front matter: {start}")])
    document = parse_yaml("\n" + front, path)
    meta, problems = validate_document(document, TranslatedPageMeta)
    if meta is None:
        raise DataError(problems)
    return meta, document


def _place(document: YamlDocument, key: str) -> tuple[str, int, int]:
    """Where ``key`` is written in ``document``: file, line, column."""
    shown, line, column = document.where((key,)).rsplit(":", 2)
    return shown, int(line), int(column)
