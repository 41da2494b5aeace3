"""The ``mappa`` command: build, check, serve and schema."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator.errors import BuildError, DataError
from generator.period_command import period

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _report(error: DataError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)


@click.group()
@click.version_option(package_name="mappa-guide")
def main() -> None:
    """Build and check the MAPPA guidance site from its YAML data."""


@main.command()
@click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder.")
@click.option("--out", "out_dir", default="site", show_default=True, type=click.Path(path_type=Path), help="Where to write the site.")
def build(data_dir: Path, out_dir: Path) -> None:
    """Build the whole site from the data."""
    from generator.build import build_site

    try:
        build_site(data_dir, out_dir)
    except DataError as error:
        _report(error)
        click.echo(f"Nothing was built; {out_dir} is unchanged.", err=True)
        sys.exit(1)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        click.echo(f"{out_dir} is unchanged.", err=True)
        sys.exit(1)
    click.echo(f"Built the site in {out_dir}/")


@main.command()
@click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder.")
def check(data_dir: Path) -> None:
    """Validate the data; exit 0 when valid, 1 when not."""
    from generator.data import load_data

    try:
        load_data(data_dir)
    except DataError as error:
        _report(error)
        sys.exit(1)
    click.echo(f"{data_dir}: all data files are valid.")


@main.command()
@click.option("--data", "data_dir", default=None, type=click.Path(path_type=Path), help="The data folder (default data/).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(data_dir: Path | None, dev_addr: str) -> None:
    """Serve the site with live reload on changes to data/, content/ and templates/."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from generator.build import project_root

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if data_dir is not None:
        os.environ["MAPPA_DATA"] = str(data_dir.resolve())
    root = project_root()
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    except Abort as error:
        click.echo(str(error), err=True)
        sys.exit(1)


@main.command()
@click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder.")
@click.option("--out", "out_file", default="leaflet.pdf", show_default=True, type=click.Path(path_type=Path), help="Where to write the PDF.")
def leaflet(data_dir: Path, out_file: Path) -> None:
    """Write the printable leaflet as a PDF."""
    from generator.build import project_root
    from generator.data import load_data
    from generator.leaflet import build_leaflet_pdf

    try:
        build_leaflet_pdf(load_data(data_dir), project_root() / "templates", out_file)
    except DataError as error:
        _report(error)
        sys.exit(1)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {out_file}")


@main.command()
@click.option("--out", "out_dir", default="schemas", show_default=True, type=click.Path(path_type=Path), help="Where to write the schemas.")
def schema(out_dir: Path) -> None:
    """Write a JSON Schema for every data file."""
    from generator.schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")


main.add_command(period)
