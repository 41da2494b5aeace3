"""The one cache (generator/cache.py): keys cover everything a kept thing is made from, a
kept thing is whole or absent, and a build in a copy of the project may be given an
existing cache. And the PDFs a build keeps are the PDFs any later build would make."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.cache import CACHE_VARIABLE, Store, cache_dir, cache_key
from tests.conftest import MAPPA, MKDOCS_ENV


def test_a_key_changes_with_every_input_code_file_and_package(tmp_path: Path) -> None:
    code = tmp_path / "maker.py"
    code.write_text("MADE = 1\n", encoding="utf-8")
    key = cache_key(b"page", "identifier", code=[code], packages=["jinja2"])
    assert key == cache_key(b"page", "identifier", code=[code], packages=["jinja2"])
    others = {
        cache_key(b"page!", "identifier", code=[code], packages=["jinja2"]),
        cache_key(b"page", "identifier 2", code=[code], packages=["jinja2"]),
        cache_key(b"pa", b"geidentifier", code=[code], packages=["jinja2"]),  # the same bytes cut elsewhere
        cache_key(b"page", "identifier", code=[code], packages=["jinja2", "mkdocs"]),
    }
    code.write_text("MADE = 2\n", encoding="utf-8")
    others.add(cache_key(b"page", "identifier", code=[code], packages=["jinja2"]))
    assert key not in others and len(others) == 5


def test_a_kept_thing_is_whole_and_the_cache_may_live_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "project", "pdf")
    assert store.get("a.pdf") is None
    store.keep("a.pdf", b"%PDF whole")
    assert store.get("a.pdf") == b"%PDF whole"
    assert [p.name for p in (tmp_path / "project" / ".cache" / "pdf").iterdir()] == ["a.pdf"]  # no temporary file left
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "shared"))
    assert cache_dir(tmp_path / "project") == tmp_path / "shared"
    assert Store(tmp_path / "project", "pdf").get("a.pdf") is None
    Store(tmp_path / "other project", "pdf").keep("b.pdf", b"%PDF shared")
    assert Store(tmp_path / "project", "pdf").get("b.pdf") == b"%PDF shared"


@pytest.mark.slow
@pytest.mark.cold_cache
def test_a_build_in_a_copy_makes_the_same_pdfs_as_the_build_at_the_root(built_site: Path, project: Path) -> None:
    """The session's site was built at the project's root, taking any PDF kept there by an
    earlier `make build`; a copy of the project, with a cache of its own, makes each PDF
    afresh through `mappa build`. The bytes must be the same."""
    env = {key: value for key, value in MKDOCS_ENV.items() if key != CACHE_VARIABLE}
    assert not (project / ".cache").exists()  # cold: every PDF is made
    result = subprocess.run([MAPPA, "build", "--out", "site"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert len(list((project / ".cache" / "pdf").glob("*.pdf"))) == 2
    for name in ("guide.pdf", "leaflet.pdf"):
        assert (project / "site" / name).read_bytes() == (built_site / name).read_bytes(), name
