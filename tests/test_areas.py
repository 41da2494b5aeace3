"""Other MAPPA areas: a made-up area's own site, new-area placeholders, and build-all."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.write.pipeline import build_site
from generator.load.data import load_data
from generator.load.models import LOCAL_FILES, NATIONAL_FILES
from tests.conftest import DATA, ROOT

EXAMPLESHIRE = ROOT / "tests" / "fixtures" / "areas" / "exampleshire"
MAPPA = str(Path(sys.executable).parent / "mappa")
NORFOLK_MARKERS = ["Norfolk", "01603 276320", "mappp@norfolk.pnn.police.uk", "norfolkmappa", "King's Lynn", "Wymondham"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MAPPA, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def exampleshire_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exampleshire") / "site"
    build_site(EXAMPLESHIRE, out, ROOT)
    return out


def test_the_area_folder_holds_only_local_files() -> None:
    assert sorted(p.name for p in EXAMPLESHIRE.iterdir()) == sorted(LOCAL_FILES)
    assert not set(LOCAL_FILES) & set(NATIONAL_FILES)


@pytest.mark.slow
def test_made_up_area_pages_carry_its_own_contacts_and_none_of_norfolks(exampleshire_site: Path) -> None:
    area = load_data(EXAMPLESHIRE)
    office = area.contacts.office
    for page in sorted(exampleshire_site.rglob("*.html")):
        text = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        leaked = [marker for marker in NORFOLK_MARKERS if marker in page.read_text(encoding="utf-8")]
        assert leaked == [], page.relative_to(exampleshire_site)
        if page.name != "404.html":
            assert office.phone in text and office.email in text, page.relative_to(exampleshire_site)
    process = (exampleshire_site / "process.html").read_text(encoding="utf-8")
    assert "Examplton" in process and "Sampleford" in process


@pytest.mark.slow
def test_made_up_area_pdf_carries_its_own_contacts(exampleshire_site: Path) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(str(exampleshire_site / "leaflet.pdf")).pages)
    unbroken = text.replace("\n", "")  # a long address may wrap at any point in the leaflet's narrow box
    assert "01632 960001" in text and "office@mappa.example.org" in unbroken and "Exampleshire" in text
    assert not [marker for marker in NORFOLK_MARKERS if marker in text]


@pytest.mark.slow
def test_national_facts_are_shared(exampleshire_site: Path) -> None:
    national = load_data(DATA)
    text = (exampleshire_site / "notification-periods.html").read_text(encoding="utf-8")
    assert all(row.description in " ".join(text.split()) for row in national.notification_periods.rows)


def test_new_area_is_complete_but_fails_until_filled_in(tmp_path: Path) -> None:
    folder = tmp_path / "newshire"
    result = run("new-area", str(folder), "--name", "Newshire")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(LOCAL_FILES)
    check = run("check", "--data", str(folder))
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert problems and all(": still to fill in: " in line for line in problems), problems
    assert summary == f"{len(problems)} problems found."
    for filename in ("site.yaml", "contacts.yaml", "venues.yaml", "procedures.yaml", "area_sources.yaml"):
        assert any(f"{filename}:" in line for line in problems), filename
    assert "Newshire MAPPA office" in (folder / "contacts.yaml").read_text(encoding="utf-8")


def test_new_area_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x", encoding="utf-8")
    result = run("new-area", str(tmp_path / "used"), "--name", "X")
    assert result.returncode == 1 and "is not empty" in result.stderr


@pytest.mark.slow
def test_build_all_builds_each_area_and_reports_the_failures(tmp_path: Path) -> None:
    areas = tmp_path / "areas"
    areas.mkdir()
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    shutil.copytree(DATA, areas / "norfolk")
    assert run("new-area", str(areas / "unfinished"), "--name", "Unfinished").returncode == 0
    out = tmp_path / "out"
    result = run("build-all", str(areas), "--out", str(out))
    assert result.returncode == 1
    assert "exampleshire: built in" in result.stdout and "norfolk: built in" in result.stdout
    assert "unfinished: FAILED" in result.stderr and "still to fill in" in result.stderr
    assert "2 of 3 folder(s) built; failed: unfinished." in result.stdout
    assert "01632 960001" in (out / "exampleshire" / "contact.html").read_text(encoding="utf-8")
    assert "01603 276320" in (out / "norfolk" / "contact.html").read_text(encoding="utf-8")
    assert not (out / "unfinished").exists()


@pytest.mark.slow
def test_build_all_builds_one_area_per_core_at_a_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import generator.write.areas as module

    running = tmp_path / "running"
    running.mkdir()

    def fake_build(data_dir: Path, out_dir: Path, root: Path) -> module.AreaResult:
        """Stands in for a build in each area's process: notes how many run at once."""
        mine = running / data_dir.name
        mine.touch()
        together = len(list(running.iterdir()))
        time.sleep(0.5)
        mine.unlink()
        return module.AreaResult(data_dir.name, out_dir, warning=str(together))

    monkeypatch.setattr(module, "build_area", fake_build)  # the forked processes inherit this
    monkeypatch.setattr(module.os, "cpu_count", lambda: 2)
    areas = tmp_path / "areas"
    areas.mkdir()
    for name in ("a", "b", "c"):
        shutil.copytree(EXAMPLESHIRE, areas / name)
    results = module.build_all(areas, tmp_path / "out", ROOT)
    assert [(r.area, r.ok) for r in results] == [("a", True), ("b", True), ("c", True)]
    assert max(int(r.warning) for r in results) == 2  # two at a time, never three
