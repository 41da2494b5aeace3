"""Dates, addresses and lists in plain British English (periods are worded by
:mod:`generator.rules.periods`)."""

from __future__ import annotations

import datetime as dt

from generator.i18n import WELSH, gettext, language, month_name


def long_date(day: dt.date) -> str:
    """A date as '22 November 2026' (in Welsh, '22 Tachwedd 2026')."""
    return f"{day.day} {month_name(day)} {day.year}"


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
    return ", ".join(items[:-1]) + f" {_and(items[-1])} " + items[-1]


def _and(following: str) -> str:
    """'and' before ``following``: in Welsh, 'ac' before a vowel, 'a' otherwise."""
    if language() == WELSH:
        return "ac" if following[:1].lower() in set("aeiouwyâêîôûŵŷ") else "a"
    return gettext("and")
