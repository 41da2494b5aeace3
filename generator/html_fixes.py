"""Small corrections to the theme's HTML so every page passes the Nu Html Checker.

Material for MkDocs 9 writes two things the HTML standard does not allow; both are
fixed here, after each page is rendered, without changing what the page does:

* ``autocomplete="off"`` on its checkbox toggles (only text-like inputs may have it);
* ``tabindex=""`` on navigation section labels (the value must be a number).
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def fix_theme_html(html: str) -> str:
    """Return ``html`` with the theme's invalid attributes removed."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    return _EMPTY_TABINDEX.sub("", html)
