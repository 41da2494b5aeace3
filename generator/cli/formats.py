"""How ``mappa check`` reports what it found: as text, as GitHub annotations, or as JSON.

* ``text`` (the default): ``file:line:column: message``, one a line, for people;
* ``github``: GitHub Actions workflow commands, ``::error file=...,line=...,col=...,
  title=...::message``, so a pull request shows each problem on its line;
* ``json``: one array of ``{"file", "line", "column", "severity", "message"}``.

A problem with no place (a build step that failed outside any file) has an empty path:
GitHub shows it on the run, JSON gives ``null`` for its file, line and column.
"""

from __future__ import annotations

import json

from generator.errors import Problem

FORMATS = ("text", "github", "json")
TITLES = {"error": "Problem found by mappa check", "warning": "Review overdue"}


def github_line(problem: Problem) -> str:
    """``problem`` as a GitHub Actions workflow command (``::error`` or ``::warning``)."""
    located = {"file": problem.path, "line": problem.line, "col": problem.column} if problem.path else {}
    properties = {**located, "title": TITLES[problem.severity]}
    written = ",".join(f"{name}={_escape_property(str(value))}" for name, value in properties.items())
    return f"::{problem.severity} {written}::{_escape_data(problem.message)}"


def json_text(problems: list[Problem]) -> str:
    """``problems`` as one JSON array, for other tools and editors."""
    return json.dumps(
        [
            {"file": p.path or None, "line": p.line or None, "column": p.column or None, "severity": p.severity, "message": p.message}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def _escape_data(text: str) -> str:
    """A workflow command's message: '%', carriage returns and line feeds escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ':' and ',' escaped too."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
