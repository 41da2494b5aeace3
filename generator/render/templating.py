"""The one Jinja environment factory, and template errors as located problems.

Every template of the project (the pages in content/, templates/markdown/ and
templates/calculator/, the leaflet, a new area's data files) is rendered in an
environment made by :func:`environment`. Each kind of output has its own escaping:

* ``markdown``: every value from the data is escaped for HTML and for Markdown
  (:mod:`generator.render.markdown_text`), so data stays text;
* ``html``: HTML-escaped (the leaflet); its stylesheet is not escaped but takes text
  through the ``css_string`` filter;
* ``yaml``: nothing escaped; values go through the ``yaml`` filter (a quoted string).

All kinds share the settings (undefined names are errors, block tags leave no blank
lines), the filters ``long_date``, ``join_words`` and, given the data, ``review_due``,
and the compiled-template cache (:mod:`generator.render.template_cache`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Literal, TypeVar

import jinja2

from generator.errors import DataError, Problem, display_path
from generator.load.data import SiteData
from generator.render import markdown_text
from generator.render.template_cache import bytecode_cache
from generator.rules.review_dates import review_due
from generator.wording import join_words, long_date, url_as_written

Kind = Literal["markdown", "html", "yaml"]
T = TypeVar("T")


def _css_string(value: str) -> str:
    """Text for a CSS string in double quotes."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


_KIND_FILTERS: dict[str, dict[str, Callable]] = {
    "markdown": {
        "url": markdown_text.safe_url,
        "tel": markdown_text.tel_url,
        "mailto": markdown_text.mailto_url,
        "bare_url": markdown_text.bare_url,
    },
    "html": {"bare_text": url_as_written, "css_string": _css_string},
    "yaml": {"yaml": lambda text: json.dumps(str(text), ensure_ascii=False)},  # a YAML double-quoted string
}


def environment(search_path: list[Path], root: Path, kind: Kind, data: SiteData | None = None) -> jinja2.Environment:
    """A Jinja environment for templates found in ``search_path`` (first match wins).

    ``root`` is the project folder (where the compiled-template cache is kept); ``data``
    adds the ``review_due`` filter, which needs the area's review interval."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in search_path]),
        autoescape={"markdown": True, "html": jinja2.select_autoescape(["html"]), "yaml": False}[kind],
        finalize=markdown_text.escape_markdown if kind == "markdown" else None,
        bytecode_cache=bytecode_cache(root),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=kind != "html",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, join_words=join_words, **_KIND_FILTERS[kind])
    if data is not None:
        env.filters["review_due"] = lambda day: review_due(day, data.site.review_every_months)
    return env


def render_located(produce: Callable[[], T], where: Path) -> T:
    """Run ``produce`` (which renders templates), turning a template error into a
    DataError located at the template line that raised it (``where`` if none is known)."""
    try:
        return produce()
    except jinja2.TemplateError as error:
        raise DataError([template_problem(error, where)]) from None


def template_problem(error: jinja2.TemplateError, where: Path) -> Problem:
    """Locate a template error at the template line that raised it."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        place = Path(error.filename) if error.filename else where
        return Problem(display_path(place), error.lineno or 1, 1, f"template error: {error.message}")
    frames = []
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".html", ".css", ".yaml")):
            frames.append((Path(filename), trace.tb_lineno))
        trace = trace.tb_next
    if not frames:
        return Problem(display_path(where), 1, 1, f"template error: {error}")
    (outer, line), (inner, inner_line) = frames[0], frames[-1]
    via = f" (in {display_path(inner)} line {inner_line})" if (inner, inner_line) != (outer, line) else ""
    return Problem(display_path(outer), line, 1, f"template error: {error}{via}")
