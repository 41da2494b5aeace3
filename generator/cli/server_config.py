"""`mappa server-config`: what a web server needs to serve the built site with the one
policy of generator/web_policy.py: a complete nginx.conf, or Apache's .htaccess."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import exit_on_error, fail

WRITTEN_BY = b"# Written by `mappa server-config"  # only such a file is overwritten


def _site_option(function):
    return click.option(
        "--site", "site", default="site", show_default=True, type=click.Path(path_type=Path), help="The built site to serve."
    )(function)


def _built_site(site: Path) -> Path:
    """The site's folder, once it is known to be a site `mappa build` made."""
    from generator.write.output_folder import MARKER

    if not (site / MARKER).is_file() or not (site / "index.html").is_file():
        fail(f"{site} is not a site built by `mappa build`: build it first, or give --site", code=1)
    return site


def _write(out: str, text: str) -> None:
    from generator.paths import guarded_sources, project_root
    from generator.write.output_folder import check_output_file, write_file_atomically

    root = project_root()
    with exit_on_error():
        target = check_output_file(out, guarded_dirs=guarded_sources(root, root / "data"), magic=WRITTEN_BY)
        write_file_atomically(target, text.encode("utf-8"))
    click.echo(f"Wrote {out}")


@click.group("server-config")
def server_config() -> None:
    """Write a web server's configuration for the built site."""


@server_config.command()
@_site_option
@click.option("--listen", default="127.0.0.1:8080", show_default=True, metavar="HOST:PORT", help="Where nginx listens.")
@click.option(
    "--out", "out", default="nginx.conf", show_default=True, help="The file to write; pid, logs and temporary files go beside it."
)
@click.option(
    "--tls-certificate", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Serve HTTPS with this certificate (PEM)."
)
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="The certificate's private key (PEM).")
def nginx(site: Path, listen: str, out: str, tls_certificate: Path | None, tls_key: Path | None) -> None:
    """A complete nginx.conf: run it with  nginx -c FILE -g 'daemon off;'"""
    from generator.write.server_config import listen_address, nginx_conf

    if (tls_certificate is None) != (tls_key is None):
        fail("give --tls-certificate and --tls-key together")
    try:
        listen_address(listen)
    except ValueError as error:
        fail(str(error))
    tls = (tls_certificate, tls_key) if tls_certificate and tls_key else None
    if Path(out).resolve().parent.is_relative_to(site.resolve()):
        fail(f"--out {out} is inside the site: nginx's pid, logs and temporary files go beside it, and would be published", code=1)
    with exit_on_error():
        text = nginx_conf(_built_site(site), listen, Path(out), tls)
    _write(out, text)


@server_config.command()
@_site_option
@click.option("--out", "out", default=None, help="The file to write (default: SITE/.htaccess).")
def apache(site: Path, out: str | None) -> None:
    """Apache's .htaccess for the site's folder (mod_headers and mod_rewrite)."""
    from generator.write.server_config import htaccess

    _write(out or str(_built_site(site) / ".htaccess"), htaccess())
