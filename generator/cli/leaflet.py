"""`mappa leaflet`: the printable leaflet alone, as a PDF."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import data_option, exit_on_error


@click.command()
@data_option
@click.option("--out", "out_file", default="leaflet.pdf", show_default=True, help="Where to write the PDF.")
def leaflet(data_dir: Path, out_file: str) -> None:
    """Write the printable leaflet as a PDF."""
    from generator.write.pipeline import write_leaflet_file

    with exit_on_error():
        write_leaflet_file(data_dir, out_file)
    click.echo(f"Wrote {out_file}")
