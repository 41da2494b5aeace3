"""The guidance pages: what a registered person must do, if you are asked, and which
offences and disposals count. Each is built from its data file, reached from the
navigation, the sitemap and the search, and cites a listed source for every statement."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.errors import DataError
from generator.load.data import SiteData, load_data
from generator.load.guidance_models import Point
from generator.wording import long_date
from tests.conftest import DATA, ROOT, pages_built, replace_in

# page -> the data file it is built from
PAGES = {
    "registered-person.html": "registered_person.yaml",
    "if-you-are-asked.html": "if_asked.yaml",
    "offences-and-disposals.html": "offences.yaml",
}
# The anchors other pages (the calculator's outcomes) link to: they must stay.
ANCHORS = {
    "registered-person.html": [
        "first-notification",
        "changes",
        "yearly",
        "what-is-notified",
        "foreign-travel",
        "failing-to-comply",
        "sexual-harm-prevention-orders",
    ],
    "if-you-are-asked.html": ["parent-asks", "health-information", "patient-discloses"],
    "offences-and-disposals.html": [
        "schedule-3",
        "cautions",
        "court-certificate",
        "absolute-discharge",
        "conditional-discharge",
        "old-convictions",
    ],
}


def soup_of(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def sections(data: SiteData, page: str) -> list:
    """The page's sections (or questions) as the data holds them."""
    return {
        "registered-person.html": data.registered_person.sections,
        "if-you-are-asked.html": data.if_asked.items,
        "offences-and-disposals.html": data.offences.sections,
    }[page]


def cited_source(element: Tag) -> str | None:
    """The source id an element's citation names: its numbered reference (#source-N) leads
    to the page's "Sources for this page", whose item N links to sources.html#id."""
    for link in element.select("sup.mappa-ref a[href^='#source-']"):
        listed = element.find_parent("html").find(id=link["href"][1:])
        if listed is not None and listed["href"].startswith("sources.html#"):
            return listed["href"].split("#", 1)[1]
    return None


def element_stating(soup: BeautifulSoup, text: str) -> Tag:
    """The list item, admonition or paragraph that states ``text``."""
    for element in soup.select("article li, article .admonition, article p"):
        if text in words(element.get_text(" ")):
            return element
    raise AssertionError(f"not on the page: {text}")


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_page_is_built_linked_from_the_navigation_sitemap_and_search(built_site: Path, page: str) -> None:
    soup = soup_of(built_site, page)
    assert soup.find("h1")
    nav_links = {link["href"] for link in soup_of(built_site, "index.html").select("nav.md-nav a[href]")}
    assert page in nav_links
    assert f"/{page}</loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert page in locations
    for anchor in ANCHORS[page]:
        assert soup.find(id=anchor) is not None, anchor
        assert f"{page}#{anchor}" in locations, anchor
    footer = words(soup.select_one(".mappa-reviewed").get_text(" "))
    source = (ROOT / "content" / page.replace(".html", ".md")).read_text(encoding="utf-8")
    reviewed = dt.date.fromisoformat(re.search(r"^reviewed: (\S+)$", source, re.MULTILINE).group(1))
    assert footer.startswith(f"Last reviewed {long_date(reviewed)}.") and "Next review due" in footer


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_statement_cites_a_source_the_sources_page_lists(built_site: Path, page: str) -> None:
    data = load_data(DATA)
    soup = soup_of(built_site, page)
    sources_page = soup_of(built_site, "sources.html")
    cited = []
    for section in sections(data, page):
        heading = soup.find(id=section.id)
        assert heading is not None and heading.name == "h2", section.id
        statements: list[tuple[str, str]] = [(point.text, point.source) for point in section.points]
        if hasattr(section, "answer"):
            statements.append((section.answer, section.source))
        statements += [(step.text, step.source) for step in getattr(section, "steps", [])]  # numbered steps
        for text, source_id in statements:
            element = element_stating(soup, words(text))
            assert cited_source(element) == source_id, text
            cited.append(source_id)
        for point in section.points:
            element = element_stating(soup, words(point.text))
            marked = "admonition" in element.get("class", []) and "check with the MAPPA office" in element.get_text()
            assert marked is (not point.confirmed), point.text
    for source_id in cited:
        listed = sources_page.find(id=source_id)
        assert listed is not None, source_id
        assert words(data.source(source_id).title) in words(listed.parent.get_text(" ")), source_id


@pytest.mark.slow
def test_each_page_changes_with_its_data(tmp_path: Path, data_copy: Path) -> None:
    changes = {
        "registered_person.yaml": ("The maximum sentence is 5 years' imprisonment.", "The maximum sentence is 9 years' imprisonment."),
        "if_asked.yaml": ("A parent asks you whether someone is a sex offender.", "A grandparent asks whether someone is on the register."),
        "offences.yaml": ("title: The court's certificate", "title: The certificate of the court"),
    }
    for filename, (old, new) in changes.items():
        replace_in(data_copy / filename, old, new)
    replace_in(data_copy / "if_asked.yaml", "id: parent-asks", "id: relative-asks")
    replace_in(data_copy / "a_to_z.yaml", "#parent-asks", "#relative-asks")  # a link to the section follows its id
    replace_in(
        data_copy / "offences.yaml", "confirmed: true\n        source: soa-2003-s134", "confirmed: false\n        source: soa-2003-s134"
    )
    out = pages_built(data_copy, tmp_path / "site")
    texts = {page: words(soup_of(out, page).get_text(" ")) for page in PAGES}
    for page, (_filename, (old, new)) in zip(PAGES, changes.items(), strict=False):
        assert new.removeprefix("title: ") in texts[page], page
        assert old.removeprefix("title: ") not in texts[page], page
    assert soup_of(out, "if-you-are-asked.html").find(id="relative-asks") is not None
    discharge = element_stating(soup_of(out, "offences-and-disposals.html"), "A conditional discharge for a Schedule 3 offence")
    assert "check with the MAPPA office" in discharge.get_text()


