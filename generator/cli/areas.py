"""`mappa build-all`: every area in a folder, in parallel, each into OUT/<area>/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import exit_on_error


@click.command("build-all")
@click.argument("areas_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Each area is built into OUT/<area>/.")
def build_all(areas_dir: Path, out_dir: Path) -> None:
    """Build every area in AREAS_DIR, in parallel; report each area's result."""
    from generator.paths import guarded_sources, project_root
    from generator.write.areas import area_folders, build_all as build_areas
    from generator.write.output_folder import check_output_folder

    root = project_root()
    folders = area_folders(areas_dir)
    if not folders:
        click.echo(f"error: no area folders (with a site.yaml) in {areas_dir}", err=True)
        sys.exit(1)
    with exit_on_error():
        for folder in folders:  # every area's output is checked before any is built
            check_output_folder(out_dir / folder.name, projects=[root], data_dirs=[*folders, *guarded_sources(root, root / "data")])
    results = build_areas(areas_dir, out_dir, root)
    for result in results:
        if result.ok:
            click.echo(f"{result.area}: built in {result.out_dir}/")
            if result.warning:
                click.echo(f"{result.area}: warning: {result.warning}", err=True)
        else:
            click.echo(f"{result.area}: FAILED ({len(result.errors)} problem(s)); {result.out_dir} is unchanged", err=True)
            for line in result.errors:
                click.echo(f"  {line}", err=True)
    failed = [r.area for r in results if not r.ok]
    click.echo(f"{len(results) - len(failed)} of {len(results)} area(s) built" + (f"; failed: {', '.join(failed)}" if failed else "."))
    if failed:
        sys.exit(1)
