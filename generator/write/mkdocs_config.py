"""The MkDocs configuration, filled in from the data.

The site's name, address, language and footer come from data/site.yaml and
data/contacts.yaml; mkdocs.yml holds only the engine's settings. Both the MkDocs hook
and ``mappa build`` call :func:`apply_data` so the two paths give the same site.
``mappa render`` writes :func:`export_config_text` beside the rendered pages: the
project's mkdocs.yml with the data filled in and our own hook left out, for any engine
that reads mkdocs.yml (such as Zensical).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from markupsafe import escape

from generator.i18n import ENGLISH, gettext, language_of
from generator.load.data import SiteData
from generator.render.language_files import LANGUAGES_CSS
from generator.render.language_links import language_facts
from generator.render.markdown_text import mailto_url, tel_url
from generator.render.navigation import translated_nav
from generator.web_policy import meta_policy
from generator.wording import long_date, url_as_written

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Settings that only our MkDocs set-up understands, left out of the exported mkdocs.yml.
ENGINE_SPECIFIC = ("hooks", "watch", "docs_dir", "site_dir", "not_in_nav", "validation", "strict")
# The theme template that only our theme overrides provide, left out of exported pages.
OWN_TEMPLATE_LINE = "template: calculator.html\n"


def theme_facts(data: SiteData) -> dict[str, str | None]:
    """The plain values the theme's templates show: the footer's facts and the pages' default
    Content-Security-Policy (the theme escapes them)."""
    office = data.contacts.office
    return {
        "office_name": office.name,
        "phone": office.phone,
        "phone_url": str(tel_url(office.phone)) if office.phone else None,
        "email": office.email,
        "email_url": str(mailto_url(office.email)) if office.email else None,
        "website": office.website,
        "website_text": url_as_written(office.website) if office.website else None,
        "disclaimer": data.site.disclaimer,
        "last_reviewed": long_date(data.site.last_reviewed),
        "jurisdiction": data.site.jurisdiction,
        "page_policy": meta_policy("page"),  # for pages with no page of their own (404.html)
    }


def apply_data(config: MkDocsConfig, data: SiteData, rendered_dir: Path) -> MkDocsConfig:
    """Point MkDocs at the rendered pages and set what the data decides.

    The theme prints these values as HTML, mostly unescaped, so they are escaped here, as
    Markup, so that the few places where the theme escapes them (``config.site_name | e`` in
    title attributes) do not escape them twice ('Devon &amp;amp; Cornwall').
    """
    config.docs_dir = str(rendered_dir)
    config.site_name = escape(data.site.site_title)
    config.site_description = escape(data.site.site_description)
    config.site_url = data.site.site_url
    config.site_author = escape(data.site.owner)
    config.copyright = escape(
        gettext("%(owner)s. Last reviewed %(date)s.") % {"owner": data.site.owner, "date": long_date(data.site.last_reviewed)}
    )
    config.extra["mappa"] = {**theme_facts(data), **language_facts(data)}
    if len(data.site.languages) > 1 and LANGUAGES_CSS not in config.extra_css:
        config.extra_css.append(LANGUAGES_CSS)
    code = language_of(data)
    if code != ENGLISH:  # the theme's own words, the menu and search in that language
        config.theme["language"] = code
        config.nav = translated_nav(config.nav or [])
        search = config.plugins.get("material/search")
        if search is not None:  # the search engine has no Welsh stemmer: plain matching
            search.config.pipeline = ["trimmer"]
    return config


def export_config_text(project_config: dict, data: SiteData) -> str:
    """The project's mkdocs.yml settings (:func:`~generator.load.project_config.load_project_config`)
    with the data's values filled in and our own hooks removed."""
    config = {key: value for key, value in project_config.items() if key not in ENGINE_SPECIFIC}
    theme = {key: value for key, value in config.get("theme", {}).items() if key != "custom_dir"}
    theme["language"] = language_of(data)
    if "nav" in config:
        config["nav"] = translated_nav(config["nav"])  # in the language being written (generator.i18n)
    config.update(
        site_name=data.site.site_title,
        site_description=data.site.site_description,
        site_url=data.site.site_url,
        site_author=data.site.owner,
        copyright=html.escape(f"{data.site.owner}. {data.site.disclaimer}"),
        docs_dir="docs",
        site_dir="site",
        theme=theme,
    )
    header = "# Written by `mappa render`: the rendered site, buildable by any engine that reads mkdocs.yml.\n"
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def portable_page(text: bytes) -> bytes:
    """A rendered page without the theme template that only our overrides provide."""
    return text.replace(OWN_TEMPLATE_LINE.encode(), b"", 1)
