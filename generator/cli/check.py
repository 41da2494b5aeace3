"""`mappa check`: validate the data and the pages, and warn about anything past its review date."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.common import area_today, data_option, report_count, today_option
from generator.cli.formats import FORMATS, github_line, json_text
from generator.errors import Problem


@click.command()
@data_option
@click.option(
    "--strict", is_flag=True, help="Fail when anything is past its review date, or a translation is a draft or may be out of date."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; github for annotations on a pull request's lines; json for other tools.",
)
@today_option("Check review dates as on this day (default: today).")
def check(data_dir: Path, strict: bool, output_format: str, today: dt.date | None) -> None:
    """Check the data, the pages and the templates as a build would; exit 0 when all are
    valid, 1 when not. Warns about overdue reviews and draft or out-of-date translations
    (and fails on them with --strict)."""
    errors, warnings = findings(data_dir, today or area_today())
    if output_format == "json":
        click.echo(json_text(errors + warnings))
    else:
        for problem in errors:
            click.echo(github_line(problem) if output_format == "github" else _text_line(problem), err=output_format == "text")
        for warning in [] if errors and output_format == "text" else warnings:
            click.echo(github_line(warning) if output_format == "github" else _text_line(warning), err=output_format == "text")
        _summary(data_dir, errors, warnings, strict)
    sys.exit(1 if errors or (strict and warnings) else 0)


def findings(data_dir: Path, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """The problems that stop a build; the reviews overdue on ``today`` and the translations
    still drafts or out of date."""
    from generator.errors import BuildError, DataError
    from generator.load.translated_data import translation_warnings
    from generator.paths import project_root
    from generator.rules.review_dates import overdue, review_items
    from generator.write.pipeline import check_sources

    try:
        data, pages = check_sources(data_dir)
    except DataError as error:
        return error.problems, []
    except BuildError as error:
        return [Problem("", 0, 0, str(error))], []
    warnings = []
    for item in overdue(review_items(data, pages), today):
        path, line, column = item.where.rsplit(":", 2)
        owner = f"; owner: {item.owner}" if item.owner else ""
        message = f"review overdue since {item.due.isoformat()} (last reviewed {item.reviewed.isoformat()}): {item.label}{owner}"
        warnings.append(Problem(path, int(line), int(column), message, severity="warning"))
    return [], warnings + translation_warnings(data, project_root())


def _text_line(problem: Problem) -> str:
    """A problem or warning for people, as ``file:line:column: message``."""
    if not problem.path:
        return f"error: {problem.message}"
    return str(problem) if problem.severity == "error" else f"{problem.path}:{problem.line}:{problem.column}: warning: {problem.message}"


def _summary(data_dir: Path, errors: list[Problem], warnings: list[Problem], strict: bool) -> None:
    """One line on what the check came to."""
    if errors:
        report_count(len(errors))
    elif warnings and strict:
        click.echo(f"{len(warnings)} warning(s) (reviews overdue, Welsh drafts or out of date); --strict fails the check.", err=True)
    else:
        click.echo(f"{data_dir}: all data files are valid" + (f"; {len(warnings)} warning(s)." if warnings else "."))
