"""Shared fixtures: the project's folders, a scratch copy of the data, and one built site."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from generator.cache import CACHE, cache_dir
from generator.write.pipeline import build_site, write_leaflet_file

T = TypeVar("T")

# A test run started in the background (`nohup`, `&` in a script) inherits SIGINT ignored,
# and so would every command a test starts, which Ctrl-C would then not stop: the tests of
# Ctrl-C need it as a terminal gives it.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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
    """A copy of the project's engine settings, pages, templates and catalogues that a test may break.
    Its cache starts with the project's PDFs and compressed copies (linked, never written
    in place: a cache keeps a thing by replacing it whole), unless the test is marked
    ``cold_cache``."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "translations", root / "translations")
    (root / "generator" / "write").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "write" / "mkdocs_hook.py", root / "generator" / "write")
    if request.node.get_closest_marker("cold_cache") is None:
        seed_cache(root)
    return root


def seed_cache(root: Path, kinds: tuple[str, ...] = SEEDED) -> None:
    """Start the cache of the project copy in ``root`` with the project's things of ``kinds``
    (linked, never written in place: a cache keeps a thing by replacing it whole)."""
    for kind in kinds:
        if (cache_dir(ROOT) / kind).is_dir():
            shutil.copytree(
                cache_dir(ROOT) / kind, root / CACHE / kind, copy_function=_link_or_copy, ignore=shutil.ignore_patterns("*.tmp")
            )


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


@dataclass(frozen=True)
class Ran:
    """What a ``mappa`` command did: its exit status and what it wrote."""

    returncode: int
    stdout: str
    stderr: str


def mappa(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, process: bool = False, timeout: float = 600) -> Ran:
    """``mappa ARGS`` run in ``cwd``, as an editor would run it there: by default in this
    process through click's CliRunner (for messages and exit codes); as a real process of
    the console script where processes are the point (``process=True``). ``env`` is the
    whole environment; an exception that would have ended the real process is written to
    stderr as Python would write it, with exit status 1."""
    if process:
        done = subprocess.run([MAPPA, *args], cwd=cwd, env=env or MKDOCS_ENV, capture_output=True, text=True, timeout=timeout)
        return Ran(done.returncode, done.stdout, done.stderr)
    from click.testing import CliRunner

    from generator.cli import main

    changes = {name: value for name, value in (env or MKDOCS_ENV).items() if os.environ.get(name) != value}
    changes.update({name: None for name in os.environ if env is not None and name not in env})
    with contextlib.chdir(cwd):
        result = CliRunner(env=changes).invoke(main, list(args), prog_name="mappa")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Ran(result.exit_code, result.stdout, stderr)


