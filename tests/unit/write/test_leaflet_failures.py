"""A leaflet that did not fit is kept in the cache, under a name that changes with the
leaflet, with the project's own leaflet it was compared with, and with nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import Store
from generator.errors import BuildError
from generator.write.leaflet_failures import failure_kept, failure_name, kept_failure
from generator.write.leaflet_pdf import LeafletTooLong, LeafletTooWide


def reference(folder: Path, html: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "leaflet.css").write_text("body { margin: 0 }", encoding="utf-8")
    (folder / "leaflet.html").write_text(html, encoding="utf-8")
    return folder / "leaflet.html"


def test_the_name_follows_the_leaflet_and_the_reference(tmp_path: Path) -> None:
    ours = reference(tmp_path / "a", "<p>Our own leaflet</p>")
    same = reference(tmp_path / "b", "<p>Our own leaflet</p>")
    other = reference(tmp_path / "c", "<p>Our own leaflet, edited</p>")
    assert failure_name("pdf-key", ours) == failure_name("pdf-key", same)  # the files count, not where they are
    names = {failure_name("pdf-key", ours), failure_name("pdf-key", other), failure_name("pdf-key", None), failure_name("other-key", ours)}
    assert len(names) == 4
    assert all(name.endswith(".failed") for name in names)


@pytest.mark.parametrize("kind", [LeafletTooLong, LeafletTooWide])
def test_a_failure_to_fit_is_kept_and_comes_back_as_it_was(tmp_path: Path, kind: type[BuildError]) -> None:
    store = Store(tmp_path, "pdf")
    assert kept_failure(store, "x.failed") is None
    with pytest.raises(kind), failure_kept(store, "x.failed"):
        raise kind("the leaflet needs 3 pages: 'Minutes' (40 mm)")
    again = kept_failure(store, "x.failed")
    assert type(again) is kind and str(again) == "the leaflet needs 3 pages: 'Minutes' (40 mm)"


def test_other_failures_are_not_kept_and_a_damaged_entry_is_passed_over(tmp_path: Path) -> None:
    store = Store(tmp_path, "pdf")
    with pytest.raises(BuildError), failure_kept(store, "x.failed"):
        raise BuildError("the leaflet's PDF could not be made: no network")
    assert kept_failure(store, "x.failed") is None
    store.keep("y.failed", b"SomethingElse\nmade up")
    assert kept_failure(store, "y.failed") is None
