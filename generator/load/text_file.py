"""Read an editor's text file (a data file or a page) as a text editor would save it.

A byte-order mark and Windows line endings are accepted (both are what a web editor or
Notepad may save); anything else that stops the file being read becomes one located
:class:`~generator.errors.Problem`: a missing file, a folder where a file should be, a
file that cannot be read, one too big, or one not saved as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.errors import DataError, Problem, display_path, os_reason

BOM = "\ufeff"


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The text of ``path`` with any byte-order mark removed and line endings as '\\n';
    raise DataError with one located problem when it cannot be read as UTF-8 text."""
    raw = read_bytes(path, max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = position_of(raw[: error.start].decode("utf-8", errors="replace"))
        raise DataError(
            [
                Problem(
                    display_path(path),
                    line,
                    column,
                    f"this file is not saved as UTF-8 (byte 0x{raw[error.start]:02X} here, "
                    "perhaps a curly quote, accent or £ from another encoding); "
                    "save it again choosing the encoding 'UTF-8'",
                )
            ]
        ) from None
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path``; raise DataError with one problem when it cannot be read."""
    shown = display_path(path)
    if path.is_dir():
        raise DataError([Problem(shown, 1, 1, "this is a folder, but a file of this name is expected here")])
    if path.exists() and not path.is_file():  # a pipe or a device: reading it could wait for ever
        raise DataError([Problem(shown, 1, 1, "this is not an ordinary file (perhaps a pipe or a device): put a file here")])
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DataError([Problem(shown, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes // 1_000_000} MB")])
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, 1, 1, "file is missing")]) from None
    except OSError as error:
        raise DataError([Problem(shown, 1, 1, f"file cannot be read: {os_reason(error)}")]) from None


def position_of(text_before: str) -> tuple[int, int]:
    """The line and column (both 1-based) just after ``text_before``."""
    line = text_before.count("\n") + 1
    return line, len(text_before) - (text_before.rfind("\n") + 1) + 1


def character_name(character: str) -> str:
    """A character as an editor can find it: 'U+000B (line tabulation)'."""
    name = (
        unicodedata.name(character, "")
        or _CONTROL_NAMES.get(character)
        or ("a noncharacter" if unicodedata.category(character) == "Cn" else "a control character")
    )
    return f"U+{ord(character):04X} ({name.lower()})"


_CONTROL_NAMES = {
    "\x00": "null",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line",
    "\n": "line feed",
    "\r": "carriage return",
    "\t": "tab",
}


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The first character an editor's text may not hold, with its index: a control
    character (but tab and line ends), an invisible or direction-changing character (zero
    width space, right-to-left override, soft hyphen: Unicode's 'format' characters), a
    line or paragraph separator, a surrogate or a noncharacter. A no-break space is fine."""
    for found in _NOT_PLAIN_ASCII.finditer(text):  # printable ASCII, tab and line ends are fine
        if unicodedata.category(found.group()) in _FORBIDDEN_CATEGORIES:
            return found.start(), found.group()
    return None


def refuse_forbidden_character(text: str, path: Path, kind: str) -> None:
    """Raise DataError, located in ``path``, when ``text`` (a whole ``kind`` of file: 'a
    page', 'a data file', 'a template') holds a character it may not (see
    :func:`forbidden_character`)."""
    found = forbidden_character(text)
    if found:
        index, character = found
        raise DataError(
            [
                Problem(
                    display_path(path),
                    *position_of(text[:index]),
                    f"the character {character_name(character)} cannot be in {kind}; "
                    "delete it (it often comes with text pasted from a word processor)",
                )
            ]
        )


_NOT_PLAIN_ASCII = re.compile(r"[^\t\n\r -~]")
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Cn", "Zl", "Zp", "Co"}
"""Control, format (invisible), surrogate, unassigned or noncharacter, line and paragraph
separators, private use."""


def links_out_of(folder: Path, inside: Path) -> list[Problem]:
    """A problem for each file or folder below ``folder`` that is a link to somewhere outside
    ``inside`` (the project): such a file would be read, or published, from anywhere on the
    machine (``/etc/hostname``)."""
    home = inside.resolve()
    problems = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_symlink() and not path.resolve().is_relative_to(home):
            problems.append(
                Problem(
                    display_path(path), 1, 1, f"this is a link to {path.resolve()}, outside the project: put the file itself here instead"
                )
            )
    return problems
