"""A second process for the leaflet's PDF, started before the rest of the build.

Making the PDF takes about as long as building the whole site, half of it in importing
WeasyPrint. `mappa build` therefore starts a second process first thing, which imports
WeasyPrint while this process reads the data and builds the site, and then makes the
PDF. The build waits for both, and a failure in either fails the build.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_until_done
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.errors import BuildError
from generator.leaflet_pdf import import_pdf_engine, write_leaflet_pdf


class PdfProcess:
    """A one-worker process pool that has begun importing WeasyPrint; use it with ``with``."""

    def __enter__(self) -> PdfProcess:
        # Forking starts the worker at once, with nothing to import again; where the
        # system cannot fork, the worker starts as a fresh interpreter instead.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
        self._pool.submit(import_pdf_engine)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(cancel_futures=True)

    def start_pdf(self, html_file: Path, pdf_file: Path, identifier: str) -> Future:
        """Queue the leaflet PDF (see :func:`generator.leaflet_pdf.write_leaflet_pdf`)."""
        return self._pool.submit(write_leaflet_pdf, html_file, pdf_file, identifier)


def wait_for(job: Future) -> None:
    """Wait for ``job``; its own errors pass through, a crashed process becomes a BuildError."""
    try:
        job.result()
    except BrokenProcessPool:
        raise BuildError("the process making the leaflet's PDF stopped unexpectedly") from None


def settle(job: Future) -> None:
    """Cancel ``job`` if it has not started, else let it finish; ignore its result."""
    job.cancel()
    wait_until_done([job])
