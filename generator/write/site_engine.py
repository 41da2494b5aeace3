"""The site engine: MkDocs with Material builds the rendered Markdown into HTML.

The build time is fixed from the data (SOURCE_DATE_EPOCH), so two builds of the same
data give the same bytes, sitemap included. A mistake in the theme's overrides
(templates/overrides/) is reported at its template line, as one line, like a mistake in
a page.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.errors import BuildError, DataError
from generator.i18n import language_of
from generator.load.data import SiteData
from generator.paths import content_dir
from generator.render.templating import template_frames, template_problem
from generator.write.engine_messages import EngineWarnings, engine_problems
from generator.write.mkdocs_config import apply_data
from generator.write.shown_files import missing_shown_files


def source_date_epoch(data: SiteData) -> str:
    """A fixed build time from the data, so two builds give the same bytes."""
    reviewed = data.site.last_reviewed
    midnight = dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.UTC)
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


def run_site_engine(root: Path, rendered: Path, built: Path, data: SiteData, extra: dict | None = None) -> None:
    """Build the rendered Markdown in ``rendered`` into the HTML site in ``built`` with MkDocs;
    ``extra`` adds to what the theme's templates are given (the preview's policy).

    Raises DataError when a template (an override in templates/overrides/, or the theme's
    own template running it) fails, located at the project's template line, or when the
    engine's checks (links, the navigation) or a file a page shows that is not in the site
    (:mod:`generator.write.shown_files`) stop the build, located in content/."""
    warnings = EngineWarnings()
    with _fixed_build_time(data), _held_page_errors() as held, _collecting(warnings):
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(built), watch=[], strict=True)
            config = apply_data(config, data, rendered)
            config.extra["mappa"] = {**config.extra["mappa"], **(extra or {})}
            mkdocs_build(config)
        except MkDocsException as error:
            if warnings.messages and "strict mode" in str(error):  # each warning stopped it: say where
                held.clear()
                raise DataError(engine_problems(warnings.messages, root, content_dir(root, language_of(data)))) from None
            raise BuildError(f"the site engine stopped: {error}") from None
        except Exception as error:
            if not isinstance(error, jinja2.TemplateError) and not template_frames(error):
                raise  # not from a template: a fault in the code, with its traceback
            held.clear()  # MkDocs' own 'Error building page' line says it again, less clearly
            raise DataError([template_problem(error, root / "templates" / "overrides", inside=root)]) from None
    missing = missing_shown_files(rendered, built, content_dir(root, language_of(data)))  # HTML in a page: not checked by the engine
    if missing:
        raise DataError(missing)


class _PageErrors(logging.Filter):
    """Holds back MkDocs' warnings (which stop a strict build, and are then reported as
    located problems) and its 'Error building page ...' lines, which come just before the
    exception they describe."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        """Hold a page's error; let everything else through."""
        if record.levelno == logging.WARNING or record.getMessage().startswith(("Error building page", "Error reading page")):
            self.held.append(record)
            return False
        return True


@contextmanager
def _held_page_errors() -> Iterator[list[logging.LogRecord]]:
    """MkDocs' page errors, held back from the handlers of MkDocs' logger, and shown at
    the end unless the caller cleared them."""
    _quiet_mkdocs()
    page_errors = _PageErrors()
    handlers = list(logging.getLogger("mkdocs").handlers)
    for handler in handlers:
        handler.addFilter(page_errors)
    try:
        yield page_errors.held
    finally:
        for handler in handlers:
            handler.removeFilter(page_errors)
            for record in page_errors.held:
                handler.handle(record)


@contextmanager
def _collecting(handler: logging.Handler) -> Iterator[None]:
    """``handler`` receives MkDocs' log records while the block runs."""
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors on stderr, not its progress chatter."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not any(getattr(handler, "mappa", False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.mappa = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
