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
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest

import generator.write.output_folder as output_folder
from generator.errors import BuildError
from generator.paths import guarded_paths
from generator.write.output_folder import (
    MARKER,
    MARKER_START,
    check_output_file,
    check_output_folder,
    replace_folder,
    write_file_atomically,
)
from generator.write.staging import staging_folder
from generator.write.stop_signals import Stopped, stop_on_signals
from tests.conftest import ROOT


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


def sources(project: Path, area: Path) -> list[Path]:
    """The folders of data and sources, as generator.paths.guarded_sources gives them."""
    return [area, *(project / name for name in ("data", "content", "templates", "generator", ".git"))]


def check(target, project: Path, area: Path) -> Path:
    return check_output_folder(target, projects=[project], data_dirs=sources(project, area))


def mark(folder: Path) -> None:
    """Write the marker as mappa writes it (its text starts with MARKER_START)."""
    (folder / MARKER).write_bytes(MARKER_START + b"build`. The next build may delete and replace this whole folder.\n")


def previous_build(folder: Path, text: str = "old") -> Path:
    folder.mkdir(parents=True)
    mark(folder)
    (folder / "index.html").write_text(text)
    (folder / "assets").mkdir()
    (folder / "assets" / "site.css").write_text(text)
    return folder


def siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}-"))


# --- check_output_folder: refusals, each also through a symbolic link -----------------------

# The expected text may name the project ({p}) and the area's data folder ({a}).
FOLDER_REFUSALS = {
    "existing file": (lambda t, p, a: t / "notes.txt", "is a file, not a folder"),
    "parent is a file": (lambda t, p, a: t / "notes.txt" / "site", "is a file, not a folder"),
    "project folder": (lambda t, p, a: p, "is the project folder: choose an empty or new output folder"),
    "parent of project": (lambda t, p, a: t, "contains {p}, the project folder: choose an empty or new output folder"),
    "project's data folder": (lambda t, p, a: p / "data", "is a folder of data or sources: choose an empty or new output folder"),
    "inside the data folder": (
        lambda t, p, a: p / "data" / "site",
        "is inside {p}/data, a folder of data or sources: choose an output folder outside it",
    ),
    "inside data, existing": (
        lambda t, p, a: a / "built",
        "is inside {a}, a folder of data or sources: choose an output folder outside it",
    ),
    "area's data folder": (lambda t, p, a: a, "is a folder of data or sources: choose an empty or new output folder"),
    "parent of a data folder": (
        lambda t, p, a: a.parent,
        "contains {a}, a folder of data or sources: choose an empty or new output folder",
    ),
    "project's content": (lambda t, p, a: p / "content", "is a folder of data or sources"),
    "inside content": (lambda t, p, a: p / "content" / "site", "is inside {p}/content, a folder of data or sources"),
    "project's templates": (lambda t, p, a: p / "templates", "is a folder of data or sources"),
    "inside templates": (lambda t, p, a: p / "templates" / "out", "is inside {p}/templates, a folder of data or sources"),
    "inside generator, missing": (lambda t, p, a: p / "generator" / "out", "is inside {p}/generator, a folder of data or sources"),
    "non-empty folder": (lambda t, p, a: t / "mine", "is not empty and was not made by mappa"),
    "someone's marker": (lambda t, p, a: t / "theirs", "is not empty and was not made by mappa"),
}


@pytest.mark.parametrize("through_link", [False, True], ids=["direct", "link"])
@pytest.mark.parametrize("case", list(FOLDER_REFUSALS))
def test_refused_folders_touch_nothing(case, through_link, tmp_path, project, area):
    (tmp_path / "notes.txt").write_bytes(b"my notes\x00\xff")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_bytes(b"\\begin{document}")
    (area / "built").mkdir()
    mark(area / "built")  # even a build inside data is refused
    (tmp_path / "theirs").mkdir()  # a file of the marker's name, with the user's own text
    (tmp_path / "theirs" / MARKER).write_bytes(b"x")
    (tmp_path / "theirs" / "index.html").write_bytes(b"<p>mine</p>")
    path, expected = FOLDER_REFUSALS[case]
    target = path(tmp_path, project, area)
    expected = expected.format(p=project.resolve(), a=area.resolve())
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
    mark(folder)  # a marker does not excuse them
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
    refused(check, "..", project, area, match=f"contains {project.resolve()}, the project folder")


