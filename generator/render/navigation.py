"""The site's navigation as mkdocs.yml lists it: every page, in order, with its nav title.

The one reader of ``nav:`` for the generator's own outputs (the whole guide's PDF and the
A to Z), so they follow the order and titles the site's menu shows; the titles are
messages of the interface, in the current language (:mod:`generator.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.i18n import gettext
from generator.load.project_config import load_project_config


@dataclass(frozen=True)
class NavPage:
    """One page in the navigation: its title there, its Markdown file, and the titles of
    the sections it sits in (outermost first)."""

    title: str
    file: str
    sections: tuple[str, ...] = ()


def nav_pages(root: Path) -> list[NavPage]:
    """Every page in mkdocs.yml's ``nav:``, in order (external links left out)."""
    return list(_walk(load_project_config(root)["nav"], ()))


def _walk(entries: list, sections: tuple[str, ...]):
    for entry in entries:
        if isinstance(entry, str):
            if not _is_external(entry):
                yield NavPage(title=Path(entry).stem, file=entry, sections=sections)
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                yield from _walk(target, (*sections, gettext(title)))
            elif not _is_external(target):
                yield NavPage(title=gettext(title), file=target, sections=sections)


def _is_external(target: str) -> bool:
    return "://" in target or target.startswith("mailto:")


def translated_nav(entries: list) -> list:
    """mkdocs.yml's ``nav:`` with its titles in the current language (:mod:`generator.i18n`)."""
    return [
        entry
        if isinstance(entry, str)
        else {gettext(title): translated_nav(target) if isinstance(target, list) else target for title, target in entry.items()}
        for entry in entries
    ]


def nav_groups(root: Path, files: set[str], other: str | None = None) -> list[tuple[str, list[NavPage]]]:
    """The pages of ``nav:`` that are among ``files``, grouped by their outermost section,
    in order; pages in no section form a last group named ``other`` ('About this site'). The home page is left
    out: it lists these. (A page the navigation names but no file gives is reported by the
    site engine, at its line in mkdocs.yml.)"""
    other = other or gettext("About this site")
    groups: dict[str, list[NavPage]] = {}
    for page in nav_pages(root):
        if page.file != "index.md" and page.file in files:
            groups.setdefault(page.sections[0] if page.sections else other, []).append(page)
    return sorted(groups.items(), key=lambda group: group[0] == other)
