"""An area's data in another of its languages: the English data with the translations'
text laid over it (:mod:`generator.load.translation`).

Each English data file's translation is in the folder named for the language beside it:
``data/cy/`` for the national files, ``AREA/cy/`` for the area's own (and for a national
file the area keeps itself). A file with no text needs no translation.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from generator.errors import DataError, Problem, display_path
from generator.i18n import catalogue_path
from generator.load.data import DATA_FILES, SiteData, unexpected_files
from generator.load.front_matter import read_pages
from generator.load.messages import friendly_message
from generator.load.translated_pages import read_translated_pages
from generator.load.translation import STATUS, Overlay, is_text, overlay
from generator.load.yaml_file import YamlDocument, load_yaml
from generator.paths import content_dir


def translation_path(english: Path, code: str) -> Path:
    """Where the translation of the English data file at ``english`` is."""
    return english.parent / code / english.name


def language_editions(data: SiteData, root: Path) -> list[SiteData]:
    """The area's data in each of its languages, English first, each with its drafts (its
    data files' and the catalogue of the interface's words of the project ``root``);
    DataError listing every problem of every translation, of the pages' and of the
    catalogue, before anything is built."""
    from generator.load.catalogue import catalogue_problems  # Babel, for a language other than English

    editions, problems = [data], []
    for code in data.site.languages[1:]:
        try:
            found, draft = catalogue_problems(root, code)
            problems += found + read_translated_pages(content_dir(root, code), _english_pages(root))[1]
            edition = load_translated(data, code)[0]
            shown = f"{display_path(catalogue_path(root, code))}:{draft}:1"
            editions.append(replace(edition, translation_drafts=edition.translation_drafts + ((shown,) if draft else ())))
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    return editions


def load_translated(data: SiteData, code: str, only: tuple[str, ...] = ()) -> tuple[SiteData, list[Problem]]:
    """``data`` in the language ``code`` (its site's address: under ``code/``; its files still
    drafts: ``translation_drafts``), and the warnings of translations that may be out of date.
    DataError listing every text with no translation, every translation with no English,
    and every fact repeated in a translation. With ``only`` (file names), those files alone
    are translated (``mappa period --lang cy``: the table); the rest stays English."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    found: list[Overlay] = []
    for name, registered in DATA_FILES.items():
        english = data.documents[name]
        if only and name not in only:
            values[registered.field] = getattr(data, registered.field)
            continue
        path = translation_path(english.path, code)
        if not path.exists():
            if is_text(name, "", english.value):
                problems.append(english.problem((), f"no Welsh for this file: add {display_path(path)}"))
            values[registered.field] = getattr(data, registered.field)
            continue
        try:
            translated = load_yaml(path)
        except DataError as error:
            problems.extend(error.problems)
            continue
        merged, laid = overlay(name, english, translated)
        found.append(laid)
        problems.extend(laid.errors)
        values[registered.field] = _validated(registered.model, merged, translated, problems)
    problems.extend([] if only else _unexpected_files(data, code))
    if problems:
        raise DataError(problems)
    values["site"] = values["site"].model_copy(update={"language": code, "site_url": f"{data.site.site_url}{code}/"})
    values["translation_drafts"] = tuple(laid.translated.where((STATUS,)) for laid in found if laid.status == "draft")
    known = {item.name for item in fields(SiteData)}
    edition = replace(data, **cast(dict[str, Any], {key: value for key, value in values.items() if key in known}))
    return edition, [warning for laid in found for warning in laid.warnings]


def _validated(model: Any, merged: Any, translated: YamlDocument, problems: list[Problem]) -> Any:
    """The merged value as its model; a translation the model refuses is located in it."""
    try:
        return model.model_validate(merged)
    except ValidationError as error:
        for item in error.errors():
            message, at_key = friendly_message(item, model)
            problems.append(translated.problem(tuple(item["loc"]), message, at_key=at_key))
        return None


def _unexpected_files(data: SiteData, code: str) -> list[Problem]:
    """Files in a translations folder that translate no data file."""
    folders = sorted({translation_path(document.path, code).parent for document in data.documents.values()})
    return [problem for folder in folders for problem in unexpected_files(folder, "no data file of this name to translate")]


def _english_pages(root: Path) -> dict:
    """The English pages' dates, by file (their problems are the English pages' own)."""
    english, _ = read_pages(content_dir(root))
    return {page.path.relative_to(content_dir(root)).as_posix(): page for page in english}


def translation_warnings(data: SiteData, root: Path) -> list[Problem]:
    """For ``mappa check``: every translation that may be out of date, and every file still a
    draft (``--strict`` fails on them: a draft is published only with a notice)."""
    from generator.load.catalogue import catalogue_problems

    warnings: list[Problem] = []
    dates = _english_pages(root)
    for code in data.site.languages[1:]:
        translated, laid = load_translated(data, code)
        warnings += laid
        pages, _, page_warnings = read_translated_pages(content_dir(root, code), dates)
        warnings += page_warnings
        drafts = [Problem(*page.where, DRAFT, severity="warning") for page in pages.values() if page.draft]
        for where in translated.translation_drafts:
            path, line, column = where.rsplit(":", 2)
            drafts.append(Problem(path, int(line), int(column), DRAFT, severity="warning"))
        first = catalogue_problems(root, code)[1]
        if first is not None:
            drafts.append(Problem(display_path(catalogue_path(root, code)), first, 1, DRAFT_CATALOGUE, severity="warning"))
        warnings += drafts
    return warnings


DRAFT = "the Welsh is a draft until a Welsh translator reviews it ('translation: draft'): its pages say so"
DRAFT_CATALOGUE = (
    "some of the Welsh is a draft until a Welsh translator reviews it (entries marked fuzzy, the first here): the pages say so"
)
