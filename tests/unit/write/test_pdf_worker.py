"""The second process that makes the PDFs (the leaflet's and the whole guide's) during the
build, and the compiled-template cache that saves recompiling the theme on every build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import jinja2
import pytest

from generator.cache import CACHE, Store
from generator.errors import BuildError
from generator.load.data import load_data
from generator.render.leaflet import render_leaflet
from generator.render.template_cache import bytecode_cache, fingerprint
from generator.write import pdf_worker as background
from generator.write.pipeline import build_site
from tests.conftest import DATA, ROOT, pages_built, replace_in, tree_digest


def _crash(*args: object) -> None:
    os._exit(1)


@pytest.mark.slow
@pytest.mark.cold_cache
def test_a_crashed_pdf_process_fails_the_build_and_leaves_nothing(
    tmp_path: Path, project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "write_leaflet_pdf", _crash)  # the forked worker inherits this
    with pytest.raises(BuildError, match="process making the leaflet's PDF stopped unexpectedly"):
        build_site(DATA, tmp_path / "site", project_copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


@pytest.mark.slow
@pytest.mark.cold_cache
def test_a_pdf_process_that_dies_while_starting_fails_the_build_cleanly(
    tmp_path: Path, project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "import_pdf_engine", _crash)
    with pytest.raises(BuildError, match="process making the leaflet's PDF stopped unexpectedly"):
        build_site(DATA, tmp_path / "site", project_copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


@pytest.mark.slow
def test_a_system_that_cannot_start_the_pdf_process_gets_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing.process import BaseProcess

    def no_more_processes(*args: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(BaseProcess, "start", no_more_processes)
    with pytest.raises(BuildError, match="^could not start a process for the leaflet's PDF: .*Resource temporarily unavailable$"):
        build_site(DATA, tmp_path / "site", ROOT)
    assert list(tmp_path.iterdir()) == []


def _disk_full(*args: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.slow
@pytest.mark.cold_cache
def test_any_error_in_the_pdf_process_comes_back_as_one_line(tmp_path: Path, project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "write_leaflet_pdf", _disk_full)
    with pytest.raises(BuildError) as caught:
        build_site(DATA, tmp_path / "site", project_copy)
    assert str(caught.value) == "the leaflet's PDF could not be made: OSError: [Errno 28] No space left on device"


@pytest.mark.slow
def test_pdfs_made_before_are_not_made_again(tmp_path: Path, project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same leaflet HTML and CSS, the same guide (and PDF code and WeasyPrint): the PDFs kept in the cache."""
    build_site(DATA, tmp_path / "first", project_copy)
    monkeypatch.setattr(background, "write_leaflet_pdf", _crash)  # a PDF process would now fail the build
    monkeypatch.setattr(background, "write_guide_pdf", _crash)
    build_site(DATA, tmp_path / "second", project_copy)
    for name in ("leaflet.pdf", "guide.pdf"):
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert (tmp_path / "second" / "index.html").read_bytes() == (tmp_path / "first" / "index.html").read_bytes()  # the link's numbers
    replace_in(project_copy / "content" / "privacy.md", "# Privacy", "# Privacy, edited")
    with pytest.raises(
        BuildError, match="^the process making the whole guide's PDF stopped unexpectedly$"
    ):  # a changed guide is made again
        build_site(DATA, tmp_path / "third", project_copy)
    edited = project_copy / "templates" / "leaflet" / "leaflet.css"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n.kicker { letter-spacing: 0.06em; }\n", encoding="utf-8")
    with pytest.raises(BuildError, match="^the process making the leaflet's PDF stopped unexpectedly$"):  # a changed leaflet is made again
        build_site(DATA, tmp_path / "fourth", project_copy)


@pytest.mark.slow
def test_the_leaflets_own_files_win_over_content_files_of_the_same_name(tmp_path: Path, project_copy: Path) -> None:
    (project_copy / "content" / "leaflet.css").write_text("body { color: red }\n", encoding="utf-8")
    build_site(DATA, tmp_path / "site", project_copy)
    made = render_leaflet(load_data(DATA), project_copy / "templates").css
    assert (tmp_path / "site" / "leaflet.css").read_text(encoding="utf-8") == made


