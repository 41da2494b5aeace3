"""The site engine's warnings as located problems an editor can act on.

MkDocs runs in strict mode: any warning (a link to a page that does not exist, a
section that is not there, a page left out of the navigation) stops the build. MkDocs
names only the rendered page; here each warning becomes a
:class:`~generator.errors.Problem` at the line of content/ (or mkdocs.yml) where the
link is written, in plain words.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from generator.errors import Problem, display_path

_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?P<kind>a link|an absolute link|an unrecognized relative link) "
    r"'(?P<link>[^']*)'(?:, but (?P<why>.*?))?[.,]"
)
_NAV_REFERENCE = re.compile(r"^A reference to '(?P<target>[^']+)' is included in the 'nav' configuration")
_NOT_IN_NAV = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'


class EngineWarnings(logging.Handler):
    """Collects the warnings MkDocs logs while it builds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the warning's text."""
        self.messages.append(record.getMessage())


def engine_problems(messages: list[str], root: Path, pages: Path | None = None) -> list[Problem]:
    """Each of MkDocs' warnings as a problem located in the project's own files: the pages
    of the language being built in ``pages`` (content/, or content/cy/ for Welsh)."""
    pages = pages or root / "content"
    problems = []
    for message in messages:
        if link := _LINK.match(message):
            problems.append(_link_problem(link, pages))
        elif nav := _NAV_REFERENCE.match(message):
            config = root / "mkdocs.yml"
            problems.append(
                Problem(
                    display_path(config),
                    *find_in(config, nav["target"]),
                    f"the navigation lists '{nav['target']}', but there is no such page in content/",
                )
            )
        elif message.startswith(_NOT_IN_NAV):
            for page in message.removeprefix(_NOT_IN_NAV).split("\n  - ")[1:]:
                problems.append(
                    Problem(
                        display_path(pages / page.strip()),
                        1,
                        1,
                        "this page is not in the site's navigation: add it under 'nav:' in mkdocs.yml",
                    )
                )
        else:
            problems.append(Problem("", 0, 0, f"the site engine: {message}"))
    return problems


def _link_problem(link: re.Match, pages: Path) -> Problem:
    """A problem with a link, at the line of the page's source where it is written."""
    target, why, kind = link["link"], link["why"] or "", link["kind"]
    if kind == "an absolute link":
        message = f"the link '{target}' starts with '/': link to the page's file instead, such as 'contact.md'"
    elif kind == "an unrecognized relative link":
        message = f"the link '{target}' does not name a page: link to the page's file, such as 'contact.md'"
    elif "anchor" in why:
        message = f"the link '{target}' goes to a section that is not there ({why})"
    else:
        message = f"the link '{target}' goes to a page that does not exist"
    source = pages / link["page"]
    if not source.is_file():  # a page the generator writes, such as the calculator's
        return Problem("", 0, 0, f"in the page {link['page']}: {message}")
    return Problem(display_path(source), *find_in(source, target), message)


def find_in(path: Path, text: str) -> tuple[int, int]:
    """The line and column where ``text`` is first written in ``path`` (1, 1 if nowhere)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    for number, line in enumerate(lines, start=1):
        column = line.find(text)
        if column >= 0:
            return number, column + 1
    return 1, 1
