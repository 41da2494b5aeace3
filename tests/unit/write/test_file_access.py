"""Issue 20, security 2 and 3: a page cannot put a file from elsewhere on the machine into the
published site or into either PDF. The PDFs may load only the files of the site being built,
no link embeds a file in the guide, and a link (symbolic link) out of the project in
content/ or templates/ is refused at its place."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.errors import BuildError
from generator.write.leaflet_pdf import write_leaflet_pdf
from tests.conftest import MAPPA, MKDOCS_ENV, run_check

SECRET = "fake-secret-for-the-test-4f1c"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/hostname", "file:///proc/self/environ", "file://localhost/etc/passwd", "../outside.css", "https://example.org/x.css"],
)
def test_the_pdf_loads_only_files_of_the_site_being_built(tmp_path: Path, url: str) -> None:
    (tmp_path / "outside.css").write_text("body { color: black }\n", encoding="utf-8")
    folder = tmp_path / "leaflet"
    folder.mkdir()
    html = folder / "leaflet.html"
    html.write_text(
        f'<!doctype html><html lang="en"><head><title>x</title><link rel="stylesheet" href="{url}"></head><body><p>Text</p></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as caught:
        write_leaflet_pdf(html, folder / "leaflet.pdf", "test")
    assert "may load only the files of the site being built" in str(caught.value) or "network" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (folder / "leaflet.pdf").exists()


def test_the_site_own_files_still_load(tmp_path: Path) -> None:
    html = tmp_path / "leaflet.html"
    (tmp_path / "leaflet.css").write_text("p { color: rgb(1, 2, 3) }\n", encoding="utf-8")
    html.write_text(
        '<!doctype html><html lang="en"><head><title>x</title><link rel="stylesheet" href="leaflet.css"></head>'
        "<body><p>Text</p></body></html>",
        encoding="utf-8",
    )
    write_leaflet_pdf(html, tmp_path / "leaflet.pdf", "test")
    assert (tmp_path / "leaflet.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_an_attachment_link_in_a_page_embeds_nothing_in_the_guide(project: Path) -> None:
    page = project / "content" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<a rel="attachment" href="file:///proc/self/environ">env</a>\n', encoding="utf-8")
    environment = {**MKDOCS_ENV, "MAPPA_TEST_SECRET": SECRET}
    result = subprocess.run([MAPPA, "build", "--out", "out"], cwd=project, capture_output=True, text=True, timeout=600, env=environment)
    assert result.returncode == 0, result.stderr
    guide = project / "out" / "guide.pdf"
    assert SECRET.encode() not in guide.read_bytes()
    assert PdfReader(str(guide)).attachments == {}


@pytest.mark.parametrize("where", ["content/assets/host.txt", "content/host.md", "templates/markdown/host.md"])
def test_a_link_out_of_the_project_is_refused_at_its_place(project: Path, where: str) -> None:
    link = project / where
    os.symlink("/etc/hostname", link)
    result = run_check(project)
    assert result.returncode == 1
    assert f"{where}:1:1: this is a link to /etc/hostname, outside the project: put the file itself here instead" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_link_to_a_folder_out_of_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(elsewhere, project / "content" / "assets" / "more")
    result = run_check(project)
    assert result.returncode == 1 and "content/assets/more:1:1: this is a link to" in result.stderr


@pytest.mark.slow
def test_nothing_linked_from_outside_is_published(project: Path) -> None:
    os.symlink("/etc/hostname", project / "content" / "assets" / "host.txt")
    result = subprocess.run([MAPPA, "build", "--out", "out"], cwd=project, capture_output=True, text=True, timeout=600, env=MKDOCS_ENV)
    assert result.returncode == 1 and not (project / "out").exists()


def test_a_link_inside_the_project_is_fine(project: Path) -> None:
    os.symlink(project / "content" / "assets" / "mappa.css", project / "content" / "assets" / "same.css")
    result = run_check(project)
    assert result.returncode == 0, result.stderr
