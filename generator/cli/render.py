"""`mappa render`: the rendered Markdown and an mkdocs.yml that any engine can build."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import data_option, exit_on_error, out_path


@click.command()
@data_option
@click.option("--out", "out_dir", required=True, help="Where to write docs/ and mkdocs.yml.")
def render(data_dir: Path, out_dir: str) -> None:
    """Write the rendered Markdown and an mkdocs.yml that any engine can build."""
    from generator.paths import guarded_paths, project_root
    from generator.write.output_folder import check_output_folder

    with exit_on_error():
        check_output_folder(out_dir, **guarded_paths(project_root(), data_dir))
    from generator.write.pipeline import export_sources

    with exit_on_error(unchanged=f"Nothing was written; {out_dir or '.'}"):
        warning = export_sources(data_dir, out_path(out_dir))
    if warning:
        click.echo(f"warning: {warning}", err=True)
    shown = out_dir.rstrip("/") or "."
    also = "".join(f", and in {name} {shown}/{code}/" for code, name in _other_languages(data_dir))
    click.echo(f"Wrote {shown}/docs and {shown}/mkdocs.yml{also}")


def _other_languages(data_dir: Path) -> list[tuple[str, str]]:
    """The area's languages other than English, each with its name in English."""
    from generator.load.data import load_data

    names = {"cy": "Welsh"}
    return [(code, names[code]) for code in load_data(data_dir).site.languages[1:]]
