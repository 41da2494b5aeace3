"""Render the pages in content/, the calculator's pages and the A to Z into plain Markdown.

Each page in content/ is a Jinja template. Every value from the data is escaped for
Markdown (see :mod:`generator.render.templating`), so the output is ordinary Markdown
that any engine reading mkdocs.yml can build, with no template syntax left in it.
Nothing here writes a file: :mod:`generator.write.pipeline` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2

from generator.errors import DataError
from generator.i18n import ENGLISH, language_of
from generator.load.data import SiteData
from generator.load.front_matter import PageDates, page_files, read_pages
from generator.load.text_file import BOM, links_out_of
from generator.load.translated_pages import TranslatedPage, read_translated_pages
from generator.paths import TRANSLATION_FOLDERS, content_dir
from generator.render.a_to_z import A_TO_Z_PAGE, glossary_anchors, render_a_to_z
from generator.render.calculator_pages import question_files, relative_link, render_calculator
from generator.render.change_feed import change_entries, last_updates, page_titles
from generator.render.citations import Citations
from generator.render.navigation import nav_groups
from generator.render.page_top import related_problems, with_updated_line
from generator.render.review_after_change import CALCULATOR_PAGE, review_dates, stale_review_problems
from generator.render.templating import environment, render_located
from generator.rules.table_lines import table_lines, under_18_summary
from generator.wording import url_as_written

FOOTER_TEMPLATE = "markdown/page_footer.md"
UPDATED_TEMPLATE = "markdown/page_updated.md"
# A CSS comment, or a string (kept as it is, so a '/*' inside one is not taken for a comment).
_CSS_COMMENT_OR_STRING = re.compile(rb'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')|/\*.*?\*/', re.DOTALL)


def without_css_comments(css: bytes) -> bytes:
    """The site's own stylesheets as readers get them: their comments, written for the
    project's editors, left out (a third of their weight)."""
    return _CSS_COMMENT_OR_STRING.sub(lambda match: match.group(1) or b"", css)


def page_context(data: SiteData) -> dict:
    """The names every page can use: one per data file, plus short-cuts and the table's
    lines and under-18 rule as :mod:`generator.rules.periods` words them."""
    table = data.notification_periods
    return {
        "data": data,
        "site": data.site,
        "office": data.contacts.office,
        "contacts": data.contacts,
        "venues": data.venues.venues,
        "agencies": data.agencies,
        "categories": data.categories,
        "levels": data.levels,
        "read_codes": data.read_codes,
        "table": table,
        "table_lines": table_lines(table),
        "under_18_summary": under_18_summary(table),
        "procedures": data.procedures,
        "glossary": sorted(data.glossary.terms, key=lambda t: t.term.lower()),
        "glossary_anchors": glossary_anchors(t.term for t in sorted(data.glossary.terms, key=lambda t: t.term.lower())),
        "sources": data.all_sources,
        "source": data.source,
    }


@dataclass
class Rendering:
    """One rendering of the site's sources, shared by the output kinds that make Markdown
    pages (:mod:`generator.write.outputs`): the data, the project, the one template
    environment and the pages' names, each page's own dates, and the pages so far."""

    data: SiteData
    root: Path
    env: jinja2.Environment
    context: dict
    reviewed: dict[str, PageDates]
    translated: dict[str, TranslatedPage]  # in another language than English: each page's translation
    pages: dict[str, str] = field(default_factory=dict)  # Markdown by its path in the docs folder
    citations: Citations = field(default_factory=Citations)  # the sources each page cites, numbered


def start_rendering(data: SiteData, root: Path) -> Rendering:
    """Read every page's front matter (each page readable, with its own review date) and
    set up the template environment; DataError for a page or template that cannot be read."""
    code, templates_dir = language_of(data), root / "templates"
    env = environment([content_dir(root, code), templates_dir], root, "markdown", data)
    context = page_context(data)
    context["changes"] = change_entries(data, page_titles(root))  # the What changed page
    pages, problems = read_pages(content_dir(root))  # the English pages' dates are every language's
    problems += links_out_of(templates_dir, root)  # no template read from outside the project
    reviewed = {page.path.relative_to(content_dir(root)).as_posix(): page for page in pages}
    translated: dict[str, TranslatedPage] = {}
    if code != ENGLISH and not problems:
        translated, problems, _ = read_translated_pages(content_dir(root, code), reviewed)
    if problems:
        raise DataError(problems)
    context["nav_groups"] = nav_groups(root, {*reviewed, CALCULATOR_PAGE})  # the home page lists every page
    problems = related_problems(reviewed)
    if problems:
        raise DataError(problems)
    return Rendering(data, root, env, context, reviewed, translated)


