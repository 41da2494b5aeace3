"""The second process that makes the leaflet's PDF during the build, its quick start,
and the compiled-template cache that saves recompiling the theme on every build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from generator import background
from generator.build import build_site
from generator.errors import BuildError
from generator.template_cache import CACHE_DIR, bytecode_cache
from tests.conftest import DATA, ROOT, replace_in


def _crash(*args: object) -> None:
    os._exit(1)


def test_a_crashed_pdf_process_fails_the_build_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "write_leaflet_pdf", _crash)  # the forked worker inherits this
    with pytest.raises(BuildError, match="process making the leaflet's PDF stopped unexpectedly"):
        build_site(DATA, tmp_path / "site", ROOT)
    assert list(tmp_path.iterdir()) == []


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_weasyprint_is_imported_without_the_library_search() -> None:
    output = _python(
        "import ctypes.util\n"
        "calls = []\n"
        "def counting(name, real=ctypes.util.find_library):\n"
        "    calls.append(name)\n"
        "    return real(name)\n"
        "ctypes.util.find_library = counting\n"
        "from generator.leaflet_pdf import import_pdf_engine\n"
        "import_pdf_engine()\n"
        "from weasyprint.text import ffi\n"
        "print(len(calls), ctypes.util.find_library is counting, ffi.pango is not None)\n"
    )
    assert output == "0 True True"


def test_weasyprint_falls_back_to_the_library_search_quietly() -> None:
    """Where a library loads only through the search, the import is tried again with it."""
    output = _python(
        "import cffi\n"
        "real_dlopen = cffi.FFI.dlopen\n"
        "def dlopen(self, name, flags=0):\n"
        "    if name == 'libpango-1.0.so.0':\n"
        "        raise OSError('this system names Pango differently')\n"
        "    return real_dlopen(self, name, flags)\n"
        "cffi.FFI.dlopen = dlopen\n"
        "from generator.leaflet_pdf import import_pdf_engine\n"
        "import_pdf_engine()\n"
        "from weasyprint.text import ffi\n"
        "print('pango loaded' if ffi.pango is not None else 'no pango')\n"
    )
    assert output == "pango loaded"  # and nothing else: WeasyPrint's install advice is not shown


def test_compiled_templates_are_kept_but_never_stale(tmp_path: Path, project_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(DATA, out, project_copy)
    assert len(list((project_copy / CACHE_DIR).iterdir())) > 20  # the theme's templates and ours
    replace_in(project_copy / "content" / "privacy.md", "# Privacy", "# Privacy, edited")
    replace_in(project_copy / "templates" / "overrides" / "main.html", "  {{ super() }}\n", "  {{ super() }}<meta name=edited>\n")
    build_site(DATA, out, project_copy)
    privacy = (out / "privacy.html").read_text(encoding="utf-8")
    assert "Privacy, edited" in privacy and "<meta name=edited>" in privacy


def test_a_build_goes_on_when_the_cache_cannot_be_kept(tmp_path: Path, project_copy: Path) -> None:
    (project_copy / ".cache").write_text("a file where the cache folder would go", encoding="utf-8")
    assert bytecode_cache(project_copy) is None
    build_site(DATA, tmp_path / "site", project_copy)
    assert (tmp_path / "site" / "privacy.html").is_file()


def test_a_cache_folder_that_disappears_is_not_an_error(tmp_path: Path) -> None:
    cache = bytecode_cache(tmp_path)
    (tmp_path / CACHE_DIR).rmdir()
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "Hello {{ name }}"}), bytecode_cache=cache)
    assert env.get_template("page").render(name="reader") == "Hello reader"
