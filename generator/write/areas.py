"""`mappa build-all`: build every area in a folder, in parallel, each into OUT/<area>/.

One area's bad data does not stop the others: each area's result is reported on its
own, and the command fails if any area failed. Each area is built in a process of its
own, at most one per core; leaving :func:`build_all` in any way (Ctrl-C, SIGTERM)
stops every one of them, and each cleans up after itself as a single build does.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from generator.errors import BuildError, DataError


@dataclass(frozen=True)
class AreaResult:
    """How one area's build went."""

    area: str
    out_dir: Path
    errors: tuple[str, ...] = ()
    warning: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the area built."""
        return not self.errors


def area_folders(areas_dir: Path) -> list[Path]:
    """The folders in ``areas_dir`` that hold an area's data (a site.yaml), by name."""
    return sorted(p for p in areas_dir.iterdir() if p.is_dir() and (p / "site.yaml").is_file())


def build_area(data_dir: Path, out_dir: Path, root: Path) -> AreaResult:
    """Build one area and say how it went (never raises for the area's own faults)."""
    from generator.write.pipeline import build_site

    try:
        warning = build_site(data_dir, out_dir, root)
    except DataError as error:
        return AreaResult(data_dir.name, out_dir, tuple(str(p) for p in error.problems))
    except BuildError as error:
        return AreaResult(data_dir.name, out_dir, (f"error: {error}",))
    return AreaResult(data_dir.name, out_dir, warning=warning)


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
    running: dict[Connection, tuple[Path, multiprocessing.process.BaseProcess]] = {}
    waiting = list(folders)
    made_out = not out_dir.exists()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                folder = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_run, args=(sender, folder, out_dir / folder.name, root), name=f"mappa-{folder.name}")
                process.start()
                sender.close()
                running[receiver] = (folder, process)
            for receiver in wait(list(running)):
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
