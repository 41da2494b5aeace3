"""What every command shares: its options, dates, and errors as one line each.

Data problems are printed one per line as ``file:line:column: message``; any other
failure as one line ``error: ...``; nothing ever as a traceback. Commands stop as
Ctrl-C stops them when they receive SIGTERM or SIGHUP (see
:mod:`generator.write.stop_signals`).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from generator.errors import BuildError, DataError


def report(error: DataError) -> None:
    """Print every data problem on its own line, then how many there were."""
    for problem in error.problems:
        click.echo(str(problem), err=True)
    report_count(len(error.problems))


def report_count(count: int) -> None:
    """Print how many problems were found, on a line of its own."""
    click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)


@contextmanager
def exit_on_error(unchanged: str | None = None) -> Iterator[None]:
    """Print data problems or a build error in the editor-friendly form and exit 1;
    ``unchanged`` names what a failure left as it was."""
    try:
        yield
    except DataError as error:
        report(error)
    except BuildError as error:
        click.echo(f"error: {error}", err=True)
    else:
        return
    if unchanged:
        click.echo(f"{unchanged} is unchanged.", err=True)
    sys.exit(1)


def fail(message: str, code: int = 2) -> None:
    """Stop with a one-line error (exit 2: the command line cannot be answered)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


class DateType(click.ParamType):
    """A date written YYYY-MM-DD: the one date parser of the command line."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        """The date, or a usage error naming the option and what was typed."""
        if isinstance(value, dt.date):
            return value
        option = param.opts[0] if param and param.opts else "date"
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise click.UsageError(f"{option} '{value}' is not a real date written YYYY-MM-DD") from None


DATE = DateType()


def data_option(function):
    """``--data DIR``: the area's data folder (default data/)."""
    return click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(path_type=Path), help="The data folder.")(
        function
    )


def today_option(help_text: str):
    """``--today YYYY-MM-DD``: the day to count review dates from (default today)."""
    return click.option("--today", type=DATE, default=None, metavar="YYYY-MM-DD", help=help_text)


def out_path(value: str) -> Path:
    """An --out value as a path; an empty value means the working folder, and is judged as such."""
    return Path(value)


def area_today() -> dt.date:
    """Today in the areas' time zone, Europe/London (imported here: loading a command stays light)."""
    from generator.load.fields import today_in_the_area

    return today_in_the_area()
