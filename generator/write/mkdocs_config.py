"""Fill in the MkDocs configuration from the data.

The site's name, address, language and footer come from data/site.yaml and
data/contacts.yaml; mkdocs.yml holds only the engine's settings. Both the MkDocs hook
and ``mappa build`` call :func:`apply_data` so the two paths give the same site.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.load.data import SiteData
from generator.render.markdown_text import mailto_url, tel_url
from generator.render.wording import long_date, url_as_written


def footer_facts(data: SiteData) -> dict[str, str | None]:
    """The plain values the theme's footer shows (the theme escapes them)."""
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
    }


def apply_data(config: MkDocsConfig, data: SiteData, rendered_dir: Path) -> MkDocsConfig:
    """Point MkDocs at the rendered pages and set what the data decides.

    The theme prints these values as HTML, unescaped, so they are escaped here.
    """
    config.docs_dir = str(rendered_dir)
    config.site_name = html.escape(data.site.site_title)
    config.site_description = html.escape(data.site.site_description)
    config.site_url = data.site.site_url
    config.site_author = html.escape(data.site.owner)
    config.copyright = html.escape(f"{data.site.owner}. Last reviewed {long_date(data.site.last_reviewed)}.")
    config.extra["mappa"] = footer_facts(data)
    return config
