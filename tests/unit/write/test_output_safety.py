"""No command destroys what it did not write: every command with --out, pointed at the wrong
place, is refused in one line before any work, touching nothing; a folder it made itself,
an empty one or a missing one is used. Each case also through a symbolic link.

The commands run in a copy of the project, so a guard that failed would delete the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.write.output_folder import MARKER
from tests.conftest import MAPPA, ROOT, mappa, seed_cache, tree_digest

FOLDER_COMMANDS = {
    "build": ["build", "--out"],
    "render": ["render", "--out"],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project (with data/ and a .git folder) as the working folder, beside
    an area folder, an unrelated folder with a file, an empty folder and a file."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for folder in ("content", "templates", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "generator" / "write").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "write" / "mkdocs_hook.py", root / "generator" / "write")
    seed_cache(root, ("pdf",))  # the PDFs made before: these tests are about output folders, not a cold cache
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    shutil.copytree(ROOT / "tests" / "fixtures" / "areas", tmp_path / "areas")
    (tmp_path / "unrelated").mkdir()
    (tmp_path / "unrelated" / "notes.txt").write_bytes(b"my own notes\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file.txt").write_bytes(b"a file of my own\n")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, list[str]]:
    """Run `mappa` in this process (fast); return the exit status and the lines on stderr."""
    result = mappa(*args, cwd=Path.cwd())  # where the test stands, as an editor would
    return result.returncode, result.stderr.splitlines()


def refused_cases(tmp: Path) -> dict[str, tuple[list[str], str]]:
    """Name -> (extra arguments, --out value) for every place an output folder may not go."""
    area = str(tmp / "areas" / "exampleshire")
    return {
        "the project root": ([], str(tmp / "project")),
        "an empty --out (the working folder)": ([], ""),
        "--out .": ([], "."),
        "the project's data folder": ([], "data"),
        "a folder inside the project's data folder": ([], "data/site"),
        "the --data folder itself": (["--data", area], area),
        "a folder inside the --data folder": (["--data", area], area + "/site"),
        "a parent of the --data folder": (["--data", area], str(tmp / "areas")),
        "a non-empty folder mappa did not make": ([], str(tmp / "unrelated")),
        "an existing file": ([], str(tmp / "a-file.txt")),
    }


def everything(tmp: Path) -> dict[str, str]:
    return {**tree_digest(tmp), **{str(p.relative_to(tmp)): "link" for p in tmp.rglob("*") if p.is_symlink()}}


@pytest.mark.parametrize("command", FOLDER_COMMANDS)
@pytest.mark.parametrize("through_a_link", [False, True], ids=["", "through a link"])
def test_wrong_output_folders_are_refused_touching_nothing(project: Path, command: str, through_a_link: bool) -> None:
    tmp = project.parent
    for name, (extra, out) in refused_cases(tmp).items():
        if through_a_link:
            link = tmp / f"link-{abs(hash(name))}"
            link.symlink_to(Path(out or ".").resolve())
            out = str(link)
        before = everything(tmp)
        status, errors = run(*FOLDER_COMMANDS[command], out, *extra)
        assert status == 1, (name, errors)
        assert len(errors) == 1 and errors[0].startswith("error: "), (name, errors)
        assert everything(tmp) == before, name


def test_build_all_into_the_areas_folder_is_refused(project: Path) -> None:
    areas = project.parent / "areas"
    before = everything(areas)
    status, errors = run("build-all", str(areas), "--out", str(areas))
    assert status == 1 and len(errors) == 1 and "data or sources" in errors[0], errors
    assert everything(areas) == before
    status, errors = run("build-all", str(areas), "--out", str(areas / "exampleshire"))  # inside an area's data
    assert status == 1 and len(errors) == 1 and "a folder of data or sources" in errors[0], errors
    assert everything(areas) == before


def test_an_unset_variable_in_a_script_deletes_nothing(project: Path) -> None:
    """`mappa build --out "$SITE"` with SITE unset, run for real from the project."""
    before = everything(project)
    for command in FOLDER_COMMANDS.values():
        result = subprocess.run([MAPPA, *command, ""], cwd=project, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith('error: "" (the working folder, '), result.stderr  # as typed, and what it means
    assert everything(project) == before
    assert (project / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()  # render never rewrites it


@pytest.mark.slow
@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_an_empty_folder_a_previous_output_and_links_to_them_are_used(project: Path, command: str) -> None:
    tmp = project.parent
    made = tmp / "made"
    assert run(*FOLDER_COMMANDS[command], str(made))[0] == 0
    assert (made / MARKER).is_file()
    (made / "stale.txt").write_text("left in the output", encoding="utf-8")
    (tmp / "link-to-made").symlink_to(made)
    (tmp / "link-to-empty").symlink_to(tmp / "empty")
    for out in (made, tmp / "empty", tmp / "link-to-made", tmp / "link-to-empty"):
        status, errors = run(*FOLDER_COMMANDS[command], str(out))
        assert status == 0, (out, errors)
        assert (out / MARKER).is_file() and not (out / "stale.txt").exists()
    assert (tmp / "link-to-made").is_symlink() and (tmp / "link-to-empty").is_symlink()
    assert sorted(p.name for p in tmp.iterdir() if p.name.startswith(".")) == []  # no staging or old copy left


@pytest.mark.parametrize(
    "out, message",
    [
        ("{tmp}/empty", "is a folder"),
        ("{tmp}/new/", "ends with a slash"),
        ("{tmp}/a-file.txt/leaflet.pdf", "is a file"),
        ("{tmp}/a-file.txt", "is not a %PDF file"),
        ("data/leaflet.pdf", "is inside"),
        ("content/leaflet.pdf", "is inside"),
    ],
)
def test_leaflet_out_of_the_wrong_kind_is_one_line(project: Path, out: str, message: str) -> None:
    tmp = project.parent
    before = everything(tmp)
    status, errors = run("leaflet", "--out", out.format(tmp=tmp))
    assert status == 1 and len(errors) == 1 and message in errors[0], errors
    assert everything(tmp) == before


@pytest.mark.parametrize("command", [["leaflet", "--out"], ["schema", "--out"]])
@pytest.mark.parametrize("through_a_link", [False, True], ids=["", "through a link"])
def test_file_commands_refuse_the_project_and_its_sources(project: Path, command: list[str], through_a_link: bool) -> None:
    tmp = project.parent
    for number, out in enumerate(("", ".", str(project), "data", "content", "templates")):
        if through_a_link:
            link = tmp / f"link-{number}"
            link.symlink_to(Path(out or ".").resolve())
            out = str(link)
        before = everything(tmp)
        status, errors = run(*command, out)
        assert status == 1 and len(errors) == 1 and errors[0].startswith("error: "), (out, errors)
        assert everything(tmp) == before, out


def test_schema_new_area_and_serve_refuse_in_one_line(project: Path) -> None:
    tmp = project.parent
    before = everything(tmp)
    for args, message in (
        (["schema", "--out", str(tmp / "a-file.txt")], "is a file"),
        (["new-area", str(tmp / "a-file.txt"), "--name", "X"], "is a file"),
        (["new-area", str(tmp / "unrelated"), "--name", "X"], "is not empty"),
    ):
        status, errors = run(*args)
        assert status == 1 and len(errors) == 1 and message in errors[0], (args, errors)
    assert everything(tmp) == before


def test_serve_on_a_busy_port_says_so_before_building(project: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = subprocess.run(
            [MAPPA, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: cannot serve on 127.0.0.1:{port}")
    assert not (project / ".cache" / "rendered").exists()  # nothing was built


def test_a_read_only_parent_is_one_line_before_any_work(project: Path) -> None:
    """As a user who may not write there (root may write anywhere, so run as nobody)."""
    parent = Path("/tmp") / f"mappa-read-only-{os.getpid()}"
    parent.mkdir(mode=0o555)
    try:
        os.chmod(parent, 0o555)
        for command in (
            ["leaflet", "--out", str(parent / "l.pdf")],
            ["build", "--out", str(parent / "site")],
            ["render", "--out", str(parent / "export")],
        ):
            result = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", MAPPA, *command, "--data", str(ROOT / "data")],
                cwd="/tmp",
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 1, result.stderr
            (line,) = result.stderr.splitlines()
            assert line.startswith("error: ") and "permission denied" in line.lower(), line
            assert list(parent.iterdir()) == []
    finally:
        parent.rmdir()
