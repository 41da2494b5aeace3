"""`mappa schema`: a JSON Schema for every data file, for editors' YAML plugins."""

from __future__ import annotations

import click

from generator.cli.common import exit_on_error, out_path


@click.command()
@click.option("--out", "out_dir", default="schemas", show_default=True, help="Where to write the schemas.")
def schema(out_dir: str) -> None:
    """Write a JSON Schema for every data file."""
    from generator.write.schemas import write_schemas

    with exit_on_error():
        written = write_schemas(out_path(out_dir))
    for path in written:
        click.echo(f"wrote {path}")
