"""The site served by Debian's nginx from `mappa server-config nginx`: every response
carries the one policy, a real 404, compression negotiated, nothing listed or reached
outside the site; and the _headers file and Apache's .htaccess say the same as nginx."""

from __future__ import annotations

import gzip
import http.client
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from generator.web_policy import content_type, headers_for, page_kind
from generator.write.server_config import BROTLI_MODULE
from tests.web_server import MAPPA, nginx, readable_copy

pytestmark = pytest.mark.slow


def site_files(site: Path) -> list[str]:
    """Every file a reader may ask for: not the compressed copies, not the dot files."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix not in (".gz", ".br") and not p.name.startswith(".")
    )


def get(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request, with the path sent exactly as given."""
    address = urlparse(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name.replace("_", "-"), value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_every_file_answers_200_with_every_header(built_site: Path, served_site: str) -> None:
    wrong = {}
    for path in site_files(built_site):
        status, headers, body = get(served_site, "/" + path)
        expected = {name.lower(): value for name, value in headers_for(path).items()}
        got = {name: headers.get(name) for name in expected}
        ok = 404 if path == "404.html" else 200  # the 404 page is what a missing page answers
        if status != ok or got != expected or body != (built_site / path).read_bytes():
            wrong[path] = (status, {k: v for k, v in got.items() if v != expected[k]})
    assert wrong == {}
    assert get(served_site, "/")[2] == (built_site / "index.html").read_bytes()
    status, headers, _ = get(served_site, "/calculator/caution/")
    assert status == 200 and "script-src 'none'" in headers["content-security-policy"]
    for folder in ("/calculator", "/calculator/caution"):  # to the address its relative links need
        status, headers, _ = get(served_site, folder)
        assert (status, headers["location"]) == (301, folder + "/"), folder
    assert "server" not in headers or headers["server"] == "nginx"  # server_tokens off: no version


def test_a_missing_page_is_a_real_404_with_the_sites_page(built_site: Path, served_site: str) -> None:
    for path in ("/no-such-page.html", "/calculator/no-such-answer/", "/assets/"):
        status, headers, body = get(served_site, path)
        assert status == 404, path
        assert body == (built_site / "404.html").read_bytes(), path
        assert headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in headers["content-security-policy"]
    assert b"Index of" not in get(served_site, "/assets/javascripts/")[2]
    for dot_file in ("/.mappa-output", "/.htaccess"):
        assert get(served_site, dot_file)[0] == 404


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc/passwd"])
def test_nothing_outside_the_site_is_reached(served_site: str, path: str) -> None:
    status, _, body = get(served_site, path)
    assert status in (400, 404)
    assert b"root:" not in body


def test_compression_is_negotiated_from_the_files_made_at_build(built_site: Path, served_site: str) -> None:
    for path in (
        "index.html",
        "assets/stylesheets/" + next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).name,
        "search/search_index.json",
        "sitemap.xml",
    ):
        plain = get(served_site, "/" + path)
        assert plain[0] == 200 and "content-encoding" not in plain[1] and plain[1]["vary"] == "Accept-Encoding"
        status, headers, body = get(served_site, "/" + path, Accept_Encoding="gzip")
        assert (status, headers.get("content-encoding")) == (200, "gzip") and body == (built_site / f"{path}.gz").read_bytes()
        status, headers, body = get(served_site, "/" + path, Accept_Encoding="br, gzip")
        if BROTLI_MODULE.is_file():
            assert headers.get("content-encoding") == "br" and body == (built_site / f"{path}.br").read_bytes()
        else:
            assert headers.get("content-encoding") == "gzip"


