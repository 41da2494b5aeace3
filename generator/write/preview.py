"""``mappa serve``'s preview: the site rebuilt on every change, or the problems in its place.

The preview is built into a temporary folder that MkDocs' live-reload server
(:class:`mkdocs.livereload.LiveReloadServer`) serves. The server reloads the open pages
only after a build that did not raise, so :class:`PreviewBuilder` never raises for a
broken build: when the data, a page, a template or the site engine fails, it writes the
page of :mod:`generator.write.preview_page` (every problem, one line each, as the terminal
shows them) at every page's address instead, and the open page reloads into it. Once the
problems are fixed, the next build puts the site back and the page reloads into it.

The preview's pages carry the preview's Content-Security-Policy
(:func:`generator.web_policy.preview_policy`), which lets the server's inline
live-reload script run; the published site's policies are untouched.
"""

from __future__ import annotations

import html
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import markupsafe
from mkdocs.livereload import LiveReloadServer

from generator.errors import BuildError, DataError
from generator.i18n import ENGLISH, language_of, speaking
from generator.load.data import SiteData, load_data
from generator.load.translated_data import language_editions
from generator.render.leaflet import LEAFLET_FILES, LEAFLET_PDF
from generator.web_policy import LEAFLET, meta_policy, preview_policy
from generator.write.files import write_tree
from generator.write.folder_watch import FolderWatch
from generator.write.pipeline import kept_leaflet_pdf, render_sources
from generator.write.preview_page import error_page
from generator.write.site_engine import run_site_engine

ENGINE_LOG = "mkdocs"
SERVER_LOG = "mkdocs.livereload"  # the server's own lines: serving, changes, reloads


def echo(line: str) -> None:
    """Print one line to the terminal (stderr), as every message of ``mappa serve``."""
    print(line, file=sys.stderr, flush=True)


class PreviewBuilder:
    """Builds the preview into ``folder/site``, or the page listing the problems.

    Called with no arguments by the live-reload server on every change; never raises for
    a failed build. ``problems`` holds the lines the preview shows, empty while it shows
    the site."""

    def __init__(self, root: Path, data_dir: Path, folder: Path, report: Callable[[str], None] = echo):
        self.root = root
        self.data_dir = data_dir
        self.site = folder / "site"
        self.rendered = folder / "rendered"
        self.report = report
        self.problems: list[str] = []
        self.pages: set[str] = set()  # the pages of the last build that succeeded

    def __call__(self) -> None:
        """Build the preview; on any failure, show the problems in its place."""
        started = time.monotonic()
        try:
            self.build()
        except Exception as error:  # any failure is shown, never raised: the server would stall
            self.problems = problem_lines(error)
            for line in self.problems:
                self.report(line)
            them = "it until it is" if len(self.problems) == 1 else "them until they are"
            self.report(f"{_count(self.problems)} found: the preview shows {them} fixed.")
            self.show_problems()
            return
        self.problems = []
        self.pages = set(_html_pages(self.site))
        self.report(f"Built the preview in {time.monotonic() - started:.1f} s.")

    def build(self) -> None:
        """Build the whole site into ``site`` as ``mappa build`` does, in each of the area's
        languages (the Welsh under ``cy/``), but marked as the preview; raise on any failure."""
        for edition in language_editions(load_data(self.data_dir), self.root):  # every translation checked first
            code = language_of(edition)
            rendered = self.rendered if code == ENGLISH else self.rendered.with_name(f"rendered-{code}")
            site = self.site if code == ENGLISH else self.site / code  # after the English, which empties the site
            with speaking(code, self.root):
                files = render_sources(edition, self.root)
                changed = write_tree(files, rendered)
                self._leaflet_pdf(edition, files, changed, rendered)
                run_site_engine(self.root, rendered, site, edition, {"page_policy": preview_policy("page"), "preview": True})
            allow_live_reload(site / LEAFLET.path)

    def show_problems(self) -> None:
        """Put the page listing the problems at the address of every page: those of the
        last good build, every page of content/, the home page and the missing page."""
        content = self.root / "content"
        pages = {path.relative_to(content).with_suffix(".html").as_posix() for path in content.rglob("*.md")}
        page = error_page(self.problems)
        try:
            for name in sorted(self.pages | pages | set(_html_pages(self.site)) | {"index.html", "404.html"}):
                target = self.site / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page)
        except OSError as error:
            self.report(f"error: the page listing the problems could not be written: {error}")

    def error_response(self, code: int) -> bytes | None:
        """The server's answer for an address with no file (404) or a failure (500): the
        problems while there are any, else the site's own missing page."""
        if self.problems:
            return error_page(self.problems, refresh=True)  # no live-reload script here: it asks again itself
        try:
            return (self.site / "404.html").read_bytes() if code == 404 else None
        except OSError:
            return None

    def _leaflet_pdf(self, data: SiteData, files: dict[str, bytes], changed: set[str], rendered: Path) -> None:
        """The leaflet's PDF beside the pages in ``rendered``: made again only when its HTML or
        CSS changed, taken from the cache when a build has made the same one."""
        pdf = rendered / LEAFLET_PDF
        if pdf.exists() and not changed & set(LEAFLET_FILES):
            return
        pdf.unlink(missing_ok=True)
        pdf.write_bytes(kept_leaflet_pdf(files, data, self.root, data_dir=self.data_dir))


