"""Shared fixtures: the project's folders, a scratch copy of the data, and one built site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import CACHE, cache_dir
from generator.write.pipeline import build_site

pytest_plugins = ["tests.web_server"]  # the `served_site` fixture

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The `mappa` command of this environment, for tests that run it as an editor would.
MAPPA = str(Path(sys.executable).parent / "mappa")

# Material shows an end-of-life banner when the program is called `mkdocs`, unless this is set.
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


SEEDED = ("pdf", "compressed")  # what a project copy's cache starts with: the PDFs and compressed copies made before


@pytest.fixture
def project_copy(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A copy of the project's engine settings, pages and templates that a test may break.
    Its cache starts with the project's PDFs and compressed copies (linked, never written
    in place: a cache keeps a thing by replacing it whole), unless the test is marked
    ``cold_cache``."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "generator" / "write").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "write" / "mkdocs_hook.py", root / "generator" / "write")
    if request.node.get_closest_marker("cold_cache") is None:
        for kind in SEEDED:
            if (cache_dir(ROOT) / kind).is_dir():
                shutil.copytree(
                    cache_dir(ROOT) / kind, root / CACHE / kind, copy_function=_link_or_copy, ignore=shutil.ignore_patterns("*.tmp")
                )
    return root


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the two folders share a file system, a copy where they do not."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture
def project(project_copy: Path) -> Path:
    """A project copy with its own data/ folder, worked in from inside as an editor would."""
    shutil.copytree(DATA, project_copy / "data")
    return project_copy


def run_check(project: Path, *options: str) -> subprocess.CompletedProcess:
    """``mappa check`` run in ``project``, as an editor would run it there."""
    return subprocess.run([MAPPA, "check", *options], cwd=project, capture_output=True, text=True, timeout=120, env=MKDOCS_ENV)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site built once from the real data, shared by the output tests (which only read
    it): under pytest-xdist, by every worker, the first to ask building it."""
    if worker_id == "master":  # one process: no other worker to share with
        out = tmp_path_factory.mktemp("built") / "site"
        build_site(DATA, out, ROOT)
        return out
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / "built"  # the folder every worker of this run sees
    with FileLock(str(shared) + ".lock"):
        if not (shared / "done").is_file():
            build_site(DATA, shared / "site", ROOT)
            (shared / "done").write_text("built\n", encoding="utf-8")
    return shared / "site"


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a data file in place, failing loudly if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()
    }
