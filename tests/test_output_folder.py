"""Where a command may write: refusals that touch nothing, and the safe swap of a built folder."""

from __future__ import annotations

import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from contextlib import nullcontext
from pathlib import Path

import pytest

import generator.write.output_folder as output_folder
from generator.errors import BuildError
from generator.write.output_folder import (
    MARKER,
    check_output_file,
    check_output_folder,
    replace_folder,
    staging_folder,
    write_file_atomically,
)
from generator.write.stop_signals import Stopped, stop_on_signals

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry below ``folder``: links by target, files by bytes, folders by name."""
    tree: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            tree[key] = ("link", os.readlink(path))
        elif path.is_file():
            tree[key] = ("file", path.read_bytes())
        else:
            tree[key] = ("folder",)
    return tree


def refused(call, *args, match: str, **kwargs) -> str:
    """Run a check that must refuse with a one-line message; return the message."""
    with pytest.raises(BuildError) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message
    assert match in message, message
    return message


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: mkdocs.yml, content/ and data/."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "templates").mkdir()
    (root / "mkdocs.yml").write_text("site_name: test\n")
    (root / "content" / "index.md").write_text("# Home\n")
    (root / "data" / "site.yaml").write_text("name: Test\n")
    return root


@pytest.fixture
def area(tmp_path: Path) -> Path:
    """A data folder outside the project, inside a folder of areas."""
    folder = tmp_path / "areas" / "norfolk"
    folder.mkdir(parents=True)
    (folder / "site.yaml").write_text("name: Norfolk\n")
    return folder


def check(target, project: Path, area: Path) -> Path:
    return check_output_folder(target, projects=[project], data_dirs=[project / "data", area])


def previous_build(folder: Path, text: str = "old") -> Path:
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by mappa build\n")
    (folder / "index.html").write_text(text)
    (folder / "assets").mkdir()
    (folder / "assets" / "site.css").write_text(text)
    return folder


def siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}-"))


# --- check_output_folder: refusals, each also through a symbolic link -----------------------

FOLDER_REFUSALS = {
    "existing file": (lambda t, p, a: t / "notes.txt", "is a file, not a folder"),
    "parent is a file": (lambda t, p, a: t / "notes.txt" / "site", "is a file, not a folder"),
    "project folder": (lambda t, p, a: p, "is the project folder"),
    "parent of project": (lambda t, p, a: t, "contains the project folder"),
    "project's data folder": (lambda t, p, a: p / "data", "is the data folder"),
    "inside the data folder": (lambda t, p, a: p / "data" / "site", "is inside the data folder"),
    "inside data, existing": (lambda t, p, a: a / "built", "is inside the data folder"),
    "area's data folder": (lambda t, p, a: a, "is the data folder"),
    "parent of a data folder": (lambda t, p, a: a.parent, "contains the data folder"),
    "project's content": (lambda t, p, a: p / "content", "not empty and was not made by mappa"),
    "non-empty folder": (lambda t, p, a: t / "mine", "is not empty and was not made by mappa"),
}


@pytest.mark.parametrize("through_link", [False, True], ids=["direct", "link"])
@pytest.mark.parametrize("case", list(FOLDER_REFUSALS))
def test_refused_folders_touch_nothing(case, through_link, tmp_path, project, area):
    (tmp_path / "notes.txt").write_bytes(b"my notes\x00\xff")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_bytes(b"\\begin{document}")
    (area / "built").mkdir()
    (area / "built" / MARKER).write_text("made by mappa build\n")  # even a build inside data is refused
    path, expected = FOLDER_REFUSALS[case]
    target = path(tmp_path, project, area)
    if through_link:
        links = Path(tempfile.mkdtemp(dir=tmp_path.parent, prefix="links-"))
        if case == "parent is a file":
            (links / "to").symlink_to(target.parent)
            target = links / "to" / target.name
        else:
            (links / "to").symlink_to(target)
            target = links / "to"
    before = snapshot(tmp_path)
    message = refused(check, target, project, area, match=expected)
    assert f'"{target}"' in message
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("sign", ["data", "content", ".git", "mkdocs.yml", "pyproject.toml"])
@pytest.mark.parametrize("through_link", [False, True], ids=["direct", "link"])
def test_refuses_any_project_like_folder_even_unguarded(sign, through_link, tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    if sign.endswith((".yml", ".toml")):
        (folder / sign).write_text("x")
    else:
        (folder / sign).mkdir()
    (folder / MARKER).write_text("made by mappa build\n")  # a marker does not excuse them
    target = folder
    if through_link:
        (tmp_path / "link").symlink_to(folder)
        target = tmp_path / "link"
    before = snapshot(tmp_path)
    refused(check_output_folder, target, projects=[], data_dirs=[], match=f"looks like a project folder (it holds {sign})")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("typed", ["", ".", Path(""), Path(".")], ids=["empty", "dot", "Path-empty", "Path-dot"])
def test_empty_and_dot_from_a_project_are_refused(typed, project, area, monkeypatch):
    monkeypatch.chdir(project)
    before = snapshot(project)
    refused(check, typed, project, area, match="is the project folder")
    refused(check_output_folder, typed, projects=[], data_dirs=[], match="looks like a project folder")
    assert snapshot(project) == before


def test_dot_through_a_symlinked_working_folder(project, area, tmp_path, monkeypatch):
    (tmp_path / "alias").symlink_to(project)
    monkeypatch.chdir(tmp_path / "alias")
    refused(check, ".", project, area, match="is the project folder")
    refused(check, "..", project, area, match="contains the project folder")


def test_real_project_and_data_are_refused():
    refused(check_output_folder, ROOT, projects=[ROOT], data_dirs=[ROOT / "data"], match="is the project folder")
    refused(check_output_folder, ROOT / "data", projects=[ROOT], data_dirs=[ROOT / "data"], match="is the data folder")
    refused(check_output_folder, ROOT.parent, projects=[ROOT], data_dirs=[], match="contains the project folder")
    refused(check_output_folder, "/", projects=[], data_dirs=[], match="not empty and was not made by mappa")


def test_a_link_loop_is_refused(tmp_path, project, area):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    refused(check, tmp_path / "a", project, area, match="cannot be followed")


# --- check_output_folder: what is allowed ----------------------------------------------------

def test_allowed_folders_resolve(tmp_path, project, area, monkeypatch):
    monkeypatch.chdir(project)
    assert check("site", project, area) == project / "site"  # missing, inside the project
    assert check(tmp_path / "new" / "deeper", project, area) == tmp_path / "new" / "deeper"
    (tmp_path / "empty").mkdir()
    assert check(tmp_path / "empty", project, area) == tmp_path / "empty"
    previous_build(project / "site")
    assert check(Path("site"), project, area) == project / "site"
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    assert check(tmp_path / "link", project, area) == tmp_path / "empty"
    (tmp_path / "dangling").symlink_to(tmp_path / "elsewhere")
    assert check(tmp_path / "dangling", project, area) == tmp_path / "elsewhere"


def test_what_a_command_makes_itself_is_no_sign_of_a_project(tmp_path):
    out = tmp_path / "export"
    previous_build(out)
    (out / "mkdocs.yml").write_text("site_name: export\n")
    (out / "docs").mkdir()
    assert check_output_folder(out, projects=[], data_dirs=[], makes=["mkdocs.yml", "docs"]) == out
    refused(check_output_folder, out, projects=[], data_dirs=[], match="it holds mkdocs.yml")
    (out / MARKER).unlink()
    refused(check_output_folder, out, projects=[], data_dirs=[], makes=["mkdocs.yml"], match="it holds mkdocs.yml")


def test_a_marker_that_is_not_a_file_does_not_count(tmp_path):
    out = tmp_path / "site"
    (out / MARKER).mkdir(parents=True)
    refused(check_output_folder, out, projects=[], data_dirs=[], match="was not made by mappa")


# --- check_output_file ----------------------------------------------------------------------

FILE_REFUSALS = {
    "existing folder": (lambda t, p: str(t / "mine"), "is a folder"),
    "trailing slash": (lambda t, p: str(t / "new") + "/", "ends with a slash"),
    "parent is a file": (lambda t, p: str(t / "notes.txt" / "leaflet.pdf"), "is a file, not a folder"),
    "someone's file": (lambda t, p: str(t / "notes.txt"), "is not a %PDF file"),
    "empty file": (lambda t, p: str(t / "empty.pdf"), "is not a %PDF file"),
    "inside data": (lambda t, p: str(p / "data" / "leaflet.pdf"), "holds the project's sources"),
    "inside content": (lambda t, p: str(p / "content" / "leaflet.pdf"), "holds the project's sources"),
    "inside templates": (lambda t, p: str(p / "templates" / "x" / "leaflet.pdf"), "holds the project's sources"),
    "a PDF inside data": (lambda t, p: str(p / "data" / "old.pdf"), "holds the project's sources"),
}


@pytest.mark.parametrize("through_link", [False, True], ids=["direct", "link"])
@pytest.mark.parametrize("case", list(FILE_REFUSALS))
def test_refused_files_touch_nothing(case, through_link, tmp_path, project):
    (tmp_path / "notes.txt").write_bytes(b"my notes")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "mine").mkdir()
    (project / "data" / "old.pdf").write_bytes(b"%PDF-1.7 kept")
    path, expected = FILE_REFUSALS[case]
    typed = path(tmp_path, project)
    if through_link:
        links = Path(tempfile.mkdtemp(dir=tmp_path.parent, prefix="links-"))
        real = Path(typed)
        if case in ("existing folder", "someone's file", "empty file", "a PDF inside data"):
            (links / "to").symlink_to(real)
            typed = str(links / "to")
        else:  # link to the parent folder, keep the last part as typed
            (links / "to").symlink_to(real.parent)
            typed = str(links / "to" / real.name) + ("/" if typed.endswith("/") else "")
    before = snapshot(tmp_path)
    refused(check_output_file, typed, guarded_dirs=[project / d for d in ("data", "content", "templates")], magic=b"%PDF", match=expected)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("typed", ["", ".", "..", "sub/."])
def test_folder_like_file_names_are_refused(typed, tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub" if typed != "sub/." else tmp_path)
    refused(check_output_file, typed, guarded_dirs=[], magic=b"%PDF", match="folder")


def test_allowed_files(tmp_path, project, monkeypatch):
    monkeypatch.chdir(project)
    guarded = [project / "data", project / "content", project / "templates"]
    assert check_output_file("leaflet.pdf", guarded_dirs=guarded, magic=b"%PDF") == project / "leaflet.pdf"
    assert check_output_file(tmp_path / "out" / "a.pdf", guarded_dirs=guarded, magic=b"%PDF") == tmp_path / "out" / "a.pdf"
    (project / "leaflet.pdf").write_bytes(b"%PDF-1.7 earlier leaflet")
    assert check_output_file("leaflet.pdf", guarded_dirs=guarded, magic=b"%PDF") == project / "leaflet.pdf"
    (tmp_path / "link.pdf").symlink_to(project / "leaflet.pdf")
    assert check_output_file(tmp_path / "link.pdf", guarded_dirs=guarded, magic=b"%PDF") == project / "leaflet.pdf"


# --- write_file_atomically ------------------------------------------------------------------

def test_write_file_atomically(tmp_path):
    target = tmp_path / "new" / "leaflet.pdf"
    write_file_atomically(target, b"%PDF first")
    write_file_atomically(target, b"%PDF second")
    assert target.read_bytes() == b"%PDF second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["leaflet.pdf"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["oserror", "ctrl-c"])
def test_write_file_atomically_leaves_no_temporary(failure, tmp_path, monkeypatch):
    target = tmp_path / "leaflet.pdf"
    target.write_bytes(b"%PDF old")

    def fail(*args):
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    if isinstance(failure, OSError):
        refused(write_file_atomically, target, b"%PDF new", match="cannot write")
    else:
        with pytest.raises(KeyboardInterrupt):
            write_file_atomically(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF old"
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_write_file_atomically_parent_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    refused(write_file_atomically, tmp_path / "notes.txt" / "a.pdf", b"%PDF", match="cannot write")


# --- staging_folder -------------------------------------------------------------------------

@pytest.mark.parametrize("ending", [None, RuntimeError, KeyboardInterrupt, Stopped])
def test_staging_folder_is_always_removed(ending, tmp_path):
    target = tmp_path / "out" / "site"
    with pytest.raises(ending) if ending else nullcontext():
        with staging_folder(target) as staging:
            assert staging.parent == target.parent and staging.name.startswith(".site-build-")
            (staging / "site").mkdir()
            (staging / "site" / "index.html").write_text("x")
            if ending:
                raise ending(signal.SIGTERM) if ending is Stopped else ending()
    assert not staging.exists()
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system")])
def test_staging_folder_cannot_be_made(error, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(tempfile, "mkdtemp", fail)
    ran = []
    with pytest.raises(BuildError) as caught:
        with staging_folder(tmp_path / "site"):
            ran.append(True)
    assert not ran and "\n" not in str(caught.value) and "cannot create a working folder" in str(caught.value)


def test_staging_folder_parent_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="cannot create a working folder"):
        with staging_folder(tmp_path / "notes.txt" / "site"):
            pass
    assert (tmp_path / "notes.txt").read_text() == "mine"


# --- replace_folder -------------------------------------------------------------------------

def built(staging: Path, text: str = "new") -> Path:
    site = staging / "site"
    site.mkdir()
    (site / "index.html").write_text(text)
    return site


def test_replaces_a_previous_build(tmp_path):
    target = previous_build(tmp_path / "site")
    with staging_folder(target) as staging:
        assert replace_folder(built(staging), target, made_by="mappa build") is None
    assert (target / "index.html").read_text() == "new"
    assert not (target / "assets").exists()
    assert "mappa build" in (target / MARKER).read_text()
    assert siblings(target) == []


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_replaces_missing_or_empty_folder(state, tmp_path):
    target = tmp_path / "site"
    if state == "empty":
        target.mkdir()
        target.chmod(0o750)
    with staging_folder(target) as staging:
        assert replace_folder(built(staging), target, made_by="mappa build") is None
    assert (target / "index.html").read_text() == "new" and (target / MARKER).is_file()
    assert siblings(target) == []
    expected = 0o750 if state == "empty" else 0o777 & ~output_folder._umask()
    assert stat.S_IMODE(target.stat().st_mode) == expected


def test_staging_itself_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "site"
    with staging_folder(target) as staging:
        (staging / "index.html").write_text("x")
        replace_folder(staging, target, made_by="mappa schema")
    assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~output_folder._umask()


def test_refuses_a_target_that_changed_since_the_check(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "thesis.tex").write_text("mine")
    with staging_folder(target) as staging:
        refused(replace_folder, built(staging), target, made_by="mappa build", match="no longer empty or made by mappa")
    assert (target / "thesis.tex").read_text() == "mine" and not (target / MARKER).exists()


def test_old_copy_that_cannot_be_deleted(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_rmtree = shutil.rmtree

    def failing_rmtree(path, *args, **kwargs):
        if "/.site-old-" in str(path):
            raise PermissionError(13, "Permission denied")
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", failing_rmtree)
    with staging_folder(target) as staging:
        warning = replace_folder(built(staging), target, made_by="mappa build")
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert (target / "index.html").read_text() == "new"
    [left] = siblings(target)
    assert left.startswith(".site-old-") and (tmp_path / left / MARKER).is_file()  # deleted last
    assert warning and "\n" not in warning and str(tmp_path / left) in warning and "next build removes it" in warning
    (tmp_path / ".site-old-mine").mkdir()  # not made by mappa: never touched
    (tmp_path / ".site-old-mine" / "keep.txt").write_text("keep")
    (tmp_path / ".site-other").mkdir()
    with staging_folder(target) as staging:
        assert replace_folder(built(staging, "newer"), target, made_by="mappa build") is None
    assert (target / "index.html").read_text() == "newer"
    assert siblings(target) == [".site-old-mine", ".site-other"]
    assert (tmp_path / ".site-old-mine" / "keep.txt").read_text() == "keep"


def test_interrupted_while_deleting_the_old_copy(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):  # Ctrl-C after the first file of the old copy went
        real_unlink(path, *args, **kwargs)
        if "/.site-old-" in str(path):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(KeyboardInterrupt):
        with staging_folder(target) as staging:
            replace_folder(built(staging), target, made_by="mappa build")
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert (target / "index.html").read_text() == "new"
    [left] = siblings(target)
    assert (tmp_path / left / MARKER).is_file()
    with staging_folder(target) as staging:
        replace_folder(built(staging), target, made_by="mappa build")
    assert siblings(target) == []


def test_renaming_the_new_folder_fails_and_so_does_putting_the_old_back(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    before = snapshot(target)

    def rename(source, destination):
        if ".site-old-" in str(source) or Path(source).name == "site" and Path(source).parent != tmp_path:
            raise OSError(5, "Input/output error")
        return real_rename(source, destination)

    real_rename = os.rename
    monkeypatch.setattr(os, "rename", rename)
    with staging_folder(target) as staging:
        message = refused(replace_folder, built(staging), target, made_by="mappa build", match="the previous one is at")
    [left] = siblings(target)
    assert str(tmp_path / left) in message and not target.exists()
    assert snapshot(tmp_path / left) == before  # never deleted


def test_renaming_the_new_folder_fails(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    before = snapshot(target)
    real_rename = os.rename

    def rename(source, destination):
        if Path(destination) == target and ".site-old-" not in str(source):
            raise OSError(18, "Invalid cross-device link")
        return real_rename(source, destination)

    monkeypatch.setattr(os, "rename", rename)
    with staging_folder(target) as staging:
        refused(replace_folder, built(staging), target, made_by="mappa build", match="the previous one is unchanged")
    assert snapshot(target) == before
    assert siblings(target) == []


def test_moving_the_old_folder_aside_fails(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    before = snapshot(target)

    def rename(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", rename)
    with staging_folder(target) as staging:
        refused(replace_folder, built(staging), target, made_by="mappa build", match="it is unchanged")
    assert snapshot(target) == before and siblings(target) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signals_wait_until_the_swap_is_complete(signum, tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_rename = os.rename
    events = []

    def rename(source, destination):
        if not events:
            os.kill(os.getpid(), signum)
            events.append(("pending", signum in signal.sigpending()))
        real_rename(source, destination)
        events.append(("renamed", Path(destination).name))

    monkeypatch.setattr(os, "rename", rename)
    with stop_on_signals():
        with pytest.raises(KeyboardInterrupt) as caught:
            with staging_folder(target) as staging:
                replace_folder(built(staging), target, made_by="mappa build")
                events.append(("returned",))
    assert caught.type is (KeyboardInterrupt if signum == signal.SIGINT else Stopped)
    assert events[0] == ("pending", True)
    assert [e[0] for e in events] == ["pending", "renamed", "renamed"]  # raised after both renames
    assert (target / "index.html").read_text() == "new"
    assert siblings(target) == []  # the old copy was still deleted, and the staging folder


def test_signal_taken_by_another_thread_is_replayed_after_the_swap(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_rename = os.rename
    events = []
    release = threading.Event()
    other = threading.Thread(target=release.wait)  # started before the swap: SIGTERM unblocked there
    other.start()

    def rename(source, destination):
        if not events:
            signal.pthread_kill(other.ident, signal.SIGTERM)  # the kernel hands it to the other thread
            assert select.select([wake_read], [], [], 10)[0]  # its C handler ran: the flag is set
            for _ in range(1000):  # the main thread runs the Python handler here
                pass
            events.append("sent")
        real_rename(source, destination)
        events.append("renamed")

    monkeypatch.setattr(os, "rename", rename)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    previous_wakeup = signal.set_wakeup_fd(wake_write)
    try:
        with stop_on_signals():
            with pytest.raises(Stopped):
                with staging_folder(target) as staging:
                    replace_folder(built(staging), target, made_by="mappa build")
    finally:
        signal.set_wakeup_fd(previous_wakeup)
        os.close(wake_read)
        os.close(wake_write)
        release.set()
        other.join()
    assert events == ["sent", "renamed", "renamed"]
    assert (target / "index.html").read_text() == "new" and siblings(target) == []


def test_replace_on_another_thread(tmp_path):
    target = previous_build(tmp_path / "site")
    results = []

    def work():
        with staging_folder(target) as staging:
            results.append(replace_folder(built(staging), target, made_by="mappa build-all"))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [None] and (target / "index.html").read_text() == "new" and siblings(target) == []


# --- as an ordinary user, with real permissions ---------------------------------------------

SCRIPT = """
import sys
from pathlib import Path
from generator.errors import BuildError
from generator.write.output_folder import replace_folder, staging_folder
target = Path(sys.argv[2])
try:
    with staging_folder(target) as staging:
        if sys.argv[1] == "replace":
            (staging / "index.html").write_text("new")
            print(replace_folder(staging, target, made_by="mappa build"))
