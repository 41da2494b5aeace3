"""Templates read as an editor's text files: one located line for what would otherwise be a
codec's words blamed on the page that imports the template, or a line the editor's file
does not have.

:class:`EditorFileLoader` is Jinja's file loader that reads each template as the data
files and pages are read (:mod:`generator.load.text_file`): a byte-order mark and Windows
line ends are accepted; a file not saved as UTF-8, or holding a control, invisible or
line-separator character (U+2028, which Jinja takes for a line end), is a DataError at
the template's own line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from generator.load.text_file import read_text, refuse_forbidden_character


class EditorFileLoader(jinja2.FileSystemLoader):
    """Finds templates as :class:`jinja2.FileSystemLoader` does (the first folder that has
    it) and reads them as an editor's text files."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, its file and a check that it is unchanged."""
        for folder in self.searchpath:
            path = Path(folder, *split_template_path(template))
            if path.is_file():
                text = read_text(path)
                refuse_forbidden_character(text, path, "a template")
                return text, str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    mtime = path.stat().st_mtime

    def check() -> bool:
        try:
            return path.stat().st_mtime == mtime
        except OSError:
            return False

    return check
