"""The theme's stylesheet trimmed to the site (generator/write/theme_css.py). That the trimmed
stylesheet styles every page as the theme's own does is proven in a browser:
tests/in_browser/test_trimmed_css.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.cache import Store
from generator.web_policy import FINGERPRINTED
from generator.write import theme_css
from generator.write.theme_css import trim_stylesheet, trim_theme_css, used_classes

THEME = "main.0123abcd.min.css"


def test_a_rule_goes_only_when_it_names_a_class_no_page_or_script_has() -> None:
    css = ".used{a:1}.unused{b:2}.used .unused{c:3}p{d:4}.said-by-script{e:5}"
    assert trim_stylesheet(css, {"used"}, 'x.classList.add("said-by-script")') == ".used{a:1}p{d:4}.said-by-script{e:5}"


def test_a_list_of_selectors_keeps_those_that_can_match() -> None:
    assert trim_stylesheet(".a, .gone > p, .b:hover{x:1}", {"a", "b"}, "") == ".a,.b:hover{x:1}"


def test_classes_inside_not_is_and_where_do_not_count() -> None:
    css = "p:not(.gone){x:1}:is(.gone,.a) p{y:2}.a:where(.gone){z:3}"
    assert trim_stylesheet(css, {"a"}, "") == css


@pytest.mark.parametrize(
    ("css", "trimmed"),
    [
        ("@media screen{.gone{x:1}.a{y:2}}", "@media screen{.a{y:2}}"),
        ("@media screen{.gone{x:1}}.a{y:2}", ".a{y:2}"),
        ("@supports (display:grid){@media print{.a{x:1}.gone{y:2}}}", "@supports (display:grid){@media print{.a{x:1}}}"),
        ("@font-face{font-family:x;src:url(x.woff2)}", "@font-face{font-family:x;src:url(x.woff2)}"),
        ("@keyframes spin{0%{opacity:0}to{opacity:1}}", "@keyframes spin{0%{opacity:0}to{opacity:1}}"),
        (':root{--icon:url("data:image/svg+xml;charset=utf-8,<svg/>")}', ':root{--icon:url("data:image/svg+xml;charset=utf-8,<svg/>")}'),
    ],
    ids=["media", "emptied media", "nested", "font face", "keyframes", "custom property"],
)
def test_at_rules_are_trimmed_inside_or_kept_whole(css: str, trimmed: str) -> None:
    assert trim_stylesheet(css, {"a"}, "") == trimmed


def test_the_classes_of_every_class_attribute_are_found() -> None:
    pages = [b'<p class="a b">x</p><div class="c"></div>', b'<a class=" d  a" href="#">y</a><p data-class="no">']
    pages += [b"<div class='e f'><span CLASS = g>"]
    assert used_classes(pages) == {"a", "b", "c", "d", "e", "f", "g"}


def write_site(site: Path, css: str) -> None:
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / THEME).write_text(css, encoding="utf-8")
    (site / "assets" / "stylesheets" / f"{THEME}.map").write_text("{}", encoding="utf-8")
    (site / "assets" / "javascripts").mkdir()
    (site / "assets" / "javascripts" / "bundle.js").write_text('el.classList.toggle("open")', encoding="utf-8")
    (site / "calculator").mkdir()
    (site / "index.html").write_text(f'<link rel="stylesheet" href="assets/stylesheets/{THEME}"><p class="a">', encoding="utf-8")
    (site / "calculator" / "index.html").write_text(f'<link rel="stylesheet" href="../assets/stylesheets/{THEME}">', encoding="utf-8")


def test_the_trimmed_stylesheet_is_named_by_its_digest_and_every_page_links_to_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, ".a{x:1}.gone{y:2}.open{z:3}")
    trim_theme_css(site, Store(tmp_path, "theme-css"))
    (trimmed,) = (site / "assets" / "stylesheets").iterdir()  # the theme's file and its map are gone
    assert trimmed.read_text(encoding="utf-8") == ".a{x:1}.open{z:3}"
    assert trimmed.name == f"main.{hashlib.sha256(trimmed.read_bytes()).hexdigest()[:8]}.min.css"
    assert FINGERPRINTED.search(trimmed.name), "served as the theme's fingerprinted files are: cached for a year"
    assert f'href="assets/stylesheets/{trimmed.name}"' in (site / "index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{trimmed.name}"' in (site / "calculator" / "index.html").read_text(encoding="utf-8")


def test_the_same_stylesheet_and_classes_are_trimmed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path, "theme-css")
    write_site(tmp_path / "first", ".a{x:1}.gone{y:2}")
    trim_theme_css(tmp_path / "first", store)

    def no_second_time(*args: object) -> str:
        raise AssertionError("trimmed again")

    monkeypatch.setattr(theme_css, "trim_stylesheet", no_second_time)
    write_site(tmp_path / "second", ".a{x:1}.gone{y:2}")
    trim_theme_css(tmp_path / "second", store)
    first, second = ([*(tmp_path / name / "assets" / "stylesheets").iterdir()] for name in ("first", "second"))
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second] == [b".a{x:1}"]


def test_the_built_site_links_every_page_to_its_one_trimmed_stylesheet(built_site: Path) -> None:
    import material

    folder = built_site / "assets" / "stylesheets"
    (trimmed,) = folder.glob("main.*.min.css")
    (theme,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    assert trimmed.name != theme.name and not (folder / theme.name).exists()
    assert len(trimmed.read_bytes()) < 0.8 * len(theme.read_bytes())
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert theme.name not in text, page
        assert page.name == "leaflet.html" or trimmed.name in text, page


def test_a_theme_with_no_stylesheet_of_that_name_is_left_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, ".a{x:1}.gone{y:2}")
    renamed = site / "assets" / "stylesheets" / "theme.css"
    (site / "assets" / "stylesheets" / THEME).rename(renamed)
    trim_theme_css(site, Store(tmp_path, "theme-css"))
    assert renamed.read_text(encoding="utf-8") == ".a{x:1}.gone{y:2}"
    trim_theme_css(tmp_path / "no-site", Store(tmp_path, "theme-css"))  # no stylesheets folder at all
