"""Decide whether a command may write where it was told to, and replace its output safely.

A command replaces only a folder it made itself (one that holds :data:`MARKER`), an
empty folder or a missing one. Everything else is refused with a one-line
:class:`~generator.errors.BuildError` before any work starts, touching nothing.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from generator.errors import BuildError, os_reason
from generator.write.stop_signals import signals_held

MARKER = ".mappa-output"
MARKER_START = b"Made by `mappa "  # how the marker's text begins
PROJECT_SIGNS = ("data", "content", ".git", "mkdocs.yml", "pyproject.toml")
WRITTEN_BY = {"render": ("mkdocs.yml",)}  # a command's own files that are also signs of a project


def _shown(typed: str | os.PathLike, resolved: str | None = None) -> str:
    """The path as the user typed it, quoted, with what it resolves to when that differs."""
    text = os.fspath(typed)
    if not text:
        return f'"" (the working folder, {resolved or os.getcwd()})'
    if resolved is not None and os.path.abspath(text) != resolved:
        return f'"{text}" ({resolved})'
    return f'"{text}"'


def _resolve(path: str | os.PathLike) -> str:
    return os.path.realpath(os.fspath(path) or ".")


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies below it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _holds_marker(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` holds the marker as mappa writes it (a file of that name with other
    text in it is a user's, and does not make the folder mappa's)."""
    path = os.path.join(folder, MARKER)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as marker:
            return marker.read(len(MARKER_START)) == MARKER_START
    except OSError:
        return False


def _maker(folder: str) -> str:
    """The command named in ``folder``'s marker ('build', 'render'), or '' if none."""
    try:
        with open(os.path.join(folder, MARKER), "rb") as marker:
            text = marker.read(200)
    except OSError:
        return ""
    return text.removeprefix(MARKER_START).split(b"`", 1)[0].decode("ascii", "replace").removeprefix("mappa ")


def _missing(shown: str, resolved: str) -> bool:
    """Whether ``resolved`` is missing; refuse a broken link or a missing path under a file."""
    if os.path.islink(resolved):
        raise BuildError(f"{shown} is a link that cannot be followed (it points to itself)")
    if os.path.lexists(resolved):
        return False
    parent = os.path.dirname(resolved)
    while not os.path.lexists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        raise BuildError(f"{shown} cannot be made: {parent} is a file, not a folder")
    return True


def _nearest_existing(path: str) -> str:
    while not os.path.lexists(path):
        path = os.path.dirname(path)
    return path


