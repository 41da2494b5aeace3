"""The README's recipes work as written: "Adding a data file with its own page" and
"Adding an output", followed step by step in a copy of the project (its own generator
package included), with the code taken from the README itself, then built."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.load.data import DATA_FILES, SiteData
from tests.conftest import MAPPA, MKDOCS_ENV, ROOT, replace_in, seed_cache

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's section under ``### title``, up to the next heading."""
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^#)", README, re.MULTILINE | re.DOTALL)
    assert match, title
    return match.group(1)


def python_blocks(text: str) -> list[str]:
    """The fenced Python blocks of ``text``, their indentation removed."""
    blocks = re.findall(r"^( *)```python\n(.*?)^\1```", text, re.MULTILINE | re.DOTALL)
    return ["\n".join(line[len(indent) :] for line in body.splitlines()) + "\n" for indent, body in blocks]


def inline_code(text: str, starts: str) -> str:
    """The first inline code of ``text`` starting with ``starts``, its line breaks undone."""
    match = re.search(rf"`({re.escape(starts)}[^`]*)`", text)
    assert match, starts
    return " ".join(match.group(1).split())


def insert_after_last(path: Path, marker: str, line: str) -> None:
    """Put ``line`` after the last line of ``path`` holding ``marker``, at its indentation."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = max(index for index, text in enumerate(lines) if marker in text)
    indent = re.match(r" *", lines[at]).group(0)
    lines.insert(at + 1, indent + line.strip() + "\n")
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def code_copy(tmp_path: Path) -> Path:
    """A whole copy of the project, code included, with the PDFs made before (a new page
    makes only the guide again)."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("generator", "content", "templates", "data", "schemas"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root)
    seed_cache(root)
    return root


def follow_the_data_file_recipe(root: Path) -> None:
    recipe = section("Adding a data file with its own page")
    model, registration = python_blocks(recipe)
    with (root / "generator" / "load" / "models.py").open("a", encoding="utf-8") as models:
        models.write("\n\n" + model)
    insert_after_last(root / "generator" / "load" / "data.py", "= read_from(", registration)
    first_line = inline_code(recipe, "# yaml-language-server:")
    (root / "data" / "things.yaml").write_text(f"{first_line}\nthings:\n  - A toy thing\n  - Another toy thing\n", encoding="utf-8")
    listing = inline_code(recipe, "{% for thing").replace("\\n", "\n")
    (root / "content" / "things.md").write_text(f"---\nreviewed: 2026-11-22\n---\n# Things\n\n{listing}", encoding="utf-8")
    replace_in(root / "mkdocs.yml", "  - Privacy: privacy.md\n", "  - Privacy: privacy.md\n  - Things: things.md\n")


def follow_the_output_recipe(root: Path) -> None:
    recipe = section("Adding an output")
    (root / "generator" / "render" / "things.py").write_text(
        '"""A toy output: the things, as JSON."""\n\nimport json\n\n\n'
        "def things_files(rendering):\n"
        '    """The things as JSON, under things/."""\n'
        "    things = rendering.data.things.things\n"
        '    return {"things/things.json": json.dumps(things).encode("utf-8")}\n',
        encoding="utf-8",
    )
    (registry,) = python_blocks(recipe)
    (kind,) = [line for line in registry.splitlines() if "OutputKind(" in line and "OUTPUTS" not in line]
    outputs = root / "generator" / "write" / "outputs.py"
    insert_after_last(outputs, 'OutputKind("change feed"', kind)
    replace_in(
        outputs,
        "from generator.web_policy import ",
        "from generator.render.things import things_files\nfrom generator.web_policy import THINGS, ",
    )
    place = inline_code(recipe, 'Place("things"')
    policy = root / "generator" / "web_policy.py"
    replace_in(policy, "PLACES: tuple[Place, ...] = (", f"THINGS = {place}\nPLACES: tuple[Place, ...] = (THINGS, ")


@pytest.mark.slow
def test_the_readme_recipes_add_a_data_file_a_page_and_an_output(code_copy: Path) -> None:
    follow_the_data_file_recipe(code_copy)
    follow_the_output_recipe(code_copy)
    env = {**MKDOCS_ENV, "PYTHONPATH": str(code_copy)}  # the copy's own generator package
    for command in (["schema"], ["check"], ["build", "--out", "site"]):
        result = subprocess.run([MAPPA, *command], cwd=code_copy, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    site = code_copy / "site"
    assert "A toy thing" in (site / "things.html").read_text(encoding="utf-8")
    assert (site / "things" / "things.json").read_text(encoding="utf-8") == '["A toy thing", "Another toy thing"]'
    assert (code_copy / "schemas" / "things.schema.json").is_file()
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "/things/things.json\n  Content-Security-Policy" in headers
    assert headers.split("/things/things.json\n", 1)[1].split("\n/", 1)[0].count("Access-Control-Allow-Origin: *") == 1
    assert "m#^/things/#" in (site / ".htaccess").read_text(encoding="utf-8")
    nginx = subprocess.run([MAPPA, "server-config", "nginx", "--out", "nginx.conf"], cwd=code_copy, env=env, capture_output=True, text=True)
    assert nginx.returncode == 0, nginx.stderr
    assert "location ^~ /things/ {" in (code_copy / "nginx.conf").read_text(encoding="utf-8")


def test_every_data_file_is_registered_once_by_its_site_data_field() -> None:
    """The registration is SiteData's field: every field but the folder, the documents and
    (for a translation) its drafts names one file, and no file is named twice."""
    fields = [name for name in SiteData.__dataclass_fields__ if name not in ("directory", "documents", "translation_drafts")]
    assert sorted(file.field for file in DATA_FILES.values()) == sorted(fields)
    assert len(DATA_FILES) == len(fields)
    assert all(os.path.exists(ROOT / "data" / name) for name in DATA_FILES)
