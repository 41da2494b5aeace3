"""The built site served as a host serves it: Debian's nginx, started from the configuration
`mappa server-config nginx` writes, on a free port of 127.0.0.1, and stopped at the end
even when a test fails."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

MAPPA = str(Path(sys.executable).parent / "mappa")
NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def nginx(site: Path, folder: Path, port: int | None = None) -> Iterator[str]:
    """Serve ``site`` with nginx, configured by `mappa server-config nginx` in ``folder``,
    on ``port`` (by default a free one); yield the base URL."""
    port = port or free_port()
    config = folder / "nginx.conf"
    subprocess.run(
        [MAPPA, "server-config", "nginx", "--site", str(site), "--listen", f"127.0.0.1:{port}", "--out", str(config)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    server = subprocess.Popen([NGINX, "-c", str(config), "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not answer"
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def readable_copy(site: Path) -> Iterator[Path]:
    """A copy of ``site`` that nginx's workers can read: they run as nobody when nginx is
    started as root, and pytest's own folders are the owner's alone."""
    folder = Path(tempfile.mkdtemp(prefix="mappa-nginx-"))
    try:
        folder.chmod(0o755)
        shutil.copytree(site, folder / "site")
        yield folder / "site"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """The base URL ('http://127.0.0.1:PORT/') of the built site, served by nginx."""
    with readable_copy(built_site) as site, nginx(site, site.parent) as base:
        yield base


@pytest.fixture(scope="session")
def served_welsh_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the example bilingual area's site (English, and Welsh under cy/),
    served by nginx at the address its data names: the theme's script reads the sitemap
    of each language a page names in its head, which must be on the site's own origin."""
    from generator.write.output_folder import replace_folder
    from tests.conftest import WALES, pages_built, replace_in

    port, work = free_port(), tmp_path_factory.mktemp("served-welsh")
    shutil.copytree(WALES, work / "area")
    replace_in(work / "area" / "site.yaml", "site_url: https://mappa.example.org/", f"site_url: http://127.0.0.1:{port}/")
    pages_built(work / "area", work / "pages")  # the pages Lighthouse reads, without laying out the PDFs
    replace_folder(work / "pages", work / "site", made_by="mappa build")  # as a build puts its site in place
    with readable_copy(work / "site") as site, nginx(site, site.parent, port) as base:
        yield base
