"""The hidden folder a command builds in, beside its output, and the tidying of those that
killed runs left behind.

Every run's working folder, ``.{name}-build-XXXXXXXX`` beside the output ``name``, is
locked (``flock``) by the run for as long as it lives, and then marked with :data:`LOCK`:
the lock goes with the process however it ends, even killed outright (SIGKILL), which no
handler sees. Each run first removes the marked working folders that nobody holds locked
any more; one still locked is another run's, at work, and is left alone, as is anything
unmarked (a folder that another run has only just made, and not yet locked).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.errors import BuildError, os_reason
from generator.write.stop_signals import signals_held

LOCK = ".mappa-building"


def staging_prefix(target: Path) -> str:
    """The start of the name of every working folder for ``target``."""
    return f".{target.name}-build-"


@contextmanager
def staging_folder(target: str | os.PathLike) -> Iterator[Path]:
    """A hidden folder beside ``target`` to build in; always removed on leaving the block,
    with the folders made for it, unless the output is now in them. Working folders that
    killed runs left beside ``target`` are removed first."""
    target = Path(os.path.realpath(os.fspath(target) or "."))
    made = [folder for folder in target.parents if not folder.exists()]  # deepest first
    remove_abandoned(target)
    staging, lock = None, None
    try:
        with signals_held():  # a stop comes after the folder is made and known, or before
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
            lock = _hold_lock(staging)
        yield staging
    except OSError as error:
        if staging is not None:
            raise
        raise BuildError(f"cannot create a working folder beside {target}: {os_reason(error)}") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if lock is not None:
            os.close(lock)
        for folder in made:
            with suppress(OSError):
                folder.rmdir()


def _hold_lock(staging: Path) -> int:
    """Lock ``staging`` and only then mark it, so that no other run ever finds a marked
    folder that is not locked while its run lives."""
    descriptor = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        (staging / LOCK).write_bytes(b"")
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def remove_abandoned(target: Path) -> None:
    """Remove, silently, the working folders beside ``target`` whose run has ended."""
    with suppress(OSError):
        for entry in list(os.scandir(target.parent)):
            if entry.name.startswith(staging_prefix(target)) and entry.is_dir(follow_symlinks=False):
                _remove_if_abandoned(Path(entry.path))


def _remove_if_abandoned(folder: Path) -> None:
    if not (folder / LOCK).is_file():
        return  # unmarked: just made by another run, or not a working folder at all
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return  # held: another run is building in it
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(descriptor)
