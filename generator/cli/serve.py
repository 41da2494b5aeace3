"""`mappa serve`: the site on a local address, rebuilt when the data, pages or templates change."""

from __future__ import annotations

import logging
import os
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
    """Serve the site with live reload on changes to data/, content/ and templates/."""
    free_address(dev_addr)  # before anything is built
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from generator.paths import project_root

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if data_dir is not None:
        os.environ["MAPPA_DATA"] = str(data_dir.resolve())
    try:
        mkdocs_serve(config_file=str(project_root() / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    except Abort as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
