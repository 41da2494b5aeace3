"""`mappa serve`: the site on a local address, rebuilt when the data, pages or templates change."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from generator.cli.common import fail
from generator.errors import os_reason


def free_address(dev_addr: str) -> tuple[str, int]:
    """The host and port of ``dev_addr`` (HOST:PORT), once it is known nothing else uses it."""
    host, _, port_text = dev_addr.rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        fail(f"--dev-addr '{dev_addr}' is not an address written HOST:PORT, for example 127.0.0.1:8000")
    port = int(port_text)
    try:
        with socket.create_server((host.strip("[]"), port)):
            pass
    except OSError as error:
        fail(f"cannot serve on {dev_addr}: {os_reason(error)}; choose another port with --dev-addr", code=1)
    return host, port


@click.command()
@click.option("--data", "data_dir", default=None, type=click.Path(path_type=Path), help="The data folder (default data/).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(data_dir: Path | None, dev_addr: str) -> None:
    """Serve the site with live reload on changes to the data, content/ and templates/.

    While the site cannot be built, every page shows the problems instead, and goes back
    to the site by itself once they are fixed (see generator.write.preview)."""
    host, port = free_address(dev_addr)  # before anything is built
    from generator.paths import project_root
    from generator.write.preview import serve_preview

    root = project_root()
    serve_preview(root, (data_dir or root / "data").resolve(), host.strip("[]"), port)
