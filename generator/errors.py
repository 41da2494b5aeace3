"""Problems found in an editor's data, reported as ``file:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a line and column (both 1-based). Its severity is
    "error" (the site cannot be built) or "warning" (such as a review date passed)."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DataError(Exception):
    """Raised when data files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the words of one line: 'permission denied'."""
    return (error.strerror or str(error)).rstrip(".").lower()


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a link that loops
        return str(path)


class BuildError(Exception):
    """Raised when the site engine or another build step fails for a reason outside the data."""
