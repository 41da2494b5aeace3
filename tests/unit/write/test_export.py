"""`mappa render`: plain Markdown and an mkdocs.yml that another engine (Zensical) builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.load.data import load_data
from generator.render.calculator_pages import page_file
from generator.rules.flow import build_flow
from tests.conftest import DATA, ROOT, WALES

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def test_rendered_site_builds_with_zensical(tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = subprocess.run([str(BIN / "mappa"), "render", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and config["site_name"] == load_data(DATA).site.site_title
    markdown = sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md"))
    assert not [p for p in markdown if "{{" in (out / "docs" / p).read_text(encoding="utf-8")]  # no template left
    built = subprocess.run([str(BIN / "zensical"), "build"], cwd=out, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = {p.relative_to(out / "site").as_posix() for p in (out / "site").rglob("*.html")}
    expected = {name.removesuffix(".md") + ".html" for name in markdown}
    assert expected <= pages
    flow = build_flow(load_data(DATA).notification_periods)
    assert {page_file(path).replace(".md", ".html") for path in flow.outcomes} <= pages
    assert "01603 276320" in (out / "site" / "contact.html").read_text(encoding="utf-8")
    assert (out / "site" / "leaflet.pdf").is_file()


def test_build_may_replace_what_render_wrote(tmp_path: Path) -> None:
    out = tmp_path / "site"
    for command in ("render", "build", "render"):  # each replaces the other's folder: both are mappa's
        result = subprocess.run([str(BIN / "mappa"), command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == [".mappa-output", "docs", "mkdocs.yml"]


def test_a_bilingual_area_is_rendered_in_both_languages_each_buildable(tmp_path: Path, welsh_site: Path) -> None:
    """(``welsh_site``: after the same area's build, whose leaflets' PDFs the export takes from the cache.)"""
    out = tmp_path / "export"
    result = subprocess.run(
        [str(BIN / "mappa"), "render", "--data", str(WALES), "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}/docs and {out}/mkdocs.yml, and in Welsh {out}/cy/"
    config = yaml.safe_load((out / "cy" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "cy" and config["site_url"].endswith("/cy/") and {"Hafan": "index.md"} in config["nav"]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)}
    built = subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=out / "cy", capture_output=True, text=True, timeout=600, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    home = (out / "cy" / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in home and "Hafan" in home
