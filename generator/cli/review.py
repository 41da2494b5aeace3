"""`mappa review`: the pages and records due for review soon, oldest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.common import area_today, data_option, exit_on_error, today_option


@click.command()
@data_option
@click.option("--days", default=90, show_default=True, type=click.IntRange(0, 3650), help="List what is due within this many days.")
@today_option("Count from this day (default: today).")
def review(data_dir: Path, days: int, today: dt.date | None) -> None:
    """List the pages and records due for review soon, oldest first."""
    from generator.load.data import load_data
    from generator.load.front_matter import read_pages
    from generator.paths import project_root
    from generator.rules.review_dates import due_within, review_items

    with exit_on_error():
        data = load_data(data_dir)
        pages, _ = read_pages(project_root() / "content")  # `mappa check` reports the pages' problems
        items = review_items(data, pages)
    start = today or area_today()
    due = due_within(items, start, days)
    if not due:
        click.echo(f"Nothing is due for review in the {days} days from {start.isoformat()}.")
        return
    for item in due:
        state = "OVERDUE" if item.due < start else "due"
        owner = f" (owner: {item.owner})" if item.owner else ""
        click.echo(f"{item.due.isoformat()}  {state:<7}  {item.where}  {item.short_label}{owner}")
