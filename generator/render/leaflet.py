"""The printable leaflet: "MAPPA: health practitioners, what you need to know".

One Jinja template (templates/leaflet/) renders the leaflet as HTML from the data; the
site publishes that HTML as a printable page, and WeasyPrint turns the same HTML into a
tagged A4 PDF (PDF/UA-1) of at most two pages: one sheet printed on both sides
(see :mod:`generator.write.pdf`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import segno

from generator.load.data import SiteData
from generator.write.pdf import write_leaflet_pdf
from generator.load.models import FixedPeriod
from generator.rules.review_dates import review_due
from generator.render.template_cache import bytecode_cache
from generator.render.wording import duration_words, join_words, long_date, url_as_written


@dataclass(frozen=True)
class LeafletFiles:
    """The leaflet's HTML and its stylesheet, both published in the site."""

    html: str
    css: str


def _css_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def qr_code_svg(url: str) -> str:
    """A QR code for ``url`` as inline SVG: vector paths, no raster image."""
    svg = segno.make(url, error="m").svg_inline(border=4, omitsize=True, svgclass=None, lineclass=None)
    label = markupsafe.escape(f"QR code for {url}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def period_lines(data: SiteData) -> list[dict[str, str]]:
    """One line per row of the table, in short words, for the leaflet's box."""
    table = data.notification_periods
    names = {d.id: d.short_label for d in table.disposals}
    lines = []
    for row in table.rows:
        label = names[row.disposal] + (f": {row.term.describe()}" if row.term else "")
        young = duration_words(row.period.years * 6) if row.halved_under_18 and isinstance(row.period, FixedPeriod) else "Not halved"
        period = "The period of the discharge" if row.period == "period of the discharge" else row.period_words.capitalize()
        lines.append({"label": label, "period": period, "young": young})
    return lines


def render_leaflet(data: SiteData, templates_dir: Path) -> LeafletFiles:
    """The leaflet's HTML and CSS, filled from the data (all data escaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir / "leaflet")),
        autoescape=jinja2.select_autoescape(["html"]),
        bytecode_cache=bytecode_cache(templates_dir.parent),  # templates/ sits in the project's root
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=long_date,
        join_words=join_words,
        bare_text=url_as_written,
        css_string=_css_string,
        review_due=lambda day: review_due(day, data.site.review_every_months),
    )
    site_url = data.site.site_url
    context = {
        "site": data.site,
        "office": data.contacts.office,
        "agencies": data.agencies,
        "categories": data.categories,
        "levels": data.levels,
        "venues": data.venues.venues,
        "procedures": data.procedures,
        "table": data.notification_periods,
        "period_lines": period_lines(data),
        "calculator_url": url_as_written(site_url.rstrip("/") + "/calculator/index.html"),
        "qr_svg": markupsafe.Markup(qr_code_svg(site_url)),
    }
    return LeafletFiles(
        html=env.get_template("leaflet.html").render(context),
        css=env.get_template("leaflet.css").render(context),
    )


def write_leaflet_page(data: SiteData, templates_dir: Path, out_dir: Path) -> tuple[Path, Path, bool]:
    """Write leaflet.html and leaflet.css into ``out_dir``; return their paths and whether both were unchanged."""
    files = render_leaflet(data, templates_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    html, css = out_dir / "leaflet.html", out_dir / "leaflet.css"
    unchanged = _write_if_changed(html, files.html.encode("utf-8"))
    unchanged &= _write_if_changed(css, files.css.encode("utf-8"))
    return html, css, unchanged


def pdf_identifier(data: SiteData) -> str:
    """The PDF's fixed identifier: the same data gives the same bytes."""
    return f"mappa-leaflet-{data.site.area_name}-{data.site.leaflet_reviewed.isoformat()}"


def write_leaflet(data: SiteData, templates_dir: Path, out_dir: Path) -> list[Path]:
    """Write leaflet.html, leaflet.css and leaflet.pdf into ``out_dir``; return their paths."""
    html, css, unchanged = write_leaflet_page(data, templates_dir, out_dir)
    pdf = out_dir / "leaflet.pdf"
    if not (unchanged and pdf.exists()):  # the PDF depends only on the other two files
        pdf.unlink(missing_ok=True)  # so that a failed PDF is made again next time, not kept
        write_leaflet_pdf(html, pdf, pdf_identifier(data))
    return [html, css, pdf]


def build_leaflet_pdf(data: SiteData, templates_dir: Path, out_file: Path) -> None:
    """Write the leaflet's PDF alone to ``out_file``."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(write_leaflet(data, templates_dir, Path(folder))[2]).read_bytes()
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(pdf)


def _write_if_changed(target: Path, payload: bytes) -> bool:
    """Write ``payload`` unless the file already holds it; return whether it did already."""
    if target.exists() and target.read_bytes() == payload:
        return True
    target.write_bytes(payload)
    return False
