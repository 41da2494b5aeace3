"""`mappa new-area` ends with the command to run next; pasted into a shell, it must check
the folder just written, whatever its name holds (a space, a quote, a leading dash)."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from generator.cli.new_area import shell_word
from tests.conftest import MAPPA


@pytest.mark.parametrize("name", ["My Shire", "O'Shire & co", "-shire"])
def test_the_suggested_check_command_checks_the_new_folder(tmp_path: Path, name: str) -> None:
    result = subprocess.run(
        [MAPPA, "new-area", "--name", "Newshire", "--", name], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    prefix = "Fill in every 'FILL IN' value, then run: "
    assert last.startswith(prefix + "mappa check --data ")
    command = shlex.split(last.removeprefix(prefix))  # as a POSIX shell splits it
    assert Path(tmp_path, command[-1]).resolve() == (tmp_path / name).resolve()
    check = subprocess.run(
        ["sh", "-c", f"{shlex.quote(MAPPA)} {last.removeprefix(prefix).removeprefix('mappa ')}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"{name}/site.yaml:" in check.stderr and "still to fill in" in check.stderr


def test_a_plain_path_is_left_as_it_is() -> None:
    assert shell_word("areas/exampleshire") == "areas/exampleshire"
    assert shell_word("areas/new shire") == "'areas/new shire'"
