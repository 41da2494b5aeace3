"""`mappa check`: validate the data, and warn about anything past its review date."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.common import data_option, exit_on_error, today_option


@click.command()
@data_option
@click.option("--strict", is_flag=True, help="Fail when anything is past its review date.")
@today_option("Check review dates as on this day (default: today).")
def check(data_dir: Path, strict: bool, today: dt.date | None) -> None:
    """Validate the data; exit 0 when valid, 1 when not. Warns about overdue reviews."""
    from generator.errors import DataError
    from generator.load.data import load_data
    from generator.load.front_matter import read_pages
    from generator.paths import project_root
    from generator.rules.review_dates import overdue, review_items

    with exit_on_error():
        data = load_data(data_dir)
        pages, page_problems = read_pages(project_root() / "content")
        if page_problems:
            raise DataError(page_problems)
        items = review_items(data, pages)
    late = overdue(items, today or dt.date.today())
    for item in late:
        owner = f"; owner: {item.owner}" if item.owner else ""
        click.echo(f"{item.where}: warning: review overdue since {item.due.isoformat()} "
                   f"(last reviewed {item.reviewed.isoformat()}): {item.label}{owner}", err=True)
    if late and strict:
        click.echo(f"{len(late)} review(s) overdue; --strict fails the check.", err=True)
        sys.exit(1)
    click.echo(f"{data_dir}: all data files are valid" + (f"; {len(late)} review(s) overdue." if late else "."))
