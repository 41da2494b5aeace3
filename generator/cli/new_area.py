"""`mappa new-area`: a new area's local data folder, with placeholders to fill in."""

from __future__ import annotations

import shlex

import click

from generator.cli.common import exit_on_error, fail, out_path


@click.command("new-area")
@click.argument("folder")
@click.option("--name", required=True, help='The area\'s name, for example "Exampleshire".')
@click.option(
    "--languages",
    type=click.Choice(["en", "en,cy"]),
    default="en",
    show_default=True,
    help="en for English only; en,cy for English and Welsh (the Welsh text in FOLDER/cy/, with placeholders too).",
)
def new_area(folder: str, name: str, languages: str) -> None:
    """Write a new area's local data folder, with placeholders to fill in."""
    from generator.load.text_file import character_name, forbidden_character
    from generator.render.area_files import LANGUAGES
    from generator.write.area_folder import write_new_area

    found = forbidden_character(name) or next(((i, c) for i, c in enumerate(name) if c in "\n\r\t"), None)
    if found or not name.strip():
        what = f"holds the character {character_name(found[1])}" if found else "is empty"
        fail(f'--name {what}: give the area\'s name on one line, for example "Exampleshire"')
    with exit_on_error():
        written = write_new_area(out_path(folder), name, languages=LANGUAGES[languages])
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Fill in every 'FILL IN' value, then run: mappa check --data {shell_word(folder)}")


def shell_word(path: str) -> str:
    """``path`` as one word a shell passes on as it is (quoted when it holds a space or
    another special character), which an option cannot take for another option."""
    return shlex.quote(f"./{path}" if path.startswith("-") else path)
