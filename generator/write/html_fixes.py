"""Small corrections to the theme's HTML, made after each page is rendered.

Material for MkDocs 9 writes two things the HTML standard does not allow; both are
fixed here, so every page passes the Nu Html Checker, without changing what the page does:

* ``autocomplete="off"`` on its checkbox toggles (only text-like inputs may have it);
* ``tabindex=""`` on navigation section labels (the value must be a number).

The menu's checkbox, which takes the focus on narrow screens (content/assets/mappa.css),
is named "Menu" (``aria-label``): otherwise its name would run together the words of the
three labels the theme ties to it.

Each table of a page's text is put in a region of its own: named after the heading the
table comes under, and in the Tab order, so that when the table is wider than the screen
(a phone's), the region scrolls sideways and the keyboard can scroll it, as GOV.UK's
tables do (content/assets/mappa.css). Only the tables the theme styles (those without a
``class``) are wrapped, and each once.

The theme also indents its HTML deeply. The indentation at the start of each line is
dropped (a tenth of every page's size), except inside elements where spaces show:
``pre``, ``textarea``, and ``script`` and ``style``, which are left exactly as written.
"""

from __future__ import annotations

import html as html_text
import re

from generator.i18n import gettext

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_MENU_BOX = re.compile(r'(<input\b[^>]*\bid="__drawer")(?![^>]*\baria-label=)')
_VERBATIM_OR_INDENT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|\n[ \t]+", re.IGNORECASE | re.DOTALL)
# A table without attributes (as Markdown writes one), or a heading, whichever comes next.
_TABLE_OR_HEADING = re.compile(r"<table>|<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HEADERLINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a\s*>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
TABLE_REGION_CLASS = "mappa-table"
_REGION_OPENING = re.compile(rf'<div class="{TABLE_REGION_CLASS}"[^>]*>\s*$')


def fix_theme_html(html: str) -> str:
    """Return ``html`` with the theme's invalid attributes and its indentation removed,
    the menu's checkbox named, and each of its tables in a named region that can scroll."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    html = _MENU_BOX.sub(lambda found: f'{found.group(1)} aria-label="{html_text.escape(gettext("Menu"))}"', html, count=1)
    html = tables_in_regions(html)
    return drop_indentation(html)


def tables_in_regions(html: str) -> str:
    """Put each ``<table>`` of ``html`` not already in one in a region that can take the
    focus and scroll, named after the last heading before it (or "Table")."""
    parts: list[str] = []
    heading = ""
    done = 0
    for match in _TABLE_OR_HEADING.finditer(html):
        if match.start() < done:
            continue  # inside the table just wrapped
        if match.group(1):
            heading = heading_text(match.group(2))
            continue
        if _REGION_OPENING.search(html, done, match.start()):
            continue  # wrapped before
        end = html.find("</table>", match.end())
        if end == -1:
            break
        end += len("</table>")
        name = html_text.escape(heading or "Table")
        parts += [html[done : match.start()], f'<div class="{TABLE_REGION_CLASS}" role="region" aria-label="{name}" tabindex="0">']
        parts += [html[match.start() : end], "</div>"]
        done = end
    return "".join(parts) + html[done:]


def heading_text(inner_html: str) -> str:
    """The words of a heading, from its HTML, without the theme's permalink (¶)."""
    return " ".join(html_text.unescape(_TAG.sub("", _HEADERLINK.sub("", inner_html))).split())


def drop_indentation(html: str) -> str:
    """Remove the spaces that start each line, outside pre, textarea, script and style."""
    return _VERBATIM_OR_INDENT.sub(lambda match: match.group(1) or "\n", html)
