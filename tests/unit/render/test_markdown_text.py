"""Escaping data for Markdown: text stays text, whatever characters it holds."""

from __future__ import annotations

import markdown
import pytest

from generator.render.markdown_text import bare_url, escape_markdown, mailto_url, tel_url
from generator.wording import join_words


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=["tables", "attr_list", "def_list", "admonition", "abbr"])
    return md.convert(str(escape_markdown(text)))


@pytest.mark.parametrize(
    "text, shown",
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('"onmouseover=alert(1)', '<p>"onmouseover=alert(1)</p>'),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("**bold** _it_ `code`", "<p>**bold** _it_ `code`</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        (":   not a definition", "<p>&#58; not a definition</p>"),
        ("King's Lynn & Norwich", "<p>King's Lynn &amp; Norwich</p>"),
        ("a {: #id } b", "<p>a {: #id } b</p>"),
        ("line one\nline two", "<p>line one line two</p>"),
    ],
)
def test_data_text_renders_as_itself(text: str, shown: str) -> None:
    assert to_html(text) == shown


def test_pipe_does_not_split_a_table_cell() -> None:
    md = markdown.Markdown(extensions=["tables"])
    html = md.convert("| a | b |\n|---|---|\n| " + escape_markdown("x|y") + " | z |")
    assert "<td>x|y</td>" in html


def test_link_helpers() -> None:
    assert tel_url("01603 276320") == "tel:01603276320"
    assert mailto_url("office@example.org") == "mailto:office@example.org"
    assert bare_url("https://www.example.org/") == "www.example.org"
    assert bare_url("https://www.example.org/page/") == "www.example.org/page/"


def test_wording() -> None:
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A"]) == "A"


def test_css_comments_are_left_out_but_not_strings() -> None:
    from generator.render.pages import without_css_comments

    css = b'/* for editors */\na::after { content: " (" attr(href) ") /* kept */"; } /* two\nlines */ b { x: \'/*\' }'
    assert without_css_comments(css) == b'\na::after { content: " (" attr(href) ") /* kept */"; }  b { x: \'/*\' }'
