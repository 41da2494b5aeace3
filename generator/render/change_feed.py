"""The editors' change notes as an Atom feed, changes.xml."""

from __future__ import annotations

from generator.load.data import SiteData


def change_feed_files(data: SiteData) -> dict[str, bytes]:
    """The feed file by its path in the site: {'changes.xml': ...}."""
    return {}
