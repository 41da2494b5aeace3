"""The policy the site is served with: security headers and caching, stated once.

Every way the site reaches a reader takes its headers from here: the pages' own
``<meta http-equiv="Content-Security-Policy">`` (all that GitHub Pages or a file opened
from disk gets), ``site/_headers`` (Netlify, Cloudflare Pages), the nginx configuration
and Apache's ``.htaccess`` (:mod:`generator.write.server_config`).

Three kinds of page have their own Content-Security-Policy: pages load only the site's
own files; calculator pages run no script at all; the printable leaflet loads only its
stylesheet. A header policy adds ``frame-ancestors 'none'``, which a meta tag cannot carry.
``mappa build-all``'s list of areas allows only its own inline stylesheet, by its hash.

``mappa serve`` previews the site with a policy of its own (:func:`preview_policy`), never
published: it lets the preview server's inline live-reload script run and ask the server
whether to reload; the site's own scripts are allowed or refused as when published.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from generator.paths import TRANSLATION_FOLDERS

PageKind = Literal["page", "calculator", "leaflet"]

_META_POLICIES: dict[str, str] = {
    "page": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "calculator": "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'",
    "leaflet": "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
}
# connect-src 'self' on pages that run no script grants nothing to the page, but lets the
# browser's own tools (Lighthouse's robots.txt check, since Chrome 140) reach the site.
HEADER_ONLY = "frame-ancestors 'none'"

# Sent with every response, whatever its kind.
SECURITY_HEADERS: dict[str, str] = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "display-capture",
            "encrypted-media",
            "fullscreen",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "picture-in-picture",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
REVALIDATE = "no-cache"  # HTML and everything not fingerprinted: always asked again
IMMUTABLE = "public, max-age=31536000, immutable"  # the theme's fingerprinted assets
# The theme's fingerprinted files: assets/stylesheets/main.57a0d79d.min.css, bundle.<hash>.min.js, ...
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")
CSV_TYPE = "text/csv; charset=utf-8"
OPEN_TO_ALL = {"Access-Control-Allow-Origin": "*"}


@dataclass(frozen=True)
class Place:
    """Where in the site one kind of output is served, and what it is served with beyond
    what every file gets: its page policy, headers of its own, a media type that its
    extension alone would get wrong. Each output kind that needs one names its place
    (:mod:`generator.write.outputs`); the hosts' files and the pages' meta tags iterate
    :data:`PLACES`."""

    name: str
    path: str  # 'calculator/': everything under that folder; 'leaflet.html': that file alone
    policy: PageKind = "page"
    headers: Mapping[str, str] = field(default_factory=dict)
    media_type: str | None = None

    @property
    def is_folder(self) -> bool:
        """Whether the place is a folder (everything under it) rather than one file."""
        return self.path.endswith("/")

    def holds(self, path: str) -> bool:
        """Whether the file at ``path`` in the site is served from this place (in any of the
        site's languages: 'cy/calculator/' is the calculator's place too)."""
        path = path.lstrip("/")
        first, _, rest = path.partition("/")
        path = rest if first in TRANSLATION_FOLDERS else path
        return path.startswith(self.path) if self.is_folder else path == self.path


CALCULATOR = Place("calculator", "calculator/", policy="calculator")  # runs no script at all
LEAFLET = Place("printable leaflet", "leaflet.html", policy="leaflet")  # loads its stylesheet only
OPEN_DATA = Place("open data", "api/", headers=OPEN_TO_ALL)  # other sites' pages may fetch it
# The feed is Atom, not any XML.
CHANGE_FEED = Place("change feed", "changes.xml", media_type="application/atom+xml; charset=utf-8")
PLACES: tuple[Place, ...] = (CALCULATOR, LEAFLET, OPEN_DATA, CHANGE_FEED)
"""Every place with a policy of its own; every other file is served as a page."""


def place_of(path: str) -> Place | None:
    """The place the file at ``path`` in the site is served from, or None for a page."""
    return next((place for place in PLACES if place.holds(path)), None)


def page_kind(path: str) -> PageKind:
    """The kind of a page by its path in the site, such as 'calculator/caution/index.html'."""
    place = place_of(path)
    return place.policy if place else "page"


def meta_policy(kind: PageKind) -> str:
    """The Content-Security-Policy of a kind of page, as its meta tag carries it."""
    return _META_POLICIES[kind]


def preview_policy(kind: PageKind) -> str:
    """The Content-Security-Policy of a kind of page as ``mappa serve`` previews it: the
    published policy, with inline scripts (the live reload) allowed and requests to the
    preview server (connect-src 'self'). Never published."""
    directives = dict(item.split(" ", 1) for item in _META_POLICIES[kind].split("; "))
    script = directives.get("script-src", "'none'").replace("'none'", "").strip()
    directives["script-src"] = f"{script} 'unsafe-inline'".strip()
    directives["connect-src"] = "'self'"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


# The page `mappa serve` shows in place of the site while it cannot be built: its own
# inline style, the preview's live-reload script, and requests to the preview server only.
PREVIEW_ERROR_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def header_policy(kind: PageKind) -> str:
    """The Content-Security-Policy of a kind of page, as a response header carries it."""
    return f"{_META_POLICIES[kind]}; {HEADER_ONLY}"


def cache_control(path: str) -> str:
    """How long a browser may keep the file at ``path`` without asking again."""
    return IMMUTABLE if FINGERPRINTED.search(path) else REVALIDATE


def content_type(path: str) -> str | None:
    """The Content-Type a host must be told for the file at ``path``, where the file's
    extension alone would give a wrong one (the feed, CSV); None for every other file."""
    place = place_of(path)
    if place and place.media_type:
        return place.media_type
    return CSV_TYPE if path.endswith(".csv") else None


def headers_for(path: str) -> dict[str, str]:
    """Every header of the response for the file at ``path`` in the site: the open data
    under api/ may also be fetched by any other site's pages (it holds nothing private)."""
    return {
        **SECURITY_HEADERS,
        "Content-Security-Policy": header_policy(page_kind(path)),
        "Cache-Control": cache_control(path),
        **(place.headers if (place := place_of(path)) else {}),
    }


def style_hash(style: str) -> str:
    """The CSP source that allows exactly this inline stylesheet: 'sha256-...'."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def areas_page_policy(style: str) -> str:
    """The policy of build-all's list of areas (OUT/index.html, served beside the areas'
    sites): nothing may load or run but its own inline stylesheet, allowed by its hash."""
    return f"default-src 'none'; style-src {style_hash(style)}; base-uri 'none'; form-action 'none'"
