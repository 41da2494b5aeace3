"""The built site: every page with its facts from the data, safe, private and linked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.render.markdown_text import bare_url
from generator.wording import long_date
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow

PAGES = [
    "index.html",
    "what-is-mappa.html",
    "categories.html",
    "levels.html",
    "process.html",
    "health-practitioners.html",
    "information-sharing.html",
    "gp-record.html",
    "notification-periods.html",
    "contact.html",
    "sources.html",
    "accessibility.html",
    "privacy.html",
    "glossary.html",
]


def page_text(site: Path, name: str) -> str:
    """The visible text of a built page, whitespace collapsed."""
    soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_built(built_site: Path) -> None:
    missing = [name for name in PAGES if not (built_site / name).is_file()]
    assert missing == []


def test_every_page_carries_footer_contacts_and_review_date(built_site: Path) -> None:
    data = load_data(DATA)
    office = data.contacts.office
    for name in PAGES:
        text = page_text(built_site, name)
        assert office.phone in text, name
        assert office.email in text, name
        source = (ROOT / "content" / name.replace(".html", ".md")).read_text(encoding="utf-8")
        reviewed = dt.date.fromisoformat(re.search(r"^reviewed: (\S+)$", source, re.MULTILINE).group(1))
        assert f"Last reviewed {long_date(reviewed)}" in text, name  # each page its own date
        assert data.site.disclaimer in text, name


def test_page_language_is_british_english(built_site: Path) -> None:
    for page in all_pages(built_site):
        assert '<html lang="en-GB"' in page.read_text(encoding="utf-8"), page.name


def test_pages_show_the_facts_from_data(built_site: Path) -> None:
    data = load_data(DATA)
    expectations: dict[str, list[str]] = {
        "what-is-mappa.html": [a.name for a in data.agencies.responsible_authority.agencies]
        + [a.name for a in data.agencies.duty_to_cooperate.agencies]
        + [data.agencies.statutory_basis],
        "categories.html": [f"Category {c.number}: {c.name}" for c in data.categories.categories]
        + [c.description for c in data.categories.categories],
        "levels.html": [f"Level {lv.number}: {lv.name}" for lv in data.levels.levels]
        + [lv.description for lv in data.levels.levels]
        + [data.levels.principle],
        "process.html": [v.name for v in data.venues.venues] + list(data.procedures.referral.steps),
        "health-practitioners.html": list(data.procedures.alerts.steps)
        + [f"{data.procedures.alerts.title} on {data.procedures.alert_system}"],
        "information-sharing.html": list(data.procedures.minutes.steps),
        "gp-record.html": [code.code for concept in data.read_codes.codes for code in concept.codes]
        + [concept.term for concept in data.read_codes.codes]
        + [concept.meaning for concept in data.read_codes.codes]
        + list(data.read_codes.recording.steps)
        + [data.read_codes.recording.title],
        "notification-periods.html": [row.description for row in data.notification_periods.rows]
        + [data.notification_periods.under_18_rule, data.notification_periods.several_terms, data.notification_periods.relevant_date],
        "contact.html": [c.name for c in data.contacts.other_contacts]
        + [c.phone for c in data.contacts.other_contacts if c.phone]
        + list(data.contacts.office.when_to_contact),
        "sources.html": [s.title for s in data.sources.sources],
        "glossary.html": [t.term for t in data.glossary.terms] + [t.meaning for t in data.glossary.terms],
    }
    for name, facts in expectations.items():
        text = page_text(built_site, name)
        missing = [fact for fact in facts if " ".join(fact.split()) not in text]
        assert missing == [], name


def test_notification_table_shows_statutory_boundaries(built_site: Path) -> None:
    text = page_text(built_site, "notification-periods.html")
    assert "30 months or more Indefinite Not halved" in text
    assert "more than 6 months but less than 30 months 10 years 5 years" in text
    assert "6 months or less 7 years 3 years and 6 months" in text
    assert "(cautioned) 2 years 1 year" in text
    assert "The period of the conditional discharge Not halved" in text
    assert "review after 15 years, or 8 years if they were under 18 on the relevant date" in text


def test_seed_mistakes_are_not_repeated(built_site: Path) -> None:
    site_text = " ".join(page_text(built_site, name) for name in PAGES).lower()
    for mistake in ("aged 18 when", "over 30 months", "6-30 months", "6 months of less"):
        assert mistake not in site_text
    assert "under 18 on the relevant date" in site_text


def test_unconfirmed_points_are_marked_for_checking(built_site: Path) -> None:
    data = load_data(DATA)
    for filename, notes in (("categories.html", data.categories.notes), ("notification-periods.html", data.notification_periods.notes)):
        html = (built_site / filename).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        insets = " ".join(" ".join(d.get_text(" ").split()) for d in soup.select(".admonition.mappa-check"))
        for note in notes:
            assert (" ".join(note.text.split()) in insets) is (not note.confirmed), note.text


def test_no_fact_is_typed_into_content() -> None:
    """Pages take every contact, venue, category and period from data, never as typed text."""
    data = load_data(DATA)
    facts = [data.contacts.office.phone, data.contacts.office.email, str(bare_url(data.contacts.office.website))]
    facts += [v.name for v in data.venues.venues]
    facts += [c.name for c in data.categories.categories] + [lv.name for lv in data.levels.levels]
    facts += [code.code for concept in data.read_codes.codes for code in concept.codes]
    facts += ["10 years", "7 years", "5 years", "2 years", "30 months", data.procedures.alert_system]
    for page in sorted((ROOT / "content").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        typed = [fact for fact in facts if fact in text]
        assert typed == [], page.name


def test_links_work_from_disk(built_site: Path) -> None:
    """Internal links point at files (pages, the PDFs, the feed), never at a folder, so the
    site works opened with file://."""
    for page in all_pages(built_site):
        if page.name == "404.html":  # served by a web server only, with absolute links
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            parsed = urlparse(href)
            if parsed.scheme or href.startswith("#"):
                continue
            assert parsed.path.endswith((".html", ".pdf", ".xml", ".json", ".csv")), f"{page.name}: {href}"
            assert (page.parent / parsed.path).resolve().is_file(), f"{page.name}: {href}"