def test_facts_are_not_typed_into_the_pages() -> None:
    data = load_data(DATA)
    facts = [point.text for page in PAGES for section in sections(data, page) for point in section.points]
    facts += [item.answer for item in data.if_asked.items] + [item.question for item in data.if_asked.items]
    for name in ("registered-person.md", "if-you-are-asked.md", "offences-and-disposals.md"):
        text = words((ROOT / "content" / name).read_text(encoding="utf-8"))
        assert [fact for fact in facts if words(fact)[:40] in text] == [], name


def test_unverified_law_is_not_stated_as_settled() -> None:
    """The points the sources do not settle stay 'check with the MAPPA office'."""
    data = load_data(DATA)
    points: list[Point] = [p for page in PAGES for section in sections(data, page) for p in section.points]
    points += [step for item in data.if_asked.items for step in item.steps]
    unconfirmed = " ".join(p.text for p in points if not p.confirmed)
    settled = " ".join(p.text for p in points if p.confirmed) + " ".join(i.answer for i in data.if_asked.items)
    for needle in (
        "How far ahead",
        "is believed to count as a caution",
        "date of sentence",
        "before Part 2 came into force, whether",
        "Record your decision",
    ):
        assert needle in unconfirmed, needle
    for wrong in ("327A", "7 days before", "12 hours before", "magistrates", "21 days", "Criminal Justice Act 2003"):
        assert wrong not in settled, wrong


def test_bad_guidance_data_is_reported_at_its_line(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy.parent)
    replace_in(
        data_copy / "offences.yaml", "    title: Cautions, including youth cautions\n", "    titel: Cautions, including youth cautions\n"
    )
    replace_in(data_copy / "if_asked.yaml", "id: health-information", "id: parent-asks")
    replace_in(data_copy / "registered_person.yaml", "source: soa-2003-s91\n", "source: soa-2003-s99\n")
    replace_in(data_copy / "registered_person.yaml", "  - page: notification-periods.md\n", "  - page: ../notification-periods.html\n")
    with pytest.raises(DataError) as caught:
        load_data(Path("data"))
    found = [str(problem) for problem in caught.value.problems]
    lines = {name: (data_copy / name).read_text(encoding="utf-8").splitlines() for name in PAGES.values()}
    titel = next(n for n, line in enumerate(lines["offences.yaml"], 1) if "titel:" in line)
    page = next(n for n, line in enumerate(lines["registered_person.yaml"], 1) if "../notification-periods" in line)
    assert f"data/offences.yaml:{titel}:5: unknown field 'titel' (did you mean 'title'?)" in found
    assert any(p.startswith(f"data/registered_person.yaml:{page}:") and "page" in p for p in found), found
    # Cross-file checks run once each file is valid on its own.
    replace_in(data_copy / "offences.yaml", "titel:", "title:")
    replace_in(data_copy / "registered_person.yaml", "  - page: ../notification-periods.html\n", "  - page: notification-periods.md\n")
    with pytest.raises(DataError) as caught:
        load_data(Path("data"))
    found = [str(problem) for problem in caught.value.problems]
    duplicate = next(
        n for n, line in enumerate((data_copy / "if_asked.yaml").read_text().splitlines(), 1) if "id: parent-asks" in line and n > 5
    )
    assert f"data/if_asked.yaml:{duplicate}:9: duplicate id 'parent-asks'" in found
    assert any(p.startswith("data/registered_person.yaml:") and "unknown source 'soa-2003-s99'" in p for p in found), found


@pytest.mark.slow
def test_each_calculator_outcome_links_to_the_sections_that_concern_it(built_site: Path) -> None:
    """An indefinite outcome leads to the orders that stop a review, an absolute discharge to
    why it does not count, and every outcome to what to say if asked."""

    def links(page: str) -> set[str]:
        soup = BeautifulSoup((built_site / "calculator" / page).read_text(encoding="utf-8"), "html.parser")
        return {a["href"].split("/")[-1] for a in soup.select("article a[href]")}

    def heading(path: Path) -> str:
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").h1.get_text()

    outcomes = [
        p.relative_to(built_site / "calculator").as_posix()
        for p in (built_site / "calculator").rglob("index.html")
        if heading(p).startswith(("The notification period is", "No notification", "Check with the MAPPA office"))
    ]
    assert outcomes
    for page in outcomes:
        assert "if-you-are-asked.html" in links(page), page
    assert "registered-person.html#sexual-harm-prevention-orders" in links("life/index.html")
    for after in ("after-a-conviction", "after-a-finding-of-insanity-or-disability"):
        assert "offences-and-disposals.html#absolute-discharge" in links(f"absolute-discharge/{after}/index.html")
    cautions = [page for page in outcomes if page.startswith("caution/")]
    assert cautions and all("offences-and-disposals.html#cautions" in links(page) for page in cautions)
