"""Issue 20, security 1: a content page or template cannot run code or hang `mappa check`
(which CI runs on every pull request). Each attack is one located line, quickly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_check

PWNED = "/tmp/mappa-sandbox-test-pwned"


def add_to_page(project: Path, text: str) -> int:
    """Append ``text`` to the privacy page; the line it is on."""
    page = project / "content" / "privacy.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(before.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


@pytest.mark.parametrize(
    ("attack", "message"),
    [
        (f"{{{{ cycler.__init__.__globals__.os.popen('touch {PWNED}').read() }}}}", "template error: access to attribute '__init__'"),
        (f"{{{{ joiner.__init__.__globals__['os'].system('touch {PWNED}') }}}}", "template error: access to attribute '__init__'"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "template error: access to attribute '__class__'"),
        ("{% for i in range(10**8) %}{% endfor %}", "template error: Range too big"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "template error: the template's loops ran more than 1,000,000 times",
        ),
        ("{{ 'x' * 10**9 }}", "template error: repeating 1 character(s) or item(s) 1000000000 times is more than a template may make"),
        ("{{ [0] * 10**9 }}", "template error: repeating 1 character(s) or item(s) 1000000000 times"),
        ("{{ 10 ** 1000000000 }}", "template error: 10 to the power of 1000000000 is more than a template may work out"),
        (
            "{{ 9 ** 99 ** 99 }}",
            "template error: "
            "29512665430652752148753480226197736314359272517043832886063884637676943433478020332709411004889 to the power of 99",
        ),
        ("{% for i in range(50000) %}{{ 'x' * 1000 }}{% endfor %}", "template error: the template writes more than 20,000,000 characters"),
    ],
)
def test_an_attack_in_a_page_is_one_located_line(project: Path, attack: str, message: str) -> None:
    Path(PWNED).unlink(missing_ok=True)
    line = add_to_page(project, attack)
    result = run_check(project)
    assert result.returncode == 1
    problems = result.stderr.splitlines()[:-1]
    assert len(problems) == 1, result.stderr
    # what the whole page writes is measured once it is written: reported at the page's top
    where = 1 if "writes more than" in message else line
    assert problems[0].startswith(f"content/privacy.md:{where}:1: {message}"), problems[0]
    assert "Traceback" not in result.stderr
    assert not Path(PWNED).exists()


def test_a_template_of_the_project_is_sandboxed_too(project: Path) -> None:
    macros = project / "templates" / "markdown" / "macros.md"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n{{ cycler.__init__.__globals__ }}\n", encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert "template error: access to attribute '__init__'" in result.stderr
    assert "Traceback" not in result.stderr


def test_ordinary_templates_still_work(project: Path) -> None:
    add_to_page(project, "{% for i in range(3) %}[{{ i }}]{% endfor %} {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ range(5)|list|length }}")
    result = run_check(project)
    assert result.returncode == 0, result.stderr