def guidance_pages(rendering: Rendering) -> dict[str, str | bytes]:
    """Every file in content/ by its path there: each page rendered to Markdown, every other
    file (stylesheets, scripts) as it is. The A to Z is left to :func:`a_to_z_page`."""
    files: dict[str, str | bytes] = {}
    for relative, source in source_files(rendering.root, language_of(rendering.data)).items():
        if relative == A_TO_Z_PAGE:
            continue
        if source.suffix == ".md":
            link = partial(relative_link, relative)
            page_template = partial(rendering.env.get_template, relative)
            values = {"link": link, "cite_number": rendering.citations.for_page(relative)}
            files[relative] = render_located(partial(_render, page_template, rendering.context, **values), source).removeprefix(BOM)
        else:
            files[relative] = without_css_comments(source.read_bytes()) if source.suffix == ".css" else source.read_bytes()
    return files


def source_files(root: Path, code: str) -> dict[str, Path]:
    """Every file of content/ the site is made from in the language ``code``, by its path
    there: in English, all but the translations' folders; in another language, the
    translated pages and the English folder's other files (stylesheets, scripts)."""
    english = content_dir(root)
    files = {
        path.relative_to(english).as_posix(): path
        for path in sorted(english.rglob("*"))
        if path.is_file() and path.relative_to(english).parts[0] not in TRANSLATION_FOLDERS
    }
    if code == ENGLISH:
        return files
    translated = content_dir(root, code)
    pages = {path.relative_to(translated).as_posix(): path for path in page_files(translated)}
    return {relative: path for relative, path in files.items() if path.suffix != ".md"} | pages


def calculator_pages(rendering: Rendering) -> dict[str, str]:
    """The calculator's question and outcome pages, as Markdown."""
    folder = rendering.root / "templates" / "calculator"
    return render_located(lambda: render_calculator(rendering.env, rendering.context, rendering.data, rendering.citations), folder)


def a_to_z_page(rendering: Rendering) -> dict[str, str]:
    """The A to Z, made from the pages rendered before it."""
    source = rendering.root / "content" / A_TO_Z_PAGE
    return render_located(lambda: render_a_to_z(rendering.env, rendering.context, rendering.pages, rendering.root), source)


def finish_pages(rendering: Rendering) -> dict[str, bytes]:
    """Every Markdown page with its review footer, once no page is stale: a page reviewed
    before the newest change naming it, or a change note naming a page the site lacks, is
    a DataError at its line."""
    data, templates_dir = rendering.data, rendering.root / "templates"
    updates = last_updates(data, rendering.pages)
    dates = review_dates(data, rendering.reviewed)
    stale = stale_review_problems(data, dates)
    if stale:
        raise DataError(stale)
    footer, updated = rendering.env.get_template(FOOTER_TEMPLATE), rendering.env.get_template(UPDATED_TEMPLATE)
    files: dict[str, bytes] = {}
    questions = question_files(data)  # a question states no law: no review date in its footer
    titles = page_titles(rendering.root)
    for relative, text in sorted(rendering.pages.items()):
        own = rendering.reviewed.get(relative)  # a calculator page is as new as the table it is made from
        translation = rendering.translated.get(relative)
        page = {
            "reviewed": None if relative in questions else own.reviewed if own else _calculator_reviewed(dates, data),
            "owner": (translation.owner if translation else None) or (own.owner if own else None),
            "draft": bool(data.translation_drafts) or (translation is not None and translation.draft),
            "updated": updates.get(relative),  # the newest change note naming the page
            "address": url_as_written(data.site.site_url.rstrip("/") + "/" + relative.removesuffix(".md") + ".html"),
            "related": [(titles.get(file, file), relative_link(relative, file)) for file, _ in (own.related if own else ())],
            "sources": [data.source(cited) for cited in rendering.citations.cited.get(relative, [])],
            "sources_link": relative_link(relative, "sources.md"),
        }
        footer_text = render_located(partial(footer.render, rendering.context, page=page), templates_dir / FOOTER_TEMPLATE)
        updated_text = render_located(partial(updated.render, rendering.context, page=page), templates_dir / UPDATED_TEMPLATE)
        files[relative] = (with_updated_line(text, updated_text).rstrip("\n") + "\n\n" + footer_text).encode("utf-8")
    return files


def _calculator_reviewed(dates: dict, data: SiteData):
    """The date every calculator page shows: the table's review (the site's, without one)."""
    return dates[CALCULATOR_PAGE].date if CALCULATOR_PAGE in dates else data.site.last_reviewed


def _render(template: Callable[[], jinja2.Template], context: dict, **values: object) -> str:
    """The page ``template()`` rendered with ``context`` and ``values``: the template is
    found inside, so that an error finding it is located as one in rendering it."""
    return template().render(context, **values)
