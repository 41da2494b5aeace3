"""`mappa build-all`: build every area in a folder, in parallel, each into OUT/<area>/.

One area's bad data does not stop the others: each area's result is reported on its
own, and the command fails if any area failed.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError, DataError


@dataclass(frozen=True)
class AreaResult:
    """How one area's build went."""

    area: str
    out_dir: Path
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the area built."""
        return not self.errors


def area_folders(areas_dir: Path) -> list[Path]:
    """The folders in ``areas_dir`` that hold an area's data (a site.yaml), by name."""
    return sorted(p for p in areas_dir.iterdir() if p.is_dir() and (p / "site.yaml").is_file())


def _build_one(data_dir: Path, out_dir: Path, root: Path) -> AreaResult:
    from generator.write.pipeline import build_site

    try:
        build_site(data_dir, out_dir, root)
    except DataError as error:
        return AreaResult(data_dir.name, out_dir, tuple(str(p) for p in error.problems))
    except BuildError as error:
        return AreaResult(data_dir.name, out_dir, (f"error: {error}",))
    return AreaResult(data_dir.name, out_dir)


def build_all(areas_dir: Path, out_dir: Path, root: Path, workers: int | None = None) -> list[AreaResult]:
    """Build every area under ``areas_dir`` into ``out_dir``/<area>, using every core."""
    folders = area_folders(areas_dir)
    if not folders:
        return []
    workers = workers or min(len(folders), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_build_one, folder, out_dir / folder.name, root) for folder in folders]
        return [future.result() for future in futures]