def test_real_project_and_data_are_refused():
    guarded = guarded_paths(ROOT, ROOT / "data")
    refused(check_output_folder, ROOT, **guarded, match="is the project folder")
    for name in ("data", "content", "templates", "generator"):
        refused(check_output_folder, ROOT / name, **guarded, match="is a folder of data or sources")
        refused(check_output_folder, ROOT / name / "site", **guarded, match=f"is inside {ROOT / name}, a folder of data or sources")
    refused(check_output_folder, ROOT.parent, projects=[ROOT], data_dirs=[], match=f"contains {ROOT}, the project folder")
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


def test_what_the_command_that_made_a_folder_writes_is_no_sign_of_a_project(tmp_path):
    out = tmp_path / "export"
    out.mkdir()
    (out / MARKER).write_bytes(MARKER_START + b"render`. The next build may delete and replace this whole folder.\n")
    (out / "mkdocs.yml").write_text("site_name: export\n")
    (out / "docs").mkdir()
    assert check_output_folder(out, projects=[], data_dirs=[]) == out  # for render again, or build over it
    (out / "data").mkdir()  # render writes no data/
    refused(check_output_folder, out, projects=[], data_dirs=[], match="it holds data")
    (out / "data").rmdir()
    (out / MARKER).write_bytes(MARKER_START + b"build`.\n")  # build writes no mkdocs.yml
    refused(check_output_folder, out, projects=[], data_dirs=[], match="it holds mkdocs.yml")
    (out / MARKER).unlink()
    refused(check_output_folder, out, projects=[], data_dirs=[], match="it holds mkdocs.yml")


def test_a_marker_that_is_not_a_file_does_not_count(tmp_path):
    out = tmp_path / "site"
    (out / MARKER).mkdir(parents=True)
    refused(check_output_folder, out, projects=[], data_dirs=[], match="was not made by mappa")


@pytest.mark.parametrize("text", [b"x", b"", b"made by mappa build\n", MARKER_START[:-1], b" " + MARKER_START + b"build`.\n"])
def test_a_marker_with_other_text_is_a_users_file(text, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / MARKER).write_bytes(text)
    (out / "thesis.tex").write_bytes(b"\\begin{document}\x00\xff")
    (out / "mkdocs.yml").write_bytes(b"site_name: mine\n")
    before = snapshot(tmp_path)
    refused(check_output_folder, out, projects=[], data_dirs=[], match="it holds mkdocs.yml")
    assert snapshot(tmp_path) == before
    (out / "mkdocs.yml").unlink()
    before = snapshot(tmp_path)
    refused(check_output_folder, out, projects=[], data_dirs=[], match="is not empty and was not made by mappa")
    with staging_folder(out) as staging:  # and were it to change after the check: not replaced
        refused(replace_folder, built(staging), out, made_by="mappa build", match="no longer empty or made by mappa")
    assert snapshot(tmp_path) == before
    (out / MARKER).write_bytes(MARKER_START + b"build`.\n")  # the same folder, marked by mappa, is allowed
    assert check_output_folder(out, projects=[], data_dirs=[]) == out


# --- check_output_folder: a folder the user may not write in ----------------------------------


@pytest.fixture
def denied(monkeypatch):
    """Make os.access (as the module calls it) say no for the folders added to the list."""

    class Denied(list):
        asked: list[tuple[str, int]] = []

    folders = Denied()
    asked = folders.asked = []
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        asked.append((os.fspath(path), mode))
        if Path(path) in folders and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(output_folder.os, "access", access)
    return folders


@pytest.mark.parametrize("shape", ["missing", "missing, deeper", "empty", "previous build", "through a link"])
def test_a_folder_that_cannot_be_written_is_refused(shape, tmp_path, denied):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "mine").mkdir()
    typed = {
        "missing": locked / "site",
        "missing, deeper": locked / "out" / "site",
        "empty": locked / "site",
        "previous build": locked / "site",
        "through a link": tmp_path / "link",
    }[shape]
    if shape == "empty":
        typed.mkdir()
    elif shape == "previous build":
        previous_build(typed)
    elif shape == "through a link":  # the folder that counts is the real one's parent
        previous_build(locked / "site")
        typed.symlink_to(locked / "site")
    denied.append(locked)
    before = snapshot(tmp_path)
    message = refused(check_output_folder, typed, projects=[], data_dirs=[], match=f"cannot be written: permission denied in {locked}")
    assert message.startswith(f'"{typed}"')
    assert (str(locked), os.W_OK | os.X_OK) in denied.asked
    assert snapshot(tmp_path) == before
    denied.clear()  # allowed once the folder may be written in
    assert check_output_folder(typed, projects=[], data_dirs=[]) == (locked / "site" if shape == "through a link" else typed)


