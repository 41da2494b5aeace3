"""The printed leaflet: every fact from the data, two A4 pages, tagged, titled and local-only."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.load.data import load_data
from generator.render.leaflet import qr_code_svg
from generator.wording import long_date, url_as_written
from generator.write.leaflet_pdf import LeafletTooLong
from generator.write.pdf_engine import local_only_fetcher
from generator.write.pdf_worker import PdfWorker
from generator.write.pipeline import build_site, write_leaflet_file
from tests.conftest import DATA, HOSTILE, ROOT, replace_in

pytestmark = pytest.mark.slow

OUTPUT = ROOT / "test-output" / "leaflet"


def pdf_text(pdf: Path) -> str:
    reader = PdfReader(str(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines of text as pypdf extracts them, each with its spaces made single."""
    return [[" ".join(line.split()) for line in page.extract_text().splitlines()] for page in PdfReader(str(pdf)).pages]


def squash(text: str) -> str:
    """Text without spaces, so words the PDF splits across lines still match."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def leaflet(built_site: Path) -> Path:
    return built_site / "leaflet.pdf"


def test_every_fact_is_in_the_pdf(leaflet: Path) -> None:
    data = load_data(DATA)
    office = data.contacts.office
    facts = [office.phone, office.email, "www.norfolkmappa.org.uk", data.procedures.alert_system]
    facts += [v.name for v in data.venues.venues]
    facts += [f"Category {c.number}: {c.name}" for c in data.categories.categories]
    facts += [f"Level {lv.number}: {lv.name}" for lv in data.levels.levels]
    facts += [a.name for a in data.agencies.duty_to_cooperate.agencies]
    facts += list(data.procedures.minutes.steps) + list(data.procedures.referral.steps) + list(data.procedures.alerts.steps)
    facts += list(data.procedures.why_health_attends.steps) + list(data.procedures.after_the_meeting.steps)
    facts += [data.agencies.responsible_authority.summary, data.site.disclaimer]
    facts += [f"Reviewed {long_date(data.site.leaflet_reviewed)}", "Printed copies may be out of date: check the website"]
    facts += [
        "Under 18: on the relevant date",
        "counted from their first notification, not from the conviction",
        "www.norfolkmappa.org.uk/calculator/index.html",
    ]
    facts += [f"may apply in writing for a review after {data.notification_periods.review.after_years} years"]
    facts += [f"{data.procedures.alerts.title} on {data.procedures.alert_system}"]
    facts += ["Notification periods in England and Wales", data.notification_periods.consecutive_terms, "If you are asked"]
    facts += [text for item in data.if_asked.items if item.on_leaflet for text in (item.question, item.answer)]
    text = squash(pdf_text(leaflet))
    missing = [fact for fact in facts if squash(fact) not in text]
    assert missing == []
    left_out = [item.question for item in data.if_asked.items if not item.on_leaflet]
    assert left_out and not [question for question in left_out if squash(question) in text]


def test_the_issue_date_is_on_page_one_and_in_every_footer(leaflet: Path) -> None:
    data = load_data(DATA)
    issued = f"Issued {long_date(data.site.leaflet_reviewed)}"
    pages = pdf_lines(leaflet)
    assert pages[0][0] == f"MAPPA IN NORFOLK {issued}"  # the top line of page 1: the area, then the issue date
    for number, lines in enumerate(pages, start=1):
        assert f"MAPPA in Norfolk: health practitioners. {issued}. Page {number} of {len(pages)}" in lines, number


def test_opening_hours_the_route_when_closed_and_other_formats_match_the_contact_page(leaflet: Path, built_site: Path) -> None:
    contacts = load_data(DATA).contacts
    office = contacts.office
    assert office.opening_hours and office.other_formats
    closed = [contact for contact in contacts.other_contacts if contact.out_of_hours]
    route = "When the office is closed: " + "; ".join(f"{contact.name} {contact.phone}" for contact in closed) + "."
    assert route == "When the office is closed: Police emergency 999; Police non-emergency 101."
    formats = " and ".join(office.other_formats.formats)
    text = squash(pdf_text(leaflet))
    for fact in (
        f"Opening hours: {office.opening_hours}.",
        route,
        f"This leaflet is also available in {formats}.",
        office.other_formats.how_to_ask,
    ):
        assert squash(fact) in text, fact
    page = BeautifulSoup((built_site / "contact.html").read_text(encoding="utf-8"), "html.parser").find("article")
    items = [" ".join(item.get_text().split()) for item in page.find_all("li")]
    assert f"Opening hours: {office.opening_hours}" in items and route in items
    assert f"Other formats: {formats}, on request. {office.other_formats.how_to_ask}" in items


def test_the_email_and_web_address_are_each_whole_on_one_line(leaflet: Path) -> None:
    office = load_data(DATA).contacts.office
    assert office.email and office.website
    lines = [line for page in pdf_lines(leaflet) for line in page]
    assert f"Email: {office.email}" in lines
    assert f"Website: {url_as_written(office.website)}" in lines


def test_notification_box_follows_the_table(leaflet: Path) -> None:
    text = squash(pdf_text(leaflet))
    for line in (
        "Imprisonment: 30 months or more Indefinite Not halved",
        "Imprisonment: more than 6 months but less than 30 months 10 years 5 years",
        "Imprisonment: 6 months or less 7 years 3 years and 6 months",
        "Caution 2 years 1 year",
        "Conditional discharge The period of the conditional discharge Not halved",
    ):
        assert squash(line) in text, line


def test_two_a4_pages(leaflet: Path) -> None:
    reader = PdfReader(str(leaflet))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 0.5 and abs(height - 841.89) < 0.5  # A4 in points


def test_title_language_author_and_date(leaflet: Path) -> None:
    data = load_data(DATA)
    reader = PdfReader(str(leaflet))
    assert reader.metadata.title == "MAPPA: health practitioners, what you need to know (Norfolk)"
    assert reader.metadata.author == data.site.owner
    assert reader.metadata["/CreationDate"].startswith("D:" + data.site.leaflet_reviewed.strftime("%Y%m%d"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True


def test_tagged_pdf_ua(leaflet: Path) -> None:
    reader = PdfReader(str(leaflet))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    structure = root["/StructTreeRoot"].get_object()
    assert "/K" in structure
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp)


def test_fonts_are_embedded_and_no_raster_images(leaflet: Path) -> None:
    reader = PdfReader(str(leaflet))
    fonts = 0
    for page in reader.pages:
        assert list(page.images) == []  # the QR code is vector paths, not a picture
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts += 1
    assert fonts > 0


def test_body_text_is_at_least_11_point(leaflet: Path) -> None:
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(font_size * scale)

    for page in PdfReader(str(leaflet)).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 10.99


def test_qr_code_encodes_the_site_url_from_data(built_site: Path) -> None:
    data = load_data(DATA)
    html = (built_site / "leaflet.html").read_text(encoding="utf-8")
    assert qr_code_svg(data.site.site_url) in html
    assert f'aria-label="QR code for {data.site.site_url}"' in html


def test_contact_changes_reach_the_pdf_and_a_longer_email_address_stays_whole(tmp_path: Path, data_copy: Path) -> None:
    """A longer address than the project's (39 characters, too long for the contact box as
    wide as it is with the project's) widens the box rather than break."""
    long_email = "mappa.coordinator@norfolk.pnn.police.uk"
    replace_in(data_copy / "contacts.yaml", 'phone: "01603 276320"', 'phone: "01632 960123"')
    replace_in(data_copy / "contacts.yaml", "email: mappp@norfolk.pnn.police.uk", f"email: {long_email}")
    replace_in(
        data_copy / "contacts.yaml", "opening_hours: Monday to Friday, during office hours", "opening_hours: Monday to Thursday, 8am to 4pm"
    )
    write_leaflet_file(data_copy, str(tmp_path / "leaflet.pdf"), ROOT)  # `mappa leaflet`: the guide's PDF is not read
    text = squash(pdf_text(tmp_path / "leaflet.pdf"))
    assert squash("01632 960123") in text and squash("01603 276320") not in text
    assert squash("Opening hours: Monday to Thursday, 8am to 4pm.") in text and "9am" not in text
    lines = [line for page in pdf_lines(tmp_path / "leaflet.pdf") for line in page]
    assert long_email in lines or f"Email: {long_email}" in lines
    assert len(PdfReader(str(tmp_path / "leaflet.pdf")).pages) == 2


