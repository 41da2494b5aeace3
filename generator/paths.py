"""Where the project's own folders are: mkdocs.yml, content/, templates/ and the national data."""

from __future__ import annotations

from pathlib import Path


def project_root() -> Path:
    """The folder holding mkdocs.yml, content/ and templates/.

    The working directory (or a parent) when it is a mappa-guide project, otherwise the
    folder this package was installed from.
    """
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


def national_data_dir() -> Path:
    """The folder whose national data files an area uses when it does not supply its own."""
    return project_root() / "data"
