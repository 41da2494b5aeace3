"""What each kind of host needs to serve the site with the one policy of
:mod:`generator.web_policy`: ``_headers`` (Netlify, Cloudflare Pages), a complete
nginx.conf, Apache's ``.htaccess``, and ``robots.txt``. Text only; the callers write it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import get_args

from generator.errors import BuildError
from generator.paths import TRANSLATION_FOLDERS
from generator.web_policy import (
    FINGERPRINTED,
    IMMUTABLE,
    PLACES,
    REVALIDATE,
    SECURITY_HEADERS,
    PageKind,
    Place,
    content_type,
    header_policy,
    headers_for,
)

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = {
    "text/html": "html",
    "text/css": "css",
    "application/javascript": "js",
    "application/json": "json map",
    "application/xml": "xml",
    "image/svg+xml": "svg",
    "image/png": "png",
    "image/x-icon": "ico",
    "application/pdf": "pdf",
    "text/plain": "txt",
    "text/csv": "csv",
}
# Sent with "; charset=utf-8": every text type above, and the change feed's (web_policy.CHANGE_FEED).
CHARSET_TYPES = "text/css application/javascript application/json application/xml image/svg+xml text/plain text/csv application/atom+xml"
_WORDS = "Written by `mappa server-config {0}` from the site's one policy (generator/web_policy.py)."


def robots_txt(site_url: str, languages: Sequence[str] | None = None) -> str:
    """robots.txt: every page may be indexed; the sitemap of each language is named."""
    folders = ["", *(f"{code}/" for code in (languages or ["en"])[1:])]
    return "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {site_url.rstrip('/')}/{folder}sitemap.xml\n" for folder in folders)


def headers_file(site_files: list[str]) -> str:
    """``_headers`` for Netlify and Cloudflare Pages. Rules that match one request are merged,
    and a header set by two of them would be sent twice, so the headers common to every
    response go to ``/*`` and each file gets its own policy and caching, under every address
    a page is served at; and the Content-Type of a file whose extension alone would give
    the wrong one (:func:`generator.web_policy.content_type`)."""
    lines = ["# Written by `mappa build` from the site's one policy (generator/web_policy.py).", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    for path in sorted(site_files):
        own = {name: value for name, value in headers_for(path).items() if name not in SECURITY_HEADERS}
        if content_type(path):
            own["Content-Type"] = content_type(path)  # type: ignore[assignment]
        for address in _addresses(path):
            lines.append(address)
            lines += [f"  {name}: {value}" for name, value in own.items()]
    return "\n".join(lines) + "\n"


def _addresses(path: str) -> list[str]:
    """Every address a file is served at: 'levels.html' also as '/levels', an index page
    also as its folder."""
    addresses = ["/" + path]
    if path.endswith("index.html"):
        addresses.append("/" + path.removesuffix("index.html"))
    elif path.endswith(".html"):
        addresses.append("/" + path.removesuffix(".html"))
    return addresses


_UNSAFE = set("\"'\\;{}$`#") | {chr(n) for n in range(32)} | {"\x7f", "\x85", "\u2028", "\u2029"}
"""What may not reach a server's configuration (a comment line included): what would end a
value or a line, quote, or expand there."""


def _quoted(path: Path) -> str:
    """A path as one nginx argument; a path nginx could not read back is refused."""
    text = str(path.resolve())
    if any(character in _UNSAFE for character in text):
        raise BuildError(
            f"{text!r} has a character nginx's configuration cannot carry (a control character, a quote, "
            "';', '{', '}', '$', '`' or '#'): choose another folder or file name"
        )
    return f'"{text}"'


_HOST_NAME = re.compile(r"(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")


def listen_address(text: str) -> str:
    """``text`` if it is HOST:PORT (an IPv4 address, an [IPv6] address or a host name, and
    a port from 1 to 65535); otherwise a ValueError in plain words."""
    host, colon, port = text.rpartition(":")
    problem = f"--listen {text!r} is not written HOST:PORT, for example 127.0.0.1:8080 or [::1]:8080"
    if not colon or not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535 or port != str(int(port)):
        raise ValueError(problem)
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise ValueError(problem) from None
    elif re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise ValueError(problem) from None
    elif not _HOST_NAME.fullmatch(host):
        raise ValueError(problem)
    return text


NGINX_LOCATION: dict[str, object] = {
    "internal": False,
    "try_files": False,
    "feed_type": None,
    "not_found": None,
}  # what a location has unless it says


def nginx_conf(site: Path, listen: str, config_file: Path, tls: tuple[Path, Path] | None = None, root: Path | None = None) -> str:
    """A complete nginx.conf serving ``site`` on ``listen``, that runs as
    ``nginx -c FILE -g 'daemon off;'`` with nothing else: its pid, logs and temporary
    files go beside ``config_file``. Written from templates/hosts/nginx.conf in ``root``
    (the project)."""
    try:
        listen = listen_address(listen)
    except ValueError as error:
        raise BuildError(str(error)) from None
    here = config_file.resolve().parent
    brotli = BROTLI_MODULE.is_file()
    places: list[dict[str, object]] = [
        {"match": "= /404.html", "internal": True, "page": "404.html"},
        *(_nginx_location(place) for place in PLACES),
        *(location for code in translations_in(site) for location in _nginx_translation(code)),
        {"match": f'~ "{FINGERPRINTED.pattern}"', "page": "assets/stylesheets/main.00000000.min.css"},
        {"match": "/", "try_files": True, "page": "index.html"},
    ]
    return _render(
        "nginx.conf",
        root,
        {
            "words": _WORDS.format("nginx"),
            "config_file": _quoted(config_file),
            "brotli": brotli,
            "brotli_module": f"load_module {BROTLI_MODULE};"
            if brotli
            else "# (no brotli_static: install libnginx-mod-http-brotli-static for it)",
            "pid_file": _quoted(here / "nginx.pid"),
            "error_log": _quoted(here / "nginx-error.log"),
            "access_log": _quoted(here / "nginx-access.log"),
            "mime_types": MIME_TYPES,
            "charset_types": CHARSET_TYPES,
            "temp_paths": {kind: _quoted(here / f"nginx-{kind}-temp") for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")},
            "listen": listen,
            "certificate": _quoted(tls[0]) if tls else None,
            "certificate_key": _quoted(tls[1]) if tls else None,
            "root": _quoted(site),
            "locations": [NGINX_LOCATION | place | {"headers": headers_for(str(place["page"]))} for place in places],
        },
    )


def translations_in(site: Path) -> list[str]:
    """The languages other than English the built ``site`` holds, by their folders' names."""
    return [code for code in TRANSLATION_FOLDERS if (site / code / "404.html").is_file()]


def _nginx_translation(code: str) -> list[dict[str, object]]:
    """The locations of a language's folder: its own 404 page, its places, and the rest."""
    not_found = {"not_found": f"/{code}/404.html"}
    return [
        {"match": f"= /{code}/404.html", "internal": True, "page": f"{code}/404.html"},
        *(_nginx_location(replace(place, path=f"{code}/{place.path}")) | not_found for place in PLACES),
        {"match": f"^~ /{code}/", "try_files": True, "page": f"{code}/index.html"} | not_found,
    ]


def _nginx_location(place: Place) -> dict[str, object]:
    """The nginx location of a place with a policy of its own: a folder's files, or its one file."""
    if place.is_folder:
        return {"match": f"^~ /{place.path}", "try_files": True, "page": place.path + "index.html"}
    media_type = place.media_type.split(";")[0] if place.media_type else None
    return {"match": f"= /{place.path}", "feed_type": media_type, "page": place.path}


def htaccess(root: Path | None = None, languages: Sequence[str] | None = None) -> str:
    """Apache's ``.htaccess`` for the site's folder: the same headers (mod_headers), the
    site's 404 page, no listings, no dot files, and the precompressed files (mod_rewrite).
    Written from templates/hosts/htaccess in ``root`` (the project)."""
    return _render(
        "htaccess",
        root,
        {
            "words": _WORDS.format("apache"),
            "security_headers": SECURITY_HEADERS,
            "policies": {kind: header_policy(kind) for kind in get_args(PageKind)},
            "revalidate": REVALIDATE,
            "immutable": IMMUTABLE,
            "places": [_apache_place(place) for place in PLACES]
            + [_apache_place(replace(place, path=f"{code}/{place.path}")) for code in (languages or [])[1:] for place in PLACES],
            "translations": (languages or [])[1:],
            "fingerprinted": FINGERPRINTED.pattern,
            "csv_type": content_type("open-data.csv"),
        },
    )


def _apache_place(place: Place) -> dict[str, object]:
    """A place as .htaccess tests it: the request's path, its own headers, its media type."""
    test = f"=~ m#^/{place.path}#" if place.is_folder else f"== '/{place.path}'"
    headers = ({"Content-Security-Policy": header_policy(place.policy)} if place.policy != "page" else {}) | dict(place.headers)
    return {"test": test, "headers": headers, "file_pattern": re.escape(place.path), "media_type": place.media_type}


def _render(name: str, root: Path | None, values: dict) -> str:
    """The host's configuration ``name`` from templates/hosts/, with ``values``."""
    from generator.paths import project_root
    from generator.render.templating import environment, render_located

    root = root or project_root()
    folder = root / "templates" / "hosts"
    env = environment([folder], root, "conf")
    return render_located(lambda: env.get_template(name).render(values), folder / name)
