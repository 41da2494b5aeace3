"""Titles of Acts of Parliament left in English on a page in another language, marked
``lang="en"`` (WCAG 3.1.2, language of parts), so that a screen reader says them in English.

A template marks the titles it prints itself (the ``in_english`` filter); a translator's
Welsh sentence may name an Act too ("adrannau 325 i 327 o'r Criminal Justice Act 2003").
Every such title in the text of a page's content is wrapped, unless it is already inside
an element marked English, or inside code.
"""

from __future__ import annotations

import re

_ACT = re.compile(r"\b(?:[A-Z][a-z]+(?: and| of| the| for)? )+Act (?:\d{4})\b")
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_LANG = re.compile(r"""\blang\s*=\s*["']?([A-Za-z-]+)""")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_KEPT = frozenset({"code", "pre", "script", "style", "svg", "textarea"})


def with_english_marked(html: str) -> str:
    """``html`` (a page's content) with each Act's title in its text marked ``lang="en"``."""
    parts = _TAG.split(html)
    open_elements: list[tuple[str, bool]] = []  # (element, whether it or an ancestor is English or kept)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            _follow(part, open_elements)
        elif part and not (open_elements and open_elements[-1][1]):
            parts[index] = _ACT.sub(r'<span lang="en">\g<0></span>', part)
    return "".join(parts)


def _follow(tag: str, open_elements: list[tuple[str, bool]]) -> None:
    """Keep ``open_elements`` up to date with one tag."""
    name = _NAME.match(tag)
    if name is None or tag.startswith(("<!", "<?")):
        return
    element = name.group(1).lower()
    if tag.startswith("</"):
        while open_elements:
            if open_elements.pop()[0] == element:
                break
        return
    if element in _VOID or tag.endswith("/>"):
        return
    lang = _LANG.search(tag)
    inside = open_elements[-1][1] if open_elements else False
    english = (lang is not None and lang.group(1).lower().startswith("en")) or element in _KEPT
    open_elements.append((element, inside or english if lang is None else english))
