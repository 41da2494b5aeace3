"""What a page shows around its own text: the "Last updated" line under its title, and
the pages its front matter lists as "Related" (checked to exist).

The line and the list are worded in templates/markdown/page_updated.md and page_footer.md;
this module places the line and checks the list.
"""

from __future__ import annotations

import difflib

from generator.errors import Problem
from generator.load.front_matter import PageDates
from generator.render.review_after_change import CALCULATOR_PAGE


def with_updated_line(text: str, line: str) -> str:
    """``text`` (a page's Markdown) with ``line`` just under its title (its first '# '
    heading after any front matter), or at the top of its body if it has no such title."""
    if not line.strip():
        return text
    start = 0
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        start = 0 if end < 0 else end + len("\n---\n")
    lines = text[start:].split("\n")
    title = next((index for index, found in enumerate(lines) if found.startswith("# ")), -1)
    block = ["", *line.strip("\n").split("\n"), ""]
    lines[title + 1 : title + 1] = block
    return text[:start] + "\n".join(lines)


def related_problems(pages: dict[str, PageDates]) -> list[Problem]:
    """A problem at each 'related' entry of a page's front matter that names a page the
    site lacks, the page itself, or a page listed twice."""
    known = sorted({*pages, CALCULATOR_PAGE})
    problems = []
    for name, page in sorted(pages.items()):
        seen: set[str] = set()
        for file, where in page.related:
            path, line, column = where.rsplit(":", 2)
            if file == name:
                message = "a page cannot list itself as related"
            elif file in seen:
                message = f"the page '{file}' is listed twice"
            elif file not in known:
                close = difflib.get_close_matches(file, known, n=1)
                message = f"no page '{file}' in content/" + (f" (did you mean '{close[0]}'?)" if close else "")
            else:
                seen.add(file)
                continue
            problems.append(Problem(path, int(line), int(column), message))
    return problems
