"""The files only an area published in more than one language has: the stylesheet of its
language switch and its draft notices (templates/languages/)."""

from __future__ import annotations

from pathlib import Path

from generator.load.data import SiteData

LANGUAGES_CSS = "assets/languages.css"


def language_files(data: SiteData, root: Path) -> dict[str, bytes]:
    """The stylesheet for the language switch, for an area with two languages; nothing for
    an English-only area, whose site stays exactly as it was."""
    if len(data.site.languages) < 2:
        return {}
    return {LANGUAGES_CSS: (root / "templates" / "languages" / "languages.css").read_bytes()}
