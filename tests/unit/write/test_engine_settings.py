"""Issue 20: a slip in mkdocs.yml (a YAML error, a tab, a byte not saved as UTF-8, a
``nav:`` of the wrong shape) is one line located in mkdocs.yml in `check`, `build`,
`render` and the `serve` preview, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.write.preview import PreviewBuilder
from tests.conftest import MAPPA, MKDOCS_ENV, run_check

SLIPS = {
    "an unclosed bracket": ("\nnav:", "\nnav: [", "mkdocs.yml:", "YAML syntax error"),
    "a tab": ("site_name:", "\tsite_name:", "mkdocs.yml:3:1:", "a tab character was found; indent with spaces"),
    "a byte not UTF-8": ("# The site engine's", "# The caf\udce9 engine's", "mkdocs.yml:1:10:", "is not saved as UTF-8"),
    "nav a number": ("\nnav:", "\nnav: 5\nold_nav:", "mkdocs.yml:{nav_line}:6:", "'nav:' must list the site's pages"),
}


def break_config(project: Path, slip: str) -> str:
    """Put ``slip`` into the project's mkdocs.yml; the start of the line that must be reported."""
    old, new, where, _ = SLIPS[slip]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav_line = text[: text.index("\nnav:")].count("\n") + 2
    assert old in text
    config.write_bytes(text.replace(old, new, 1).encode("utf-8", errors="surrogateescape"))
    return where.format(nav_line=nav_line)


@pytest.mark.parametrize("slip", SLIPS)
def test_check_names_the_line_of_mkdocs_yml(project: Path, slip: str) -> None:
    where = break_config(project, slip)
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, summary = result.stderr.strip().splitlines()
    assert first.startswith(where) and SLIPS[slip][3] in first, first
    assert summary == "1 problem found."


def test_a_nav_entry_of_the_wrong_shape_is_located(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("nav:\n", "nav:\n  - 7\n  - Home:\n", 1), encoding="utf-8")
    nav_line = text[: text.index("\nnav:")].count("\n") + 2
    lines = run_check(project).stderr.strip().splitlines()
    assert lines[0].startswith(f"mkdocs.yml:{nav_line + 1}:5: each entry under 'nav:' is a page")
    assert lines[1].startswith(f"mkdocs.yml:{nav_line + 2}:10: 'Home:' must name a page or list a section's pages")


@pytest.mark.parametrize("command", ["build", "render"])
def test_build_and_render_stop_at_the_line_and_write_nothing(project: Path, command: str) -> None:
    where = break_config(project, "nav a number")
    out = project / "out"
    result = subprocess.run([MAPPA, command, "--out", str(out)], cwd=project, capture_output=True, text=True, timeout=120, env=MKDOCS_ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(where) and not out.exists()


def test_the_preview_shows_the_line(project: Path, tmp_path: Path) -> None:
    where = break_config(project, "a tab")
    builder = PreviewBuilder(project, project / "data", tmp_path / "preview", report=lambda line: None)
    builder()
    (problem,) = builder.problems
    assert problem.startswith(f"{project / 'mkdocs.yml'}:3:1: YAML syntax error: a tab") or problem.startswith(where)
