"""Small corrections to the theme's HTML, made after each page is rendered.

Material for MkDocs 9 writes two things the HTML standard does not allow; both are
fixed here, so every page passes the Nu Html Checker, without changing what the page does:

* ``autocomplete="off"`` on its checkbox toggles (only text-like inputs may have it);
* ``tabindex=""`` on navigation section labels (the value must be a number).

The theme also indents its HTML deeply. The indentation at the start of each line is
dropped (a tenth of every page's size), except inside elements where spaces show:
``pre``, ``textarea``, and ``script`` and ``style``, which are left exactly as written.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_VERBATIM_OR_INDENT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|\n[ \t]+", re.IGNORECASE | re.DOTALL)


def fix_theme_html(html: str) -> str:
    """Return ``html`` with the theme's invalid attributes and its indentation removed."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    return drop_indentation(html)


def drop_indentation(html: str) -> str:
    """Remove the spaces that start each line, outside pre, textarea, script and style."""
    return _VERBATIM_OR_INDENT.sub(lambda match: match.group(1) or "\n", html)
