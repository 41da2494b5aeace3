"""The site engine: MkDocs with Material builds the rendered Markdown into HTML.

The build time is fixed from the data (SOURCE_DATE_EPOCH), so two builds of the same
data give the same bytes, sitemap included.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.errors import BuildError
from generator.load.data import SiteData
from generator.write.mkdocs_config import apply_data


def source_date_epoch(data: SiteData) -> str:
    """A fixed build time from the data, so two builds give the same bytes."""
    reviewed = data.site.last_reviewed
    midnight = dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.timezone.utc)
    return str(int(midnight.timestamp()))


@contextmanager
def _fixed_build_time(data: SiteData) -> Iterator[None]:
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(data))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def run_site_engine(root: Path, rendered: Path, built: Path, data: SiteData) -> None:
    """Build the rendered Markdown in ``rendered`` into the HTML site in ``built`` with MkDocs."""
    with _fixed_build_time(data):
        _quiet_mkdocs()
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(built), watch=[], strict=True)
            mkdocs_build(apply_data(config, data, rendered))
        except MkDocsException as error:
            raise BuildError(f"the site engine stopped: {error}") from None


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors on stderr, not its progress chatter."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not any(getattr(handler, "mappa", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.mappa = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
