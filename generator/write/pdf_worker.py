"""A second process for the PDFs (the leaflet's, then the whole guide's), started before
the rest of the build.

Making a PDF takes about as long as building the whole site, a good part of it in
importing WeasyPrint. `mappa build` therefore starts a second process first thing, which
imports WeasyPrint while this process reads the data and builds the site, and then makes
the PDFs it is asked for, one after the other, in the order asked: the leaflet's as soon
as the data is read, the whole guide's once the site engine has built the pages it is made
from. The build waits for each, and a failure fails the build with a one-line message (a
BuildError), never a traceback from the other process.

The process is this module's own: leaving the ``with`` block, however it is left (an
error, Ctrl-C, SIGTERM), stops it, so no process outlives the command. When the command
is killed outright (SIGKILL), which no handler sees, Linux ends the process too (it asks
for PR_SET_PDEATHSIG as it starts); elsewhere it ends when it next waits for work, as it
holds no copy of the command's end of any pipe to it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from generator.errors import BuildError
from generator.write.guide_pdf import GuideLayoutError, write_guide_pdf
from generator.write.leaflet_pdf import LeafletTooLong, LeafletTooWide, write_leaflet_pdf
from generator.write.pdf_engine import import_pdf_engine

PDF_NAMES = {"leaflet": "the leaflet's PDF", "guide": "the whole guide's PDF"}
_ERRORS = {kind.__name__: kind for kind in (LeafletTooLong, LeafletTooWide, GuideLayoutError, BuildError)}
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# For tests that stop a build at a known point: the path of a pipe the process opens before
# each PDF, so that it waits there until the test writes to it (or stops the build).
HOLD_ENV = "MAPPA_PDF_HOLD"
_COMMAND_ENDS: set[Connection] = set()  # the command's ends of the pipes to its running processes


def stopped(kind: str = "leaflet") -> str:
    """The message when the process died before answering for a PDF of ``kind``."""
    return f"the process making {PDF_NAMES[kind]} stopped unexpectedly"


class PdfWorker:
    """A process that has begun importing WeasyPrint and makes the PDFs asked of it; use it
    with ``with``.

    Start it before any thread: the process is forked where the system can fork, so it
    starts at once with nothing to import again; elsewhere it starts a fresh interpreter.
    """

    def __enter__(self) -> PdfWorker:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        self._connection, child_end = context.Pipe()
        self._pending: list[str] = []  # the kinds of PDF asked for and not yet waited for, oldest first
        self._process = context.Process(target=_serve, args=(child_end, os.getpid()), name="mappa-pdf", daemon=True)
        _COMMAND_ENDS.add(self._connection)  # before the fork: the process closes its copy
        try:
            self._process.start()
        except OSError as error:
            _COMMAND_ENDS.discard(self._connection)
            self._connection.close()
            raise BuildError(f"could not start a process for the leaflet's PDF: {error}") from None
        finally:
            child_end.close()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start_pdf(self, html_file: Path, pdf_file: Path, identifier: str, reference: Path | None = None) -> None:
        """Ask the process to write the leaflet's ``pdf_file`` from ``html_file``, compared
        with ``reference`` if too long (see :func:`generator.write.leaflet_pdf.write_leaflet_pdf`)."""
        self._ask("leaflet", html_file, pdf_file, identifier, reference)

    def start_guide(self, html_file: Path, pdf_file: Path, identifier: str) -> None:
        """Ask the process to write the whole guide's ``pdf_file`` from ``html_file``, after
        any PDF asked for before (see :func:`generator.write.guide_pdf.write_guide_pdf`)."""
        self._ask("guide", html_file, pdf_file, identifier)

    def _ask(self, kind: str, html_file: Path, pdf_file: Path, identifier: str, reference: Path | None = None) -> None:
        try:
            self._connection.send((kind, html_file, pdf_file, identifier, reference))
        except OSError:  # the process died: on the oldest PDF asked for, if any
            raise BuildError(stopped(self._pending[0] if self._pending else kind)) from None
        self._pending.append(kind)

    def wait(self) -> int | None:
        """Wait for the oldest PDF asked for and not yet waited for; return its page count
        (the guide's; None for the leaflet). Its failure comes back as one BuildError (or
        LeafletTooLong, LeafletTooWide, GuideLayoutError)."""
        kind = self._pending.pop(0) if self._pending else "leaflet"
        try:
            status, detail = self._connection.recv()
        except (EOFError, OSError):
            raise BuildError(stopped(kind)) from None
        if status != "done":
            raise _ERRORS[status](detail)
        return detail

    def stop(self) -> None:
        """Stop the process if it is still running, and wait until it has gone."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        _COMMAND_ENDS.discard(self._connection)
        self._connection.close()


def _end_with_the_command(command: int) -> None:
    """Make this process end when the command that started it does, however it ends: on
    Linux, ask to be killed when it dies; everywhere, close the copies of the command's
    ends of its pipes that a fork gave this process, so that the pipe's end is seen."""
    for end in list(_COMMAND_ENDS):
        end.close()
    _COMMAND_ENDS.clear()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the closed pipe ends the process instead
        return
    if os.getppid() != command:  # it died before the request was made
        raise SystemExit(0)


def _serve(connection: Connection, command: int) -> None:
    """The second process: import WeasyPrint, then make each PDF asked for, in turn."""
    _end_with_the_command(command)
    # The build stops this process itself; a Ctrl-C reaches every process of the group.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)  # not the build's own handlers, copied by fork
    try:
        import_pdf_engine()
        ready: tuple[str, str] | None = None
    except BuildError as error:
        ready = ("BuildError", str(error))
    while True:
        try:
            job = connection.recv()
        except EOFError:  # the build has asked for all it needs
            break
        _hold()
        connection.send(ready or make_pdf(*job))
    connection.close()


def _hold() -> None:
    """Wait, when a test asks for it (:data:`HOLD_ENV`), until the test opens its pipe."""
    pipe = os.environ.get(HOLD_ENV)
    if pipe:
        with open(pipe, "rb") as held:
            held.read()


def make_pdf(kind: str, html_file: Path, pdf_file: Path, identifier: str, reference: Path | None = None) -> tuple[str, int | str | None]:
    """Write the PDF of ``kind`` ('leaflet' or 'guide'; a leaflet compared with ``reference``
    if too long); return ('done', its page count or None), or the failure as (kind of
    error, one-line message)."""
    try:
        if kind == "guide":
            return ("done", write_guide_pdf(html_file, pdf_file, identifier))
        write_leaflet_pdf(html_file, pdf_file, identifier, reference)
        return ("done", None)
    except (LeafletTooLong, LeafletTooWide, GuideLayoutError) as error:
        return (type(error).__name__, str(error))
    except BuildError as error:
        return ("BuildError", str(error))
    except Exception as error:  # noqa: BLE001 (reported to the editor as one line)
        return ("BuildError", f"{PDF_NAMES[kind]} could not be made: {type(error).__name__}: {error}")
