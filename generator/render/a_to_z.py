"""The A to Z (content/a-z.md): every page, the sections of the guidance pages, every
glossary term and the entries of a_to_z.yaml, in alphabetical order, each a link to its place.

It is made from the other pages as rendered: the pages and their titles as mkdocs.yml's
``nav:`` lists them (:func:`generator.render.navigation.nav_pages`), each page's headings
with the anchors the site engine gives them (Python-Markdown run with the extensions
mkdocs.yml lists, read from ``toc_tokens``), and the glossary's terms with the anchors
:func:`glossary_anchors` gives them (content/glossary.md puts each on its term). So it is
rendered last, and content/a-z.md is an ordinary page template fed an ``a_to_z`` value:
a list of :class:`Letter`. Names are plain text; the template escapes them.

Entries are sorted without regard to case, accents or a leading "The "; a name that
appears more than once (the same heading on two pages) is told apart by its page's title.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2
import markdown
import yaml
from markdown.extensions.toc import slugify
from mkdocs.utils.meta import get_data

from generator.cache import Store, cache_key
from generator.errors import DataError, Problem
from generator.i18n import gettext
from generator.load.data import SiteData
from generator.load.guidance_models import IndexEntry
from generator.load.text_file import BOM
from generator.render.alphabet import DIGITS, OTHER, always_shown, letter_of, letters, sort_key
from generator.render.navigation import NavPage, nav_pages

A_TO_Z_PAGE = "a-z.md"
GLOSSARY_PAGE = "glossary.md"
# Extensions MkDocs always adds to those mkdocs.yml lists (mkdocs.config.defaults).
ENGINE_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class Entry:
    """One line of the A to Z: its name as shown, and its link from the A to Z page."""

    name: str
    link: str


@dataclass(frozen=True)
class Letter:
    """One letter of the A to Z: its name ('A', '0–9', 'Other'), the anchor of its heading
    and its entries in order (none for a letter no entry starts with)."""

    name: str
    anchor: str
    entries: tuple[Entry, ...]


def glossary_anchors(terms: Iterable[str]) -> dict[str, str]:
    """A stable anchor for each glossary term: its slug as the site engine makes heading
    anchors ('Risk management plan (RMP)' -> 'risk-management-plan-rmp'), made unique with
    '-2', '-3' ... in the order given. Only a-z, 0-9 and '-', starting with a letter or digit,
    so it needs no escaping in Markdown."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for term in terms:
        base = re.sub(r"[^a-z0-9]+", "-", slugify(term, "-")).strip("-") or "term"
        anchor, count = base, 1
        while anchor in used:
            count += 1
            anchor = f"{base}-{count}"
        used.add(anchor)
        anchors[term] = anchor
    return anchors


def markdown_converter(root: Path) -> markdown.Markdown:
    """Python-Markdown with the extensions and settings mkdocs.yml gives the site engine."""
    names, settings = _engine_extensions(root)
    return markdown.Markdown(extensions=names, extension_configs=settings)