@pytest.mark.slow
def test_compiled_templates_are_kept_but_never_stale(tmp_path: Path, project_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, project_copy)
    assert len(list((project_copy / CACHE / "jinja").iterdir())) > 20  # the theme's templates and ours
    replace_in(project_copy / "content" / "privacy.md", "# Privacy", "# Privacy, edited")
    replace_in(project_copy / "templates" / "overrides" / "main.html", "  {{ super() }}\n", "  {{ super() }}<meta name=edited>\n")
    out = pages_built(DATA, tmp_path / "again", project_copy)  # the pages, from the templates kept (no PDF is read)
    privacy = (out / "privacy.html").read_text(encoding="utf-8")
    assert "Privacy, edited" in privacy and "<meta name=edited>" in privacy


@pytest.mark.slow
@pytest.mark.cold_cache
def test_a_build_with_compiled_templates_kept_gives_the_same_bytes(tmp_path: Path, project_copy: Path) -> None:
    assert not (project_copy / CACHE).exists()
    build_site(DATA, tmp_path / "cold", project_copy)
    assert (project_copy / CACHE / "jinja").is_dir()
    build_site(DATA, tmp_path / "warm", project_copy)
    assert tree_digest(tmp_path / "cold") == tree_digest(tmp_path / "warm")


@pytest.mark.slow
@pytest.mark.cold_cache
def test_a_build_goes_on_when_the_cache_cannot_be_kept(tmp_path: Path, project_copy: Path) -> None:
    (project_copy / ".cache").write_text("a file where the cache folder would go", encoding="utf-8")
    store = Store(project_copy, "pdf")
    store.keep("kept", b"bytes")  # not an error: nothing is kept
    assert store.get("kept") is None
    build_site(DATA, tmp_path / "site", project_copy)
    assert (tmp_path / "site" / "privacy.html").is_file()


def test_a_cache_folder_that_disappears_is_not_an_error(tmp_path: Path) -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "Hello {{ name }}"}), bytecode_cache=bytecode_cache(tmp_path))
    assert env.get_template("page").render(name="reader") == "Hello reader"
    shutil.rmtree(tmp_path / CACHE)
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "Hello {{ name }}"}), bytecode_cache=bytecode_cache(tmp_path))
    assert env.get_template("page").render(name="reader") == "Hello reader"


def test_a_new_fingerprint_does_not_reuse_code_compiled_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, filters and versions are not in Jinja's own key: a change to any of them
    (a new fingerprint) must not reuse code compiled before it."""
    from generator.render import template_cache

    def load() -> None:
        loader = jinja2.DictLoader({"page": "Hello {{ name }}"})
        jinja2.Environment(loader=loader, bytecode_cache=bytecode_cache(tmp_path)).get_template("page")

    load()
    load()
    assert len(list((tmp_path / CACHE / "jinja").iterdir())) == 1  # compiled once, then taken from the cache
    monkeypatch.setattr(template_cache, "fingerprint", lambda: "another fingerprint")
    load()
    assert len(list((tmp_path / CACHE / "jinja").iterdir())) == 2  # compiled afresh


def test_fingerprint_covers_the_generators_code_and_the_engine_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from generator.cache import package_version
    from generator.render import template_cache

    def fresh() -> str:
        template_cache.fingerprint.cache_clear()
        package_version.cache_clear()  # a process asks once: here the versions change under it
        return template_cache.fingerprint()

    before = fingerprint()
    try:
        package = tmp_path / "generator"
        shutil.copytree(ROOT / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
        monkeypatch.setattr(template_cache, "__file__", str(package / "render" / "template_cache.py"))
        assert fresh() == before  # the same code gives the same fingerprint
        replace_in(package / "render" / "templating.py", "trim_blocks=True", "trim_blocks=False")
        edited_code = fresh()
        monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0")
        assert len({before, edited_code, fresh()}) == 3
    finally:
        template_cache.fingerprint.cache_clear()
        package_version.cache_clear()
