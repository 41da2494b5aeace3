"""The office's opening hours, out-of-hours route and other formats, and the leaflet's issue
date: in the leaflet's HTML and CSS and in the pages' Markdown, from the data (no PDF is
laid out here; tests/whole_site/test_leaflet.py reads the PDF)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from generator.load.data import SiteData, load_data
from generator.render.leaflet import out_of_hours, render_leaflet
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT

HOURS = "Opening hours: Monday to Friday, during office hours"
SITE_CLOSED = "When the office is closed: Police emergency [999](tel:999); Police non-emergency [101](tel:101)."
SITE_FORMATS = "Other formats: large print and easy read, on request. Phone or email the office and say which format you need."


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_data(DATA)


def with_contacts(data: SiteData, office: dict | None = None, closed: tuple[str, ...] | None = None) -> SiteData:
    """The data with the office's fields changed by ``office`` and, if given, the other
    contacts reordered: those named in ``closed`` first, marked out_of_hours, the rest not."""
    contacts = data.contacts.model_copy(update={"office": data.contacts.office.model_copy(update=office or {})})
    if closed is not None:
        others = sorted(contacts.other_contacts, key=lambda contact: contact.name not in closed or closed.index(contact.name))
        marked = [contact.model_copy(update={"out_of_hours": contact.name in closed}) for contact in others]
        contacts = contacts.model_copy(update={"other_contacts": marked})
    return dataclasses.replace(data, contacts=contacts)


def without_office_extras(data: SiteData) -> SiteData:
    """The data with the office's opening hours and other formats left out, and no contact for when it is closed."""
    return with_contacts(data, {"opening_hours": None, "other_formats": None}, closed=())


def words(html: str) -> str:
    """The text of ``html`` as one line, tags taken out (no space left before punctuation)."""
    return re.sub(r" ([;.,])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def test_the_issue_date_is_leaflet_reviewed_on_page_one_and_in_the_footer(data: SiteData) -> None:
    site = data.site.model_copy(update={"leaflet_reviewed": dt.date(2025, 3, 4)})
    leaflet = render_leaflet(dataclasses.replace(data, site=site), ROOT / "templates")
    assert '<p class="issued">Issued 4 March 2025</p>' in leaflet.html
    assert leaflet.html.index("Issued 4 March 2025") < leaflet.html.index("<h1>")  # at the top of page 1
    assert ': health practitioners. Issued 4 March 2025. Page " counter(page)' in leaflet.css
    assert "7 December 2026" not in leaflet.html + leaflet.css


def test_the_contact_box_gives_the_hours_the_route_when_closed_and_other_formats(data: SiteData) -> None:
    html = render_leaflet(data, ROOT / "templates").html
    box = words(html[html.index('data-section="Contact"') : html.index('data-section="If you are asked"')])
    assert f"{HOURS}." in box
    assert "When the office is closed: Police emergency 999; Police non-emergency 101." in box
    assert "This leaflet is also available in large print and easy read. Phone or email the office and say which format you need." in box
    assert '<strong class="address">mappp@norfolk.pnn.police.uk</strong>' in html
    assert '<strong class="address">www.norfolkmappa.org.uk</strong>' in html


def test_the_route_when_closed_is_the_marked_contacts_in_their_order_with_their_numbers(data: SiteData) -> None:
    changed = with_contacts(data, closed=("Police non-emergency",))
    assert [(contact.name, contact.phone) for contact in out_of_hours(changed)] == [("Police non-emergency", "101")]
    assert "When the office is closed: Police non-emergency 101." in words(render_leaflet(changed, ROOT / "templates").html)
    both = with_contacts(data, closed=("Police non-emergency", "Police emergency"))
    assert "When the office is closed: Police non-emergency 101; Police emergency 999." in words(
        render_leaflet(both, ROOT / "templates").html
    )
    page = render_sources(changed, ROOT)["contact.md"].decode("utf-8")
    assert "- When the office is closed: Police non-emergency [101](tel:101).\n" in page


def test_a_leaflet_without_them_leaves_them_out(data: SiteData) -> None:
    html = render_leaflet(without_office_extras(data), ROOT / "templates").html
    box = html[html.index('data-section="Contact"') : html.index('data-section="If you are asked"')]
    assert "Opening hours" not in box and "office is closed" not in box and "also available" not in box
    assert not re.search(r"<p[^>]*>\s*</p>", box)
    assert "Contact the office to get a referral form" in box


def test_the_pages_show_them_where_the_office_is_shown(data: SiteData) -> None:
    sources = render_sources(data, ROOT)
    for page in ("contact.md", "index.md", "accessibility.md"):
        text = sources[page].decode("utf-8")
        for line in (HOURS, SITE_CLOSED, SITE_FORMATS):
            assert f"- {line}\n" in text, (page, line)
    bare = render_sources(without_office_extras(data), ROOT)
    for page in ("contact.md", "index.md"):
        text = bare[page].decode("utf-8")
        assert "Opening hours" not in text and "office is closed" not in text and "Other formats" not in text, page
        assert "- Phone: [01603 276320](tel:01603276320)\n" in text, page
