"""The leaflet's PDF writer (generator/write/leaflet_pdf.py): the message when the leaflet is too
long, the import of WeasyPrint, local-only fetching, and WeasyPrint's public API only."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.write import leaflet_overflow
from generator.write.leaflet_pdf import LeafletTooLong, write_leaflet_pdf
from tests.conftest import DATA, ROOT, mappa

# A leaflet laid out like the real one (a title, two columns, a footer) whose sections are
# made of 10 mm blocks, so their heights and what lands where are known in advance:
# page 1 holds 25 blocks a column below the 20 mm title, page 2 holds 27 a column.
CSS = """
@page { size: A4; margin: 10mm }
body { margin: 0 }
.columns { columns: 2; column-gap: 10mm }
section, header, footer, p { margin: 0 }
p { height: 10mm }
"""


def leaflet(folder: Path, **blocks: int) -> Path:
    """Write a leaflet with a 20 mm title, sections of ``blocks`` 10 mm blocks in columns,
    and a 20 mm footer; return its HTML file."""

    def section(name: str, count: int, tag: str = "section") -> str:
        return f'<{tag} data-section="{name}">' + "<p>Text</p>" * count + f"</{tag}>"

    sections = "".join(section(name, count) for name, count in blocks.items())
    body = section("Title", 2, "header") + f'<div class="columns">{sections}</div>' + section("Footer", 2, "footer")
    (folder / "leaflet.css").write_text(CSS, encoding="utf-8")
    html = folder / "leaflet.html"
    html.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leaflet</title>'
        f'<link rel="stylesheet" href="leaflet.css"></head><body><main>{body}</main></body></html>',
        encoding="utf-8",
    )
    return html


def too_long(html: Path) -> str:
    with pytest.raises(LeafletTooLong) as caught:
        write_leaflet_pdf(html, html.with_suffix(".pdf"), "test")
    assert not html.with_suffix(".pdf").exists()
    return str(caught.value)


def overflow_mm(message: str) -> int:
    return int(re.search(r"runs past the end of page 2 by about (\d+) mm", message)[1])


def test_the_message_names_the_longest_section_and_those_past_page_2(tmp_path: Path) -> None:
    # 104 blocks fit on two pages: Delta's last 6 blocks and the footer spill onto page 3,
    # where the 6 blocks are balanced 3 a column (30 mm) above the footer (20 mm).
    message = too_long(leaflet(tmp_path, Alpha=10, Beta=60, Gamma=30, Delta=10))
    assert message.startswith("the leaflet needs 3 pages but must fit on 2 (one sheet, both sides): "), message
    assert re.search(r"The longest section is 'Beta' \((59[5-9]|60[0-5]) mm\)", message), message
    assert "sections past page 2 (pushed there by what comes before them): Delta, Footer." in message, message
    assert 45 <= overflow_mm(message) <= 55, message
    assert "\n" not in message


@pytest.mark.slow
def test_the_overflow_grows_with_the_text(tmp_path: Path) -> None:
    figures = []
    for extra in (10, 20, 40):
        folder = tmp_path / str(extra)
        folder.mkdir()
        figures.append(overflow_mm(too_long(leaflet(folder, Alpha=10, Beta=60, Gamma=30, Delta=extra))))
    assert figures == sorted(set(figures)), figures


def test_a_section_run_over_from_page_2_counts_as_past_it(tmp_path: Path) -> None:
    """Beta starts on page 1 and ends on page 3: the only bookmark it has there is its end."""
    message = too_long(leaflet(tmp_path, Alpha=10, Beta=100))
    assert "sections past page 2 (pushed there by what comes before them): Beta, Footer." in message, message
    assert re.search(r"The longest section is 'Beta' \((99[5-9]|100[0-5]) mm\)", message), message


@pytest.mark.slow
def test_the_real_leaflet_with_long_minutes(tmp_path: Path) -> None:
    from generator.load.data import load_data
    from generator.render.leaflet import render_leaflet

    files = render_leaflet(load_data(DATA), ROOT / "templates")
    long_step = "<li>" + "Check every line of the minutes again with the chair before filing. " * 12 + "</li>"
    html = re.sub(r'(<h2 id="minutes">.*?<ul>)', lambda m: m[1] + long_step * 4, files.html, count=1, flags=re.S)
    assert html != files.html
    (tmp_path / "leaflet.css").write_text(files.css, encoding="utf-8")
    (tmp_path / "leaflet.html").write_text(html, encoding="utf-8")
    message = too_long(tmp_path / "leaflet.html")
    assert re.search(r"runs past the end of page 2 by about \d+ mm", message), message
    assert re.search(r"The longest section is 'Minutes' \(\d+ mm\)", message), message
    assert re.search(r"sections past page 2 \(pushed there by what comes before them\): (.+, )?Review\.$", message), message


def test_the_measuring_marks_move_nothing(tmp_path: Path) -> None:
    """The end-of-section blocks added to measure leave every section where it was."""
    from weasyprint import CSS as Stylesheet
    from weasyprint import HTML

    html = HTML(filename=str(leaflet(tmp_path, Alpha=10, Beta=60, Gamma=30, Delta=10)))
    starts_only = leaflet_overflow.MARKERS.split("[data-section]::after")[0]

    def starts(css: str) -> list:
        document = html.render(stylesheets=[Stylesheet(string=css)])
        return [(n, mark[1], mark[2]) for n, page in enumerate(document.pages) for mark in page.bookmarks if mark[1][0] == "<"]

    assert starts(starts_only) == starts(leaflet_overflow.MARKERS)
    assert len(starts(starts_only)) == 6


def test_a_leaflet_that_fits_gives_the_same_bytes_each_time(tmp_path: Path) -> None:
    html = leaflet(tmp_path, Alpha=10, Beta=20)
    write_leaflet_pdf(html, tmp_path / "a.pdf", "same identifier")
    write_leaflet_pdf(html, tmp_path / "b.pdf", "same identifier")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_the_leaflet_may_not_load_a_stylesheet_from_the_network(tmp_path: Path) -> None:
    """One line, even through the PDF process (WeasyPrint's own error is a BaseException)."""
    from generator.write.pdf_worker import PdfWorker

    html = leaflet(tmp_path, Alpha=1)
    html.write_text(html.read_text().replace("</head>", '<link rel="stylesheet" href="https://example.invalid/a.css"></head>'))
    expected = "may not load anything from the network: https://example.invalid/a.css"
    with pytest.raises(BuildError, match=expected):
        write_leaflet_pdf(html, tmp_path / "l.pdf", "test")
    with PdfWorker() as worker, pytest.raises(BuildError, match=expected):
        worker.start_pdf(html, tmp_path / "l.pdf", "test")
        worker.wait()
    assert not (tmp_path / "l.pdf").exists()


def _is_private(name: object) -> bool:
    """A name starting with an underscore, but not Python's own ``__dunder__`` names."""
    text = str(name)
    return text.startswith("_") and not (text.startswith("__") and text.endswith("__"))


@pytest.mark.parametrize("module", ["leaflet_pdf.py", "leaflet_overflow.py", "pdf_engine.py", "guide_pdf.py"])
def test_only_weasyprints_public_api_is_used(module: str) -> None:
    """No attribute, import or getattr name starting with an underscore (WeasyPrint's private parts)."""
    source = (ROOT / "generator" / "write" / module).read_text(encoding="utf-8")
    nodes = list(ast.walk(ast.parse(source)))
    private = [node.attr for node in nodes if isinstance(node, ast.Attribute) and _is_private(node.attr)]
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            private += [alias.name for alias in node.names if _is_private(alias.name)]
            private += [part for part in (node.module or "").split(".") if _is_private(part)]
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"getattr", "setattr", "hasattr"}:
            private += [arg.value for arg in node.args if isinstance(arg, ast.Constant) and _is_private(arg.value)]
    assert private == []
    assert "find_library" not in source and "redirect_stdout" not in source


