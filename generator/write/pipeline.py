"""Build the whole site into a folder, atomically.

Everything is built in a temporary folder beside the output; only when every step
has passed does it replace the output folder. A failed build leaves the previous
site exactly as it was.

The leaflet's PDF is made in a second process while this one builds the site (see
:mod:`generator.write.pdf_worker`); the build waits for both.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.write.pdf_worker import PdfProcess, settle, wait_for
from generator.load.data import SiteData, load_data
from generator.errors import BuildError
from generator.render.leaflet import pdf_identifier, write_leaflet_page
from generator.paths import project_root
from generator.render.pages import render_pages
from generator.write.mkdocs_config import apply_data


def source_date_epoch(data: SiteData) -> str:
    """A fixed build time from the data, so two builds give the same bytes."""
    reviewed = data.site.last_reviewed
    midnight = dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.timezone.utc)
    return str(int(midnight.timestamp()))


@contextmanager
def _build_environment(data: SiteData) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(data))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old folder until the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build_site(data_dir: Path, out_dir: Path, root: Path | None = None, pdf_process: PdfProcess | None = None) -> SiteData:
    """Validate ``data_dir`` and build the site into ``out_dir``; raise on any failure.

    ``pdf_process`` is a second process already started for the leaflet's PDF; without
    one, the build starts its own.
    """
    root = root or project_root()
    with ExitStack() as stack:
        pdf_process = pdf_process or stack.enter_context(PdfProcess())
        data = load_data(data_dir)
        out_dir = out_dir.resolve()
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-", dir=out_dir.parent))
        stack.callback(shutil.rmtree, staging, ignore_errors=True)
        rendered, leaflet, built = staging / "markdown", staging / "leaflet", staging / "site"
        leaflet_html, leaflet_css, _ = write_leaflet_page(data, root / "templates", leaflet)
        pdf_job = pdf_process.start_pdf(leaflet_html, leaflet / "leaflet.pdf", pdf_identifier(data))
        stack.callback(settle, pdf_job)  # runs before the staging folder is removed
        render_pages(data, root / "content", root / "templates", rendered)
        for made in (leaflet_html, leaflet_css):  # after the pages, as in render_sources: these win
            shutil.copyfile(made, rendered / made.name)
        (rendered / "leaflet.pdf").write_bytes(b"")  # stands in for the PDF so that links to it check
        _run_site_engine(root, rendered, built, data)
        wait_for(pdf_job)
        (leaflet / "leaflet.pdf").replace(built / "leaflet.pdf")
        replace_folder(built, out_dir)
    return data


def _run_site_engine(root: Path, rendered: Path, built: Path, data: SiteData) -> None:
    """Build the rendered Markdown in ``rendered`` into the HTML site in ``built`` with MkDocs."""
    with _build_environment(data):
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
