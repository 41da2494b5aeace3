"""Issue 20: a picture written as HTML in a page (``<img src>``) that names no file of the
site (missing, a folder, from the site's root, outside it) is a located line in `check`
and `build`, not a passing check and then a crash in the guide's PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import MAPPA, MKDOCS_ENV, run_check

PICTURES = (
    '<img src="assets/missing.png" alt="A map">\n\n<img src="assets" alt="A folder">\n\n'
    '<img src="../../etc/hostname" alt="Out"> <img src="/assets/x.png" alt="Root">\n'
)


def add_pictures(project: Path) -> int:
    """Add the pictures to the end of contact.md; the line of the first."""
    page = project / "content" / "contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n" + PICTURES, encoding="utf-8")
    return len(text.splitlines()) + 2


def test_check_names_each_picture_that_is_not_a_file_of_the_site(project: Path) -> None:
    line = add_pictures(project)
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"content/contact.md:{line}:11: the picture or file 'assets/missing.png' is not there: "
        "put it in content/ (such as content/assets/) or correct the name",
        f"content/contact.md:{line + 2}:11: the picture or file 'assets' is a folder, not a file: name the file in it",
        f"content/contact.md:{line + 4}:11: the picture or file '../../etc/hostname' is outside the site: "
        "put the file in content/assets/ and name it from there",
        f"content/contact.md:{line + 4}:52: the picture or file '/assets/x.png' starts with '/': "
        "write the file's path from this page instead, such as 'assets/picture.png'",
        "4 problems found.",
    ]


def test_a_picture_that_is_there_passes(project: Path) -> None:
    (project / "content" / "assets" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page = project / "content" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<img src="assets/map.png" alt="A map">\n', encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_build_stops_at_the_line_and_leaves_the_site(project: Path) -> None:
    line = add_pictures(project)
    out = project / "out"
    result = subprocess.run([MAPPA, "build", "--out", str(out)], cwd=project, capture_output=True, text=True, timeout=300, env=MKDOCS_ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"content/contact.md:{line}:11: the picture or file 'assets/missing.png' is not there")
    assert not out.exists()