def mkdocs_build(site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project into ``site_dir``, MkDocs's own command as an
    editor runs it (the hook renders the pages), with ``env`` added to the environment."""
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env={**MKDOCS_ENV, **env})


def pages_built(data_dir: Path, out: Path, root: Path = ROOT) -> Path:
    """The site's pages from ``data_dir``, as the site engine builds them in ``mappa build``
    (every output rendered, then MkDocs with the project's hook), into ``out``, in each of
    the area's languages (the Welsh in ``out/cy``): for tests of what the pages say after a
    change to the data, without laying out the PDFs again."""
    from generator.i18n import ENGLISH, language_of, speaking
    from generator.load.data import load_data
    from generator.load.translated_data import language_editions
    from generator.render.leaflet import LEAFLET_PDF
    from generator.write.files import write_tree
    from generator.write.pipeline import render_sources
    from generator.write.site_engine import run_site_engine

    for edition in language_editions(load_data(data_dir), root):
        code = language_of(edition)
        markdown = out.parent / (f"{out.name}-markdown" if code == ENGLISH else f"{out.name}-markdown-{code}")
        with speaking(code, root):
            write_tree({**render_sources(edition, root), LEAFLET_PDF: b""}, markdown)
            run_site_engine(root, markdown, out if code == ENGLISH else out / code, edition)
    return out


def run_check(project: Path, *options: str) -> Ran:
    """``mappa check`` run in ``project``, as an editor would run it there."""
    return mappa("check", *options, cwd=project)


@pytest.fixture(scope="session", autouse=True)
def one_browser_per_worker() -> Iterator[None]:
    """The browser tests share one Chromium per test process (tests/browser.py), closed here."""
    yield
    from tests.browser import close_shared_browser

    close_shared_browser()


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Callable[[str, Callable[[Path], T]], T]:
    """``once_per_run(name, make)``: ``make(folder)`` run once in the whole test run, by the
    first pytest-xdist worker to ask, in a folder every worker sees; each worker gets the
    same (pickled) value. For what only the tests of one module read: with this pytest,
    ``xdist_group`` does not keep a module on one worker, so a module-scoped fixture would
    be made once by each worker."""
    base = tmp_path_factory.getbasetemp()
    shared_root = base if worker_id == "master" else base.parent  # the folder every worker of this run sees

    def get(name: str, make: Callable[[Path], T]) -> T:
        from filelock import FileLock

        folder = shared_root / f"once-{name}"
        kept = shared_root / f"once-{name}.pickle"
        with FileLock(str(folder) + ".lock"):
            if not kept.is_file():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                kept.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(kept.read_bytes())

    return get


@pytest.fixture(scope="session")
def built_site(once_per_run: Callable[[str, Callable[[Path], Path]], Path]) -> Path:
    """The site built once from the real data, shared by the output tests (which only read it)."""

    def build(folder: Path) -> Path:
        build_site(DATA, folder / "site", ROOT)
        return folder / "site"

    return once_per_run("built", build)


WALES = ROOT / "areas" / "example-wales"


@pytest.fixture(scope="session")
def welsh_site(once_per_run: Callable[[str, Callable[[Path], Path]], Path]) -> Path:
    """The example bilingual area (areas/example-wales) built once, English at its root and
    Welsh under cy/, shared by the tests of the Welsh site (which only read it)."""

    def build(folder: Path) -> Path:
        build_site(WALES, folder / "site", ROOT)
        return folder / "site"

    return once_per_run("welsh", build)


HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2) [x](javascript:alert(3)) **bold**'


@pytest.fixture(scope="session")
def hostile_site(once_per_run: Callable[[str, Callable[[Path], Path]], Path]) -> Path:
    """One site built once from data whose texts carry markup (HOSTILE) in the venue's, the
    office's, the owner's and the site's names, a glossary term, the area's name and the
    disclaimer: every test of how such text is shown reads it. Its pages and the leaflet's
    PDF only: no test reads its whole guide."""

    def build(folder: Path) -> Path:
        data = folder / "data"
        shutil.copytree(DATA, data)
        replace_in(data / "venues.yaml", "name: Norwich", f"name: '{HOSTILE}'")
        replace_in(data / "contacts.yaml", "name: Norfolk MAPPA office", f"name: '{HOSTILE}'")
        replace_in(data / "site.yaml", "owner: Norfolk MAPPA office", f"owner: '{HOSTILE}'")
        replace_in(data / "glossary.yaml", "  - term: PPANI\n", f"  - term: '{HOSTILE}'\n")
        replace_in(data / "site.yaml", "area_name: Norfolk", "area_name: '<b>Norfolk</b>'")
        replace_in(data / "site.yaml", "site_title: Norfolk MAPPA for health professionals", f"site_title: '{HOSTILE}'")
        site_yaml = data / "site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8").split("disclaimer:")[0] + f"disclaimer: '{HOSTILE}'\n", encoding="utf-8")
        pages_built(data, folder / "site")  # what its tests read: the pages and the leaflet's PDF
        write_leaflet_file(data, str(folder / "leaflet.pdf"), ROOT)
        (folder / "leaflet.pdf").replace(folder / "site" / "leaflet.pdf")
        return folder / "site"

    return once_per_run("hostile", build)


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
