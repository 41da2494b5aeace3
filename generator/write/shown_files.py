"""Files a built page shows (``src="…"``) must be files of the site.

The site engine checks the links and images written in Markdown, but not those written
as HTML in a page (``<img src="…">``): a picture that is missing, a folder named as a
picture, a path from the site's root or one leading out of the site would pass, and then
stop the whole guide's PDF. :func:`missing_shown_files` finds them in the built site so
that ``check``, ``build`` and the preview report each at its line in content/.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import Problem, display_path
from generator.write.engine_messages import find_in


class _Sources(HTMLParser):
    """Every ``src`` attribute of a page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the tag's ``src``."""
        self.sources += [value for name, value in attrs if name == "src" and value is not None]

    handle_startendtag = handle_starttag


def missing_shown_files(rendered: Path, site: Path, content: Path) -> list[Problem]:
    """A problem for each ``src`` in a page of ``site`` built from the Markdown in
    ``rendered`` that names no file of the site, located where the page in ``content``
    writes it."""
    problems = []
    for markdown in sorted(rendered.rglob("*.md")):
        built = markdown.relative_to(rendered).with_suffix(".html").as_posix()
        page = site / built
        if not page.is_file() or "src" not in markdown.read_text(encoding="utf-8").lower():
            continue  # no HTML with a src written in the page: the theme's own are the engine's
        parser = _Sources()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for src in dict.fromkeys(parser.sources):
            why = _why_not_shown(site, built, src)
            if why:
                problems.append(_located(content, built, src, f"the picture or file '{src}' {why}"))
    return problems


def _why_not_shown(site: Path, built: str, src: str) -> str | None:
    """Why ``src`` in the page at ``built`` shows no file of the site, or None when it does."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None  # an address on the web or a data: URL; the pages' policy decides what loads
    path = unquote(parts.path)
    if not path:
        return "names no file: write the file's path from this page, such as 'assets/picture.png'"
    if path.startswith("/"):
        return "starts with '/': write the file's path from this page instead, such as 'assets/picture.png'"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(built), path))
    if target == ".." or target.startswith("../"):
        return "is outside the site: put the file in content/assets/ and name it from there"
    if (site / target).is_dir():
        return "is a folder, not a file: name the file in it"
    if not (site / target).is_file():
        return "is not there: put it in content/ (such as content/assets/) or correct the name"
    return None


def _located(content: Path, built: str, src: str, message: str) -> Problem:
    """The problem at the line of the page's source that writes ``src``."""
    source = content / (built.removesuffix(".html") + ".md")
    if not source.is_file():  # a page the generator writes, such as the calculator's
        return Problem("", 0, 0, f"in the page {built}: {message}")
    return Problem(display_path(source), *_where_written(source, src), message)


def _where_written(source: Path, src: str) -> tuple[int, int]:
    """The line and column of ``src`` as an attribute's quoted value ('assets' rather than
    the start of 'assets/missing.png'), or as any text when not quoted."""
    for quoted in (f'"{src}"', f"'{src}'"):
        line, column = find_in(source, quoted)
        if (line, column) != (1, 1):  # (1, 1) means not found: a page's first line is its front matter
            return line, column + 1
    return find_in(source, src)
