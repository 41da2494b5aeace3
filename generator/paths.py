"""Where the project's own folders are (mkdocs.yml, content/, templates/, the national data),
and which of them no output may overwrite."""

from __future__ import annotations

from pathlib import Path

TRANSLATION_FOLDERS = ("cy",)
"""The folders, beside the English pages and data, of their translations (by language code)."""


def content_dir(root: Path, code: str = "en") -> Path:
    """The folder of the pages in the language ``code``: content/, or content/cy/ for Welsh."""
    return root / "content" if code == "en" else root / "content" / code


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


def guarded_paths(root: Path, data_dir: Path) -> dict[str, list[Path]]:
    """What no output folder may replace: the project (an output may sit inside it, as
    site/ does), and its folders of data and sources (an output may not sit inside those)."""
    return {"projects": [root], "data_dirs": guarded_sources(root, data_dir)}


def guarded_sources(root: Path, data_dir: Path) -> list[Path]:
    """Folders no output file may be written into: the data, the pages, the templates,
    the catalogues of the interface's words, the generator and the project's history."""
    return [data_dir, *(root / name for name in ("data", "content", "templates", "translations", "generator", ".git"))]
