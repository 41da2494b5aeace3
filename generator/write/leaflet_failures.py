"""A leaflet that did not fit, kept in the cache beside the PDFs (:mod:`generator.cache`).

The same leaflet (and, for another area, the same project's own leaflet that it is compared
with) fails again with the same message, without being laid out again: finding why a
leaflet is too long takes four layouts, and `mappa serve` makes the leaflet again after
every edit while it does not fit. The key is the PDF's own (:func:`generator.write.
pipeline.pdf_digest`), the reference leaflet's files and the code that writes the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.cache import Store, cache_key
from generator.write import leaflet_overflow
from generator.write.leaflet_pdf import LeafletTooLong, LeafletTooWide

KEPT_FAILURES: dict[str, type[LeafletTooLong | LeafletTooWide]] = {kind.__name__: kind for kind in (LeafletTooLong, LeafletTooWide)}


def failure_name(pdf_key: str, reference: Path | None) -> str:
    """The name a failure of the leaflet whose PDF key is ``pdf_key`` is kept under, when
    compared with the leaflet in ``reference`` (its HTML file; its folder's files count)."""
    files = sorted(reference.parent.iterdir()) if reference is not None else []
    parts = [part for file in files for part in (file.name, file.read_bytes())]
    return cache_key(pdf_key, str(reference is not None), *parts, code=[leaflet_overflow.__file__]) + ".failed"


def kept_failure(store: Store, name: str) -> LeafletTooLong | LeafletTooWide | None:
    """The failure kept as ``name``, to raise where the leaflet would have failed, if one was."""
    kept = store.get(name)
    if kept is None:
        return None
    kind, _, message = kept.decode("utf-8", "replace").partition("\n")
    return KEPT_FAILURES[kind](message) if kind in KEPT_FAILURES else None


@contextmanager
def failure_kept(store: Store, name: str) -> Iterator[None]:
    """Keep, as ``name``, the leaflet's failure to fit that the block raises (and raise it)."""
    try:
        yield
    except (LeafletTooLong, LeafletTooWide) as error:
        store.keep(name, f"{type(error).__name__}\n{error}".encode())
        raise
