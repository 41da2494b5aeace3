"""A build told to stop (SIGTERM from `timeout`, `kill` or a cancelled CI job; SIGHUP from a
closed terminal; Ctrl-C) stops as Ctrl-C does: no process left behind holding the
caller's output, no staging folder, the previous site intact.

Each test stops the build at a known point, not after a guess at how long it takes: the
build's PDF process waits at a pipe (generator.write.pdf_worker.HOLD_ENV) before it makes
the leaflet's PDF, and the test sends its signal only once the process is held there.
The leaflet is one no build has made (its own site title), so the build cannot take its
PDF from the cache and finish first; it is never made, so it is never kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.write.pdf_worker import HOLD_ENV
from generator.write.pipeline import build_site
from tests.conftest import DATA, MAPPA, ROOT, tree_digest

pytestmark = pytest.mark.slow


def children(pid: int) -> list[int]:
    """The processes started by ``pid``."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def a_leaflet_never_made(data: Path) -> Path:
    """``data`` with a site title of its own, so that no cached PDF lets the build skip the PDF process."""
    site = data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("site_title: ", "site_title: Stopped build of ", 1), encoding="utf-8")
    return data


@contextmanager
def holding(folder: Path) -> Iterator[tuple[dict[str, str], callable]]:
    """The environment that makes a build's PDF processes wait at a pipe in ``folder``, and
    a function that returns once one of them waits there (failing if ``process`` ends first)."""
    pipe = folder / "hold"
    os.mkfifo(pipe)
    writers: list[int] = []

    def wait_until_held(process: subprocess.Popen) -> None:
        deadline = time.monotonic() + 120
        while not writers:
            try:  # succeeds only once a PDF process has opened the pipe to read, and holds it there
                writers.append(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the build ended before it was held"
                time.sleep(0.01)

    try:
        yield {**os.environ, HOLD_ENV: str(pipe)}, wait_until_held
    finally:
        for writer in writers:
            os.close(writer)


def start_build(data: Path, out: Path, env: dict[str, str], **options: object) -> subprocess.Popen:
    """`mappa build` of ``data`` into ``out``, its output in pipes."""
    command = [MAPPA, "build", "--data", str(data), "--out", str(out)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **options)


@contextmanager
def cores_kept_busy(busy: bool) -> Iterator[None]:
    """With ``busy``, every core kept busy by a CPU-bound process of its own (a busy CI
    machine) until the block ends."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)] if busy else []
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@pytest.mark.parametrize(("how", "machine"), [("SIGTERM", "idle"), ("SIGHUP", "idle"), ("Ctrl-C", "idle"), ("Ctrl-C", "busy")])
def test_a_stopped_build_leaves_nothing_behind(tmp_path: Path, data_copy: Path, how: str, machine: str) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, ROOT)
    before = tree_digest(out)
    with holding(tmp_path) as (env, wait_until_held), cores_kept_busy(machine == "busy"):
        build = start_build(a_leaflet_never_made(data_copy), out, env, start_new_session=True)
        wait_until_held(build)  # building, in the staging folder, its PDF process waiting at the pipe
        workers = children(build.pid)
        if how == "Ctrl-C":
            os.killpg(build.pid, signal.SIGINT)  # a terminal sends it to the whole group
        else:
            build.send_signal(getattr(signal, how))
        stdout, stderr = build.communicate(timeout=60)  # returns only once nothing holds the output open
    expected = 128 + (signal.SIGINT if how == "Ctrl-C" else getattr(signal, how))
    assert build.returncode == expected, stderr
    assert stderr.splitlines()[-1] == f"Stopped by {how}: anything half-made was removed.", stderr
    assert "Traceback" not in stderr
    assert workers and [pid for pid in workers if alive(pid)] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "hold", "site"]  # no staging folder, no old copy
    assert tree_digest(out) == before


def test_a_stopped_build_all_leaves_nothing_behind(tmp_path: Path) -> None:
    import shutil

    areas = tmp_path / "areas"
    for name in ("one", "two"):
        shutil.copytree(ROOT / "tests" / "fixtures" / "areas" / "exampleshire", areas / name)
        a_leaflet_never_made(areas / name)
    out = tmp_path / "out"
    with holding(tmp_path) as (env, wait_until_held):
        build = subprocess.Popen(
            [MAPPA, "build-all", str(areas), "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env=env,
        )
        wait_until_held(build)
        deadline = time.monotonic() + 120
        while len(list(out.glob(".*-build-*"))) < 2:  # both areas building (each stops at the pipe)
            assert build.poll() is None and time.monotonic() < deadline, "the areas were built before they could be stopped"
            time.sleep(0.01)
        family = children(build.pid)
        family += [grandchild for child in family for grandchild in children(child)]
        build.send_signal(signal.SIGTERM)
        stdout, stderr = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr and stderr.splitlines()[-1] == "Stopped by SIGTERM: anything half-made was removed."
    assert [pid for pid in family if alive(pid)] == []
    assert not out.exists()  # nothing half-made, not even the folder made for the outputs


def test_a_killed_build_takes_its_pdf_processes_with_it_and_the_next_build_tidies_up(tmp_path: Path, data_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, ROOT)
    before = tree_digest(out)
    with holding(tmp_path) as (env, wait_until_held):
        build = start_build(a_leaflet_never_made(data_copy), out, env)
        wait_until_held(build)
        workers = children(build.pid)
        build.kill()  # SIGKILL: no handler of the build runs
        build.communicate(timeout=60)  # returns only once no process holds the build's output open
    assert build.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 60
    while [pid for pid in workers if alive(pid)]:
        assert time.monotonic() < deadline, "a PDF process outlived the killed build"
        time.sleep(0.05)
    assert workers and len(list(tmp_path.glob(".site-build-*"))) == 1 and tree_digest(out) == before
    build_site(DATA, out, ROOT)  # the next build removes the working folder the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "hold", "site"]
