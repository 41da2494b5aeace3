"""The page ``mappa serve`` shows in place of the site while it cannot be built.

One self-contained HTML page (no file, font or script of its own) listing every problem
as the terminal shows it, one line each, escaped. The preview server adds its live-reload
script to it, so it turns back into the site by itself once the problems are fixed; where
the server cannot add the script (a page it answers as missing), the page asks again
every few seconds instead.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.web_policy import PREVIEW_ERROR_POLICY

TITLE = "The preview cannot be built"
HINT = "Fix the file and save it: this page goes back to the site by itself."
REFRESH_SECONDS = 2

_STYLE = """
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; color: #a4000f; }
ul { padding-left: 1.2rem; }
li { margin: 0.5rem 0; }
code { font: 0.95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
"""


def error_page(problems: Sequence[str], *, refresh: bool = False) -> bytes:
    """The page listing ``problems`` (one line each, as the terminal shows them), as UTF-8
    HTML; with ``refresh``, it reloads itself every few seconds."""
    items = "\n".join(f"    <li><code>{html.escape(line)}</code></li>" for line in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    again = f'  <meta http-equiv="refresh" content="{REFRESH_SECONDS}">\n' if refresh else ""
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="{html.escape(PREVIEW_ERROR_POLICY)}">
{again}  <title>{TITLE}</title>
  <style>{_STYLE}</style>
</head>
<body>
<main>
  <h1>{TITLE}</h1>
  <p>{count} to fix:</p>
  <ul>
{items}
  </ul>
  <p>{HINT}</p>
</main>
</body>
</html>
"""
    return page.encode("utf-8")
