"""The MkDocs hook: lets ``mkdocs build`` and ``mkdocs serve`` run the generator.

mkdocs.yml names this file under ``hooks:``. Before MkDocs reads any page, the hook
loads data/ (or the folder in the MAPPA_DATA environment variable), renders content/
into a cache folder and points MkDocs at it. A data problem stops the build with the
editor-friendly messages and no traceback. ``mappa build`` renders the pages itself
first; the hook sees that (the configuration already carries the data) and only
corrects each page's HTML. In both, the theme's compiled templates are kept in
the cache (generator/cache.py) between builds. ``mappa serve`` builds its preview the same way and marks
it (``preview`` among the data's theme facts): its pages carry the preview's
Content-Security-Policy, which lets the live-reload script run.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator import i18n
from generator.errors import BuildError, DataError
from generator.load.data import load_data
from generator.render.language_links import NOT_FOUND_PAGE, language_links
from generator.render.report_link import report_problem_url
from generator.render.template_cache import bytecode_cache
from generator.web_policy import meta_policy, page_kind, preview_policy
from generator.write.contents_list import sections_of, with_contents_list
from generator.write.english_parts import with_english_marked
from generator.write.html_fixes import fix_theme_html
from generator.write.mkdocs_config import apply_data
from generator.write.pipeline import refresh_sources

RENDERED_DIR = Path(".cache") / "rendered"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Render the pages from the data and point MkDocs at them."""
    if "mappa" in config.extra:  # already rendered by `mappa build`
        return config
    root = Path(config.config_file_path).parent
    data_dir = Path(os.environ.get("MAPPA_DATA") or root / "data")
    rendered = root / RENDERED_DIR
    try:
        data = load_data(data_dir)
        refresh_sources(data, root, rendered)
    except DataError as error:
        raise Abort(f"\n{error}\n{len(error.problems)} problem(s) in the data: nothing was built.") from None
    except BuildError as error:
        raise Abort(f"\nerror: {error}") from None
    return apply_data(config, data, rendered)


def on_env(env: jinja2.Environment, config: MkDocsConfig, files) -> jinja2.Environment:
    """Keep the theme's compiled templates between builds (see generator.render.template_cache),
    and give them the interface's words in the language being built (``_('...')``)."""
    env.bytecode_cache = bytecode_cache(Path(config.config_file_path).parent)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    return env


def on_page_context(context: dict, page, config: MkDocsConfig, nav) -> dict:
    """Give the page the Content-Security-Policy of its kind (see generator.web_policy),
    or the preview's policy of that kind when ``mappa serve`` builds it; and the address
    of its "Report a problem with this page" email, when the office has an email address."""
    mappa = config.extra.get("mappa") or {}
    context["page_policy"] = (preview_policy if mappa.get("preview", False) else meta_policy)(page_kind(page.file.dest_uri))
    if mappa.get("email"):
        title = page.meta.get("title") or page.title or ""  # as the page's <title> names it
        context["report_problem_url"] = report_problem_url(mappa["email"], title, page.canonical_url or page.url)
    if mappa.get("languages"):
        context["language_links"] = language_links(mappa, page.file.dest_uri)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """Give the page for an address the site does not have (404.html) its language links."""
    mappa = config.extra.get("mappa") or {}
    if mappa.get("languages") and template_name == NOT_FOUND_PAGE:
        context["language_links"] = language_links(mappa, NOT_FOUND_PAGE)
    return context


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    """Put a contents list under the title of a page with three or more sections; on a page
    in another language than English, mark the titles of Acts left in English."""
    if (config.extra.get("mappa") or {}).get("language", i18n.ENGLISH) != i18n.ENGLISH:
        html = with_english_marked(html)
    return with_contents_list(html, sections_of(page.toc), page.file.src_uri)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Correct the theme's invalid HTML attributes on every page."""
    return fix_theme_html(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Correct the theme's invalid HTML attributes on pages made from theme templates (404)."""
    return fix_theme_html(output_content)
