"""A second process for the leaflet's PDF, started before the rest of the build.

Making the PDF takes about as long as building the whole site, half of it in importing
WeasyPrint. `mappa build` therefore starts a second process first thing, which imports
WeasyPrint while this process reads the data and builds the site, and then makes the
PDF. The build waits for both, and a failure in either fails the build with a one-line
message (a BuildError), never a traceback from the other process.

The process is this module's own: leaving the ``with`` block, however it is left (an
error, Ctrl-C, SIGTERM), stops it, so no process outlives the command.
"""

from __future__ import annotations

import multiprocessing
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from generator.errors import BuildError
from generator.write.pdf import LeafletTooLong, import_pdf_engine, write_leaflet_pdf

STOPPED = "the process making the leaflet's PDF stopped unexpectedly"
_ERRORS = {"LeafletTooLong": LeafletTooLong, "BuildError": BuildError}


class PdfWorker:
    """A process that has begun importing WeasyPrint and makes one PDF; use it with ``with``.

    Start it before any thread: the process is forked where the system can fork, so it
    starts at once with nothing to import again; elsewhere it starts a fresh interpreter.
    """

    def __enter__(self) -> PdfWorker:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        self._connection, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_end,), name="mappa-pdf", daemon=True)
        try:
            self._process.start()
        except OSError as error:
            self._connection.close()
            raise BuildError(f"could not start a process for the leaflet's PDF: {error}") from None
        finally:
            child_end.close()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start_pdf(self, html_file: Path, pdf_file: Path, identifier: str) -> None:
        """Ask the process to write ``pdf_file`` from ``html_file`` (see :func:`write_leaflet_pdf`)."""
        try:
            self._connection.send((html_file, pdf_file, identifier))
        except OSError:
            raise BuildError(STOPPED) from None

    def wait(self) -> None:
        """Wait for the PDF; its failure comes back as one BuildError (or LeafletTooLong)."""
        try:
            answer = self._connection.recv()
        except (EOFError, OSError):
            raise BuildError(STOPPED) from None
        if answer is not None:
            kind, message = answer
            raise _ERRORS[kind](message)

    def stop(self) -> None:
        """Stop the process if it is still running, and wait until it has gone."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._connection.close()


def _serve(connection: Connection) -> None:
    """The second process: import WeasyPrint, then make the one PDF asked for."""
    # The build stops this process itself; a Ctrl-C reaches every process of the group.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)  # not the build's own handlers, copied by fork
    try:
        import_pdf_engine()
        ready: tuple[str, str] | None = None
    except BuildError as error:
        ready = ("BuildError", str(error))
    try:
        job = connection.recv()
    except EOFError:  # the build ended without asking for a PDF
        return
    connection.send(ready or make_pdf(*job))
    connection.close()


def make_pdf(html_file: Path, pdf_file: Path, identifier: str) -> tuple[str, str] | None:
    """Write the leaflet's PDF; return None, or the failure as (kind, one-line message)."""
    try:
        write_leaflet_pdf(html_file, pdf_file, identifier)
    except LeafletTooLong as error:
        return ("LeafletTooLong", str(error))
    except BuildError as error:
        return ("BuildError", str(error))
    except Exception as error:  # noqa: BLE001 (reported to the editor as one line)
        return ("BuildError", f"the leaflet's PDF could not be made: {type(error).__name__}: {error}")
    return None
