"""Turn SIGTERM and SIGHUP into an exception, as Ctrl-C is, so that every cleanup runs; and
hold every stop while a step that must not be cut in two (a swap of folders) is done."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


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


@contextmanager
def signals_held(replay: Callable[[], bool] = lambda: True) -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends, then let them through if
    ``replay()`` says so (a stop that came once the work was done is dropped)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    caught: list[int] = []
    saved = {}
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        # Another thread may still take a process-wide signal: note it and replay it after.
        for number in _HELD:
            handler = signal.getsignal(number)
            if handler not in (signal.SIG_IGN, None):
                saved[number] = signal.signal(number, lambda signum, _frame: caught.append(signum))
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
        if not replay():
            pending = set(_HELD) & signal.sigpending()
            for number in pending:  # taken off the queue, so that unblocking does not deliver it
                signal.sigwait({number})
            caught.clear()
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)