def _engine_extensions(root: Path) -> tuple[list[str], dict[str, dict]]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    names: list[str] = list(ENGINE_EXTENSIONS)
    settings: dict[str, dict] = {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names += [] if name in names else [name]
        settings[name] = options or {}
    return names, settings


def kept_headings(root: Path) -> Callable[[str], list[tuple[str, str]]]:
    """:func:`page_headings` of a page's Markdown, kept in the cache (:mod:`generator.cache`)
    under the page's text, the extensions' settings, this code and Python-Markdown's version."""
    store = Store(root, "headings")
    settings = json.dumps(_engine_extensions(root), sort_keys=True, default=str)
    made_with = cache_key(settings, code=[__file__], packages=["markdown", "pymdown-extensions"])
    converter: list[markdown.Markdown] = []  # made at the first page not kept

    def headings(text: str) -> list[tuple[str, str]]:
        key = cache_key(made_with, text)
        kept = store.get(key)
        if kept is not None:
            return [(name, anchor) for name, anchor in json.loads(kept)]
        converter[:] = converter or [markdown_converter(root)]
        found = page_headings(text, converter[0])
        store.keep(key, json.dumps(found).encode("utf-8"))
        return found

    return headings


def page_headings(text: str, converter: markdown.Markdown) -> list[tuple[str, str]]:
    """Every heading below the page's title in a rendered page's Markdown, in order, as
    (text, anchor) with the anchor the site engine gives it."""
    converter.reset()
    converter.convert(get_data(text)[0])
    found: list[tuple[str, str]] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            if token["level"] > 1:
                found.append((" ".join(html.unescape(token["name"]).split()), token["id"]))
            walk(token["children"])

    walk(converter.toc_tokens)
    return found


def a_to_z(texts: dict[str, str], glossary: dict[str, str], root: Path, curated: Iterable[IndexEntry] = ()) -> list[Letter]:
    """The A to Z, grouped by first letter: every page in ``nav:`` (``texts``: each rendered
    page's Markdown by file) by its title, the sections of the guidance pages (those in a
    section of the menu: dates, change notes and legal citations stay on their own pages),
    the glossary's terms (``glossary``: each term's anchor on the glossary page), and the
    ``curated`` entries of a_to_z.yaml with their other words."""
    # A page the navigation names but no file gives is left out: the site engine reports it.
    pages = [page for page in nav_pages(root) if page.file in texts or page.file == A_TO_Z_PAGE]
    link = partial(_link, A_TO_Z_PAGE)
    found: list[tuple[str, str, NavPage, bool]] = []  # (name, link, the page it is on, a page's own title)
    headings = kept_headings(root)
    for page in pages:
        found.append((page.title, link(page.file), page, True))
        if page.sections and page.file in texts:
            found += [(name, link(page.file, anchor), page, False) for name, anchor in headings(texts[page.file])]
        if page.file == GLOSSARY_PAGE:
            found += [(term, link(page.file, anchor), page, False) for term, anchor in glossary.items()]
    own_words = NavPage(title="", file="")  # a curated entry is never told apart by a page: its words are its own
    for entry in curated:
        file, _, anchor = entry.page.partition("#")
        found += [(name, link(file, anchor), own_words, True) for name in (entry.term, *entry.also)]
    return _letters(found, {page.file: index for index, page in enumerate(pages)})


def _letters(found: list[tuple[str, str, NavPage, bool]], order: dict[str, int]) -> list[Letter]:
    """The entries sorted and grouped by letter; a name listed twice is told apart by its page."""
    counts: dict[str, int] = {}
    for name, *_ in found:
        counts[_same(name)] = counts.get(_same(name), 0) + 1
    entries = [
        (f"{name} ({page.title})" if counts[_same(name)] > 1 and not title else name, target, order.get(page.file, -1))
        for name, target, page, title in found
    ]
    entries.sort(key=lambda entry: (sort_key(entry[0]), entry[0].casefold(), entry[2], entry[1]))
    groups: dict[str, list[Entry]] = {}
    for name, target, _ in entries:
        if groups.get(letter_of(name)) and groups[letter_of(name)][-1] == Entry(name, target):
            continue  # the same words to the same place, once
        groups.setdefault(letter_of(name), []).append(Entry(name, target))
    return [
        Letter(_letter_name(letter), _letter_anchor(letter), tuple(groups.get(letter, ())))
        for letter in (DIGITS, *letters(), OTHER)
        if always_shown(letter) or letter in groups
    ]


def entry_problems(data: SiteData, texts: dict[str, str], glossary: dict[str, str], root: Path) -> list[Problem]:
    """A problem at each a_to_z.yaml entry whose page the site lacks, or whose section is
    not a heading of that page (or a glossary term, on the glossary page)."""
    headings = kept_headings(root)
    problems = []
    for index, entry in enumerate(data.a_to_z.entries):
        file, _, anchor = entry.page.partition("#")
        if file not in texts:
            message = f"no page '{file}' in the site: write a page's file below content/, such as 'gp-record.md', or 'calculator/index.md'"
        elif anchor and anchor not in {found for _, found in headings(texts[file])} | (
            set(glossary.values()) if file == GLOSSARY_PAGE else set()
        ):
            message = f"no section '#{anchor}' on the page '{file}': use the part after '#' in the section's address"
        else:
            continue
        problems.append(data.documents["a_to_z.yaml"].problem(("entries", index, "page"), message))
    return problems


def render_a_to_z(env: jinja2.Environment, context: dict, texts: dict[str, str], root: Path) -> dict[str, str]:
    """content/a-z.md rendered with the A to Z of the other pages (``texts``, rendered
    Markdown by file), by its file name; nothing if the project has no such page."""
    if not (root / "content" / A_TO_Z_PAGE).is_file():
        return {}
    data: SiteData = context["data"]
    problems = entry_problems(data, texts, context["glossary_anchors"], root)
    if problems:
        raise DataError(problems)
    letters = a_to_z(texts, context["glossary_anchors"], root, data.a_to_z.entries)
    return {A_TO_Z_PAGE: env.get_template(A_TO_Z_PAGE).render(context, link=partial(_link, A_TO_Z_PAGE), a_to_z=letters).removeprefix(BOM)}


def _link(from_file: str, to_file: str, anchor: str = "") -> str:
    """A relative link from one Markdown file to another (and a place in it), as MkDocs expects."""
    target = "" if to_file == from_file and anchor else posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return target + (f"#{anchor}" if anchor else "")


def _same(name: str) -> str:
    """A name as compared to find duplicates: case and spacing aside."""
    return " ".join(name.casefold().split())


def _letter_name(letter: str) -> str:
    """A letter's name as the A to Z shows it: 'Other' in the reader's language, the others as they are."""
    return gettext("Other") if letter == OTHER else letter


def _letter_anchor(letter: str) -> str:
    return {DIGITS: "0-9", OTHER: "other"}.get(letter, letter.lower())
