"""Dates, addresses and lists in plain British English (periods are worded by
:mod:`generator.rules.periods`)."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """A date as '22 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def url_as_written(url: str) -> str:
    """A URL as people write it, without the scheme or a lone trailing slash:
    'https://www.example.org/' -> 'www.example.org'."""
    shown = url.split("://", 1)[-1]
    return shown[:-1] if shown.count("/") == 1 and shown.endswith("/") else shown


def join_words(items: list[str]) -> str:
    """A list as 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