def test_a_missing_system_library_is_one_build_error_line() -> None:
    """Pango that does not load (as cffi reports it) becomes one line naming the Debian packages."""
    code = (
        "import cffi\n"
        "real_dlopen = cffi.FFI.dlopen\n"
        "def dlopen(self, name, flags=0):\n"
        "    if 'pango' in str(name):\n"
        "        raise OSError(f\"cannot load library '{name}': {name}: cannot open shared object file\")\n"
        "    return real_dlopen(self, name, flags)\n"
        "cffi.FFI.dlopen = dlopen\n"
        "from generator.errors import BuildError\n"
        "from generator.write.pdf_engine import import_pdf_engine\n"
        "try:\n"
        "    import_pdf_engine()\n"
        "except BuildError as error:\n"
        "    print('BuildError:', error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("BuildError: the leaflet's PDF needs the Pango libraries: "), result.stdout
    assert "install the Debian packages libpango-1.0-0 libpangoft2-1.0-0" in line
    assert "OSError: cannot load library 'libpango-1.0-0'" in line


def test_weasyprint_is_imported_plainly() -> None:
    """No process-wide patch: the library search and standard output are left alone."""
    code = (
        "import ctypes.util, sys\n"
        "find_library, stdout = ctypes.util.find_library, sys.stdout\n"
        "from generator.write.leaflet_pdf import import_pdf_engine\n"
        "import_pdf_engine()\n"
        "print(ctypes.util.find_library is find_library, sys.stdout is stdout, 'weasyprint' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "True True True", result.stderr


@pytest.mark.parametrize(
    "command", [["leaflet", "--out", "{tmp}/leaflet.pdf"], ["render", "--out", "{tmp}/export"]], ids=["leaflet", "render"]
)
def test_mappa_leaflet_and_render_take_the_pdf_a_build_made(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """The copy's cache holds the PDF the project's `make build` made: the same leaflet is
    not laid out again, and the PDF is the same bytes."""
    from generator.write import pipeline
    from generator.write.pdf_cache import pdf_store

    def not_again(*args: object) -> None:
        raise AssertionError("the leaflet was laid out again")

    monkeypatch.setattr(pipeline, "write_leaflet_pdf", not_again)
    ran = mappa(*(part.format(tmp=tmp_path) for part in command), "--data", str(DATA), cwd=project_copy)
    assert ran.returncode == 0, ran.stderr
    made = tmp_path / "leaflet.pdf" if command[0] == "leaflet" else tmp_path / "export" / "docs" / "leaflet.pdf"
    kept = [path.read_bytes() for path in pdf_store(project_copy).folder.glob("*.pdf")]
    assert made.read_bytes() in kept
