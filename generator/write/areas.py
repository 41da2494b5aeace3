"""`mappa build-all`: build every area in a folder, in parallel, each into OUT/<area>/.

One area's bad data does not stop the others: each area's result is reported on its
own, and the command fails if any area failed. An area's folder is one that holds a
``site.yaml``. Every other folder in AREAS_DIR is reported as not an area, with why
(a misspelt ``site.yml``, an empty folder, ...), and fails the command too; hidden folders
(``.git``), files, and folders of output that mappa made (holding ``.mappa-output``) are
passed over. Each area is built in a process of its
own, at most one per core; leaving :func:`build_all` in any way (Ctrl-C, SIGTERM)
stops every one of them, and each cleans up after itself as a single build does.

Once the areas are built, :func:`write_index` lists those that built in OUT/index.html and
OUT/areas.json (:mod:`generator.render.areas_index`); an area that failed is left out, and
when none built neither file is written. Each file is replaced only when mappa wrote it
(it begins with mappa's words) and never in the project folder or a folder of data or
sources: :func:`check_index_files` says so before any area is built.
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import cast

from generator.errors import BuildError, DataError, os_reason
from generator.render.areas_index import JSON_START, PAGE_START, AreaEntry, area_entry, areas_json, areas_page
from generator.write.output_folder import MARKER, write_file_atomically

SITE_FILE = "site.yaml"  # what makes a folder an area's
INDEX_FILES = {"index.html": PAGE_START, "areas.json": JSON_START}  # each file in OUT, and how mappa's begins


@dataclass(frozen=True)
class AreaResult:
    """How one area's build went."""

    area: str
    out_dir: Path
    errors: tuple[str, ...] = ()
    warning: str | None = None
    entry: AreaEntry | None = None  # how the index lists it, once built

    @property
    def ok(self) -> bool:
        """Whether the area built."""
        return not self.errors


def area_folders(areas_dir: Path) -> list[Path]:
    """The folders in ``areas_dir`` that hold an area's data (a site.yaml), by name."""
    return sorted(p for p in areas_dir.iterdir() if p.is_dir() and (p / SITE_FILE).is_file())


