"""`mappa build-all` reports every folder of AREAS_DIR that is not an area (no site.yaml),
one line each with why, counts it in the summary and fails; it never passes one over
silently. Hidden folders, files and mappa's own output folders are not areas' folders."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.write.areas import not_areas
from generator.write.output_folder import MARKER
from tests.conftest import MAPPA, ROOT

EXAMPLESHIRE = ROOT / "tests" / "fixtures" / "areas" / "exampleshire"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MAPPA, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def make_broken_areas(areas: Path) -> None:
    """An area's folder broken in each way an editor might break it, and things to pass over."""
    shutil.copytree(EXAMPLESHIRE, areas / "misspelt")
    (areas / "misspelt" / "site.yaml").rename(areas / "misspelt" / "site.yml")
    shutil.copytree(EXAMPLESHIRE, areas / "no-site")
    (areas / "no-site" / "site.yaml").unlink()
    shutil.copytree(EXAMPLESHIRE, areas / "one-too-deep" / "data")
    (areas / "site-folder" / "site.yaml").mkdir(parents=True)
    (areas / "empty").mkdir()
    (areas / ".git").mkdir()  # hidden: passed over
    (areas / "README.md").write_text("Our areas.\n", encoding="utf-8")  # a file: passed over


EXPECTED = [
    "areas/empty: not an area: the folder is empty (an area's folder holds its site.yaml and other data files: see mappa new-area)",
    "areas/misspelt: not an area: no site.yaml (found site.yml: rename it to site.yaml)",
    "areas/no-site: not an area: no site.yaml",
    "areas/one-too-deep: not an area: no site.yaml (found data/site.yaml: an area's data files go directly in its folder)",
    "areas/site-folder: not an area: site.yaml is a folder, not a file",
]


def test_every_folder_that_is_not_an_area_is_reported_and_fails(tmp_path: Path) -> None:
    make_broken_areas(tmp_path / "areas")
    result = run("build-all", "areas", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == EXPECTED
    assert result.stdout.splitlines() == ["0 of 5 folder(s) built; not an area: empty, misspelt, no-site, one-too-deep, site-folder."]
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_areas_are_built_and_the_rest_still_fail_the_command(tmp_path: Path) -> None:
    areas = tmp_path / "areas"
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    shutil.copytree(EXAMPLESHIRE, areas / "misspelt")
    (areas / "misspelt" / "site.yaml").rename(areas / "misspelt" / "site.yml")
    result = run("build-all", "areas", "--out", "areas/built", cwd=tmp_path)  # an output inside AREAS_DIR
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "exampleshire: built in areas/built/exampleshire/",
        "1 area(s) listed in areas/built/index.html and areas/built/areas.json",
        "1 of 2 folder(s) built; not an area: misspelt.",
    ]
    assert result.stderr.splitlines() == ["areas/misspelt: not an area: no site.yaml (found site.yml: rename it to site.yaml)"]
    assert (areas / "built" / "exampleshire" / "index.html").is_file()
    assert listed_folders(areas / "built") == ["exampleshire"]  # a folder that is not an area is not listed
    (areas / "misspelt" / "site.yml").rename(areas / "misspelt" / "site.yaml")
    again = run("build-all", "areas", "--out", "areas/built", cwd=tmp_path)  # the output folder is no area
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "2 of 2 folder(s) built."
    assert listed_folders(areas / "built") == ["exampleshire", "misspelt"]


def listed_folders(out: Path) -> list[str]:
    """The areas OUT/areas.json lists, by folder, after checking that OUT/index.html names the same."""
    folders = [area["folder"] for area in json.loads((out / "areas.json").read_text(encoding="utf-8"))["areas"]]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert [f'<a href="{folder}/index.html">{folder}/</a>' in page for folder in folders] == [True] * len(folders)
    return folders


def test_output_folders_are_passed_over(tmp_path: Path) -> None:
    areas = tmp_path / "areas"
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    (areas / "site").mkdir()  # a single build's output, made by mappa
    (areas / "site" / MARKER).write_text("Made by `mappa build`.\n", encoding="utf-8")
    (areas / "out").mkdir()  # the --out of this build-all
    (areas / "stray").mkdir()
    (areas / "stray" / "notes.txt").write_text("x", encoding="utf-8")
    assert [(folder.name, why) for folder, why in not_areas(areas, areas / "out")] == [("stray", "no site.yaml")]
