"""The printable leaflet: "MAPPA: health practitioners, what you need to know".

One Jinja template (templates/leaflet/) renders the leaflet as HTML from the data; the
site publishes that HTML as a printable page, and WeasyPrint turns the same HTML into a
tagged A4 PDF (PDF/UA-1) of at most two pages: one sheet printed on both sides
(see :mod:`generator.write.leaflet_pdf`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import markupsafe
import segno

from generator.i18n import gettext
from generator.load.data import SiteData
from generator.load.models import Contact
from generator.render.templating import environment, render_located
from generator.rules.table_lines import table_lines
from generator.rules.terms import term_words
from generator.web_policy import meta_policy
from generator.wording import long_date, url_as_written


@dataclass(frozen=True)
class LeafletFiles:
    """The leaflet's HTML and its stylesheet, both published in the site."""

    html: str
    css: str


def qr_code_svg(url: str) -> str:
    """A QR code for ``url`` as inline SVG: vector paths, no raster image."""
    svg = segno.make(url, error="m").svg_inline(border=4, omitsize=True, svgclass=None, lineclass=None)
    label = markupsafe.escape(gettext("QR code for %(address)s") % {"address": url})
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def css_content(message: str, counters: Iterable[str] = (), **values: object) -> str:
    """A stylesheet's ``content`` value that says ``message`` (words with ``%(name)s``
    placeholders, already in the reader's language): its words as quoted CSS strings, each
    placeholder named in ``counters`` as that page counter (``counter(pages)``), the others
    filled from ``values``. 'Page %(page)s of %(pages)s' -> '"Page " counter(page) " of " counter(pages)'."""
    parts: list[str] = []
    text = ""
    for index, piece in enumerate(_PLACEHOLDER.split(message)):
        if index % 2 == 0:
            text += piece
        elif piece in counters:
            parts += [_css_string(text)] if text else []
            parts.append(f"counter({piece})")
            text = ""
        else:
            text += str(values[piece])
    parts += [_css_string(text)] if text else []
    return " ".join(parts)


def _css_string(text: str) -> str:
    """``text`` as a CSS string in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def period_lines(data: SiteData) -> list[dict[str, str]]:
    """One line per row of the table, in short words, for the leaflet's box: the periods
    as :func:`generator.rules.periods.table_lines` gives them."""
    names = {d.id: d.short_label for d in data.notification_periods.disposals}
    lines = []
    for line in table_lines(data.notification_periods):
        row = line.row
        label = names[row.disposal] + (f": {term_words(row.term)}" if row.term else "")
        lines.append({"label": label, "period": line.period.capitalize(), "young": line.under_18_words})
    return lines


def out_of_hours(data: SiteData) -> list[Contact]:
    """The contacts to call when the office is closed (marked ``out_of_hours``), in their order."""
    return [contact for contact in data.contacts.other_contacts if contact.out_of_hours]


def render_leaflet(data: SiteData, templates_dir: Path) -> LeafletFiles:
    """The leaflet's HTML and CSS, filled from the data (all data escaped)."""
    env = environment([templates_dir / "leaflet"], templates_dir.parent, "html", data)  # templates/ sits in the project's root
    site_url = data.site.site_url
    context = {
        "site": data.site,
        "office": data.contacts.office,
        "out_of_hours": out_of_hours(data),
        "agencies": data.agencies,
        "categories": data.categories,
        "levels": data.levels,
        "venues": data.venues.venues,
        "procedures": data.procedures,
        "table": data.notification_periods,
        "if_asked": [item for item in data.if_asked.items if item.on_leaflet],
        "period_lines": period_lines(data),
        "calculator_url": url_as_written(site_url.rstrip("/") + "/calculator/index.html"),
        "qr_svg": markupsafe.Markup(qr_code_svg(site_url)),
        "page_policy": meta_policy("leaflet"),
        # The foot of every printed page, in the stylesheet: its words are a message (gettext).
        "page_foot": css_content(
            gettext("MAPPA in %(area)s: health practitioners. Issued %(date)s. Page %(page)s of %(pages)s"),
            counters=("page", "pages"),
            area=data.site.area_name,
            date=long_date(data.site.leaflet_reviewed),
        ),
    }
    return render_located(
        lambda: LeafletFiles(
            html=env.get_template("leaflet.html").render(context),
            css=env.get_template("leaflet.css").render(context),
        ),
        templates_dir / "leaflet" / "leaflet.html",
    )


def pdf_identifier(data: SiteData) -> str:
    """The PDF's fixed identifier: the same data gives the same bytes."""
    return f"mappa-leaflet-{data.site.area_name}-{data.site.leaflet_reviewed.isoformat()}"


LEAFLET_FILES = ("leaflet.html", "leaflet.css")  # the leaflet page and its stylesheet; its PDF is made from them
LEAFLET_PDF = "leaflet.pdf"


def leaflet_files(data: SiteData, root: Path) -> dict[str, bytes]:
    """The leaflet's HTML and CSS by their paths in the site, as it publishes them and the PDF is made from."""
    leaflet = render_leaflet(data, root / "templates")
    return dict(zip(LEAFLET_FILES, (leaflet.html.encode("utf-8"), leaflet.css.encode("utf-8")), strict=True))
