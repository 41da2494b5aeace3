"""mkdocs.yml, read once per build but never stale (generator/load/project_config.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.load.project_config import load_project_config
from tests.conftest import ROOT


def test_an_edited_mkdocs_yml_is_read_again_and_a_reader_may_change_what_it_got(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    first = load_project_config(tmp_path)
    first["nav"].clear()  # a reader's own copy
    assert load_project_config(tmp_path)["nav"] != []
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(text.replace("- Home: index.md", "- Hall: index.md"), encoding="utf-8")
    assert load_project_config(tmp_path)["nav"][0] == {"Hall": "index.md"}  # the same size, a new time