def test_only_the_folder_the_output_goes_in_must_be_writable(tmp_path, denied):
    """A missing output needs its nearest existing folder, an existing one its parent; not more."""
    (tmp_path / "out").mkdir()
    denied.append(tmp_path)  # above the folder that counts
    assert check_output_folder(tmp_path / "out" / "a" / "site", projects=[], data_dirs=[]) == tmp_path / "out" / "a" / "site"
    previous_build(tmp_path / "out" / "site")
    denied.append(tmp_path / "out" / "site")  # the output itself: the swap renames it, not in it
    assert check_output_folder(tmp_path / "out" / "site", projects=[], data_dirs=[]) == tmp_path / "out" / "site"
    denied.append(tmp_path / "out")
    refused(check_output_folder, tmp_path / "out" / "site", projects=[], data_dirs=[], match=f"permission denied in {tmp_path / 'out'}")
    refused(
        check_output_folder, tmp_path / "out" / "a" / "site", projects=[], data_dirs=[], match=f"permission denied in {tmp_path / 'out'}"
    )


def test_guarded_folders_are_named_before_permissions(tmp_path, project, area, denied):
    denied.extend([tmp_path, project, area.parent])
    refused(check, project / "data", project, area, match="is a folder of data or sources")
    refused(check, project, project, area, match="is the project folder")


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
    target = tmp_path / "out" / "deeper" / "site"
    with pytest.raises(ending) if ending else nullcontext():
        with staging_folder(target) as staging:
            assert staging.parent == target.parent and staging.name.startswith(".site-build-")
            (staging / "site").mkdir()
            (staging / "site" / "index.html").write_text("x")
            if ending:
                raise ending(signal.SIGTERM) if ending is Stopped else ending()
    assert not staging.exists()
    assert list(tmp_path.iterdir()) == []  # nor the folders made for it: no empty out/ left


@pytest.mark.parametrize("ending", [None, RuntimeError])
def test_staging_folder_keeps_folders_it_did_not_make(ending, tmp_path):
    (tmp_path / "out").mkdir()  # the user's, empty
    target = tmp_path / "out" / "deeper" / "site"
    with pytest.raises(ending) if ending else nullcontext():
        with staging_folder(target) as staging:
            (tmp_path / "out" / "deeper" / "notes.txt").write_bytes(b"put here meanwhile")
            if ending:
                raise ending()
    assert not staging.exists()
    assert snapshot(tmp_path) == {"out": ("folder",), "out/deeper": ("folder",), "out/deeper/notes.txt": ("file", b"put here meanwhile")}
    (tmp_path / "out" / "deeper" / "notes.txt").unlink()
    with staging_folder(target):  # deeper/ is there before this one: it stays, though empty
        pass
    assert snapshot(tmp_path) == {"out": ("folder",), "out/deeper": ("folder",)}


def test_folders_made_for_the_output_stay_with_it(tmp_path):
    target = tmp_path / "out" / "deeper" / "site"
    with staging_folder(target) as staging:
        assert replace_folder(built(staging), target, made_by="mappa build") is None
    assert (target / "index.html").read_text() == "new"
    assert sorted(snapshot(tmp_path)) == ["out", "out/deeper", "out/deeper/site", f"out/deeper/site/{MARKER}", "out/deeper/site/index.html"]


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
    assert (target / MARKER).read_bytes().startswith(MARKER_START + b"build`.")
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
    assert (target / "index.html").read_text() == "new"
    [left] = siblings(target)
    assert left.startswith(".site-old-") and (tmp_path / left / MARKER).is_file()  # deleted last
    assert warning == (
        f"the previous site could not be deleted (permission denied); it is at {tmp_path / left}: "
        "delete it yourself; each build tries again, and says so while it is there"
    )  # callers add "warning: "
    with staging_folder(target) as staging:  # still cannot be deleted: the next build says so again
        warning = replace_folder(built(staging, "again"), target, made_by="mappa build")
    assert siblings(target) == [left]  # the copy just replaced (files only) went; the earlier one is still there
    assert warning == f"an earlier site could not be deleted (permission denied); it is at {tmp_path / left}: delete it yourself"
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    (tmp_path / ".site-old-mine").mkdir()  # not made by mappa: never touched
    (tmp_path / ".site-old-mine" / "keep.txt").write_text("keep")
    (tmp_path / ".site-old-theirs").mkdir()  # a marker with other text is the user's file
    (tmp_path / ".site-old-theirs" / MARKER).write_bytes(b"x")
    (tmp_path / ".site-old-theirs" / "keep.txt").write_bytes(b"theirs\x00")
    (tmp_path / ".site-other").mkdir()
    kept = snapshot(tmp_path / ".site-old-theirs")
    with staging_folder(target) as staging:
        assert replace_folder(built(staging, "newer"), target, made_by="mappa build") is None
    assert (target / "index.html").read_text() == "newer"
    assert siblings(target) == [".site-old-mine", ".site-old-theirs", ".site-other"]
    assert (tmp_path / ".site-old-mine" / "keep.txt").read_text() == "keep"
    assert snapshot(tmp_path / ".site-old-theirs") == kept


