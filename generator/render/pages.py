"""Render the Markdown pages in content/ with the data into plain Markdown.

Each page in content/ is a Jinja template. Every value from the data is escaped for
Markdown (see :mod:`generator.render.markdown_text`), so the output is ordinary Markdown that
any engine reading mkdocs.yml can build, with no template syntax left in it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, TypeVar

import jinja2

from generator.render import markdown_text, wording
from generator.render.calculator_pages import relative_link, render_calculator
from generator.load.data import SiteData
from generator.errors import DataError, Problem, display_path
from generator.load.front_matter import page_reviewed, split_front_matter
from generator.rules.review_dates import review_due
from generator.render.template_cache import bytecode_cache
from generator.render.leaflet import write_leaflet

FOOTER_TEMPLATE = "markdown/page_footer.md"
T = TypeVar("T")


def markdown_environment(content_dir: Path, templates_dir: Path) -> jinja2.Environment:
    """The Jinja environment pages are rendered in: data escaped, undefined names fatal."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(content_dir)), jinja2.FileSystemLoader(str(templates_dir))]
        ),
        autoescape=True,
        bytecode_cache=bytecode_cache(templates_dir.parent),  # templates/ sits in the project's root
        finalize=markdown_text.escape_markdown,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=wording.long_date,
        duration=wording.duration_words,
        join_words=wording.join_words,
        url=markdown_text.safe_url,
        tel=markdown_text.tel_url,
        mailto=markdown_text.mailto_url,
        bare_url=markdown_text.bare_url,
    )
    return env


def add_review_filter(env: jinja2.Environment, data: SiteData) -> None:
    """``date|review_due``: when something reviewed on that date is next due."""
    env.filters["review_due"] = lambda day: review_due(day, data.site.review_every_months)


def page_context(data: SiteData) -> dict:
    """The names every page can use: one per data file, plus short-cuts."""
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
        "table": data.notification_periods,
        "procedures": data.procedures,
        "glossary": sorted(data.glossary.terms, key=lambda t: t.term.lower()),
        "sources": data.all_sources,
        "source": data.source,
    }


def render_pages(data: SiteData, content_dir: Path, templates_dir: Path, out_dir: Path) -> list[Path]:
    """Render every page in ``content_dir``, and the calculator's pages, into ``out_dir``.

    Return the files written. A file is rewritten only when its text changes, so a
    live-reloading server that watches ``out_dir`` is not woken by an identical render.
    Static files in ``content_dir`` (stylesheets) are copied.
    """
    env = markdown_environment(content_dir, templates_dir)
    add_review_filter(env, data)
    context = page_context(data)
    footer = env.get_template(FOOTER_TEMPLATE)
    texts: dict[str, str] = {}
    written = []
    for source in sorted(content_dir.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(content_dir).as_posix()
        if source.suffix == ".md":
            link = partial(relative_link, relative)
            texts[relative] = _render(lambda: env.get_template(relative).render(context, link=link), source)
        else:
            _write_if_changed(out_dir / relative, source.read_bytes())
            written.append(out_dir / relative)
    texts.update(_render(lambda: render_calculator(env, context, data), templates_dir / "calculator"))
    for relative, text in sorted(texts.items()):
        meta, _ = split_front_matter(text)
        page = {
            "reviewed": page_reviewed(meta) or data.site.last_reviewed,
            "owner": meta.get("owner"),
            "address": wording.url_as_written(data.site.site_url.rstrip("/") + "/" + relative.removesuffix(".md") + ".html"),
        }
        footer_text = _render(lambda: footer.render(context, page=page), templates_dir / FOOTER_TEMPLATE)
        target = out_dir / relative
        _write_if_changed(target, (text.rstrip("\n") + "\n\n" + footer_text).encode("utf-8"))
        written.append(target)
    return written


def render_sources(data: SiteData, root: Path, out_dir: Path) -> list[Path]:
    """Everything the site engine builds from: the pages, the calculator and the leaflet.

    Files left in ``out_dir`` by an earlier render that are no longer produced are removed.
    """
    written = render_pages(data, root / "content", root / "templates", out_dir)
    written += write_leaflet(data, root / "templates", out_dir)
    _remove_stale(out_dir, set(written))
    return written


def _render(produce: Callable[[], T], where: Path) -> T:
    """Run a template, turning any template error into a located DataError."""
    try:
        return produce()
    except jinja2.TemplateError as error:
        raise DataError([_template_problem(error, where)]) from None


def _remove_stale(out_dir: Path, keep: set[Path]) -> None:
    """Delete files left from an earlier render whose page no longer exists."""
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _template_problem(error: jinja2.TemplateError, page: Path) -> Problem:
    """Locate a template error at the template line that raised it."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = Path(error.filename) if error.filename else page
        return Problem(display_path(where), error.lineno or 1, 1, f"template error: {error.message}")
    frames = []
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".html", ".css")):
            frames.append((Path(filename), trace.tb_lineno))
        trace = trace.tb_next
    if not frames:
        return Problem(display_path(page), 1, 1, f"template error: {error}")
    (where, line), (inner, inner_line) = frames[0], frames[-1]
    via = f" (in {display_path(inner)} line {inner_line})" if (inner, inner_line) != (where, line) else ""
    return Problem(display_path(where), line, 1, f"template error: {error}{via}")


def _write_if_changed(target: Path, payload: bytes) -> None:
    if target.exists() and target.read_bytes() == payload:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(payload)
