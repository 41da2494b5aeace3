"""Rendering: pages, calculator pages, the leaflet and new-area files as text, from the data
and the templates. Nothing here writes a file (the template cache aside, which only
keeps compiled templates)."""
