"""No text of the leaflet runs past the right-hand edge of the page: a long word in the data
breaks (leaflet.css), and text that still cannot fit stops the PDF with one line quoting
it (generator/write/leaflet_pdf.py), never a PDF with text cut off at the paper's edge."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from generator.errors import BuildError
from generator.load.data import load_data
from generator.render.leaflet import render_leaflet
from generator.write import leaflet_pdf
from generator.write.leaflet_pdf import LeafletTooWide, text_past_the_right_edge, write_leaflet_pdf
from tests.conftest import DATA, ROOT, Ran, mappa, replace_in

LONG_VENUE = "Norwich" + "x" * 143  # 150 characters and no space
MM_PER_INCH = 25.4


def mappa_leaflet(data: Path, out: Path) -> Ran:
    """`mappa leaflet` in this process: its messages and exit status are the point (a traceback
    would be written to its stderr)."""
    return mappa("leaflet", "--data", str(data), "--out", str(out))


def right_margin_is_blank(pdf_file: Path, folder: Path, strip_mm: float = 9) -> list[bool]:
    """For each page, whether the strip ``strip_mm`` wide at the paper's right edge (inside
    the 11 mm margin) is white: nothing printed there, nothing cut off at the edge."""
    dpi = 72
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf_file), str(folder / "page")], check=True, timeout=120)
    blank = []
    for png in sorted(folder.glob("page-*.png")):
        image = Image.open(png).convert("L")
        strip = image.crop((image.width - round(strip_mm / MM_PER_INCH * dpi), 0, image.width, image.height))
        blank.append(strip.getextrema()[0] >= 250)  # the darkest pixel
    return blank


@pytest.mark.slow
def test_a_150_character_venue_name_breaks_inside_the_page(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", f"  - name: {LONG_VENUE}\n")
    result = mappa_leaflet(data_copy, tmp_path / "leaflet.pdf")
    assert result.returncode == 0, result.stderr
    assert right_margin_is_blank(tmp_path / "leaflet.pdf", tmp_path) == [True, True]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "leaflet.pdf").pages)
    assert LONG_VENUE in "".join(text.split())  # every character printed, on several lines


@pytest.mark.slow
def test_the_real_leaflet_keeps_its_right_margin_blank(tmp_path: Path) -> None:
    """The check above can tell: the leaflet as it is prints nothing in the margin either."""
    assert mappa_leaflet(DATA, tmp_path / "leaflet.pdf").returncode == 0
    assert right_margin_is_blank(tmp_path / "leaflet.pdf", tmp_path) == [True, True]


@pytest.mark.slow
def test_a_word_the_table_cannot_make_room_for_is_one_line(tmp_path: Path, data_copy: Path) -> None:
    """A table does not break words to fit (its columns would lose their balance), so a word
    wider than the page in the table of periods stops the PDF, quoting the word."""
    replace_in(data_copy / "notification_periods.yaml", "short_label: Caution\n", f"short_label: Caution{'Q' * 150}\n")
    result = mappa_leaflet(data_copy, tmp_path / "leaflet.pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        r"error: the leaflet's text runs past the right-hand edge of the page's text area, by up to about \d+ mm on page \d "
        r"\(pages: [\d, ]+\), at 'CautionQ{50}\.\.\.'\. A word that long cannot break: shorten it or add spaces to it in the data\.",
        line,
    ), line
    assert not (tmp_path / "leaflet.pdf").exists()


def plain_leaflet(folder: Path, body: str, css: str = "") -> Path:
    html = folder / "leaflet.html"
    html.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Width</title><style>'
        f"@page {{ size: A4; margin: 10mm }} body {{ margin: 0; font: 11pt sans-serif }} {css}</style></head>"
        f"<body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    return html


def test_text_past_the_edge_is_found_and_measured(tmp_path: Path) -> None:
    html = plain_leaflet(
        tmp_path, "<p>Short &amp; sweet.</p><p class=wide>One line " + "that will not wrap " * 20 + "</p>", ".wide { white-space: nowrap }"
    )
    ((page, text, beyond),) = text_past_the_right_edge(html)
    assert page == 1 and text.startswith("One line that will not wrap that") and beyond > 100
    with pytest.raises(
        LeafletTooWide,
        match=r"on page 1 \(pages: 1\), at 'One line that will not wrap that will not wrap that will \.\.\.'\. "
        r"Check the leaflet's stylesheet: something keeps this text from wrapping\.$",
    ):
        write_leaflet_pdf(html, tmp_path / "leaflet.pdf", "test")
    assert not (tmp_path / "leaflet.pdf").exists()


def test_text_that_fits_is_not_reported(tmp_path: Path) -> None:
    html = plain_leaflet(tmp_path, "<p>" + "Words that wrap as they should. " * 40 + "</p><table><tr><th>A</th><td>b</td></tr></table>")
    assert text_past_the_right_edge(html) == []


def test_the_error_comes_back_from_the_pdf_process_as_one_line(tmp_path: Path) -> None:
    from generator.write.pdf_worker import PdfWorker

    html = plain_leaflet(tmp_path, f"<p>{'W' * 200}</p>", "p { overflow-wrap: normal }")
    with PdfWorker() as worker, pytest.raises(BuildError, match="runs past the right-hand edge") as caught:
        worker.start_pdf(html, tmp_path / "leaflet.pdf", "test")
        worker.wait()
    assert "\n" not in str(caught.value)


def test_link_rectangles_are_corners() -> None:
    """The check reads a link's rectangle as (x1, y1, x2, y2), as WeasyPrint gives it (its
    docstring says x, y, width, height): a 100 px wide link 30 px from the left ends at 130 px."""
    from weasyprint import HTML

    document = HTML(
        string="<style>@page { size: 400px 200px; margin: 30px } body { margin: 0 }</style>"
        '<a href="#x" style="display: inline-block; width: 100px; height: 20px"></a>'
    ).render()
    ((_kind, _target, (x1, y1, x2, y2), _box),) = document.pages[0].links
    assert (round(x1), round(y1), round(x2), round(y2)) == (30, 30, 130, 50)


@pytest.mark.slow  # lays the leaflet out with WeasyPrint
def test_the_measuring_links_move_nothing(tmp_path: Path) -> None:
    """The copy made to measure lays out as the leaflet does (its headings' places), and is
    the leaflet's own HTML but for the links."""
    from weasyprint import HTML

    files = render_leaflet(load_data(DATA), ROOT / "templates")
    (tmp_path / "leaflet.css").write_text(files.css, encoding="utf-8")
    (tmp_path / "leaflet.html").write_text(files.html, encoding="utf-8")
    marker = leaflet_pdf._TextMarker()
    marker.feed(files.html)
    marker.close()
    marked = "".join(marker.out)
    assert re.sub(r'<a href="#mappa-text-\d+">|</a>', "", marked) == files.html
    assert len(marker.texts) > 50 and "Where are MAPPA meetings held?" in marker.texts

    def headings(html: HTML) -> list:
        return [(number, mark[1], mark[2]) for number, page in enumerate(html.render().pages) for mark in page.bookmarks]

    places = headings(HTML(filename=str(tmp_path / "leaflet.html")))
    assert len(places) > 8
    assert headings(HTML(string=marked, base_url=str(tmp_path / "leaflet.html"))) == places


LONG_VENUE_WORDS = "Norwich " + "Long venue name words " * 40  # 888 characters, with spaces


@pytest.mark.slow
def test_a_leaflet_too_long_from_a_venue_name_names_the_venue_not_the_sections_it_pushed(tmp_path: Path, project: Path) -> None:
    """The project's own data: no other leaflet to compare with, so the longest text is named."""
    replace_in(project / "data" / "venues.yaml", "  - name: Norwich\n", f"  - name: {LONG_VENUE_WORDS.strip()}\n")
    result = mappa("leaflet", "--out", str(tmp_path / "leaflet.pdf"), cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert re.search(
        r"; the longest text is in 'Meetings' \(9\d\d characters: 'In King's Lynn, Norwich Long venue na\.\.\.'\)\. "
        r"Shorten the text from data/ that the longest sections show; sections past page 2 \(pushed there by "
        r"what comes before them\): ",
        line,
    ), line


@pytest.mark.slow
def test_another_areas_leaflet_too_long_names_the_sections_that_grew(tmp_path: Path) -> None:
    """Another area's leaflet is compared with the project's own: the section that grew is named."""
    area = tmp_path / "area"
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "areas" / "exampleshire", area)
    text = (area / "venues.yaml").read_text(encoding="utf-8")
    first = re.search(r"  - name: (.+)\n", text)
    (area / "venues.yaml").write_text(text.replace(first[0], f"  - name: {first[1]} {LONG_VENUE_WORDS * 2}\n", 1), encoding="utf-8")
    result = mappa_leaflet(area, tmp_path / "leaflet.pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    grown = re.search(
        r"Sections taller than in the project's own leaflet: (.+?)\. Shorten the text from data/ that these "
        r"sections show; sections past page 2",
        line,
    )
    assert grown, line
    assert re.match(r"'Meetings' \(\d+ mm, \d+ mm more\)", grown[1]), grown[1]  # the venue's section, first
