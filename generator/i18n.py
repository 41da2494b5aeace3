"""The reader's language: which one an output is being made in, and the interface's words.

The site is written in English; an area may publish it in Welsh as well (``languages:
[en, cy]`` in site.yaml). The words of the interface (the templates, the calculator's
furniture, the leaflet's labels, messages shown on pages) are gettext messages: English
in the code, Welsh in the catalogue ``translations/cy/LC_MESSAGES/messages.po``, read
and compiled with Babel. :func:`speaking` makes one language the current one for a block
of work; :func:`gettext` and :func:`ngettext` answer in it (English: the words as written).
Messages for editors (``mappa check``, every error) are never translated.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import DataError, Problem, display_path

if TYPE_CHECKING:
    from generator.load.data import SiteData

ENGLISH, WELSH = "en", "cy"
LANGUAGES = {ENGLISH: "English", WELSH: "Cymraeg"}
"""Each language the site can be published in, by its code, with its name in itself."""
CATALOGUE_DIR = Path("translations")


def language_of(data: SiteData) -> str:
    """The code of the language ``data`` is written in: 'en', or that of a translation."""
    return ENGLISH if data.site.language.startswith(ENGLISH) else data.site.language


def catalogue_path(root: Path, language: str) -> Path:
    """Where the catalogue of ``language`` is, in the project ``root``."""
    return root / CATALOGUE_DIR / language / "LC_MESSAGES" / "messages.po"


_current: ContextVar[tuple[str, NullTranslations]] = ContextVar("language", default=(ENGLISH, NullTranslations()))


def language() -> str:
    """The code of the language being written: 'en' or 'cy'."""
    return _current.get()[0]


def gettext(message: str) -> str:
    """``message`` (English) in the current language."""
    return _current.get()[1].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for ``count`` in the current language."""
    return _current.get()[1].ngettext(singular, plural, count)


@contextmanager
def speaking(code: str, root: Path) -> Iterator[None]:
    """Make ``code`` the current language inside the block; its catalogue is read from
    ``root`` (a DataError, located, when it cannot be read)."""
    translations = NullTranslations() if code == ENGLISH else catalogue(catalogue_path(root, code))
    token = _current.set((code, translations))
    try:
        yield
    finally:
        _current.reset(token)


def catalogue(path: Path) -> NullTranslations:
    """The catalogue at ``path``, compiled; DataError at its line when it is malformed."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise DataError([Problem(display_path(path), 1, 1, "the catalogue of the interface's words is missing")]) from None
    return _compiled(path, stamp)


@lru_cache(maxsize=4)
def _compiled(path: Path, stamp: int) -> NullTranslations:
    """The catalogue at ``path`` as it was at ``stamp``, compiled: its drafts (fuzzy) too."""
    from babel.messages.mofile import write_mo  # Babel loads only for a language other than English
    from babel.support import Translations

    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(path), use_fuzzy=True)
    compiled.seek(0)
    return Translations(compiled)


_PO_LINE = re.compile(r'\s*(#.*|((msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+)?"(\\.|[^"\\])*"\s*)?')
"""A line of a PO file: blank, a comment, a keyword and its quoted text, or more quoted text.
Babel reads a line that is none of these without a word (an unquoted text loses its ends)."""


def read_catalogue(path: Path):
    """The catalogue at ``path`` as Babel reads it; DataError at its line when it is malformed."""
    from babel.messages.pofile import PoFileError, read_po

    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a web editor may save a byte-order mark
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(shown, 1, 1, f"the catalogue cannot be read: {error}")]) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not _PO_LINE.fullmatch(line):
            words = "each line is a comment (#), a keyword such as msgstr and its text in double quotes, or more text in double quotes"
            raise DataError([Problem(shown, number, 1, f"the catalogue cannot be read: {words}")])
    try:
        return read_po(io.BytesIO(text.encode("utf-8")), locale=path.parent.parent.name, abort_invalid=True)
    except PoFileError as error:
        after = int(getattr(error, "lineno", 0) or 0) + 1  # Babel counts lines from 0
        raise DataError([Problem(shown, after, 1, f"the catalogue cannot be read: {error}")]) from None
    except ValueError as error:
        raise DataError([Problem(shown, 1, 1, f"the catalogue cannot be read: {error}")]) from None


def month_name(day: dt.date) -> str:
    """The name of the month of ``day`` in the current language (Babel's for Welsh)."""
    from babel.dates import get_month_names

    return get_month_names("wide", locale=WELSH)[day.month] if language() == WELSH else f"{day:%B}"
