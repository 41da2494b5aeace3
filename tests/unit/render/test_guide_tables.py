"""Issue 20: the whole guide never crops a table wider than its page: such a table is set
smaller with its words broken, so every column is printed; the site's own tables keep
their words whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.render.guide_tables import WIDE, mark_wide_tables
from tests.conftest import MAPPA, MKDOCS_ENV

COLUMNS = 14


def wide_table_markdown() -> str:
    """A table of 14 columns, each starting with a short mark of its own (kept whole when
    its column is a few letters wide) and then words too long for the page side by side."""
    heads = " | ".join(f"H{n:02d} Notificationrequirements" for n in range(COLUMNS))
    cells = " | ".join(f"C{n:02d} Relevantdateofconviction" for n in range(COLUMNS))
    return f"| {heads} |\n|{'---|' * COLUMNS}\n| {cells} |\n"


def test_only_a_table_too_wide_for_the_page_is_marked() -> None:
    narrow = "<table><tr><th>Disposal</th><th>Period</th></tr><tr><td>Caution</td><td>2 years</td></tr></table>"
    heads = "".join(f"<th>Heading{n:02d}</th>" for n in range(COLUMNS))
    wide = f'<table class="x"><tr>{heads}</tr></table>'
    unbroken = f"<table><tr><td>{'x' * 100}</td></tr></table>"
    marked = mark_wide_tables(narrow + wide + narrow + unbroken)
    assert marked == narrow + f'<table {WIDE} class="x"><tr>{heads}</tr></table>' + narrow + f"<table {WIDE}>" + unbroken[7:]


def test_no_table_of_the_site_is_marked(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert mark_wide_tables(text) == text, page


@pytest.mark.slow
def test_every_column_of_a_wide_table_is_in_the_guide(project: Path) -> None:
    page = project / "content" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + wide_table_markdown(), encoding="utf-8")
    out = project / "out"
    result = subprocess.run([MAPPA, "build", "--out", str(out)], cwd=project, capture_output=True, text=True, timeout=600, env=MKDOCS_ENV)
    assert result.returncode == 0, result.stderr
    # pdftotext reads only what the pages show: text cropped past a page's edge is left out
    text = subprocess.run(["pdftotext", str(out / "guide.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    words = set(text.split())
    assert [n for n in range(COLUMNS) if f"H{n:02d}" not in words or f"C{n:02d}" not in words] == []
