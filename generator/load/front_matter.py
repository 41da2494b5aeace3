"""The YAML front matter at the top of a Markdown page: ``reviewed`` and ``owner``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter of ``text`` as a dict (empty if none), and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta = yaml.safe_load(text[4:end]) or {}
    return (meta if isinstance(meta, dict) else {}), text[end + 5 :]


def page_reviewed(meta: dict[str, Any]) -> dt.date | None:
    """The page's 'reviewed' date, if it has a valid one."""
    value = meta.get("reviewed")
    return value if isinstance(value, dt.date) else None