def problem_lines(error: Exception) -> list[str]:
    """Every problem of a failed build, one line each: ``file:line:column: message`` for the
    data, a page or a template (the site engine locates its own), ``error: ...`` for
    anything else; never a traceback."""
    if isinstance(error, DataError):
        return [str(problem) if problem.path else f"error: {problem.message}" for problem in error.problems]
    if isinstance(error, BuildError):
        return [f"error: {_one_line(str(error))}"]
    return [f"error: {type(error).__name__}: {_one_line(str(error))}"]


def allow_live_reload(page: Path) -> None:
    """Give a page the site engine copies as it is (the printable leaflet) the preview's
    policy in place of its published one."""
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    published = meta_policy("leaflet")
    for written in {str(markupsafe.escape(published)), html.escape(published), published}:
        text = text.replace(f'content="{written}"', f'content="{html.escape(preview_policy("leaflet"))}"')
    page.write_text(text, encoding="utf-8")


def watched_paths(root: Path, data_dir: Path) -> list[Path]:
    """What a change to rebuilds the preview: the data folder in use (and the project's
    data, which supplies national files an area leaves out), the pages, the templates, the
    catalogues of the interface's words and mkdocs.yml, whether or not they are there yet
    (see :mod:`generator.write.folder_watch`). Never .cache/, which every build writes."""
    candidates = [data_dir, root / "data", root / "content", root / "templates", root / "translations", root / "mkdocs.yml"]
    return list(dict.fromkeys(path.resolve() for path in candidates))


def serve_preview(root: Path, data_dir: Path, host: str, port: int) -> None:
    """Build the preview and serve it on ``host:port`` until stopped, rebuilding on every
    change; the temporary folder is removed on the way out."""
    folder = Path(tempfile.mkdtemp(prefix="mappa-serve-"))
    try:
        builder = PreviewBuilder(root, data_dir, folder)
        _terminal_logs(builder)
        builder()  # first, so that the server never shows a half-built site; broken data still serves
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(builder.site))
        server.error_handler = builder.error_response
        watch = FolderWatch(server, watched_paths(root, data_dir), folder / "signal")
        watch.start()
        try:
            server.serve()
        finally:
            watch.stop()
            server.shutdown()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _terminal_logs(builder: PreviewBuilder) -> None:
    """The server's lines on the terminal; the engine's only through the builder."""
    engine = logging.getLogger(ENGINE_LOG)
    engine.setLevel(logging.WARNING)
    engine.propagate = False
    server = logging.getLogger(SERVER_LOG)
    server.setLevel(logging.INFO)
    server.propagate = False  # its request lines are not the build's warnings
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    # While the problems page asks again every few seconds, its misses are not news.
    handler.addFilter(lambda record: not (builder.problems and "code 404" in record.getMessage()))
    server.addHandler(handler)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _count(problems: list[str]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


def _html_pages(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix() for path in site.rglob("*.html")] if site.is_dir() else []