def test_leftovers_with_a_users_marker_are_never_deleted(tmp_path):
    target = previous_build(tmp_path / "site")
    for name, text in (("theirs", b"x"), ("empty", b""), ("old-text", b"made by mappa build\n")):
        folder = tmp_path / f".site-old-{name}"
        folder.mkdir()
        (folder / MARKER).write_bytes(text)
        (folder / "index.html").write_bytes(b"mine " + text)
    left = previous_build(tmp_path / ".site-old-leftover")  # a real leftover: removed
    before = {name: snapshot(tmp_path / name) for name in siblings(target) if name != left.name}
    output_folder._remove_leftovers(target)
    assert not left.exists()
    assert {name: snapshot(tmp_path / name) for name in siblings(target)} == before
    with staging_folder(target) as staging:
        assert replace_folder(built(staging), target, made_by="mappa build") is None
    assert {name: snapshot(tmp_path / name) for name in siblings(target)} == before


def test_interrupted_while_deleting_the_old_copy(tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):  # a failure (not a held signal) after the first file of the old copy went
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


HELD = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]


def handlers() -> dict[int, object]:
    return {number: signal.getsignal(number) for number in HELD}


@contextmanager
def not_stopped():
    """Fail the test (rather than stop the whole run) if a stop gets through."""
    try:
        yield
    except KeyboardInterrupt as stop:
        pytest.fail(f"the stop was let through: {stop!r}")


@pytest.mark.parametrize("when", ["moving the old aside", "putting the new in place", "deleting the old copy"])
@pytest.mark.parametrize("signum", HELD)
def test_a_signal_during_a_complete_swap_is_dropped(signum, when, tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    real_rename, real_unlink = os.rename, os.unlink
    events = []

    def send():
        signal.pthread_kill(threading.main_thread().ident, signum)  # to this thread, which holds it
        events.append(("pending", signum in signal.sigpending()))

    def rename(source, destination):
        if when == "moving the old aside" and not events or when == "putting the new in place" and Path(destination) == target:
            send()
        real_rename(source, destination)
        events.append(("renamed", Path(destination).name))

    def unlink(path, *args, **kwargs):
        if when == "deleting the old copy" and "/.site-old-" in str(path) and not any(e[0] == "pending" for e in events):
            send()
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "unlink", unlink)
    with stop_on_signals():
        inside = handlers()
        with not_stopped(), staging_folder(target) as staging:
            assert replace_folder(built(staging), target, made_by="mappa build") is None
            events.append(("returned",))
        events.append(("went on",))  # no Stopped, no KeyboardInterrupt: the command finishes, exit 0
        assert handlers() == inside  # the handlers of the command are back
    assert ("pending", True) in events
    assert [e[0] for e in events if e[0] != "pending"] == ["renamed", "renamed", "returned", "went on"]
    assert signal.sigpending() & set(HELD) == set()  # dropped, not left queued
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) & set(HELD) == set()  # and no longer held
    assert (target / "index.html").read_text() == "new"
    assert siblings(target) == []  # the old copy was deleted, and the staging folder


@pytest.mark.parametrize("signum", HELD)
def test_a_signal_during_a_failed_swap_is_delivered(signum, tmp_path, monkeypatch):
    target = previous_build(tmp_path / "site")
    before = snapshot(target)
    real_rename = os.rename
    events = []

    def rename(source, destination):
        if not events:
            signal.pthread_kill(threading.main_thread().ident, signum)  # to this thread, which holds it
            events.append(("pending", signum in signal.sigpending()))
        if Path(destination) == target and ".site-old-" not in str(source):
            events.append(("failed",))
            raise OSError(28, "No space left on device")
        real_rename(source, destination)
        events.append(("renamed", Path(destination).name))

    monkeypatch.setattr(os, "rename", rename)
    with stop_on_signals():
        with pytest.raises(KeyboardInterrupt) as caught:
            with staging_folder(target) as staging:
                replace_folder(built(staging), target, made_by="mappa build")
            events.append(("went on",))
    assert caught.type is (KeyboardInterrupt if signum == signal.SIGINT else Stopped)
    assert isinstance(caught.value.__context__, BuildError)  # raised once the failure was decided
    assert "the previous one is unchanged" in str(caught.value.__context__)
    assert [e[0] for e in events] == ["pending", "renamed", "failed", "renamed"]  # aside, new fails, old back
    assert snapshot(target) == before and siblings(target) == []