def _check_writable(shown: str, folder: str) -> None:
    """Refuse, before any work, an output whose folder this user may not write in."""
    if not os.access(folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        raise BuildError(f"{shown} cannot be written: permission denied in {folder}")


def check_output_folder(
    target: str | os.PathLike,
    *,
    projects: Iterable[str | os.PathLike],
    data_dirs: Iterable[str | os.PathLike],
) -> Path:
    """Return the resolved output folder when the command may create or replace it.

    ``projects`` are folders the output may not be or contain (the project root);
    ``data_dirs`` are folders of data or sources it may also not lie inside (the data
    folders, content/, templates/, generator/, .git). In a folder holding :data:`MARKER`,
    what the command that made it writes (:data:`WRITTEN_BY`: ``mkdocs.yml`` for ``mappa
    render``) is no sign of a project, whichever command replaces it now (``mappa build``
    over an earlier ``render --out site``). Raises BuildError otherwise.
    """
    resolved = _resolve(target)
    shown = _shown(target, resolved)
    for kind, folders, may_be_inside in (("the project folder", projects, True), ("a folder of data or sources", data_dirs, False)):
        for folder in map(_resolve, folders):
            if resolved == folder:
                raise BuildError(f"{shown} is {kind}: choose an empty or new output folder")
            if _inside(folder, resolved):
                raise BuildError(f"{shown} contains {folder}, {kind}: choose an empty or new output folder")
            if not may_be_inside and _inside(resolved, folder):
                raise BuildError(f"{shown} is inside {folder}, a folder of data or sources: choose an output folder outside it")
    if _missing(shown, resolved):
        _check_writable(shown, _nearest_existing(resolved))
        return Path(resolved)
    _check_writable(shown, os.path.dirname(resolved))  # the swap renames in the parent
    if os.path.isfile(resolved):
        raise BuildError(f"{shown} is a file, not a folder: choose an empty or new folder")
    if not os.path.isdir(resolved):
        raise BuildError(f"{shown} is not a folder: choose an empty or new folder")
    try:
        entries = set(os.listdir(resolved))
    except OSError as error:
        raise BuildError(f"{shown} cannot be read: {os_reason(error)}") from None
    marked = MARKER in entries and _holds_marker(resolved)
    excused = set(WRITTEN_BY.get(_maker(resolved), ())) if marked else set()
    signs = [name for name in PROJECT_SIGNS if name in entries and name not in excused]
    if signs:
        raise BuildError(f"{shown} looks like a project folder (it holds {signs[0]}): choose an empty or new output folder")
    if entries and not marked:
        raise BuildError(f"{shown} is not empty and was not made by mappa: choose an empty or new folder")
    return Path(resolved)


def check_output_file(target: str | os.PathLike, *, guarded_dirs: Iterable[str | os.PathLike], magic: bytes) -> Path:
    """Return the resolved output file when the command may write it; raise BuildError if not.

    Pass ``target`` as the user typed it (a ``str``): ``Path`` drops a trailing slash.
    ``guarded_dirs`` are folders no output file may go into (data, content, templates);
    an existing file is overwritten only when it starts with ``magic`` (e.g. ``b"%PDF"``).
    """
    typed = os.fspath(target)
    resolved = _resolve(typed)
    shown = _shown(typed, resolved)
    if typed.endswith(os.sep) or (os.altsep and typed.endswith(os.altsep)):
        raise BuildError(f"{shown} ends with a slash, so it names a folder: give a file name")
    if os.path.basename(typed) in ("", ".", ".."):
        raise BuildError(f"{shown} names a folder: give a file name")
    if os.path.isdir(resolved):
        raise BuildError(f"{shown} is a folder: give a file name")
    for folder in map(_resolve, guarded_dirs):
        if _inside(resolved, folder):
            raise BuildError(f"{shown} is inside {folder}, which holds the project's sources: write it elsewhere")
    if _missing(shown, resolved):
        return Path(resolved)
    if not os.path.isfile(resolved):
        raise BuildError(f"{shown} is not a regular file: give another file name")
    try:
        with open(resolved, "rb") as existing:
            start = existing.read(len(magic))
    except OSError as error:
        raise BuildError(f"{shown} cannot be read: {os_reason(error)}") from None
    if start != magic:
        label = magic.decode("ascii", "replace")
        raise BuildError(f"{shown} already exists and is not a {label} file: mappa will not overwrite it")
    return Path(resolved)


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_file_atomically(target: str | os.PathLike, payload: bytes) -> None:
    """Write ``payload`` to a temporary file beside ``target``, then move it into place."""
    target = Path(target)
    temporary, made = target.with_name(f".{target.name}-{secrets.token_hex(8)}.tmp"), False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
        made = True
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        made = False
    except OSError as error:
        raise BuildError(f"cannot write {target}: {os_reason(error)}") from None
    finally:
        if made:
            with suppress(OSError):
                os.unlink(temporary)


def _delete_old(folder: Path) -> OSError | None:
    """Delete an old copy: one mappa made (its marker last, so a part left is still known as ours) or an empty one."""
    try:
        if _holds_marker(folder):
            for entry in os.scandir(folder):
                if entry.name != MARKER:
                    shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
            os.unlink(folder / MARKER)
        os.rmdir(folder)  # one that was empty when checked: anything put there since stays
    except OSError as error:
        return error
    return None


def _remove_leftovers(target: Path) -> list[str]:
    """Remove old copies from earlier runs (``.{name}-old-*`` folders holding MARKER); a
    line for each that still cannot be deleted, so that no run passes over it in silence."""
    prefix, left = f".{target.name}-old-", []
    with suppress(OSError):
        for entry in list(os.scandir(target.parent)):
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False) and _holds_marker(entry.path):
                problem = _delete_old(Path(entry.path))
                if problem is not None:
                    left.append(
                        f"an earlier {target.name} could not be deleted ({os_reason(problem)}); it is at {entry.path}: delete it yourself"
                    )
    return left


def replace_folder(new: str | os.PathLike, target: str | os.PathLike, *, made_by: str) -> str | None:
    """Mark ``new`` as made by ``made_by`` and swap it into ``target``'s place.

    Returns None, or a one-line warning when the old copy could not be deleted after
    the swap (the swap itself is complete), or an earlier one still cannot be. Raises BuildError, with the old folder left
    in place, when the new one cannot be put there.
    """
    new, target = Path(new), Path(_resolve(target))
    if os.path.lexists(target):
        if not os.path.isdir(target) or not (_holds_marker(target) or not os.listdir(target)):
            raise BuildError(f"{target} is no longer empty or made by mappa: it was left as it was")
    try:
        text = (
            f"{MARKER_START.decode()}{made_by.removeprefix('mappa ')}`. The next build may delete and "
            f"replace this whole folder: keep nothing of yours in it.\n"
        )
        (new / MARKER).write_text(text, encoding="utf-8")
        mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.isdir(target) else 0o777 & ~_umask()
        os.chmod(new, mode)
    except OSError as error:
        raise BuildError(f"cannot prepare the new folder {new}: {os_reason(error)}") from None
    left = _remove_leftovers(target)
    old, swapped, problem = None, False, None
    # Signals stay held until the old copy is gone too: a stop that comes during the swap is
    # let through only if the swap failed; once the new folder is in place the work is done.
    with signals_held(replay=lambda: not swapped):
        if os.path.lexists(target):
            while old is None or os.path.lexists(old):
                old = target.with_name(f".{target.name}-old-{secrets.token_hex(4)}")
            try:
                os.rename(target, old)
            except OSError as error:
                raise BuildError(f"cannot move the previous {target} aside: {os_reason(error)}; it is unchanged") from None
        try:
            os.rename(new, target)
        except OSError as error:
            failed, kept = f"cannot put the new folder at {target}: {os_reason(error)}", "the previous one is unchanged"
            if old is not None:
                try:
                    os.rename(old, target)
                except OSError:
                    kept = f"the previous one is at {old}"
            raise BuildError(f"{failed}; {kept}") from None
        swapped = True
        if old is not None:
            problem = _delete_old(old)
    if problem is not None and old is not None:
        after = "; each build tries again, and says so while it is there" if _holds_marker(old) else ""
        left.insert(0, f"the previous {target.name} could not be deleted ({os_reason(problem)}); it is at {old}: delete it yourself{after}")
    return "; ".join(left) or None
