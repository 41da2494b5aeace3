"""Pages by task (issue 23): the home page's top tasks and every page, titles in readers'
words, Related links, a contents list, numbered sources with a list at the end of each
page, quiet "check with the MAPPA office" insets, "Last updated" under the title, a
"Report a problem with this page" email on every page, and a 404 page that helps."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from generator.errors import DataError
from generator.load.data import load_data
from generator.render.navigation import nav_pages
from generator.render.report_link import report_problem_url
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, replace_in

DATA_NOW = load_data(DATA)
FURNITURE = {"related", "sources-for-this-page"}


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[str]:
    """Every page of the site readers can reach (not the 404 page or the leaflet's web copy)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name not in {"404.html", "leaflet.html"})


def guidance_pages() -> list[str]:
    """The pages in a section of the menu, except the calculator (made from templates)."""
    return [page.file for page in nav_pages(ROOT) if page.sections and not page.file.startswith("calculator/")]


def test_report_link_names_the_page_and_its_address_percent_encoded() -> None:
    url = report_problem_url("office@example.org", "Tom & Jerry: what? #1 ✓", "https://example.org/a b.html")
    assert url.startswith("mailto:office@example.org?subject=") and "+" not in url and " " not in url
    query = parse_qs(urlparse(url).query)
    assert query["subject"] == ["Problem with the page: Tom & Jerry: what? #1 ✓"]
    assert query["body"][0].splitlines()[:2] == ["Page: Tom & Jerry: what? #1 ✓", "Address: https://example.org/a b.html"]
    assert "%0D%0A" in url and "%20" in url


@pytest.mark.slow
def test_every_page_offers_to_report_a_problem_with_itself(built_site: Path) -> None:
    site_url = DATA_NOW.site.site_url.rstrip("/") + "/"
    pages = html_pages(built_site)
    assert len(pages) > 50 and "calculator/what-happened/index.html" in pages
    for page in pages:
        soup = soup_of(built_site, page)
        link = soup.select_one("footer .mappa-report a[href^='mailto:']")
        assert link is not None and link.get_text(strip=True) == "Report a problem with this page", page
        parsed = urlparse(link["href"])
        assert unquote(parsed.path) == DATA_NOW.contacts.office.email and "+" not in parsed.query, page
        query = parse_qs(parsed.query)
        title = "Home" if page == "index.html" else soup.find("title").get_text().rsplit(" - ", 1)[0].strip()
        assert query["subject"] == [f"Problem with the page: {title}"], page
        assert f"Address: {site_url}{page}" in query["body"][0].splitlines(), page


@pytest.mark.slow
def test_the_404_page_explains_and_offers_the_way_on(built_site: Path) -> None:
    soup = soup_of(built_site, "404.html")
    article = soup.select_one("article")
    assert article.find("h1").get_text(strip=True) == "Page not found"
    links = {a["href"] for a in article.find_all("a", href=True)}
    assert {"/index.html", "/a-z.html", "/calculator/index.html", "/contact.html"} <= links
    for target in ("index.html", "a-z.html", "calculator/index.html", "contact.html"):
        assert (built_site / target).is_file()


@pytest.mark.slow
def test_the_home_page_starts_with_the_top_tasks_and_lists_every_page(built_site: Path) -> None:
    soup = soup_of(built_site, "index.html")
    article = soup.select_one("article")
    tasks = article.select_one("nav.mappa-tasks")
    assert tasks is not None and tasks.find_previous("h1") is not None
    assert not tasks.find_all_previous("h2")  # nothing but the title and one sentence before the tasks
    hrefs = [a["href"] for a in tasks.find_all("a") if "headerlink" not in a.get("class", [])]
    assert 3 <= len(hrefs) <= 5 and hrefs[0] == "calculator/index.html"
    assert "if-you-are-asked.html" in hrefs and any(h.startswith("process.html#") for h in hrefs)
    for href in hrefs:
        path, _, anchor = href.partition("#")
        assert not anchor or soup_of(built_site, path).find(id=anchor) is not None, href
    phone = tasks.find_next("a", href=re.compile(r"^tel:"))
    assert phone is not None and phone.find_previous("h2") == tasks.find("h2")  # before any other section
    linked = {urljoin("index.html", a["href"]).split("#")[0] for a in article.find_all("a", href=True)}
    missing = [page.file for page in nav_pages(ROOT) if page.file != "index.md" and page.file.removesuffix(".md") + ".html" not in linked]
    assert missing == []


@pytest.mark.slow
def test_if_you_are_asked_has_a_title_that_says_what_it_answers_at_its_old_address(built_site: Path) -> None:
    soup = soup_of(built_site, "if-you-are-asked.html")
    assert soup.find("h1").get_text(strip=True).rstrip("¶") == "When someone asks about a patient"
    assert soup.select_one("nav.md-nav a[href='if-you-are-asked.html']").get_text(" ", strip=True) == "When someone asks about a patient"


@pytest.mark.slow
@pytest.mark.parametrize("page", guidance_pages())
def test_each_guidance_page_ends_with_related_pages_a_contents_list_and_its_sources(built_site: Path, page: str) -> None:
    html_page = page.removesuffix(".md") + ".html"
    soup = soup_of(built_site, html_page)
    article = soup.select_one("article")
    related = article.find(id="related")
    assert related is not None and related.name == "h2", page
    links = related.find_next("ul").find_all("a")
    assert links and all((built_site / urljoin(html_page, a["href"])).is_file() for a in links), page
    sections = [(h["id"], h.get_text(strip=True).rstrip("¶")) for h in article.find_all("h2") if h["id"] not in FURNITURE]
    contents = article.select_one("nav.mappa-contents")
    if len(sections) >= 3:
        assert contents is not None, page
        assert [(a["href"].lstrip("#"), a.get_text(strip=True)) for a in contents.find_all("a")] == sections, page
        assert contents.find_previous(["h1", "h2", "p"]).name in {"h1", "p"} and not contents.find_all_previous("h2"), page
    else:
        assert contents is None, page
    numbered_sources_resolve(built_site, html_page, soup)


def numbered_sources_resolve(site: Path, page: str, soup: BeautifulSoup) -> None:
    """Every numbered citation leads to an item of "Sources for this page", numbered in
    order of first citation, each linking to its entry on the Sources page."""
    refs = [a["href"] for a in soup.select("article sup.mappa-ref a")]
    assert refs, page
    first_seen = list(dict.fromkeys(int(href.removeprefix("#source-")) for href in refs))
    assert first_seen == list(range(1, len(first_seen) + 1)), page
    listed = soup.find(id="sources-for-this-page").find_next("ol").find_all("li")
    assert len(listed) == len(first_seen), page
    sources_page = soup_of(site, "sources.html")
    for number, item in enumerate(listed, 1):
        link = item.find("a", id=f"source-{number}")
        assert link is not None and link["href"].startswith("sources.html#"), (page, number)
        assert sources_page.find(id=link["href"].split("#", 1)[1]) is not None, (page, number)
    for ref in soup.select("article sup.mappa-ref a"):
        assert ref.get_text(" ", strip=True).startswith("Source "), page  # the number's name, for a screen reader


@pytest.mark.slow
def test_unsettled_points_are_a_quiet_inset_not_a_warning(built_site: Path) -> None:
    insets = 0
    for page in html_pages(built_site):
        article = soup_of(built_site, page).select_one("article")
        assert not article.select(".admonition.warning"), page
        for inset in article.select(".admonition.mappa-check"):
            assert inset.select_one(".admonition-title").get_text(strip=True) == "Not confirmed: check with the MAPPA office"
            insets += 1
    assert insets >= 5


@pytest.mark.slow
def test_last_updated_is_under_the_title_of_each_page_a_change_names(built_site: Path) -> None:
    named = {page for note in DATA_NOW.changes.changes for page in note.pages if page.endswith(".md")}
    assert len(named) >= 5
    for page in sorted(named):
        soup = soup_of(built_site, page.removesuffix(".md") + ".html")
        line = soup.select_one("article .mappa-updated")
        assert line is not None and line.get_text(" ", strip=True).startswith("Last updated "), page
        assert line.find_previous_sibling() is not None and line.find_previous_sibling().name == "h1", page
        assert line.find("a", string="see what changed")["href"].split("#")[0].endswith("what-changed.html"), page


def test_a_related_page_that_does_not_exist_is_an_error_at_its_line(project_copy: Path) -> None:
    page = project_copy / "content" / "levels.md"
    replace_in(page, "  - process.md\n", "  - proces.md\n")
    with pytest.raises(DataError) as caught:
        render_sources(load_data(DATA), project_copy)
    (problem,) = caught.value.problems
    line = 1 + page.read_text(encoding="utf-8").splitlines().index("  - proces.md")
    assert (problem.path.endswith("content/levels.md"), problem.line, problem.column) == (True, line, 5)
    assert problem.message == "no page 'proces.md' in content/ (did you mean 'process.md'?)"


def test_who_should_look_again_is_on_what_changed_and_in_the_feed(data_copy: Path) -> None:
    from generator.render.change_feed import feed_xml

    replace_in(
        data_copy / "changes.yaml",
        "    pages:\n      - registered-person.md\n",
        "    pages:\n      - registered-person.md\n    look_again: Health visitors who see registered parents\n",
    )
    data = load_data(data_copy)
    page = render_sources(data, ROOT)["what-changed.md"].decode("utf-8")
    assert "Who should look again: Health visitors who see registered parents" in page
    assert "Who should look again: Health visitors who see registered parents" in feed_xml(data)


@pytest.mark.slow
def test_every_page_with_three_sections_has_a_contents_list_but_the_home_page_a_to_z_and_calculator(built_site: Path) -> None:
    with_list = []
    for page in html_pages(built_site):
        article = soup_of(built_site, page).select_one("article")
        sections = [h for h in article.find_all("h2") if h.get("id") not in FURNITURE]
        contents = article.select_one("nav.mappa-contents")
        expected = len(sections) >= 3 and page not in {"index.html", "a-z.html"} and not page.startswith("calculator/")
        assert (contents is not None) is expected, page
        if contents is not None:
            with_list.append(page)
    assert {"registered-person.html", "notification-periods.html", "if-you-are-asked.html"} <= set(with_list)
