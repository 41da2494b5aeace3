"""The open data files under api/: the data as JSON and CSV, each naming its JSON Schema."""

from __future__ import annotations

from generator.load.data import SiteData


def open_data_files(data: SiteData) -> dict[str, bytes]:
    """Every open data file, by its path in the site (such as 'api/venues.json')."""
    return {}
