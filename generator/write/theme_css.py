"""The theme's stylesheet trimmed to the site: the rules of Material for MkDocs that no
page of this site can use are left out, so that every page loads less.

A selector is left out only when it names, outside any ``:not()``, ``:is()`` or other
function, a class that no page of the site has in a ``class`` attribute and no script of
the site mentions (the theme's script adds classes as the reader searches or opens a
menu: those stay). A rule goes when all its selectors go. Everything else stays as the
theme wrote it: rules without classes, ``@font-face``, ``@keyframes``, the custom
properties. The trimmed stylesheet gets a name of its own, from a digest of its bytes
(the theme's fingerprinted names are cached for a year: a changed file needs a new name),
and every page links to it. The same stylesheet and classes give the same bytes, kept in
the cache (generator/cache.py) for the next build.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import tinycss2
from tinycss2 import ast

from generator.cache import Store, cache_key

THEME_STYLESHEETS = "assets/stylesheets"
_THEME_MAIN = re.compile(r"main\.[0-9a-f]{8}\.min\.css")
_CLASS_ATTRIBUTE = re.compile(rb"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_NESTED_RULES = {"media", "supports", "container", "layer"}


def trimmed_css_store(root: Path) -> Store:
    """The trimmed stylesheets kept by the builds of the project in ``root``."""
    return Store(root, "theme-css")


def trim_theme_css(site: Path, store: Store) -> None:
    """Replace the theme's main stylesheet in ``site`` by one without the rules no page of
    the site can use (see the module's notes), and link every page to it."""
    folder = site / THEME_STYLESHEETS
    found = [path for path in folder.iterdir() if _THEME_MAIN.fullmatch(path.name)] if folder.is_dir() else []
    if len(found) != 1:
        return  # a theme that names its stylesheet otherwise: served whole, as it comes
    (original,) = found
    pages = sorted(site.rglob("*.html"))
    classes = sorted(used_classes(page.read_bytes() for page in pages))
    scripts = b"\n".join(path.read_bytes() for path in sorted(site.rglob("*.js")))
    stylesheet = original.read_bytes()
    key = f"{cache_key(stylesheet, scripts, ' '.join(classes), code=[__file__], packages=['tinycss2'])}.css"
    trimmed = store.get(key)
    if trimmed is None:
        trimmed = trim_stylesheet(stylesheet.decode("utf-8"), set(classes), scripts.decode("utf-8")).encode("utf-8")
        store.keep(key, trimmed)
    name = f"main.{hashlib.sha256(trimmed).hexdigest()[:8]}.min.css"
    (folder / name).write_bytes(trimmed)
    for page in pages:
        content = page.read_bytes()
        page.write_bytes(content.replace(original.name.encode(), name.encode()))
    original.unlink()
    original.with_name(original.name + ".map").unlink(missing_ok=True)  # it maps the theme's file


def used_classes(pages: Iterable[bytes]) -> set[str]:
    """Every class named in a ``class`` attribute of ``pages``, however it is quoted."""
    return {name.decode() for page in pages for found in _CLASS_ATTRIBUTE.finditer(page) for name in b"".join(found.groups(b"")).split()}


def trim_stylesheet(css: str, classes: set[str], scripts: str) -> str:
    """``css`` without the selectors that name a class neither in ``classes`` nor
    mentioned in ``scripts``, and without the rules left with none."""

    def used(name: str) -> bool:
        return name in classes or name in scripts

    return "".join(_trimmed(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used))


def _trimmed(rules: Iterable[ast.Node], used: Callable[[str], bool]) -> Iterator[str]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [selector for selector in _selectors(rule.prelude) if all(used(name) for name in _classes(selector))]
            if selectors:
                prelude = ",".join(tinycss2.serialize(selector).strip() for selector in selectors)
                yield f"{prelude}{{{tinycss2.serialize(rule.content)}}}"
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _NESTED_RULES and rule.content is not None:
            inner = "".join(_trimmed(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True), used))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        else:
            yield rule.serialize()


def _selectors(prelude: list[ast.Node]) -> Iterator[list[ast.Node]]:
    """The selectors of a rule's prelude, split at its top-level commas."""
    selector: list[ast.Node] = []
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            yield selector
            selector = []
        else:
            selector.append(token)
    yield selector


def _classes(selector: list[ast.Node]) -> Iterator[str]:
    """The classes a selector names at its top level (not inside ``:not()`` and the like)."""
    for before, token in zip(selector, selector[1:], strict=False):
        if isinstance(before, ast.LiteralToken) and before.value == "." and isinstance(token, ast.IdentToken):
            yield token.value
