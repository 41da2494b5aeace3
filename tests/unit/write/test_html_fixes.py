"""The corrections made to the theme's HTML after each page is rendered."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from generator.write.html_fixes import drop_indentation, fix_theme_html


def test_invalid_theme_attributes_are_removed() -> None:
    html = '<input class="md-toggle" type="checkbox" id="t" autocomplete="off">\n<label tabindex="" for="t">Menu</label>'
    assert fix_theme_html(html) == '<input class="md-toggle" type="checkbox" id="t">\n<label for="t">Menu</label>'


def test_a_text_input_keeps_its_autocomplete() -> None:
    html = '<input type="text" autocomplete="off">'
    assert fix_theme_html(html) == html


def test_indentation_is_dropped_but_a_space_between_words_is_kept() -> None:
    html = "<ul>\n    <li>\n        <a>One</a>\n        <a>two</a>\n    </li>\n</ul>"
    assert drop_indentation(html) == "<ul>\n<li>\n<a>One</a>\n<a>two</a>\n</li>\n</ul>"


def test_text_where_spaces_show_is_left_exactly() -> None:
    verbatim = (
        "<pre><code>def f():\n    return 1\n</code></pre>",
        '<textarea name="t">\n    indented\n</textarea>',
        "<script>\n    const a = `\n        kept`;\n</script>",
        "<STYLE>\n  p { margin: 0 }\n</STYLE>",
    )
    for block in verbatim:
        assert drop_indentation(f"<div>\n    {block}\n    <p>x</p>\n</div>") == f"<div>\n{block}\n<p>x</p>\n</div>"


pieces = st.sampled_from(["<p>", "</p>", "<a href='x'>", "</a>", "<span>", "</span>", "word", "two words", " ", "\n", "\n    ", "\t"])


@given(st.lists(pieces, max_size=40))
def test_dropping_indentation_never_changes_the_text_a_reader_sees(parts: list[str]) -> None:
    html = "<div>" + "".join(parts) + "</div>"

    def seen(markup: str) -> str:
        return " ".join(BeautifulSoup(markup, "html.parser").get_text().split())

    assert seen(drop_indentation(html)) == seen(html)


def test_built_pages_are_unindented(built_site: Path) -> None:
    for page in ("notification-periods.html", "calculator/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        outside_pre = BeautifulSoup(html, "html.parser")
        for verbatim in outside_pre.find_all(["pre", "textarea", "script", "style"]):
            verbatim.decompose()
        assert "\n  " not in str(outside_pre), page
        assert drop_indentation(html) == html, page  # nothing left to drop