RESOURCE_ATTRIBUTES = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
    ("embed", "src"),
]


def resource_urls(page: Path) -> list[str]:
    """Every URL a page asks the browser to load (not links the reader may follow)."""
    html = page.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    for tag, attribute in RESOURCE_ATTRIBUTES:
        for element in soup.find_all(tag):
            if element.get(attribute) and not (tag == "link" and "canonical" in element.get("rel", [])):
                urls.append(element[attribute])
            for candidate in (element.get("srcset") or "").split(","):
                if candidate.strip():
                    urls.append(candidate.split()[0])
    urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", html)
    return urls


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offending = []
    for page in all_pages(built_site):
        for url in resource_urls(page):
            if urlparse(url).netloc or url.startswith("//"):
                offending.append(f"{page.name}: {url}")
    for stylesheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text(encoding="utf-8")):
            if urlparse(url).netloc or url.startswith("//"):
                offending.append(f"{stylesheet.name}: {url}")
    assert offending == []


def test_resource_scan_would_catch_a_remote_font(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img srcset="//cdn.example/x.png 2x">', encoding="utf-8"
    )
    assert resource_urls(page) == ["https://fonts.googleapis.com/css", "//cdn.example/x.png"]


def test_linkchecker_finds_no_broken_link_or_anchor(built_site: Path) -> None:
    # LinkChecker drops root privileges to 'nobody', so check a world-readable copy.
    readable = Path(tempfile.mkdtemp(prefix="mappa-linkcheck-"))
    try:
        readable.chmod(0o755)
        shutil.copytree(built_site, readable / "site")
        subprocess.run(["chmod", "-R", "a+rX", str(readable)], check=True)
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "linkchecker"),
                "--config",
                str(ROOT / "tests/config/linkcheckerrc"),
                "--no-status",
                str(readable / "site" / "index.html"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(readable, ignore_errors=True)
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0
    assert re.search(r"That's it\. (\d+) links", result.stdout) and int(re.search(r"That's it\. (\d+) links", result.stdout).group(1)) > 100


@pytest.mark.parametrize("page", ["index.html", "notification-periods.html"])
def test_pages_have_no_inline_event_handlers(built_site: Path, page: str) -> None:
    html = (built_site / page).read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=", html)
