"""A second process for the leaflet's PDF, started before the rest of the build.

Making the PDF takes about as long as building the whole site, half of it in importing
WeasyPrint. `mappa build` therefore starts a second process first thing, which imports
WeasyPrint while this process reads the data and builds the site, and then makes the
PDF. The build waits for both, and a failure in either fails the build with a one-line
message (a BuildError), never a traceback from the other process.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_until_done
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.errors import BuildError
from generator.write.pdf import import_pdf_engine, write_leaflet_pdf


STOPPED = "the process making the leaflet's PDF stopped unexpectedly"


class PdfProcess:
    """A one-worker process pool that has begun importing WeasyPrint; use it with ``with``.

    Start it before any thread: the worker is forked, and WeasyPrint's quick import
    briefly changes process-wide settings (see :func:`generator.write.pdf.import_pdf_engine`).
    """

    def __enter__(self) -> PdfProcess:
        # Forking starts the worker at once, with nothing to import again; where the
        # system cannot fork, the worker starts as a fresh interpreter instead.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
        try:
            self._pool.submit(import_pdf_engine)
        except OSError as error:
            self._pool.shutdown(cancel_futures=True)
            raise BuildError(f"could not start a process for the leaflet's PDF: {error}") from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(cancel_futures=True)

    def start_pdf(self, html_file: Path, pdf_file: Path, identifier: str) -> Future:
        """Queue the leaflet PDF (see :func:`make_pdf`)."""
        try:
            return self._pool.submit(make_pdf, html_file, pdf_file, identifier)
        except BrokenProcessPool:
            raise BuildError(STOPPED) from None


def make_pdf(html_file: Path, pdf_file: Path, identifier: str) -> None:
    """Write the leaflet's PDF, in the second process. Any failure comes back as a BuildError
    carrying its message, which always crosses back to the build intact."""
    try:
        write_leaflet_pdf(html_file, pdf_file, identifier)
    except BuildError:
        raise
    except Exception as error:  # noqa: BLE001 (reported to the editor as one line)
        raise BuildError(f"the leaflet's PDF could not be made: {type(error).__name__}: {error}") from None


def wait_for(job: Future) -> None:
    """Wait for ``job``; a BuildError from it passes through, a crashed process becomes one."""
    try:
        job.result()
    except BrokenProcessPool:
        raise BuildError(STOPPED) from None


def settle(job: Future) -> None:
    """Cancel ``job`` if it has not started, else let it finish; ignore its result."""
    job.cancel()
    wait_until_done([job])
