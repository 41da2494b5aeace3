"""The corrections made to the theme's HTML after each page is rendered."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from generator.write.html_fixes import drop_indentation, fix_theme_html, tables_in_regions


def test_invalid_theme_attributes_are_removed() -> None:
    html = '<input class="md-toggle" type="checkbox" id="t" autocomplete="off">\n<label tabindex="" for="t">Menu</label>'
    assert fix_theme_html(html) == '<input class="md-toggle" type="checkbox" id="t">\n<label for="t">Menu</label>'


def test_the_menus_checkbox_is_named_menu_once() -> None:
    html = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    fixed = fix_theme_html(html)
    assert fixed == '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" aria-label="Menu">'
    assert fix_theme_html(fixed) == fixed
    other = '<input class="md-toggle" type="checkbox" id="__search">'
    assert fix_theme_html(other) == other


def test_a_text_input_keeps_its_autocomplete() -> None:
    html = '<input type="text" autocomplete="off">'
    assert fix_theme_html(html) == html


def test_each_table_is_put_in_a_region_named_after_its_heading_that_takes_the_focus() -> None:
    html = (
        '<h2 id="codes">Codes &amp; <em>terms</em><a class="headerlink" href="#codes" title="Link">&para;</a></h2>\n'
        "<p>Text</p>\n<table>\n<tr><td>a</td></tr>\n</table>\n"
        '<h3 id="more">"More"</h3>\n<table><tr><td>b</td></tr></table>'
    )
    assert tables_in_regions(html) == (
        '<h2 id="codes">Codes &amp; <em>terms</em><a class="headerlink" href="#codes" title="Link">&para;</a></h2>\n'
        '<p>Text</p>\n<div class="mappa-table" role="region" aria-label="Codes &amp; terms" tabindex="0">'
        "<table>\n<tr><td>a</td></tr>\n</table></div>\n"
        '<h3 id="more">"More"</h3>\n<div class="mappa-table" role="region" aria-label="&quot;More&quot;" tabindex="0">'
        "<table><tr><td>b</td></tr></table></div>"
    )


def test_a_table_before_any_heading_is_named_table_and_none_is_wrapped_twice() -> None:
    html = "<table><tr><td>a</td></tr></table>"
    once = fix_theme_html(html)
    assert once == '<div class="mappa-table" role="region" aria-label="Table" tabindex="0"><table><tr><td>a</td></tr></table></div>'
    assert fix_theme_html(once) == once


def test_a_table_with_attributes_is_not_the_themes_and_is_left_alone() -> None:
    html = '<h2>Heading</h2><table class="layout"><tr><td>a</td></tr></table><p><code>&lt;table&gt;</code></p>'
    assert tables_in_regions(html) == html


def test_built_tables_are_in_named_regions(built_site: Path) -> None:
    html = (built_site / "gp-record.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").select_one("article table")
    region = table.parent
    assert (region.name, region.get("role"), region.get("tabindex"), region.get("aria-label")) == ("div", "region", "0", "Codes")


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
