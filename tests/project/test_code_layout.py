"""The generator stays easy to carry on: stages that import only earlier stages, small
modules, a docstring on everything public, and no private API of another package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))
# Each stage may import the shared modules and the stages before it, never one after it.
STAGES = ["load", "rules", "render", "write", "cli"]


def stage(module: str) -> str | None:
    """The stage of a module named like 'generator.render.pages', or None for a shared one."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else None


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [name for name in names if name.startswith("generator.")]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_stage_imports_only_earlier_stages(path: Path) -> None:
    own = stage(".".join(("generator", *path.relative_to(PACKAGE).with_suffix("").parts)))
    if own is None:
        return
    later = STAGES[STAGES.index(own) + 1 :]
    backwards = [name for name in imported_modules(ast.parse(path.read_text(encoding="utf-8"))) if stage(name) in later]
    assert backwards == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_is_over_60_lines(path: Path) -> None:
    functions = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.FunctionDef)]
    assert [(node.name, node.end_lineno - node.lineno + 1) for node in functions if node.end_lineno - node.lineno + 1 > 60] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small_and_everything_public_is_described(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 300
    tree = ast.parse(text)
    assert ast.get_docstring(tree), "module docstring"
    undescribed = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if not ast.get_docstring(node):
                undescribed.append(node.name)
            if isinstance(node, ast.ClassDef):
                undescribed += [
                    f"{node.name}.{sub.name}"
                    for sub in node.body
                    if isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_") and not ast.get_docstring(sub)
                ]
    assert undescribed == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_attribute_of_another_object(path: Path) -> None:
    """``thing._name`` reaches into another package's (or module's) private API."""
    private = [
        f"{ast.unparse(node.value)}.{node.attr} (line {node.lineno})"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.endswith("__")
        and ast.unparse(node.value) not in ("self", "cls")
    ]
    assert private == []
