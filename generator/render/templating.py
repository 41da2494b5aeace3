"""The one Jinja environment factory, and template errors as located problems.

Every template of the project (the pages in content/, templates/markdown/ and
templates/calculator/, the leaflet, a new area's data files) is rendered in an
environment made by :func:`environment`. Each kind of output has its own escaping:

* ``markdown``: every value from the data is escaped for HTML and for Markdown
  (:mod:`generator.render.markdown_text`), so data stays text;
* ``html``: HTML-escaped (the leaflet); its stylesheet is not escaped but takes text
  through the ``css_string`` filter;
* ``yaml``: nothing escaped; values go through the ``yaml`` filter (a quoted string).
* ``conf``: nothing escaped (a host's configuration, templates/hosts/): given only values
  already checked or quoted for it (:mod:`generator.write.server_config`).

All kinds run in the sandbox (:mod:`generator.render.sandbox`: no unsafe attribute, and
limits on repetition, loops and output) and share the settings (undefined names are
errors, block tags leave no blank lines), the filters ``long_date``, ``join_words`` and, given the data, ``review_due``,
and the compiled-template cache (:mod:`generator.render.template_cache`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

import jinja2
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

from generator import i18n
from generator.errors import DataError, Problem, display_path
from generator.load.data import SiteData
from generator.render import markdown_text
from generator.render.sandbox import TemplateSandbox
from generator.render.template_cache import bytecode_cache
from generator.render.template_loader import EditorFileLoader
from generator.rules.review_dates import review_due
from generator.wording import join_words, long_date, url_as_written

Kind = Literal["markdown", "html", "yaml", "conf"]
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
    "conf": {},  # a host's configuration: given only values checked or quoted for it
}


def environment(search_path: list[Path], root: Path, kind: Kind, data: SiteData | None = None) -> jinja2.Environment:
    """A Jinja environment for templates found in ``search_path`` (first match wins).

    ``root`` is the project folder (where the compiled-template cache is kept); ``data``
    adds the ``review_due`` filter, which needs the area's review interval."""
    env = TemplateSandbox(
        extensions=["jinja2.ext.i18n"],
        loader=EditorFileLoader([str(folder) for folder in search_path]),
        autoescape={"markdown": True, "html": jinja2.select_autoescape(["html"]), "yaml": False, "conf": False}[kind],
        finalize=markdown_text.escape_markdown if kind == "markdown" else None,
        bytecode_cache=bytecode_cache(root),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=kind != "html",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, join_words=join_words, **_KIND_FILTERS[kind])
    install_words(env, kind)
    if data is not None:
        env.filters["review_due"] = lambda day: review_due(day, data.site.review_every_months)
    return env


class _MarkdownWords(Markup):
    """A message of the interface, as Markdown: values put into it (``%``) are escaped
    for Markdown, as every value from the data is."""

    @classmethod
    def escape(cls, value: object) -> _MarkdownWords:  # noqa: D102 - Markup's own
        return cls(markdown_text.escape_markdown(value))


def _in_english(kind: Kind) -> Callable[[object], object]:
    """The ``in_english`` filter: text left in English on purpose (a statute's title, a
    document's, a clinical term), marked ``lang="en"`` on a page in another language; in
    English, the value as it is."""
    escape = markdown_text.escape_markdown if kind == "markdown" else markupsafe_escape

    def in_english(value: object) -> object:
        if i18n.language() == i18n.ENGLISH:
            return value
        return Markup('<span lang="en">%s</span>') % escape(value)

    return in_english


def install_words(env: jinja2.Environment, kind: Kind) -> None:
    """Give ``env``'s templates the interface's words in the current language
    (:mod:`generator.i18n`): ``_('...')``, ``gettext``, ``ngettext`` and ``{% trans %}``.
    A message is the template's own text, so it is not escaped; values put into it with
    ``%`` are, for the template's kind."""
    env.filters["in_english"] = _in_english(kind)
    words = {"markdown": _MarkdownWords, "html": Markup}.get(kind, str)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: words(i18n.gettext(message)),
        ngettext=lambda singular, plural, count: words(i18n.ngettext(singular, plural, count)),
        newstyle=False,
    )


def render_located(produce: Callable[[], T], where: Path) -> T:
    """Run ``produce`` (which renders templates), turning anything a template raised (a
    template error, ``{{ 1 // 0 }}``, an include loop, a helper's plain-words LookupError)
    into a DataError located at the template line that raised it (``where`` if none is
    known). An exception from no template at all is the generator's own fault: it goes on."""
    try:
        return produce()
    except DataError:
        raise  # already located: a template that cannot be read (generator.render.template_loader)
    except Exception as error:
        if not isinstance(error, jinja2.TemplateError) and not template_frames(error):
            raise
        raise DataError([template_problem(error, where)]) from None


