"""Every way an editor can break a file in a web editor, with the annotation it produces.

Each case edits a copy of the project as a browser's editor would save it, runs
``mappa check --format github`` there (as the pull request's check does) and expects one
exact annotation on the line, and never a traceback. What a text editor saves as a matter
of course (a byte-order mark, Windows line endings) is accepted.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MAPPA, MKDOCS_ENV, run_check

VENUES = "data/venues.yaml"
ERROR = "::error file={file},line={line},col={col},title=Problem found by mappa check::{message}"
check = run_check


def edit_text(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit that replaces ``old`` by ``new`` once in a file, saved as UTF-8."""

    def apply(project: Path) -> None:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))

    return apply


def save_bytes(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """An edit that saves the file's bytes changed by ``change``."""

    def apply(project: Path) -> None:
        path = project / relative
        path.write_bytes(change(path.read_bytes()))

    return apply


BROKEN = {
    "tab indentation": (
        edit_text(VENUES, "  - name: Norwich", "\t- name: Norwich"),
        [(VENUES, 5, 1, "YAML syntax error: a tab character was found; indent with spaces")],
    ),
    "missing closing quote": (
        edit_text(VENUES, "name: Norwich", 'name: "Norwich'),
        [(VENUES, 5, 11, "YAML syntax error: the quote that starts here is never closed; add the closing quote")],
    ),
    "smart quotes around a key": (
        edit_text(VENUES, "  - name: Norwich", "  - \u201cname\u201d: Norwich"),
        [
            (VENUES, 5, 5, "missing field 'name'"),
            (
                VENUES,
                5,
                5,
                "unknown field '\u201cname\u201d' (did you mean 'name'?): curly quotes are not YAML quotes; type the key without quotes",
            ),
        ],
    ),
    "duplicated key": (
        edit_text(
            VENUES,
            "    source: norfolk-leaflet\n  - name: Wymondham",
            "    source: norfolk-leaflet\n    name: Norwich\n  - name: Wymondham",
        ),
        [(VENUES, 7, 5, "duplicate key 'name' (first written on line 5)")],
    ),
    "misspelt first key of a list item": (
        edit_text(VENUES, "  - name: Norwich", "  - nmae: Norwich"),
        [
            (VENUES, 5, 5, "missing field 'name'"),
            (VENUES, 5, 5, "unknown field 'nmae' (did you mean 'name'?)"),
        ],
    ),
    "file saved empty": (save_bytes(VENUES, lambda _: b""), [(VENUES, 1, 1, "file is empty")]),
    "vertical tab pasted from a word processor": (
        edit_text(VENUES, "Norwich", "Nor\x0bwich"),
        [
            (
                VENUES,
                5,
                14,
                "the character U+000B (vertical tab) cannot be in a data file; delete it (it often "
                "comes with text pasted from a word processor)",
            )
        ],
    ),
    "NUL character": (
        edit_text(VENUES, "Norwich", "Norwich\x00"),
        [
            (
                VENUES,
                5,
                18,
                "the character U+0000 (null) cannot be in a data file; delete it (it often comes with text pasted from a word processor)",
            )
        ],
    ),
    "BEL character": (
        edit_text(VENUES, "Wymondham", "\x07Wymondham"),
        [
            (
                VENUES,
                7,
                11,
                "the character U+0007 (bell) cannot be in a data file; delete it (it often comes with text pasted from a word processor)",
            )
        ],
    ),
    "data file saved as Windows-1252": (
        save_bytes(VENUES, lambda raw: raw.replace(b"Norwich", "Norwich caf\u00e9".encode("cp1252"))),
        [
            (
                VENUES,
                5,
                22,
                "this file is not saved as UTF-8 (byte 0xE9 here, perhaps a curly quote, accent or \u00a3 from another encoding); "
                "save it again choosing the encoding 'UTF-8'",
            )
        ],
    ),
    "page saved as Windows-1252": (
        save_bytes("content/contact.md", lambda raw: raw.replace(b"# Contact us", "# Contact us \u00a3".encode("cp1252"))),
        [
            (
                "content/contact.md",
                5,
                14,
                "this file is not saved as UTF-8 (byte 0xA3 here, perhaps a curly quote, accent or \u00a3 from another encoding); "
                "save it again choosing the encoding 'UTF-8'",
            )
        ],
    ),
    "folder named like a data file": (
        lambda project: (project / VENUES).unlink() or (project / VENUES).mkdir(),
        [(VENUES, 1, 1, "this is a folder, but a file of this name is expected here")],
    ),
    "data file that links to itself": (
        lambda project: (project / VENUES).unlink() or (project / VENUES).symlink_to("venues.yaml"),
        [(VENUES, 1, 1, "file cannot be read: too many levels of symbolic links")],
    ),
    "page date that is not a date": (
        edit_text("content/privacy.md", "reviewed: 2026-11-22", "reviewed: 2025-13-01"),
        [("content/privacy.md", 2, 11, "invalid date '2025-13-01': month must be in 1..12")],
    ),
    "page owner with a colon": (
        edit_text("content/privacy.md", "reviewed: 2026-11-22", "reviewed: 2026-11-22\nowner: Dr: Smith"),
        [("content/privacy.md", 3, 10, "YAML syntax error: mapping values are not allowed here")],
    ),
    "page date in quotes": (
        edit_text("content/privacy.md", "reviewed: 2026-11-22", 'reviewed: "2024-01-05"'),
        [("content/privacy.md", 2, 11, "'reviewed' must be a date without quotes: write reviewed: 2024-01-05")],
    ),
    "page date key misspelt": (
        edit_text("content/privacy.md", "reviewed: 2026-11-22", "reveiwed: 2026-11-22"),
        [
            ("content/privacy.md", 2, 1, "missing field 'reviewed'"),
            ("content/privacy.md", 2, 1, "unknown field 'reveiwed' (did you mean 'reviewed'?)"),
        ],
    ),
    "page without front matter": (
        edit_text("content/privacy.md", "---\nreviewed: 2026-11-22\n---\n", ""),
        [
            (
                "content/privacy.md",
                1,
                1,
                "missing 'reviewed: YYYY-MM-DD' in the page's front matter: "
                "start the page with a line '---', then 'reviewed: 2026-11-22', then '---'",
            )
        ],
    ),
    "change note dated in the future": (
        edit_text("data/changes.yaml", "  - date: 2026-11-23\n", "  - date: 2999-01-01\n"),
        [("data/changes.yaml", 6, 11, "'date': 2999-01-01 is a day still to come: date a change note the day the change is published")],
    ),
    "change note naming a page that does not exist": (
        edit_text("data/changes.yaml", "      - registered-person.md", "      - registered-person"),
        [("data/changes.yaml", 9, 9, "no page 'registered-person' on the site (did you mean 'registered-person.md'?)")],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_each_slip_is_one_annotation_on_its_line(project: Path, case: str) -> None:
    edit, expected = BROKEN[case]
    edit(project)
    result = check(project, "--format", "github")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr, result.stderr
    annotations = [ERROR.format(file=f, line=line, col=col, message=message.replace("%", "%25")) for f, line, col, message in expected]
    assert result.stdout.splitlines() == annotations
    assert result.stderr == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found.\n"


PAGE_SLIPS = [
    "page saved as Windows-1252",
    "page date that is not a date",
    "page owner with a colon",
    "page date in quotes",
    "page date key misspelt",
    "page without front matter",
]


@pytest.mark.parametrize("case", PAGE_SLIPS)
def test_a_build_refuses_what_the_check_refuses(project: Path, case: str) -> None:
    """A page with a broken date is refused by the build too, not given the site's date."""
    edit, expected = BROKEN[case]
    edit(project)
    result = subprocess.run([MAPPA, "build", "--out", "site"], cwd=project, capture_output=True, text=True, timeout=120, env=MKDOCS_ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[: len(expected)] == [f"{f}:{line}:{col}: {message}" for f, line, col, message in expected]
    assert not (project / "site").exists()


SAVED_AS_EDITORS_DO = {
    "Windows line endings": lambda raw: raw.replace(b"\n", b"\r\n"),
    "byte-order mark": lambda raw: b"\xef\xbb\xbf" + raw,
    "byte-order mark and Windows line endings": lambda raw: b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"),
}


@pytest.mark.parametrize("saving", list(SAVED_AS_EDITORS_DO), ids=list(SAVED_AS_EDITORS_DO))
def test_what_a_text_editor_saves_is_accepted(project: Path, saving: str) -> None:
    change = SAVED_AS_EDITORS_DO[saving]
    for relative in (VENUES, "data/site.yaml", "content/contact.md"):
        save_bytes(relative, change)(project)
    result = check(project, "--format", "json", "--today", "2026-12-01")
    assert (result.returncode, json.loads(result.stdout)) == (0, []), result.stderr


@pytest.mark.slow
def test_a_page_saved_with_a_byte_order_mark_and_windows_line_endings_builds_as_it_was(project: Path) -> None:
    save_bytes("content/contact.md", SAVED_AS_EDITORS_DO["byte-order mark and Windows line endings"])(project)
    result = subprocess.run([MAPPA, "build", "--out", "site"], cwd=project, capture_output=True, text=True, timeout=180, env=MKDOCS_ENV)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "contact.html").read_text(encoding="utf-8")
    assert "\ufeff" not in page and "reviewed: 2026" not in page and "Last reviewed 7 December 2026" in page


def test_an_unreadable_file_is_one_located_line(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.errors import DataError
    from generator.load.data import load_data

    real_read = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "venues.yaml":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    assert [p.message for p in caught.value.problems] == ["file cannot be read: permission denied"]