def not_areas(areas_dir: Path, out_dir: Path | None = None) -> list[tuple[Path, str]]:
    """Every other folder in ``areas_dir``, by name, with why it is not an area, in plain
    words. Hidden folders, files, ``out_dir`` and folders of mappa's output are passed over."""
    out = out_dir.resolve() if out_dir is not None else None
    found = []
    for folder in sorted(areas_dir.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir() or (folder / SITE_FILE).is_file():
            continue
        if folder.resolve() == out or (folder / MARKER).is_file():
            continue
        found.append((folder, why_not_an_area(folder)))
    return found


def why_not_an_area(folder: Path) -> str:
    """Why ``folder``, which holds no site.yaml file, is not an area's folder."""
    site = folder / SITE_FILE
    if site.is_dir():
        return f"{SITE_FILE} is a folder, not a file"
    if site.is_symlink():
        return f"{SITE_FILE} is a link to a file that is not there"
    try:
        names = sorted(path.name for path in folder.iterdir())
    except OSError as error:
        return f"the folder cannot be read: {os_reason(error)}"
    if not names:
        return f"the folder is empty (an area's folder holds its {SITE_FILE} and other data files: see mappa new-area)"
    like = [name for name in names if name.lower().startswith("site.")] + difflib.get_close_matches(SITE_FILE, names, 1, 0.8)
    if like:
        return f"no {SITE_FILE} (found {like[0]}: rename it to {SITE_FILE})"
    inside = sorted(path.relative_to(folder).as_posix() for path in folder.glob(f"*/{SITE_FILE}"))
    if inside:
        return f"no {SITE_FILE} (found {inside[0]}: an area's data files go directly in its folder)"
    return f"no {SITE_FILE}"


def build_area(data_dir: Path, out_dir: Path, root: Path) -> AreaResult:
    """Build one area and say how it went (never raises for the area's own faults)."""
    from generator.load.data import load_data
    from generator.write.pipeline import build_site

    try:
        entry = area_entry(data_dir.name, load_data(data_dir))  # the build loads the same data and fails the same way
        warning = build_site(data_dir, out_dir, root)
    except DataError as error:
        return AreaResult(data_dir.name, out_dir, tuple(str(p) for p in error.problems))
    except BuildError as error:
        return AreaResult(data_dir.name, out_dir, (f"error: {error}",))
    return AreaResult(data_dir.name, out_dir, warning=warning, entry=entry)


def _run(connection: Connection, data_dir: Path, out_dir: Path, root: Path) -> None:
    """One area's process: build it and send back how it went."""
    try:
        connection.send(build_area(data_dir, out_dir, root))
    except KeyboardInterrupt:  # stopped (Ctrl-C, or SIGTERM from build_all): the build has cleaned up
        pass
    finally:
        connection.close()


def build_all(areas_dir: Path, out_dir: Path, root: Path, workers: int | None = None) -> list[AreaResult]:
    """Build every area under ``areas_dir`` into ``out_dir``/<area>, using every core."""
    folders = area_folders(areas_dir)
    workers = workers or min(len(folders), os.cpu_count() or 1)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    results: dict[Path, AreaResult] = {}
    running: dict[Connection, tuple[Path, BaseProcess]] = {}
    waiting = list(folders)
    made_out = not out_dir.exists()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                folder = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(
                    target=_run, args=(sender, folder, out_dir / folder.name, root), name=f"mappa-{folder.name}"
                )
                process.start()
                sender.close()
                running[receiver] = (folder, process)
            for ready in wait(list(running)):
                receiver = cast(Connection, ready)  # wait() gives back what it was given: the pipes' ends
                folder, process = running.pop(receiver)
                try:
                    results[folder] = receiver.recv()
                except EOFError:
                    results[folder] = AreaResult(folder.name, out_dir / folder.name, ("error: the build stopped unexpectedly",))
                receiver.close()
                process.join()
    finally:
        for receiver, (_, process) in running.items():  # only when stopped part-way
            process.terminate()
            process.join()
            receiver.close()
        if made_out and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()  # made for outputs that were not made
    return [results[folder] for folder in folders]


def check_area_names(folders: list[Path], out_dir: Path) -> None:
    """Raise BuildError, before any area is built, for an area whose folder has the name of
    a file build-all writes in OUT (index.html, areas.json): its site would take that place."""
    for folder in folders:
        if folder.name in INDEX_FILES:
            raise BuildError(
                f'the area folder "{folder}" would be built into {out_dir / folder.name}, where build-all '
                f"lists the areas: rename the folder (such as {folder.name.split('.')[0]}-area)"
            )


def check_index_files(out_dir: Path, root: Path, guarded: list[Path]) -> None:
    """Raise BuildError unless build-all may write OUT/index.html and OUT/areas.json: each
    missing, or a regular file that mappa wrote; OUT neither the project folder nor in one
    of the ``guarded`` folders (data and sources)."""
    out = out_dir.resolve()
    if out == root.resolve():
        raise BuildError(
            f'"{out_dir}" ({out}) is the project folder: build-all writes index.html and areas.json in OUT; choose another --out'
        )
    for folder in guarded:
        if out.is_relative_to(folder.resolve()):
            raise BuildError(f'"{out_dir}" is inside {folder}, a folder of data or sources: choose an output folder outside it')
    for name, start in INDEX_FILES.items():
        path = out_dir / name
        if not os.path.lexists(path):
            continue
        ours = False  # a link, a folder: never mappa's
        if path.is_file() and not path.is_symlink():
            try:
                with open(path, "rb") as file:
                    ours = file.read(len(start)) == start
            except OSError as error:
                raise BuildError(f"{path} cannot be read: {os_reason(error)}") from None
        if not ours:
            raise BuildError(
                f'"{path}" was not written by mappa build-all, which lists the areas there: move it away or choose another --out'
            )


def write_index(out_dir: Path, results: list[AreaResult], root: Path, guarded: list[Path]) -> int:
    """List the areas that built in OUT/areas.json and OUT/index.html, each written
    atomically; return how many. Nothing is written when none built."""
    entries = [result.entry for result in results if result.ok and result.entry is not None]
    if not entries:
        return 0
    data, page = areas_json(entries), areas_page(entries, root / "templates")
    check_index_files(out_dir, root, guarded)  # again: the areas took a while to build
    write_file_atomically(out_dir / "areas.json", data)
    write_file_atomically(out_dir / "index.html", page)
    return len(entries)