except BuildError as error:
    print("BuildError:", error)
"""


def as_nobody(*args: str) -> subprocess.CompletedProcess:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as nobody")
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", SCRIPT, *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/", timeout=60)
    if result.returncode != 0 and "ModuleNotFoundError" in result.stderr:
        pytest.skip("nobody cannot import the project here")
    return result


@pytest.fixture
def public_tmp():
    """A folder outside /tmp/pytest-of-root (which only root may enter)."""
    folder = Path(tempfile.mkdtemp(prefix="mappa-output-test-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_real_read_only_parent(public_tmp):
    parent = public_tmp / "readonly"
    parent.mkdir()
    parent.chmod(0o555)
    result = as_nobody("stage", str(parent / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BuildError: cannot create a working folder") and result.stdout.count("\n") == 1
    assert list(parent.iterdir()) == []


def test_real_old_copy_that_cannot_be_deleted(public_tmp):
    public_tmp.chmod(0o777)
    target = previous_build(public_tmp / "site")
    locked = target / "assets"  # root's folder, read-only: nobody cannot empty it
    locked.chmod(0o555)
    for path in (target, target / MARKER, target / "index.html"):
        os.chown(path, 65534, 65534)
    result = as_nobody("replace", str(target))
    assert result.returncode == 0, result.stderr
    [left] = siblings(target)
    assert result.stdout.startswith("warning: the previous site could not be deleted") and str(public_tmp / left) in result.stdout
    assert (target / "index.html").read_text() == "new"
    assert (public_tmp / left / MARKER).is_file()
    (public_tmp / left / "assets").chmod(0o755)
    with staging_folder(target) as staging:
        assert replace_folder(built(staging, "newer"), target, made_by="mappa build") is None
    assert siblings(target) == []
