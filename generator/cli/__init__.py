"""The ``mappa`` command: one module per command, each a thin layer over the pipeline.

Every failure is one line: a mistake on the command line is ``error: ...`` with exit
status 2, a data problem ``file:line:column: message`` with 1, and a command stopped by
Ctrl-C, SIGTERM or SIGHUP says so and exits 128 plus the signal's number, having removed
anything half-made (a stop that comes once an output is in place waits until it is done).
"""

from __future__ import annotations

import sys

import click

from generator.cli import areas, build, check, leaflet, new_area, period, render, review, schema, serve, server_config
from generator.write.stop_signals import exit_code, stop_on_signals


class MappaGroup(click.Group):
    """A click group whose errors and stops are each reported in one line."""

    def main(self, *args, **kwargs):
        """Run the command; report a usage error, a failure or a stop in one line."""
        kwargs["standalone_mode"] = False
        try:
            with stop_on_signals():
                code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            click.echo(f"error: {error.format_message()}", err=True)
            sys.exit(2)
        except click.ClickException as error:
            click.echo(f"error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except (click.Abort, KeyboardInterrupt) as error:
            stop = error if isinstance(error, KeyboardInterrupt) else error.__cause__
            stop = stop if isinstance(stop, KeyboardInterrupt) else KeyboardInterrupt()
            click.echo(f"Stopped by {getattr(stop, 'name', 'Ctrl-C')}: anything half-made was removed.", err=True)
            sys.exit(exit_code(stop))
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=MappaGroup)
@click.version_option(package_name="mappa-guide")
def main() -> None:
    """Build and check the MAPPA guidance site from its YAML data."""


for command in (
    build.build,
    check.check,
    review.review,
    serve.serve,
    leaflet.leaflet,
    render.render,
    areas.build_all,
    new_area.new_area,
    schema.schema,
    period.period,
    server_config.server_config,
):
    main.add_command(command)
