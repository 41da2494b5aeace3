"""A mistake in a template (a page in content/, templates/markdown/, the theme's overrides)
is one located line from `mappa build` and `mappa check`, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, Ran, replace_in
from tests.conftest import mappa as run_mappa

PAGE = "content/privacy.md"  # its line 4 is '# Privacy'; a line added after it is line 6
OVERRIDE = "templates/overrides/main.html"  # its line 8 is '  {{ super() }}'


def mappa(root: Path, *args: str) -> Ran:
    """Run mappa in the project copy ``root`` on the real data."""
    return run_mappa(*args, cwd=root)


def add_to_page(root: Path, text: str) -> None:
    replace_in(root / PAGE, "# Privacy\n", f"# Privacy\n\n{text}\n")


def assert_one_line(root: Path, expected: str, commands: tuple[str, ...] = ("build", "check")) -> None:
    """Each command fails with exactly ``expected``, then the count, and no traceback."""
    for command in commands:
        args = ("build", "--data", str(DATA), "--out", str(root.parent / "out")) if command == "build" else ("check", "--data", str(DATA))
        result = mappa(root, *args)
        assert result.returncode == 1, (command, result.stderr)
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert lines[:2] == [expected, "1 problem found."], (command, result.stderr)
        assert not (root.parent / "out").exists()


def test_a_page_that_includes_itself(project_copy: Path) -> None:
    add_to_page(project_copy, '{% include "privacy.md" %}')
    assert_one_line(project_copy, f"{PAGE}:6:1: template error: '{PAGE}' includes itself (include loop: {PAGE} -> {PAGE})")


def test_two_templates_that_include_each_other(project_copy: Path) -> None:
    (project_copy / "templates" / "markdown" / "part_a.md").write_text('A\n{% include "markdown/part_b.md" %}\n', encoding="utf-8")
    (project_copy / "templates" / "markdown" / "part_b.md").write_text('B\n\n{% include "markdown/part_a.md" %}\n', encoding="utf-8")
    add_to_page(project_copy, '{% include "markdown/part_a.md" %}')
    a, b = "templates/markdown/part_a.md", "templates/markdown/part_b.md"
    assert_one_line(project_copy, f"{PAGE}:6:1: template error: '{a}' includes itself through {b} (include loop: {a} -> {b} -> {a})")


def test_a_macro_that_calls_itself(project_copy: Path) -> None:
    add_to_page(project_copy, "{% macro again() %}\n{{ again() }}\n{% endmacro %}\n{{ again() }}")
    assert_one_line(project_copy, f"{PAGE}:9:1: template error: a macro calls itself without end ({PAGE} line 7 -> {PAGE} line 7)")


def test_division_by_zero(project_copy: Path) -> None:
    add_to_page(project_copy, "{{ 1 // 0 }}")
    assert_one_line(project_copy, f"{PAGE}:6:1: template error: division by zero")


def test_an_include_of_a_missing_template(project_copy: Path) -> None:
    add_to_page(project_copy, '{% include "nothere.md" %}')
    assert_one_line(project_copy, f"{PAGE}:6:1: template error: template not found: 'nothere.md'")


def test_a_missing_source_id_in_a_citation(project_copy: Path) -> None:
    replace_in(
        project_copy / PAGE,
        "# Privacy\n",
        '{% import "markdown/macros.md" as m with context %}\n# Privacy\n\n{{ m.cite("no-such-source") }}\n',
    )
    result = mappa(project_copy, "build", "--data", str(DATA), "--out", str(project_copy.parent / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{PAGE}:7:1: template error: no source with the id 'no-such-source' in ")
    assert first.endswith(" (in templates/markdown/macros.md line 4)")
    assert "StopIteration" not in first


def test_a_fault_in_the_generators_own_code_says_where_it_was_raised(project_copy: Path) -> None:
    """A filter given the wrong kind of value: located at the page, and the message names
    the generator's file, so it is not taken for a template's own mistake."""
    add_to_page(project_copy, '{{ "soon"|long_date }}')
    result = mappa(project_copy, "check", "--data", str(DATA))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{PAGE}:6:1: template error: 'str' object has no attribute 'day' (AttributeError raised in ")
    assert first.endswith("generator/wording.py line 13)")


@pytest.mark.slow  # a whole build by the site engine each
@pytest.mark.parametrize(
    ("added", "message"),
    [
        ("{{ 1 // 0 }}", "division by zero"),
        ('{% include "nothere.html" %}', "template not found: 'nothere.html'"),
        ("{{ no_such_name.title }}", "'no_such_name' is undefined"),
        ("{% if %}", "Expected an expression, got 'end of statement block'"),
        (
            '{% include "main.html" %}',
            f"'{OVERRIDE}' includes itself through material/templates/base.html (include loop: "
            f"{OVERRIDE} -> material/templates/base.html -> {OVERRIDE})",
        ),
    ],
)
def test_a_mistake_in_the_themes_overrides(project_copy: Path, added: str, message: str) -> None:
    replace_in(project_copy / OVERRIDE, "  {{ super() }}\n", f"  {{{{ super() }}}}\n{added}\n")
    assert_one_line(project_copy, f"{OVERRIDE}:9:1: template error: {message}")


def test_an_exception_from_no_template_is_not_taken_for_a_template_mistake(tmp_path: Path) -> None:
    """render_located locates what templates raise; the generator's own faults keep their traceback."""
    from generator.errors import DataError
    from generator.render.templating import environment, render_located

    def fault() -> str:
        raise ZeroDivisionError("division by zero")

    with pytest.raises(ZeroDivisionError):
        render_located(fault, tmp_path / "page.md")
    (tmp_path / "page.md").write_text("one\n{{ 1 // 0 }}\n", encoding="utf-8")
    env = environment([tmp_path], tmp_path, "markdown")
    with pytest.raises(DataError) as caught:
        render_located(lambda: env.get_template("page.md").render(), tmp_path / "elsewhere.md")
    (problem,) = caught.value.problems
    assert (Path(problem.path).name, problem.line, problem.message) == ("page.md", 2, "template error: division by zero")