def test_html_in_data_stays_text_in_the_leaflet(hostile_site: Path) -> None:
    html = (hostile_site / "leaflet.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &#34;onmouseover=alert(2)" in html
    assert " ".join(HOSTILE.split()) in " ".join(pdf_text(hostile_site / "leaflet.pdf").split())


def test_too_much_text_fails_naming_the_section(tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build_site(data_copy, out, ROOT)
    before = sorted(p.name for p in out.iterdir())
    long_step = "    - " + "Check every line of the minutes again with the chair before filing. " * 12 + "\n"
    replace_in(data_copy / "procedures.yaml", "    - Note the actions you have been given.\n", long_step * 4)
    with pytest.raises(LeafletTooLong) as caught:
        build_site(data_copy, out, ROOT)
    message = str(caught.value)
    assert re.search(r"runs past the end of page 2 by about \d+ mm", message), message
    assert re.search(r"Sections taller than in the project's own leaflet: 'Minutes' \(\d+ mm, \d+ mm more\)\. ", message), message
    assert sorted(p.name for p in out.iterdir()) == before
    # The same leaflet fails again with the same message, and no process is asked to lay it out.
    monkeypatch.setattr(PdfWorker, "start_pdf", lambda *args: pytest.fail("the leaflet that did not fit was laid out again"))
    with pytest.raises(LeafletTooLong) as again:
        build_site(data_copy, out, ROOT)
    assert str(again.value) == message
    assert sorted(p.name for p in out.iterdir()) == before


def test_the_leaflet_may_not_fetch_from_the_network() -> None:
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        local_only_fetcher(ROOT).fetch("https://fonts.googleapis.com/css")


def test_cli_writes_the_pdf_alone(tmp_path: Path) -> None:
    import sys

    mappa = str(Path(sys.executable).parent / "mappa")
    result = subprocess.run([mappa, "leaflet", "--out", str(tmp_path / "l.pdf")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert PdfReader(str(tmp_path / "l.pdf")).metadata.title.startswith("MAPPA: health practitioners")


def test_pages_rendered_to_png_for_people_to_look_at(leaflet: Path) -> None:
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    OUTPUT.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(leaflet), str(OUTPUT / "page")], check=True, timeout=120)
    pages = sorted(OUTPUT.glob("page-*.png"))
    assert len(pages) == len(PdfReader(str(leaflet)).pages)
    for png in pages:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_a_pdf_that_failed_is_made_again_not_kept(tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mappa serve` re-renders into the same folder: after a failure it must not keep the
    old PDF. The same leaflet fails again, from the cache: it is not laid out again."""
    from generator.write import pipeline
    from generator.write.files import write_tree
    from generator.write.pipeline import refresh_sources, render_sources

    write_tree(render_sources(load_data(data_copy), ROOT), tmp_path)  # as an earlier refresh left it
    (tmp_path / "leaflet.pdf").write_bytes(b"%PDF-1.7 the PDF of the leaflet before the change")
    long_step = "    - " + "Check every line of the minutes again with the chair before filing. " * 12 + "\n"
    replace_in(data_copy / "procedures.yaml", "    - Note the actions you have been given.\n", long_step * 4)
    messages = []
    for _ in range(2):
        with pytest.raises(LeafletTooLong) as caught:
            refresh_sources(load_data(data_copy), ROOT, tmp_path)
        messages.append(str(caught.value))
        assert not (tmp_path / "leaflet.pdf").exists()
        monkeypatch.setattr(pipeline, "write_leaflet_pdf", lambda *args: pytest.fail("the leaflet that did not fit was laid out again"))
    assert messages[0] == messages[1] and "runs past the end of page 2" in messages[0]
