"""The links between a page and its counterparts in the site's other languages.

An area publishing in English and Welsh has each page at the same path in both: English
at the site's address, Welsh under ``cy/``. Every page links to its counterpart (the
language switch, GOV.UK's language navigation pattern: each language named in itself,
the current one marked) and names every counterpart in its head and in the sitemap
(``hreflang``), English being the default (``x-default``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.i18n import ENGLISH, LANGUAGES, language_of
from generator.load.data import SiteData

NOT_FOUND_PAGE = "404.html"  # served at any address: it links to each language's home page, from the server's root
SWITCH_WORDS = {"en": "Change the language to English", "cy": "Newid yr iaith i’r Gymraeg"}
"""What the link to each language says to a screen reader, in that language (GOV.UK's words)."""


@dataclass(frozen=True)
class LanguageLink:
    """One language's version of a page: its code, its name in itself, its address as a
    link from the page (``href``) and in full (``url``), whether it is the page's own, and
    what its link says to a screen reader."""

    code: str
    name: str
    href: str
    url: str
    current: bool
    label: str


def language_facts(data: SiteData) -> dict:
    """What the theme's templates need to link a page to its counterparts: the language of
    the pages being built, and each of the area's languages with its name and the address
    of its home page (none when the area has one language)."""
    current, url = language_of(data), data.site.site_url
    home = url if current == ENGLISH else url.removesuffix(f"{current}/")
    languages = data.site.languages if len(data.site.languages) > 1 else []
    return {
        "language": current,
        "languages": [
            {"code": code, "name": LANGUAGES[code], "home": home + ("" if code == ENGLISH else f"{code}/")} for code in languages
        ],
    }


def language_links(facts: dict, page_path: str) -> list[LanguageLink]:
    """The page at ``page_path`` (its path in its language's site, 'levels.html') in each
    of the languages of ``facts`` (:func:`language_facts`), in the order site.yaml lists them."""
    current = facts["language"]
    depth = page_path.count("/") + (current != ENGLISH)  # folders between the page and the site's root
    links = []
    for language in facts["languages"]:
        code = language["code"]
        if page_path == NOT_FOUND_PAGE:  # no page of its own in the other language: its home page
            url = language["home"]
            href = urlsplit(url).path
        else:
            url = language["home"] + page_path
            href = "../" * depth + ("" if code == ENGLISH else f"{code}/") + page_path
        links.append(LanguageLink(code, language["name"], href, url, code == current, SWITCH_WORDS[code]))
    return links
