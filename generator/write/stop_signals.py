"""Turn SIGTERM and SIGHUP into an exception, as Ctrl-C is, so that every cleanup runs."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """Raised in the main thread when the process is told to stop by SIGTERM or SIGHUP."""

    def __init__(self, signum: int):
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(f"stopped by {self.name}")


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP raise :class:`Stopped` in the main thread.

    Only the first such signal raises, so a second one does not break off the cleanup the
    first started. The previous handlers come back on leaving. Off the main thread, a no-op.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        if not stopping:
            stopping.append(signum)
            raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in _STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


def exit_code(error: KeyboardInterrupt) -> int:
    """The exit status for a stop: 128 plus the signal's number (130 for Ctrl-C)."""
    if isinstance(error, Stopped):
        return 128 + error.signum
    return 128 + signal.SIGINT