@pytest.mark.parametrize("swap_fails", [False, True], ids=["complete", "failed"])
def test_signal_taken_by_another_thread_during_the_swap(swap_fails, tmp_path, monkeypatch):
    """Another thread takes the SIGTERM: the temporary handler notes it; it is dropped when
    the swap completed, and let through when it failed."""
    target = previous_build(tmp_path / "site")
    before = snapshot(target)
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
        if swap_fails and Path(destination) == target and ".site-old-" not in str(source):
            events.append("failed")
            raise OSError(28, "No space left on device")
        real_rename(source, destination)
        events.append("renamed")

    monkeypatch.setattr(os, "rename", rename)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    previous_wakeup = signal.set_wakeup_fd(wake_write)
    try:
        with stop_on_signals():
            with pytest.raises(Stopped) if swap_fails else not_stopped():
                with staging_folder(target) as staging:
                    replace_folder(built(staging), target, made_by="mappa build")
                events.append("went on")
    finally:
        signal.set_wakeup_fd(previous_wakeup)
        os.close(wake_read)
        os.close(wake_write)
        release.set()
        other.join()
    if swap_fails:
        assert events == ["sent", "renamed", "failed", "renamed"]
        assert snapshot(target) == before and siblings(target) == []
    else:
        assert events == ["sent", "renamed", "renamed", "went on"]
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
from generator.write.output_folder import check_output_folder, replace_folder
from generator.write.staging import staging_folder
target = Path(sys.argv[2])
try:
    if sys.argv[1] == "check":
        print(check_output_folder(target, projects=[], data_dirs=[]))
        sys.exit()
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


def test_real_check_refuses_a_folder_nobody_may_write_in(public_tmp):
    parent = public_tmp / "readonly"
    parent.mkdir()
    previous_build(parent / "site")
    parent.chmod(0o555)
    public_tmp.chmod(0o777)
    before = snapshot(public_tmp)
    for typed, folder in ((parent / "new", parent), (parent / "a" / "b" / "new", parent), (parent / "site", parent)):
        result = as_nobody("check", str(typed))
        assert result.returncode == 0, result.stderr
        assert result.stdout == f'BuildError: "{typed}" cannot be written: permission denied in {folder}\n'
    assert snapshot(public_tmp) == before
    result = as_nobody("check", str(public_tmp / "new" / "site"))  # a folder nobody may write in: allowed
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{public_tmp / 'new' / 'site'}\n"


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
    assert (
        result.stdout.startswith("the previous site could not be deleted (permission denied)") and str(public_tmp / left) in result.stdout
    )
    assert (target / "index.html").read_text() == "new"
    assert (public_tmp / left / MARKER).is_file()
    (public_tmp / left / "assets").chmod(0o755)
    with staging_folder(target) as staging:
        assert replace_folder(built(staging, "newer"), target, made_by="mappa build") is None
    assert siblings(target) == []


# --- working folders left by killed runs --------------------------------------------------

HOLDER = """
import sys
from generator.write.staging import staging_folder
with staging_folder(sys.argv[1]) as staging:
    print(staging, flush=True)
    sys.stdin.read()  # until the test closes it, or kills this process
"""


def hold_staging(target: Path) -> tuple[subprocess.Popen, Path]:
    """A process inside ``staging_folder(target)``, and its working folder."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return process, Path(process.stdout.readline().strip())


def test_working_folders_of_killed_runs_are_removed_and_those_of_running_ones_kept(tmp_path):
    target = tmp_path / "site"
    killed, abandoned = hold_staging(target)
    running, in_use = hold_staging(target)
    unmarked = tmp_path / ".site-build-justmade"
    unmarked.mkdir()
    try:
        killed.kill()
        killed.wait()
        assert abandoned.is_dir()
        with staging_folder(target) as staging:
            assert not abandoned.exists() and in_use.is_dir() and unmarked.is_dir()
        assert not staging.exists()
    finally:
        running.communicate("")
        killed.stdout.close()
    assert running.returncode == 0 and not in_use.exists()
    assert [p.name for p in tmp_path.iterdir()] == [unmarked.name]