def template_frames(error: BaseException) -> list[tuple[Path, int, str]]:
    """The template lines ``error`` passed through, outermost first: (file, line, the part
    of the template: 'top-level template code', "block 'x'" or 'template' for a macro)."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename.endswith(_TEMPLATE_SUFFIXES):
            frames.append((Path(code.co_filename), trace.tb_lineno, code.co_name))
        trace = trace.tb_next
    return frames


def template_problem(error: BaseException, where: Path, inside: Path | None = None) -> Problem:
    """Locate what a template raised at the template line that raised it, in plain words.

    The line reported is the outermost template's (the page, with the included template's
    line in brackets); with ``inside`` (a folder, such as the project's), the innermost
    template line in that folder (a theme's override rather than the theme that extends it).
    An include loop is reported with the templates that make it."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        place = Path(error.filename) if error.filename else where
        message = error.message or "invalid template"
        if message.startswith("Missing end of comment tag"):
            message += ": '{#' starts a template comment; to give a heading its id, write '{ #id }' with a space after '{'"
        return Problem(display_path(place), error.lineno or 1, 1, f"template error: {message}")
    frames = template_frames(error)
    loop = _first_loop(frames) if isinstance(error, RecursionError) else None
    message = "template error: " + (_loop_words(loop) if loop else _plain_words(error))
    if not frames:
        return Problem(display_path(where), 1, 1, message)
    own = [frame for frame in (loop or frames) if inside is not None and frame[0].resolve().is_relative_to(inside.resolve())]
    outer, line, _ = own[-1] if own else frames[0]
    inner, inner_line, _ = frames[-1]
    inside_one = (inner, inner_line) == (outer, line) or loop is not None  # a loop names its templates
    via = "" if inside_one else f" (in {_shown(inner)} line {inner_line})"
    return Problem(display_path(outer), line, 1, message + via)


_TEMPLATE_SUFFIXES = (".md", ".html", ".css", ".yaml")
_GENERATOR = Path(__file__).resolve().parent.parent  # the generator's own code
_JINJA = Path(jinja2.__file__).resolve().parent
# What the generator's helpers raise on purpose, with a message in plain words.
_PLAIN = (LookupError, ValueError)


def _plain_words(error: BaseException) -> str:
    """What went wrong, for an editor; an exception from the generator's own code says
    where it came from, so a fault in the code is not taken for a mistake in a template."""
    if isinstance(error, jinja2.TemplateNotFound):
        return "template not found: " + " or ".join(f"'{name}'" for name in error.templates)
    if isinstance(error, jinja2.TemplateError):
        return str(error.message if error.message is not None else error)
    if isinstance(error, RecursionError):
        return "templates include or call one another too deeply"
    if isinstance(error, ZeroDivisionError):
        return "division by zero"
    words = str(error) or type(error).__name__
    raised = _raised_at(error)
    if raised is None or raised[0].suffix != ".py" or raised[0].is_relative_to(_JINJA):
        return words  # raised by the template's own code, or by Jinja running it
    if raised[0].is_relative_to(_GENERATOR) and isinstance(error, _PLAIN):
        return words  # the generator's helpers say what is wrong, in plain words
    return f"{words} ({type(error).__name__} raised in {_shown(raised[0])} line {raised[1]})"


def _raised_at(error: BaseException) -> tuple[Path, int] | None:
    """The file and line where ``error`` was raised."""
    trace = error.__traceback__
    if trace is None:
        return None
    while trace.tb_next is not None:
        trace = trace.tb_next
    return Path(trace.tb_frame.f_code.co_filename).resolve(), trace.tb_lineno


def _first_loop(frames: list[tuple[Path, int, str]]) -> list[tuple[Path, int, str]] | None:
    """The template lines that repeat without end, from the first that comes round again."""
    first: dict[tuple[Path, int, str], int] = {}
    for end, frame in enumerate(frames):
        if frame in first:
            return frames[first[frame] : end]
        first[frame] = end
    return None


def _loop_words(loop: list[tuple[Path, int, str]]) -> str:
    """An include loop (or a macro that calls itself) in plain words, with the loop."""
    if any(part == "template" for _, _, part in loop):  # a macro's code
        calls = " -> ".join(f"{_shown(path)} line {line}" for path, line, _ in [*loop, loop[0]])
        return f"a macro calls itself without end ({calls})"
    names = [_shown(path) for path, _, _ in loop]
    names = [name for index, name in enumerate(names) if index == 0 or name != names[index - 1]]
    names = names[:-1] if len(names) > 1 and names[-1] == names[0] else names  # a block of the same template
    through = f" through {', '.join(names[1:])}" if len(names) > 1 else ""
    return f"'{names[0]}' includes itself{through} (include loop: {' -> '.join([*names, names[0]])})"


def _shown(path: Path) -> str:
    """A template's path as an editor knows it: below the working folder, or an installed
    theme's template by its package ('material/templates/base.html')."""
    shown = display_path(path)
    return shown.split("site-packages/", 1)[-1] if Path(shown).is_absolute() else shown
