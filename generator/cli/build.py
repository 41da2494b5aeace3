"""`mappa build`: the site, the calculator and the leaflet, from the data."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import data_option, exit_on_error, out_path


@click.command()
@data_option
@click.option("--out", "out_dir", default="site", show_default=True, help="Where to write the site.")
def build(data_dir: Path, out_dir: str) -> None:
    """Build the whole site, calculator and leaflet from the data."""
    from generator.paths import guarded_paths, project_root
    from generator.write.output_folder import check_output_folder
    from generator.write.pdf_worker import PdfWorker

    root = project_root()
    with exit_on_error():
        check_output_folder(out_dir, **guarded_paths(root, data_dir))  # before any work
    with exit_on_error(unchanged=f"Nothing was built; {out_dir or '.'}"):
        with PdfWorker() as pdf_worker:
            from generator.write.pipeline import build_site  # the heavy imports, after the PDF process has started

            warning = build_site(data_dir, out_path(out_dir), root, pdf_worker=pdf_worker)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Built the site in {out_dir.rstrip('/') or '.'}/")
