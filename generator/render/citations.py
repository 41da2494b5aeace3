"""Each page's citations, numbered: a statement's source is shown as a small number that
links to the page's own "Sources for this page" list, where each number names the source
(with its link to the Sources page). A source cited twice on a page keeps its number.

Templates call ``cite_number(source_id)`` (given to each page as it is rendered, see
templates/markdown/macros.md); the page's footer lists what was cited, in that order.
"""

from __future__ import annotations

from collections.abc import Callable


class Citations:
    """The sources each page cited, by the page's file, in the order first cited."""

    def __init__(self) -> None:
        self.cited: dict[str, list[str]] = {}

    def for_page(self, page_file: str) -> Callable[[str], int]:
        """The ``cite_number`` function of one page: a source's number on that page."""
        cited = self.cited.setdefault(page_file, [])
        cited.clear()  # a page rendered again starts its numbers again

        def cite_number(source_id: str) -> int:
            if source_id not in cited:
                cited.append(source_id)
            return cited.index(source_id) + 1

        return cite_number
