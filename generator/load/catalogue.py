"""The interface's messages and their catalogues: which words the code and the templates
say, and whether a language's catalogue gives every one of them.

The messages are found the way translators' tools find them (Babel's extractors: the
``gettext``, ``ngettext`` and ``_`` calls of the generator's code and of the templates,
and the menu's titles in mkdocs.yml). A catalogue (``translations/cy/LC_MESSAGES/messages.po``)
is checked against them: a message with no translation is an error at the line that says
it; a translation of a message no longer said is an error at its line. A translation
marked fuzzy ("needs work" in Poedit) is a draft: it is used, and the pages say so.

``python -m generator.load.catalogue`` brings the catalogues up to date with the code
(``make catalogue``): new messages added untranslated, old ones dropped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import write_po

from generator.errors import Problem, display_path
from generator.i18n import ENGLISH, LANGUAGES, catalogue_path, read_catalogue

_JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
CODE = Path(__file__).resolve().parent.parent.parent  # the folder holding the generator package
CODE_METHODS = [("generator/**.py", "python")]
PROJECT_METHODS = [
    ("templates/**.html", "jinja2"),
    ("templates/**.md", "jinja2"),
    ("templates/**.xml", "jinja2"),
    ("mkdocs.yml", "generator.load.catalogue:extract_nav"),
]
OPTIONS = {pattern: _JINJA for pattern, method in PROJECT_METHODS if method == "jinja2"}


def _extracted(root: Path) -> Iterator[tuple[Path, int, str | tuple, list[str], str | None]]:
    """Every message found: in the generator's code, and in the templates and menu of ``root``."""
    for folder, methods in ((CODE, CODE_METHODS), (root, PROJECT_METHODS)):
        for filename, line, message, comments, context in extract_from_dir(folder, methods, OPTIONS, DEFAULT_KEYWORDS):
            yield folder / filename, line, message, comments, context


def interface_messages(root: Path) -> dict[str, list[tuple[Path, int]]]:
    """Every message the interface says, with each place (file, line) that says it; found
    again only when a file it is found in has changed (a build may ask more than once)."""
    sources = [CODE / "generator", root / "templates", root / "mkdocs.yml"]
    files = sorted(path for source in sources for path in ([source] if source.is_file() else source.rglob("*")) if path.is_file())
    return _messages(root, tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@lru_cache(maxsize=4)
def _messages(root: Path, files: tuple[tuple[str, int, int], ...]) -> dict[str, list[tuple[Path, int]]]:
    """:func:`interface_messages` of ``root`` while its ``files`` are as they are now."""
    found: dict[str, list[tuple[Path, int]]] = {}
    for path, line, message, _comments, _context in _extracted(root):
        key = message if isinstance(message, str) else message[0]  # a plural's singular names it
        found.setdefault(key, []).append((path, line))
    return found


def extract_nav(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for mkdocs.yml: each title in its ``nav:``."""
    in_nav = False
    for number, raw in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw.startswith((" ", "-")):
            in_nav = raw.startswith("nav:")
            continue
        title = re.match(r"\s*- (.+?):(\s|$)", raw) if in_nav else None
        if title:
            yield number, "gettext", title.group(1).strip("\"'"), []


def catalogue_problems(root: Path, code: str) -> tuple[list[Problem], int | None]:
    """The problems of the catalogue of ``code`` against the interface's messages; and the
    line of its first draft (a translation marked fuzzy), None when none is left."""
    path = catalogue_path(root, code)
    catalogue = read_catalogue(path)
    wanted = interface_messages(root)
    problems = []
    for message, places in sorted(wanted.items()):
        entry = catalogue.get(message)
        if entry is None or not _translated(entry.string):
            file, line = places[0]
            problems.append(Problem(display_path(file), line, 1, f"no Welsh for the message '{message}': add it to {display_path(path)}"))
    for entry in catalogue:
        message = entry.id if isinstance(entry.id, str) else entry.id[0]
        if message and message not in wanted:
            words = f"the message '{message}' is no longer in the code or templates: remove it"
            problems.append(Problem(display_path(path), entry.lineno or 1, 1, words))
    drafts = [entry.lineno or 1 for entry in catalogue if entry.id and entry.fuzzy]
    return problems, min(drafts, default=None)


def _translated(string: str | tuple | list) -> bool:
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def update_catalogues(root: Path) -> None:
    """Bring every language's catalogue up to date with the interface's messages."""
    template = Catalog(locale=None, project="mappa-guide")
    for path, line, message, comments, context in _extracted(root):
        shown = path.relative_to(CODE if path.is_relative_to(CODE / "generator") else root).as_posix()
        template.add(message, locations=[(shown, line)], auto_comments=comments, context=context)
    for code in LANGUAGES:
        if code == ENGLISH:
            continue
        path = catalogue_path(root, code)
        catalogue = read_catalogue(path) if path.exists() else Catalog(locale=code, project="mappa-guide")
        catalogue.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalogue, width=100, omit_header=False, sort_output=True, ignore_obsolete=True)


if __name__ == "__main__":
    update_catalogues(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
