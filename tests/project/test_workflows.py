"""The GitHub workflows in .github/workflows: linted offline, shaped as EDITING.md and
README.md say, and the check's own command proven on the project's data.

Two linters from the `test` extra, run from the virtual environment's bin folder:
actionlint (types of expressions, step ids, known actions' inputs; it also runs shellcheck
on every `run:` script when Debian's `shellcheck` is on the PATH, and says nothing of
scripts otherwise) and check-jsonschema with its vendored schema of GitHub workflows. Each
is also shown a broken copy, so a linter that stopped working would fail here.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, ROOT, replace_in

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
PUBLISH = WORKFLOWS / "publish.yml"
CHECK_COMMAND = ".venv/bin/mappa check --strict --format github"
# owner/name[/path]@<40 hex digits> # vX.Y.Z: a commit that cannot move, and the release it is.
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+(?:/[\w./-]+)?)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    """A workflow as data. (YAML 1.1 reads the key `on` as True.)"""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps_of(workflow: dict) -> list[dict]:
    """Every step of every job, in order."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(job: dict) -> list[str]:
    """The commands a job runs, one a line, in order."""
    return [line.strip() for step in job["steps"] if "run" in step for line in step["run"].splitlines() if line.strip()]


def uses(job: dict, action: str) -> list[dict]:
    """The job's steps that use ``action`` (owner/name)."""
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint on ``files``: with shellcheck where it is installed, without it otherwise."""
    shellcheck = shutil.which("shellcheck") or ""
    command = [str(BIN / "actionlint"), "-oneline", "-no-color", f"-shellcheck={shellcheck}", "-pyflakes=", *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def schema_check(*files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with its own copy of GitHub's workflow schema (no download)."""
    command = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """check.yml with ``old`` replaced by ``new``, in a scratch .github/workflows."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    shutil.copy(CHECK, folder / "check.yml")
    replace_in(folder / "check.yml", old, new)
    return folder / "check.yml"


def test_actionlint_finds_nothing() -> None:
    result = actionlint(CHECK, PUBLISH)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_finds_a_step_that_does_not_exist(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path, "steps.build.outcome", "steps.biuld.outcome")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "biuld" in result.stdout and "check.yml" in result.stdout


def test_the_workflow_schema_finds_nothing() -> None:
    result = schema_check(CHECK, PUBLISH)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_finds_a_permission_that_does_not_exist(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path, "contents: read", "contents: reed")
    result = schema_check(broken)
    assert result.returncode == 1
    assert "check.yml" in result.stdout and "permissions" in result.stdout


@pytest.mark.parametrize("path", [CHECK, PUBLISH], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_named(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []
    assert len(lines) == len(steps_uses := [s["uses"] for s in steps_of(load(path)) if "uses" in s])
    assert all(not re.search(r"@(main|master|v\d+)$", used) for used in steps_uses)


def test_an_action_is_pinned_to_the_same_commit_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in (CHECK, PUBLISH):
        for step in steps_of(load(path)):
            if "uses" in step:
                action, commit = step["uses"].split("@")
                pins.setdefault(action, set()).add(commit)
    assert {action: commits for action, commits in pins.items() if len(commits) > 1} == {}


def test_every_job_has_a_time_limit_and_reads_the_repository_only() -> None:
    for path in (CHECK, PUBLISH):
        workflow = load(path)
        assert workflow["permissions"] == {"contents": "read"}
        assert all(isinstance(job.get("timeout-minutes"), int) for job in workflow["jobs"].values())


def test_the_check_runs_on_every_push_and_pull_request_as_the_readme_sets_up() -> None:
    workflow = load(CHECK)
    assert set(workflow["on"]) == {"push", "pull_request"} and not any(workflow["on"].values())
    [job] = workflow["jobs"].values()
    assert job["container"]["image"] == "python:3.11-bookworm"
    commands = runs(job)
    # The Makefile's own install, the annotated check, then the README's two commands.
    order = ["make .venv/.installed", CHECK_COMMAND, "make build", "make test"]
    assert [command for command in commands if command in order] == order
    # The Makefile has that rule (a dry run: nothing is installed).
    dry_run = subprocess.run(["make", "-n", ".venv/.installed"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry_run.returncode == 0, dry_run.stderr


def test_the_check_keeps_the_built_site_even_when_a_test_fails() -> None:
    [job] = load(CHECK)["jobs"].values()
    [build] = [step for step in job["steps"] if step.get("run") == "make build"]
    [preview, *_] = uses(job, "actions/upload-artifact")
    assert preview["with"]["path"] == "site/" and preview["with"]["name"] == "site-preview"
    assert "!cancelled()" in preview["if"] and f"steps.{build['id']}.outcome == 'success'" in preview["if"]
    assert job["steps"].index(preview) > job["steps"].index(build)


def test_publish_builds_and_deploys_to_pages_with_least_privilege() -> None:
    workflow = load(PUBLISH)
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build and build["container"]["image"] == "python:3.11-bookworm"
    assert "make build" in runs(build)
    [upload] = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    [step] = uses(deploy, "actions/deploy-pages")
    assert deploy["environment"] == {"name": "github-pages", "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}"}


def check_command(today: str) -> list[str]:
    """The check.yml command, with the virtual environment's mappa and a fixed day."""
    [command] = [line for line in runs(next(iter(load(CHECK)["jobs"].values()))) if "mappa check" in line]
    program, *arguments = shlex.split(command)
    assert program == ".venv/bin/mappa"
    return [str(BIN / "mappa"), *arguments, "--today", today]


def test_the_check_command_passes_on_the_project_data() -> None:
    result = subprocess.run(check_command("2026-12-01"), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^::(error|warning)", result.stdout, re.M)


def test_the_check_command_annotates_a_mistake_on_its_line(project_copy: Path) -> None:
    shutil.copytree(DATA, project_copy / "data")
    replace_in(project_copy / "data" / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: 1 Any Street\n")
    result = subprocess.run(check_command("2026-12-01"), cwd=project_copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert re.search(
        r"^::error file=data/venues\.yaml,line=6,col=5,title=[^:]+::unknown field 'adress' \(did you mean 'address'\?\)$",
        result.stdout,
        re.M,
    ), result.stdout
