"""The ``mappa`` command: build, check, review, serve, leaflet, render, period and the rest."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from generator.errors import BuildError, DataError
from generator.cli.period import period

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _report(error: DataError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)


@contextmanager
def _exit_on_error(unchanged: str | None = None) -> Iterator[None]:
    """Print data problems or a build error in the editor-friendly form and exit 1."""
    try:
        yield
    except DataError as error:
        _report(error)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
    else:
        return
    if unchanged:
        click.echo(f"{unchanged} is unchanged.", err=True)
    sys.exit(1)


def _data_option(function):
    return click.option(
        "--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder."
    )(function)


@click.group()
@click.version_option(package_name="mappa-guide")
def main() -> None:
    """Build and check the MAPPA guidance site from its YAML data."""


@main.command()
@_data_option
@click.option("--out", "out_dir", default="site", show_default=True, type=click.Path(path_type=Path), help="Where to write the site.")
def build(data_dir: Path, out_dir: Path) -> None:
    """Build the whole site, calculator and leaflet from the data."""
    from generator.write.pdf_worker import PdfProcess

    with _exit_on_error(unchanged=f"Nothing was built; {out_dir}"), PdfProcess() as pdf_process:
        from generator.write.pipeline import build_site  # imported after the PDF process has started

        build_site(data_dir, out_dir, pdf_process=pdf_process)
    # The process ends here, so nothing it made needs collecting: freezing every object
    # spares the interpreter's last garbage collection at exit, a tenth of a second.
    gc.freeze()
    click.echo(f"Built the site in {out_dir}/")


def _today(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD", param_hint="--today") from None


@main.command()
@_data_option
@click.option("--strict", is_flag=True, help="Fail when anything is past its review date.")
@click.option("--today", metavar="YYYY-MM-DD", help="Check review dates as on this day (default: today).")
def check(data_dir: Path, strict: bool, today: str | None) -> None:
    """Validate the data; exit 0 when valid, 1 when not. Warns about overdue reviews."""
    from generator.load.data import load_data
    from generator.paths import project_root
    from generator.rules.review_dates import overdue, review_items

    with _exit_on_error():
        data = load_data(data_dir)
        items, page_problems = review_items(data, project_root() / "content")
        if page_problems:
            raise DataError(page_problems)
    late = overdue(items, _today(today))
    for item in late:
        owner = f"; owner: {item.owner}" if item.owner else ""
        click.echo(f"{item.where}: warning: review overdue since {item.due.isoformat()} "
                   f"(last reviewed {item.reviewed.isoformat()}): {item.label}{owner}", err=True)
    if late and strict:
        click.echo(f"{len(late)} review(s) overdue; --strict fails the check.", err=True)
        sys.exit(1)
    click.echo(f"{data_dir}: all data files are valid" + (f"; {len(late)} review(s) overdue." if late else "."))


@main.command()
@_data_option
@click.option("--days", default=90, show_default=True, type=click.IntRange(0, 3650), help="List what is due within this many days.")
@click.option("--today", metavar="YYYY-MM-DD", help="Count from this day (default: today).")
def review(data_dir: Path, days: int, today: str | None) -> None:
    """List the pages and records due for review soon, oldest first."""
    from generator.load.data import load_data
    from generator.paths import project_root
    from generator.rules.review_dates import due_within, review_items

    with _exit_on_error():
        items, _ = review_items(load_data(data_dir), project_root() / "content")
    start = _today(today)
    due = due_within(items, start, days)
    if not due:
        click.echo(f"Nothing is due for review in the {days} days from {start.isoformat()}.")
        return
    for item in due:
        state = "OVERDUE" if item.due < start else "due"
        owner = f" (owner: {item.owner})" if item.owner else ""
        click.echo(f"{item.due.isoformat()}  {state:<7}  {item.where}  {item.label}{owner}")


@main.command()
@click.option("--data", "data_dir", default=None, type=click.Path(path_type=Path), help="The data folder (default data/).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on.")
def serve(data_dir: Path | None, dev_addr: str) -> None:
    """Serve the site with live reload on changes to data/, content/ and templates/."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from generator.paths import project_root

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
@_data_option
@click.option("--out", "out_file", default="leaflet.pdf", show_default=True, type=click.Path(path_type=Path), help="Where to write the PDF.")
def leaflet(data_dir: Path, out_file: Path) -> None:
    """Write the printable leaflet as a PDF."""
    from generator.paths import project_root
    from generator.load.data import load_data
    from generator.render.leaflet import build_leaflet_pdf

    with _exit_on_error():
        build_leaflet_pdf(load_data(data_dir), project_root() / "templates", out_file)
    click.echo(f"Wrote {out_file}")


@main.command()
@_data_option
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Where to write docs/ and mkdocs.yml.")
def render(data_dir: Path, out_dir: Path) -> None:
    """Write the rendered Markdown and an mkdocs.yml that any engine can build."""
    from generator.load.data import load_data
    from generator.write.export import write_export
    from generator.paths import project_root

    with _exit_on_error():
        config_file = write_export(load_data(data_dir), project_root(), out_dir)
    click.echo(f"Wrote {out_dir}/docs and {config_file}")


@main.command("build-all")
@click.argument("areas_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Each area is built into OUT/<area>/.")
def build_all_command(areas_dir: Path, out_dir: Path) -> None:
    """Build every area in AREAS_DIR, in parallel; report each area's result."""
    from generator.write.areas import build_all
    from generator.paths import project_root

    results = build_all(areas_dir, out_dir, project_root())
    if not results:
        click.echo(f"error: no area folders (with a site.yaml) in {areas_dir}", err=True)
        sys.exit(1)
    for result in results:
        if result.ok:
            click.echo(f"{result.area}: built in {result.out_dir}/")
        else:
            click.echo(f"{result.area}: FAILED ({len(result.errors)} problem(s)); {result.out_dir} is unchanged", err=True)
            for line in result.errors:
                click.echo(f"  {line}", err=True)
    failed = [r.area for r in results if not r.ok]
    click.echo(f"{len(results) - len(failed)} of {len(results)} area(s) built" + (f"; failed: {', '.join(failed)}" if failed else "."))
    if failed:
        sys.exit(1)


@main.command("new-area")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", required=True, help='The area\'s name, for example "Exampleshire".')
def new_area(folder: Path, name: str) -> None:
    """Write a new area's local data folder, with placeholders to fill in."""
    from generator.render.new_area import write_new_area
    from generator.paths import project_root

    try:
        written = write_new_area(folder, name, project_root() / "templates", project_root() / "schemas")
    except FileExistsError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Fill in every 'FILL IN' value, then run: mappa check --data {folder}")


@main.command()
@click.option("--out", "out_dir", default="schemas", show_default=True, type=click.Path(path_type=Path), help="Where to write the schemas.")
def schema(out_dir: Path) -> None:
    """Write a JSON Schema for every data file."""
    from generator.write.schemas import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}")


main.add_command(period)
