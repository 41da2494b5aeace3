"""Issue 20, security 5: nothing typed for `mappa server-config` can add a directive to the
configuration it writes: --listen is HOST:PORT and nothing else, and no value that reaches
the file (its comment lines included) may carry a control character, a quote, ';', '{',
'}' or '$'."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.web_policy import header_policy
from generator.write.output_folder import MARKER
from generator.write.server_config import htaccess, listen_address, nginx_conf
from tests.conftest import Ran, mappa


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder that passes for a site `mappa build` made."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / MARKER).write_text("made by mappa build\n", encoding="utf-8")
    (folder / "index.html").write_text("<!doctype html>\n", encoding="utf-8")
    return folder


def server_config(*args: str) -> Ran:
    return mappa("server-config", *args)


@pytest.mark.parametrize(
    "listen",
    [
        "127.0.0.1:8942;\n location /etc/ { alias /etc/; }",
        "127.0.0.1:8942; location /etc/ { alias /etc/; }",
        "127.0.0.1:8942 ssl",
        "$host:80",
        "127.0.0.1:0",
        "127.0.0.1:65536",
        "127.0.0.1:08080",
        "999.1.1.1:80",
        ":8080",
        "8080",
        "[::1:8080",
        "[not-an-address]:8080",
        "-bad.example:80",
        "exa_mple.org:80",
        "127.0.0.1:８０",
    ],
)
def test_listen_is_host_and_port_only(site: Path, tmp_path: Path, listen: str) -> None:
    out = tmp_path / "nginx.conf"
    result = server_config("nginx", "--site", str(site), "--listen", listen, "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "is not written HOST:PORT" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("listen", ["127.0.0.1:8080", "0.0.0.0:80", "[::1]:8080", "localhost:8080", "mappa.example.org:443"])
def test_good_addresses_are_accepted_as_written(site: Path, tmp_path: Path, listen: str) -> None:
    assert listen_address(listen) == listen
    text = nginx_conf(site, listen, tmp_path / "nginx.conf")
    assert f"        listen {listen};\n" in text


@pytest.mark.parametrize("name", ["x\nlocation", "x;y", "x{y", "a'b", 'a"b', "a$b", "a\x1bb", "a\u2028b"])
def test_an_out_file_name_cannot_add_a_line_or_a_directive(site: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = server_config("nginx", "--site", str(site), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "has a character nginx's configuration cannot carry" in result.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_every_line_of_the_configuration_is_its_own(site: Path, tmp_path: Path) -> None:
    text = nginx_conf(site, "127.0.0.1:8080", tmp_path / "nginx.conf")
    run = next(line for line in text.splitlines() if line.startswith("# Run: "))
    assert run == f"# Run: nginx -c \"{(tmp_path / 'nginx.conf').resolve()}\" -g 'daemon off;'"


def test_a_site_folder_with_a_newline_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / 'site";\n    autoindex on; #'
    odd.mkdir()
    (odd / MARKER).write_text("made by mappa build\n", encoding="utf-8")
    (odd / "index.html").write_text("<!doctype html>\n", encoding="utf-8")
    result = server_config("nginx", "--site", str(odd), "--out", str(tmp_path / "nginx.conf"))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "nginx.conf").exists()


def test_the_configurations_are_written_from_the_projects_templates(site: Path, tmp_path: Path, project_copy: Path) -> None:
    """templates/hosts/ holds the nginx and Apache configurations; the policy's values fill them."""
    for name in ("nginx.conf", "htaccess"):
        template = project_copy / "templates" / "hosts" / name
        template.write_text(template.read_text(encoding="utf-8") + "# local note\n", encoding="utf-8")
    nginx = nginx_conf(site, "127.0.0.1:8080", tmp_path / "nginx.conf", root=project_copy)
    apache = htaccess(project_copy)
    assert nginx.endswith("}\n# local note\n") and apache.endswith("</FilesMatch>\n# local note\n")
    assert nginx.replace("# local note\n", "") == nginx_conf(site, "127.0.0.1:8080", tmp_path / "nginx.conf")
    assert 'add_header Content-Security-Policy "' + header_policy("calculator") + '" always;' in nginx
    assert 'Header always set Content-Security-Policy "' + header_policy("leaflet") + '"' in apache
