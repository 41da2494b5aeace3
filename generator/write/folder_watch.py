"""What the live-reload server's watch cannot see: a watched folder or file created,
removed, or replaced by another (a data folder moved away and back, or made after the
server started).

The server's watch is on the folder it was given when it started, and it ignores events
on folders: after the data folder is moved away and a folder is put back at its path, or
when the folder did not exist at the start, the preview would go on showing an old site.
:class:`FolderWatch` looks at each path's identity (its device and inode) twice a second;
when one changes, it watches the path again and writes a file in a folder the server
watches, so that the server rebuilds and reloads the open pages as for any other change.
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

CHECK_EVERY_SECONDS = 0.5


def identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of what is at ``path`` now, or None when nothing is."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


class FolderWatch(threading.Thread):
    """Watches ``paths`` again on ``server`` whenever what is at one of them changes, and
    then writes ``signal_folder/changed`` (a folder the server watches) to start a rebuild."""

    def __init__(self, server: LiveReloadServer, paths: list[Path], signal_folder: Path) -> None:
        super().__init__(name="mappa-folder-watch", daemon=True)
        self.server, self.signal = server, signal_folder / "changed"
        self.seen = {path: identity(path) for path in paths}
        self.watched = {path for path, found in self.seen.items() if found is not None}
        self.stopped = threading.Event()
        self.changes = 0
        signal_folder.mkdir(exist_ok=True)
        for path in self.watched:
            server.watch(str(path))
        server.watch(str(signal_folder))

    def run(self) -> None:
        """Look at every path until stopped."""
        while not self.stopped.wait(CHECK_EVERY_SECONDS):
            self.check()

    def check(self) -> bool:
        """Look at every path once; when any changed, watch it again and signal a rebuild.
        Returns whether anything changed."""
        changed = [path for path, seen in self.seen.items() if identity(path) != seen]
        for path in changed:
            if path in self.watched:
                self.server.unwatch(str(path))
                self.watched.discard(path)
            self.seen[path] = identity(path)
            if self.seen[path] is not None:
                self.server.watch(str(path))
                self.watched.add(path)
        if changed:
            self.changes += 1
            self.signal.write_text(f"{self.changes}\n", encoding="utf-8")
        return bool(changed)

    def stop(self) -> None:
        """Stop looking."""
        self.stopped.set()
