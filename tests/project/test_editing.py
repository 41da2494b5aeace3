"""Every example in EDITING.md, run step by step on a copy of the data."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DATA, MAPPA, ROOT, Ran, mappa, pages_built

GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(
    r"<!-- example: (?P<kind>edit|append|error) (?P<file>\S+) -->\n```(?:diff|yaml)\n(?P<body>.*?)```"
    r"(?:\n\ngives:\n\n```text\n(?P<expected>.*?)```)?",
    re.S,
)
EXAMPLES = [m.groupdict() for m in EXAMPLE.finditer(GUIDE)]


def apply_example(example: dict, root: Path) -> None:
    """Apply one example to the copy of the project's data under ``root``."""
    path = root / example["file"]
    text = path.read_text(encoding="utf-8")
    if example["kind"] == "append":
        path.write_text(text + example["body"], encoding="utf-8")
        return
    lines = example["body"].splitlines()
    before = "".join(line[1:] + "\n" for line in lines if line[:1] in (" ", "-"))
    after = "".join(line[1:] + "\n" for line in lines if line[:1] in (" ", "+"))
    assert text.count(before) == 1, f"EDITING.md's example does not match {example['file']}:\n{before}"
    path.write_text(text.replace(before, after), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path


def check(root: Path) -> Ran:
    return mappa("check", "--data", "data", cwd=root)


def test_the_guide_has_its_examples() -> None:
    kinds = [e["kind"] for e in EXAMPLES]
    assert kinds.count("edit") >= 3 and kinds.count("append") >= 1 and kinds.count("error") >= 3
    assert all(e["expected"] for e in EXAMPLES if e["kind"] == "error")


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['kind']}-{e['file']}" for e in EXAMPLES])
def test_each_example_does_what_the_guide_says(example: dict, project: Path) -> None:
    apply_example(example, project)
    result = check(project)
    if example["kind"] == "error":
        assert result.returncode == 1
        assert result.stderr.splitlines()[:-1] == example["expected"].splitlines()
    else:
        assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_the_phone_and_table_examples_change_the_site(project: Path) -> None:
    for example in EXAMPLES:
        if example["kind"] != "error" and example["file"] in ("data/contacts.yaml", "data/notification_periods.yaml", "data/venues.yaml"):
            apply_example(example, project)
    out = pages_built(project / "data", project / "site")  # the pages alone: no PDF is read
    assert "01603 276999" in (out / "index.html").read_text(encoding="utf-8")
    assert "Thetford" in (out / "process.html").read_text(encoding="utf-8")
    assert "The notification period is 3 years" in (out / "calculator/caution/18-or-over/index.html").read_text(encoding="utf-8")
    assert "The notification period is 1 year and 6 months" in (out / "calculator/caution/under-18/index.html").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_preview_with_mappa_serve() -> None:
    port = free_port()
    server = subprocess.Popen(
        [MAPPA, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/contact.html", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        assert "01603 276320" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
