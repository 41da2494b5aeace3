"""mappa-guide: builds a MAPPA area's guidance site, leaflet and calculator from YAML data."""

__version__ = "0.1.0"
