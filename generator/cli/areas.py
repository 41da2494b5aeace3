"""`mappa build-all`: every area in a folder, in parallel, each into OUT/<area>/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.common import exit_on_error
from generator.errors import BuildError, DataError, os_reason


@click.command("build-all")
@click.argument("areas_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Each area is built into OUT/<area>/.")
def build_all(areas_dir: Path, out_dir: Path) -> None:
    """Build every area in AREAS_DIR, in parallel; report each area's result.

    An area's folder holds a site.yaml. Any other folder in AREAS_DIR is reported as not an
    area and fails the command (exit 1) after the areas are built; hidden folders (.git),
    files and folders of output that mappa made are passed over. The areas that built are
    listed in OUT/index.html and OUT/areas.json (not written when none built)."""
    from generator.paths import guarded_sources, project_root
    from generator.write.areas import area_folders, check_area_names, check_index_files, not_areas, write_index
    from generator.write.areas import build_all as build_areas
    from generator.write.output_folder import check_output_folder

    root = project_root()
    try:
        folders, others = area_folders(areas_dir), not_areas(areas_dir, out_dir)
    except OSError as error:
        click.echo(f"error: cannot read {areas_dir}: {os_reason(error)}", err=True)
        sys.exit(1)
    if not folders and not others:
        click.echo(f"error: no area folders (with a site.yaml) in {areas_dir}", err=True)
        sys.exit(1)
    guarded = [*folders, *guarded_sources(root, root / "data")]
    with exit_on_error():
        check_area_names(folders, out_dir)
        for folder in folders:  # every area's output is checked before any is built
            check_output_folder(out_dir / folder.name, projects=[root], data_dirs=guarded)
        if folders:
            check_index_files(out_dir, root, guarded)
    results = build_areas(areas_dir, out_dir, root) if folders else []
    report = sorted([(r.area, r) for r in results] + [(folder.name, (folder, why)) for folder, why in others], key=lambda item: item[0])
    for _name, result in report:
        if isinstance(result, tuple):
            click.echo(f"{result[0]}: not an area: {result[1]}", err=True)
        elif result.ok:
            click.echo(f"{result.area}: built in {result.out_dir}/")
            if result.warning:
                click.echo(f"{result.area}: warning: {result.warning}", err=True)
        else:
            click.echo(f"{result.area}: FAILED ({len(result.errors)} problem(s)); {result.out_dir} is unchanged", err=True)
            for line in result.errors:
                click.echo(f"  {line}", err=True)
    try:
        listed = write_index(out_dir, results, root, guarded)
    except (BuildError, DataError) as error:  # the areas stay built: say so, then fail
        listed = None
        for line in [str(p) for p in error.problems] if isinstance(error, DataError) else [f"error: {error}"]:
            click.echo(line, err=True)
    if listed:
        click.echo(f"{listed} area(s) listed in {out_dir}/index.html and {out_dir}/areas.json")
    failed = [r.area for r in results if not r.ok]
    summary = [f"{len(results) - len(failed)} of {len(report)} folder(s) built"]
    summary += [f"failed: {', '.join(failed)}"] * bool(failed)
    summary += ["the list of areas was not written"] * (listed is None)
    summary += [f"not an area: {', '.join(folder.name for folder, _why in others)}"] * bool(others)
    click.echo("; ".join(summary) + ".")
    if failed or others or listed is None:
        sys.exit(1)