def headers_file_rules(text: str) -> dict[str, dict[str, str]]:
    """The rules of a _headers file: address -> headers."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
        else:
            name, value = line.strip().split(": ", 1)
            assert name not in current, f"{name} set twice for one address"
            current[name] = value
    return rules


def htaccess_headers(text: str, path: str) -> dict[str, str]:
    """The headers Apache would send for ``path`` under this .htaccess (its <If> blocks evaluated)."""
    headers: dict[str, str] = {}
    applies = [True]
    for line in text.splitlines():
        line = line.strip()
        if condition := re.fullmatch(r'<If "%\{REQUEST_URI\} =~ m#(.*)#">', line):
            applies.append(bool(re.search(condition.group(1), "/" + path)))
        elif condition := re.fullmatch(r"<If \"%\{REQUEST_URI\} == '(.*)'\">", line):
            applies.append(condition.group(1) == "/" + path)
        elif line == "</If>":
            applies.pop()
        elif line.startswith("<FilesMatch") or line.startswith("</FilesMatch"):
            applies.append(False) if line.startswith("<FilesMatch") else applies.pop()
        elif (header := re.fullmatch(r'Header always set (\S+) "(.*)"', line)) and all(applies):
            headers[header.group(1)] = header.group(2)
    return headers


def test_headers_file_and_htaccess_say_what_nginx_sends(built_site: Path, served_site: str) -> None:
    rules = headers_file_rules((built_site / "_headers").read_text(encoding="utf-8"))
    htaccess = (built_site / ".htaccess").read_text(encoding="utf-8")
    for path in site_files(built_site):
        _, sent, _ = get(served_site, "/" + path)
        from_nginx = {name: sent[name.lower()] for name in headers_for(path)}
        htaccess_sends = dict(from_nginx)
        if content_type(path):  # _headers names the type where the extension alone would give a wrong one
            from_nginx["Content-Type"] = sent["content-type"]
        addresses = ["/" + path]
        if path.endswith("index.html"):
            addresses.append("/" + path.removesuffix("index.html"))  # a folder's own page
        elif path.endswith(".html"):
            addresses.append("/" + path.removesuffix(".html"))  # hosts' 'pretty' addresses
        for address in addresses:
            assert {**rules["/*"], **rules[address]} == from_nginx, address
        assert htaccess_headers(htaccess, path) == htaccess_sends, path


def test_each_pages_meta_policy_is_its_header_policy_less_what_a_meta_tag_cannot_carry(built_site: Path, served_site: str) -> None:
    for path in (p for p in site_files(built_site) if p.endswith(".html")):
        meta = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"}
        )["content"]
        header = get(served_site, "/" + path)[1]["content-security-policy"]
        assert header == f"{meta}; frame-ancestors 'none'", path
        assert ("script-src 'none'" in meta) == (page_kind(path) == "calculator"), path


def test_robots_txt_names_the_sitemap(built_site: Path, served_site: str) -> None:
    status, headers, body = get(served_site, "/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "Sitemap: https://www.norfolkmappa.org.uk/sitemap.xml" in body.decode()


def test_server_config_refuses_what_nginx_could_not_serve_safely(built_site: Path, tmp_path: Path) -> None:
    inside = subprocess.run(
        [MAPPA, "server-config", "nginx", "--site", str(built_site), "--out", str(built_site / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert inside.returncode == 1 and "is inside the site" in inside.stderr and not (built_site / "nginx.conf").exists()
    odd = tmp_path / 'a "quoted" folder'
    odd.mkdir()
    refused = subprocess.run(
        [MAPPA, "server-config", "nginx", "--site", str(built_site), "--out", str(odd / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1 and list(odd.iterdir()) == []


def test_server_config_overwrites_only_its_own_file(built_site: Path, tmp_path: Path) -> None:
    mine = tmp_path / "nginx.conf"
    command = [MAPPA, "server-config", "nginx", "--site", str(built_site), "--out", str(mine)]
    assert subprocess.run(command, capture_output=True, timeout=60).returncode == 0
    assert subprocess.run(command, capture_output=True, timeout=60).returncode == 0  # its own file: replaced
    theirs = tmp_path / "theirs.conf"
    theirs.write_text("worker_processes 4;\n", encoding="utf-8")
    refused = subprocess.run([*command[:-1], str(theirs)], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert theirs.read_text(encoding="utf-8") == "worker_processes 4;\n"
    unbuilt = subprocess.run([MAPPA, "server-config", "apache", "--site", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert unbuilt.returncode == 1 and "is not a site built by `mappa build`" in unbuilt.stderr


def test_open_data_is_served_with_its_media_types_and_open_to_other_sites(built_site: Path, served_site: str) -> None:
    api = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*.json"))
    assert len(api) == 8  # four files and their schemas
    for path in api:
        status, headers, body = get(served_site, "/" + path, Origin="https://another.example.org")
        assert status == 200 and headers["content-type"].split(";")[0] == "application/json", path
        assert headers["access-control-allow-origin"] == "*" and body == (built_site / path).read_bytes(), path
    status, headers, _ = get(served_site, "/api/notification-periods.csv")
    assert (status, headers["content-type"], headers["access-control-allow-origin"]) == (200, "text/csv; charset=utf-8", "*")
    for page in ("/index.html", "/open-data.html", "/sitemap.xml"):  # only the open data is open to other sites
        assert "access-control-allow-origin" not in get(served_site, page)[1], page
    assert get(served_site, "/sitemap.xml")[1]["content-type"].startswith("application/xml")


def test_the_change_feed_is_served_as_atom(built_site: Path) -> None:
    """The feed (its own file, made by the change feed's code) is Atom, plain or compressed,
    with the policy's headers; here a stand-in feed is served beside the built site's files."""
    feed = b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Changes</title></feed>\n'
    with readable_copy(built_site) as site:
        (site / "changes.xml").write_bytes(feed)
        (site / "changes.xml.gz").write_bytes(gzip.compress(feed, mtime=0))
        with nginx(site, site.parent) as base:
            status, headers, body = get(base, "/changes.xml")
            assert (status, headers["content-type"], body) == (200, "application/atom+xml; charset=utf-8", feed)
            assert {name: headers[name.lower()] for name in headers_for("changes.xml")} == headers_for("changes.xml")
            status, headers, body = get(base, "/changes.xml", Accept_Encoding="gzip")
            assert (headers["content-type"], headers["content-encoding"]) == ("application/atom+xml; charset=utf-8", "gzip")
            assert get(base, "/sitemap.xml")[1]["content-type"].startswith("application/xml")
