"""Make text from the data safe to place in Markdown.

Data is plain text. Before it reaches a page, HTML is escaped (so ``<script>`` shows
as text) and every character that Markdown treats as syntax is backslash-escaped (so
``[link](javascript:...)`` or ``**`` in a field stays text too).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.wording import url_as_written

# Characters that are Markdown syntax wherever they stand (emphasis, code, links,
# attribute lists, table cells) ...
_INLINE_SYNTAX = re.compile(r"([\\`*_{}\[\]|])")
# ... and those that are syntax only at the start of a line (headings, lists,
# definition lists, setext underlines, numbered lists). Data text never contains a
# line break (whitespace is collapsed), so only the start of the value can be one.
_LINE_START_SYNTAX = re.compile(r"^([#+\-]|\d+(?=[.)]))")
# Not escapable with a backslash in Python-Markdown, so written as entities.
_LINE_START_ENTITIES = {":": "&#58;", "=": "&#61;"}


def escape_markdown(value: Any) -> Markup:
    """Return ``value`` as Markdown that renders to exactly its text."""
    if hasattr(value, "__html__"):
        return Markup(value)
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SYNTAX.sub(r"\\\1", text)
    text = _LINE_START_SYNTAX.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    if text[:1] in _LINE_START_ENTITIES:
        text = _LINE_START_ENTITIES[text[0]] + text[1:]
    return Markup(text)


def safe_url(url: str) -> Markup:
    """A link destination for Markdown: the validated URL with brackets and spaces encoded."""
    return Markup(quote(url, safe=":/?#=&%@+,;~"))


def tel_url(phone: str) -> Markup:
    """A ``tel:`` link for a UK phone number written with spaces."""
    return Markup("tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"))


def mailto_url(email: str) -> Markup:
    """A ``mailto:`` link for a validated email address."""
    return Markup("mailto:" + quote(email, safe="@.+-_"))


def bare_url(url: str) -> Markup:
    """A URL as people write it (see :func:`generator.wording.url_as_written`), for Markdown."""
    return escape_markdown(url_as_written(url))
