"""The printable leaflet: "MAPPA: health practitioners, what you need to know".

One Jinja template (templates/leaflet/) renders the leaflet as HTML from the data; the
site publishes that HTML as a printable page, and WeasyPrint turns the same HTML into a
tagged A4 PDF (PDF/UA-1) of at most two pages: one sheet printed on both sides.
WeasyPrint may read local files only; any other URL stops the build.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
import segno

from generator.data import SiteData
from generator.errors import BuildError
from generator.models import FixedPeriod
from generator.review import review_due
from generator.wording import duration_words, join_words, long_date, url_as_written

MAX_PAGES = 2
PX_TO_MM = 25.4 / 96


class LeafletTooLong(BuildError):
    """The data makes the leaflet longer than one sheet printed on both sides."""


@dataclass(frozen=True)
class LeafletFiles:
    """The leaflet's HTML and stylesheet (published in the site) and its PDF."""

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


def _local_only_fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Fetches local files and data: URLs; any other URL stops the render."""

        def fetch(self, url, headers=None):
            if not url.startswith(("file:", "data:")):
                raise FatalURLFetchingError(f"the leaflet may not load anything from the network: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def leaflet_pdf(html_file: Path, data: SiteData) -> bytes:
    """Render the leaflet HTML file (beside its CSS) to PDF bytes, or raise LeafletTooLong."""
    from weasyprint import HTML

    document = HTML(filename=str(html_file), url_fetcher=_local_only_fetcher()).render(pdf_variant="pdf/ua-1")
    if len(document.pages) > MAX_PAGES:
        raise LeafletTooLong(overflow_message(document))
    identifier = f"mappa-leaflet-{data.site.area_name}-{data.site.leaflet_reviewed.isoformat()}".encode()
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier[:32])


def _boxes(box):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def overflow_message(document) -> str:
    """Which section is longest, which run past page 2, and by how much."""
    heights: dict[str, float] = {}
    spilled: list[str] = []
    overflow = 0.0
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            name = element.get("data-section") if element is not None and getattr(box, "element_tag", "") in _SECTION_TAGS else None
            if not name:
                continue
            heights[name] = heights.get(name, 0.0) + box.margin_height()
            if number > MAX_PAGES:
                overflow += box.margin_height()
                if name not in spilled:
                    spilled.append(name)
    longest = max(heights, key=heights.get)
    return (
        f"the leaflet needs {len(document.pages)} pages but must fit on {MAX_PAGES} (one sheet, both sides): "
        f"it runs past the end of page {MAX_PAGES} by about {overflow * PX_TO_MM:.0f} mm of column. "
        f"The longest section is '{longest}' ({heights[longest] * PX_TO_MM:.0f} mm); "
        f"sections past page {MAX_PAGES}: {', '.join(spilled)}. Shorten the text these sections take from data/."
    )


_SECTION_TAGS = ("section", "header", "footer")


def write_leaflet(data: SiteData, templates_dir: Path, out_dir: Path) -> list[Path]:
    """Write leaflet.html, leaflet.css and leaflet.pdf into ``out_dir``; return their paths."""
    files = render_leaflet(data, templates_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in ("leaflet.html", "leaflet.css", "leaflet.pdf")}
    unchanged = _write_if_changed(paths["leaflet.html"], files.html.encode("utf-8"))
    unchanged &= _write_if_changed(paths["leaflet.css"], files.css.encode("utf-8"))
    if not (unchanged and paths["leaflet.pdf"].exists()):  # the PDF depends only on these two files
        paths["leaflet.pdf"].write_bytes(leaflet_pdf(paths["leaflet.html"], data))
    return list(paths.values())


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
