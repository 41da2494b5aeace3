"""Issue 20: a template is read as an editor's text file: one not saved as UTF-8, or holding
U+2028 (which Jinja takes for a line end) or another invisible character, is named at its
own line, never blamed on the page that imports it in a codec's words; a byte-order mark
and Windows line ends are accepted, as in pages and data."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_check

MACROS = Path("templates") / "markdown" / "macros.md"


def insert_on_line(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = text + lines[line - 1]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_line_separator_in_a_template_is_named_at_its_line(project: Path) -> None:
    insert_on_line(project / MACROS, 12, "x\u2028")
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{MACROS}:12:2: the character U+2028 (line separator) cannot be in a template; "
        "delete it (it often comes with text pasted from a word processor)",
        "1 problem found.",
    ]


def test_a_template_not_saved_as_utf8_is_named_not_the_page_that_imports_it(project: Path) -> None:
    macros = project / MACROS
    lines = macros.read_bytes().split(b"\n")
    lines[2] = b"{# caf\xe9 #}" + lines[2]
    macros.write_bytes(b"\n".join(lines))
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{MACROS}:3:7: this file is not saved as UTF-8 (byte 0xE9 here, perhaps a curly quote, accent or £ from "
        "another encoding); save it again choosing the encoding 'UTF-8'",
        "1 problem found.",
    ]


def test_a_template_saved_with_a_byte_order_mark_and_windows_line_ends_is_accepted(project: Path) -> None:
    macros = project / MACROS
    macros.write_bytes(b"\xef\xbb\xbf" + macros.read_bytes().replace(b"\n", b"\r\n"))
    result = run_check(project)
    assert result.returncode == 0, result.stderr
