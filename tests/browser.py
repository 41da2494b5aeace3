"""Helpers for browser tests: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_SHARED: list = []  # [Playwright, Browser]: the one browser of this test process, once started


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, through Playwright: one browser for the whole test
    process, started at its first use (and again if it has gone); each test works in
    contexts of its own, and any it leaves open are closed after it."""
    if not _SHARED or not _SHARED[1].is_connected():
        close_shared_browser()
        playwright = sync_playwright().start()
        _SHARED[:] = [playwright, playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)]
    browser = _SHARED[1]
    before = set(browser.contexts)
    try:
        yield browser
    finally:
        for context in browser.contexts:
            if context not in before:
                context.close()


def close_shared_browser() -> None:
    """Close this process's browser, if one was started (at the end of the test session)."""
    if _SHARED:
        playwright, browser = _SHARED
        _SHARED.clear()
        try:
            browser.close()
        finally:
            playwright.stop()
