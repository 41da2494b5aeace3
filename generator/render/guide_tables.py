"""Tables too wide for the guide's page are marked to wrap, never cropped.

On paper a table cannot scroll: WeasyPrint lays a table out no narrower than its longest
words side by side, and crops whatever passes the page's edge without a word. Each table
of a chapter whose longest words (one per column, with the cells' padding) would not fit
across the page's text, at a generous width per letter, is marked ``data-guide-wide``;
the guide's stylesheet sets such a table smaller and lets its words break anywhere, so
every column is printed. Other tables keep their words whole.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PAGE_WIDTH_MM = 210  # A4
SIDE_MARGIN_MM = 17  # the guide's left and right margins (its stylesheet's @page)
CELL_PADDING_MM = 3  # a cell's padding, left and right, and its share of the borders
LETTER_MM = 2.0  # 9.5pt text: an average letter is about 1.7 mm; wide letters more
WIDE = "data-guide-wide"


class _TableWords(HTMLParser):
    """For each table, in order of its start tag, the longest word in each column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[int]] = []
        self.open: list[tuple[int, int]] = []  # (table's index, column of the cell now read)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start a table, a row or a cell."""
        if tag == "table":
            self.tables.append([])
            self.open.append((len(self.tables) - 1, -1))
        elif self.open and tag == "tr":
            self.open[-1] = (self.open[-1][0], -1)
        elif self.open and tag in ("td", "th"):
            table, column = self.open[-1]
            self.open[-1] = (table, column + 1)
            if len(self.tables[table]) <= column + 1:
                self.tables[table].append(0)

    def handle_endtag(self, tag: str) -> None:
        """End a table."""
        if tag == "table" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        """Count the text's longest word in the cell's column."""
        if not self.open or self.open[-1][1] < 0:
            return
        table, column = self.open[-1]
        longest = max((len(word) for word in data.split()), default=0)
        self.tables[table][column] = max(self.tables[table][column], longest)


def too_wide(longest_words: list[int]) -> bool:
    """Whether a table whose columns' longest words have these lengths may pass the page."""
    text_width = PAGE_WIDTH_MM - 2 * SIDE_MARGIN_MM
    return sum(letters * LETTER_MM + CELL_PADDING_MM for letters in longest_words) > text_width


def mark_wide_tables(chapter_html: str) -> str:
    """``chapter_html`` with each table too wide for the page marked ``data-guide-wide``."""
    parser = _TableWords()
    parser.feed(chapter_html)
    parser.close()
    wide = {index for index, words in enumerate(parser.tables) if too_wide(words)}
    if not wide:
        return chapter_html
    starts = iter(range(len(parser.tables)))
    return re.sub(r"<table\b", lambda match: f"<table {WIDE}" if next(starts) in wide else match[0], chapter_html)
