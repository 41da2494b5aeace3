"""What each kind of host needs to serve the site with the one policy of
:mod:`generator.web_policy`: ``_headers`` (Netlify, Cloudflare Pages), a complete
nginx.conf, Apache's ``.htaccess``, and ``robots.txt``. Text only; the callers write it.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

from generator.errors import BuildError
from generator.web_policy import (
    API_PREFIX,
    CALCULATOR_PREFIX,
    FEED,
    FEED_TYPE,
    FINGERPRINTED,
    IMMUTABLE,
    LEAFLET_PAGE,
    OPEN_TO_ALL,
    REVALIDATE,
    SECURITY_HEADERS,
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
# Sent with "; charset=utf-8": every text type above, and the feed's (web_policy.FEED_TYPE).
CHARSET_TYPES = "text/css application/javascript application/json application/xml image/svg+xml text/plain text/csv application/atom+xml"
_FEED_PATTERN = re.escape(FEED)
_WORDS = "Written by `mappa server-config {0}` from the site's one policy (generator/web_policy.py)."


def robots_txt(site_url: str) -> str:
    """robots.txt: every page may be indexed; the sitemap is named."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


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


def nginx_conf(site: Path, listen: str, config_file: Path, tls: tuple[Path, Path] | None = None) -> str:
    """A complete nginx.conf serving ``site`` on ``listen``, that runs as
    ``nginx -c FILE -g 'daemon off;'`` with nothing else: its pid, logs and temporary
    files go beside ``config_file``."""
    try:
        listen = listen_address(listen)
    except ValueError as error:
        raise BuildError(str(error)) from None
    here = config_file.resolve().parent
    brotli = BROTLI_MODULE.is_file()
    types = "\n".join(f"        {kind} {names};" for kind, names in MIME_TYPES.items())
    temp = "\n".join(
        f"    {kind}_temp_path {_quoted(here / f'nginx-{kind}-temp')};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    ssl = " ssl" if tls else ""
    certificate = f"        ssl_certificate {_quoted(tls[0])};\n        ssl_certificate_key {_quoted(tls[1])};\n" if tls else ""
    return f"""# {_WORDS.format("nginx")}
# Run: nginx -c {_quoted(config_file)} -g 'daemon off;'
{f"load_module {BROTLI_MODULE};" if brotli else "# (no brotli_static: install libnginx-mod-http-brotli-static for it)"}
worker_processes 1;
pid {_quoted(here / "nginx.pid")};
error_log {_quoted(here / "nginx-error.log")} warn;

events {{
    worker_connections 256;
}}

http {{
    types {{
{types}
    }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types {CHARSET_TYPES};
    access_log {_quoted(here / "nginx-access.log")};
{temp}
    server_tokens off;
    sendfile on;
    gzip_static on;
    gzip_vary on;
{"    brotli_static on;" if brotli else ""}

    server {{
        listen {listen}{ssl};
{certificate}        root {_quoted(site)};
        index index.html;
        autoindex off;
        absolute_redirect off;  # '/calculator' -> '/calculator/', whatever the host is called
        error_page 404 /404.html;
        error_page 403 =404 /404.html;  # a folder without a page of its own: nothing to list

        location ~ /\\.(?!well-known/) {{
            return 404;
        }}
        location = /404.html {{
            internal;
{_nginx_headers("404.html")}
        }}
        location ^~ /{CALCULATOR_PREFIX} {{
{_nginx_headers(CALCULATOR_PREFIX + "index.html")}
            try_files $uri $uri/ =404;
        }}
        location = /{LEAFLET_PAGE} {{
{_nginx_headers(LEAFLET_PAGE)}
        }}
        location ^~ /{API_PREFIX} {{
{_nginx_headers(API_PREFIX + "index.json")}
            try_files $uri $uri/ =404;
        }}
        location = /{FEED} {{
            types {{ }}
            default_type {FEED_TYPE.split(";")[0]};
{_nginx_headers(FEED)}
        }}
        location ~ "{FINGERPRINTED.pattern}" {{
{_nginx_headers("assets/stylesheets/main.00000000.min.css")}
        }}
        location / {{
{_nginx_headers("index.html")}
            try_files $uri $uri/ =404;
        }}
    }}
}}
"""


def _nginx_headers(path: str) -> str:
    return "\n".join(f'            add_header {name} "{value}" always;' for name, value in headers_for(path).items())


def htaccess() -> str:
    """Apache's ``.htaccess`` for the site's folder: the same headers (mod_headers), the
    site's 404 page, no listings, no dot files, and the precompressed files (mod_rewrite)."""
    common = "\n".join(f'    Header always set {name} "{value}"' for name, value in SECURITY_HEADERS.items())
    return f"""# {_WORDS.format("apache")}
# Needs AllowOverride All (or FileInfo Indexes Options) and mod_headers and mod_rewrite.
Options -Indexes
ErrorDocument 404 /404.html
RedirectMatch 404 "/\\.(?!well-known/)"
RemoveLanguage .br

<IfModule mod_headers.c>
{common}
    Header always set Content-Security-Policy "{header_policy("page")}"
    Header always set Cache-Control "{REVALIDATE}"
    <If "%{{REQUEST_URI}} =~ m#^/{CALCULATOR_PREFIX}#">
        Header always set Content-Security-Policy "{header_policy("calculator")}"
    </If>
    <If "%{{REQUEST_URI}} == '/{LEAFLET_PAGE}'">
        Header always set Content-Security-Policy "{header_policy("leaflet")}"
    </If>
    <If "%{{REQUEST_URI}} =~ m#^/{API_PREFIX}#">
{_apache_open_to_all()}
    </If>
    <If "%{{REQUEST_URI}} =~ m#{FINGERPRINTED.pattern}#">
        Header always set Cache-Control "{IMMUTABLE}"
    </If>
</IfModule>

<IfModule mod_rewrite.c>
    RewriteEngine On
    RewriteCond %{{HTTP:Accept-Encoding}} \\bbr\\b
    RewriteCond %{{REQUEST_FILENAME}}.br -f
    RewriteRule ^(.+)$ $1.br [L]
    RewriteCond %{{HTTP:Accept-Encoding}} \\bgzip\\b
    RewriteCond %{{REQUEST_FILENAME}}.gz -f
    RewriteRule ^(.+)$ $1.gz [L]
    RewriteRule \\.(br|gz)$ - [E=no-gzip:1,E=no-brotli:1]
</IfModule>
<FilesMatch "\\.br$">
    Header always set Content-Encoding br
    Header always append Vary Accept-Encoding
</FilesMatch>
<FilesMatch "\\.gz$">
    Header always set Content-Encoding gzip
    Header always append Vary Accept-Encoding
</FilesMatch>
<FilesMatch "\\.html\\.(br|gz)$">
    ForceType "text/html; charset=utf-8"
</FilesMatch>
<FilesMatch "\\.css\\.(br|gz)$">
    ForceType "text/css; charset=utf-8"
</FilesMatch>
<FilesMatch "\\.js\\.(br|gz)$">
    ForceType "application/javascript; charset=utf-8"
</FilesMatch>
<FilesMatch "\\.(json|map)\\.(br|gz)$">
    ForceType application/json
</FilesMatch>
<FilesMatch "\\.xml\\.(br|gz)$">
    ForceType application/xml
</FilesMatch>
<FilesMatch "\\.svg\\.(br|gz)$">
    ForceType image/svg+xml
</FilesMatch>
<FilesMatch "\\.csv$">
    ForceType "{content_type("open-data.csv")}"
</FilesMatch>
<FilesMatch "^{_FEED_PATTERN}(\\.(br|gz))?$">
    ForceType "{FEED_TYPE}"
</FilesMatch>
"""


def _apache_open_to_all() -> str:
    return "\n".join(f'        Header always set {name} "{value}"' for name, value in OPEN_TO_ALL.items())
