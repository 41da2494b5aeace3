"""The A to Z (site/a-z.html): every page, the guidance pages' sections, every glossary term
and the curated entries of a_to_z.yaml, in alphabetical order, each a link to a place that
exists; made from the data and pages. An entry pointing nowhere is a located error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.render.a_to_z import glossary_anchors, letter_of, markdown_converter, sort_key
from generator.render.navigation import nav_pages
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, replace_in


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rendered(data: Path) -> dict[str, str]:
    return {name: body.decode("utf-8") for name, body in render_sources(load_data(data), ROOT).items() if name.endswith(".md")}


def test_glossary_anchors_are_unique_and_need_no_escaping() -> None:
    anchors = glossary_anchors(["Risk management plan (RMP)", "risk management plan RMP", "Ŵyre", "Ωmega", "_x_ {#evil}", "-1."])
    assert list(anchors.values()) == ["risk-management-plan-rmp", "risk-management-plan-rmp-2", "wyre", "mega", "x-evil", "1"]
    assert all(anchor[0].isalnum() and set(anchor) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for anchor in anchors.values())


def test_names_sort_without_case_accents_or_a_leading_the() -> None:
    names = ["the Zoo", "Émile", "apple", "The court's certificate", '"Quoted"', "23 November"]
    assert sorted(names, key=sort_key) == ["23 November", "apple", "The court's certificate", "Émile", '"Quoted"', "the Zoo"]
    assert [letter_of(name) for name in ("The court", "émile", "23 May", "Ωmega")] == ["C", "E", "0–9", "Other"]


def test_the_converter_is_the_site_engines() -> None:
    """The extensions mkdocs.yml lists, and those MkDocs always adds: a heading's own
    { #id } is kept, a heading in a code block is none."""
    converter = markdown_converter(ROOT)
    assert isinstance(converter, markdown.Markdown)
    converter.convert("# T\n\n## Own { #mine }\n\n```\n## not a heading\n```\n")
    assert [(t["name"], t["id"]) for t in converter.toc_tokens[0]["children"]] == [("Own", "mine")]


def test_a_new_glossary_term_changes_the_a_to_z_and_stays_text(data_copy: Path) -> None:
    before = rendered(data_copy)
    term = "Zebra [crossing](javascript:alert(1)) *term* { #evil }"
    replace_in(data_copy / "glossary.yaml", "terms:\n", f"terms:\n  - term: '{term}'\n    meaning: A made-up term.\n")
    after = rendered(data_copy)
    assert "Zebra" not in before["a-z.md"]
    anchor = glossary_anchors([term])[term]
    assert anchor == "zebra-crossingjavascriptalert1-term-evil"
    html = markdown.Markdown(extensions=["attr_list", "def_list", "toc", "md_in_html"]).convert(after["a-z.md"].split("---", 2)[2])
    links = {a.get_text(): a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")}
    assert links[term] == f"glossary.md#{anchor}"
    glossary = BeautifulSoup(
        markdown.Markdown(extensions=["attr_list", "def_list"]).convert(after["glossary.md"].split("---", 2)[2]), "html.parser"
    )
    assert glossary.find("dt", id=anchor).get_text() == term
    assert not glossary.find(id="evil") and not glossary.find("a", href=lambda h: h and "javascript" in h)


def test_the_same_heading_on_two_pages_is_told_apart_by_the_page() -> None:
    text = rendered(DATA)["a-z.md"]
    assert "[After the meeting (Information sharing and minutes)](information-sharing.md#after-the-meeting)" in text
    assert "[After the meeting (What you are asked to do)](health-practitioners.md#after-the-meeting)" in text
    assert "[Conditional discharge (Glossary)](glossary.md#conditional-discharge)" in text
    assert "[Contact us](contact.md)" in text  # a page's own title is never changed


def test_curated_entries_and_their_other_words_are_listed_and_dates_and_citations_are_not() -> None:
    text = rendered(DATA)["a-z.md"]
    assert "[Sarah's Law](if-you-are-asked.md#parent-asks)" in text
    assert "[Records: the police or MAPPA ask for them](if-you-are-asked.md#health-information)" in text
    assert "[Police ask for records](if-you-are-asked.md#health-information)" in text  # another word for it
    assert "[Sex offenders register](registered-person.md)" in text
    assert "[Leaflet to print](index.md#leaflet-to-print)" in text
    for left_out in ("23 November 2026", "New page:", "Sexual Offences Act 2003, section 82", "Sources for this page", "Related"):
        assert f"[{left_out}" not in text, left_out


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("no-such-page.md", "no page 'no-such-page.md' in the site"),
        ("process.md#nowhere", "no section '#nowhere' on the page 'process.md'"),
        ("glossary.md#no-such-term", "no section '#no-such-term' on the page 'glossary.md'"),
    ],
)
def test_an_entry_pointing_nowhere_is_an_error_at_its_line(data_copy: Path, page: str, message: str) -> None:
    from generator.errors import DataError

    path = data_copy / "a_to_z.yaml"
    replace_in(path, "    page: process.md#how-to-refer-to-mappa\n", f"    page: {page}\n")
    with pytest.raises(DataError) as caught:
        rendered(data_copy)
    (problem,) = caught.value.problems
    line = 1 + next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines()) if text == f"    page: {page}")
    assert (problem.path.endswith("a_to_z.yaml"), problem.line, problem.column) == (True, line, 11)
    assert problem.message.startswith(message)


@pytest.mark.slow
def test_every_page_heading_and_term_is_listed_once_in_order_and_each_link_resolves(built_site: Path) -> None:
    page = soup(built_site / "a-z.html")
    article = page.select_one("article")
    links = [a for a in article.select("h2 ~ ul a")]
    targets = [urljoin("a-z.html", a["href"]) for a in links]
    expected = []
    for nav_page in nav_pages(ROOT):  # every page; the sections of the guidance pages (those in a menu section)
        html_file = nav_page.file.removesuffix(".md") + ".html"
        expected.append(html_file)
        if nav_page.file == "a-z.md":
            continue
        content = soup(built_site / html_file).select_one("article")
        if nav_page.sections:
            headings = content.find_all(["h2", "h3", "h4", "h5", "h6"])
            expected += [f"{html_file}#{h['id']}" for h in headings if h["id"] not in {"related", "sources-for-this-page"}]
        expected += [f"{html_file}#{dt['id']}" for dt in content.find_all("dt") if dt.get("id")]
    for entry in load_data(DATA).a_to_z.entries:  # the curated entries, each word for them
        file, _, anchor = entry.page.partition("#")
        expected += [file.removesuffix(".md") + ".html" + (f"#{anchor}" if anchor else "")] * (1 + len(entry.also))
    assert len(expected) > 100
    assert sorted(set(targets)) == sorted(set(expected))  # nothing missing, nothing else
    assert len(targets) <= len(expected)
    glossary_terms = [dt.get_text(" ", strip=True) for dt in soup(built_site / "glossary.html").select("article dt")]
    names = [a.get_text(" ", strip=True) for a in links]
    assert set(glossary_terms) <= {name.removesuffix(" (Glossary)") for name in names}
    assert len(names) == len(set(names))  # duplicates told apart
    assert names == sorted(names, key=lambda name: (sort_key(name), name.casefold()))
    for a, target in zip(links, targets, strict=False):  # each under the letter it starts with
        assert a.find_previous("h2").get_text(strip=True).rstrip("¶") == letter_of(a.get_text(strip=True)), target
    for target in targets:
        parsed = urlparse(target)
        ids = {tag["id"] for tag in soup(built_site / unquote(parsed.path)).find_all(id=True)}
        assert not parsed.fragment or unquote(parsed.fragment) in ids, target
    letters = article.select_one("nav.mappa-a-z-letters")
    headings = {h["id"]: h for h in article.find_all("h2")}
    for item in letters.find_all("li"):
        link = item.find("a")
        if link:
            assert link["href"].lstrip("#") in headings
        else:
            assert item.get_text(strip=True) not in {h.get_text(strip=True).rstrip("¶") for h in headings.values()}
    assert [li.get_text(strip=True) for li in letters.find_all("li")][-26:] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@pytest.mark.slow
def test_every_page_header_links_to_the_a_to_z(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        if path.name == "leaflet.html":
            continue
        link = soup(path).select_one("header a.mappa-a-z-link")
        assert link is not None and link.get_text(strip=True) == "A to Z", path
        assert urlparse(urljoin(path.relative_to(built_site).as_posix(), link["href"])).path.lstrip("/") == "a-z.html", path


def test_headings_are_kept_in_the_cache_and_made_again_when_the_page_or_the_settings_change(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render import a_to_z

    text = "# Title\n\n## First\n\n## Second {: #chosen }\n"
    assert a_to_z.kept_headings(project_copy)(text) == [("First", "first"), ("Second", "chosen")]
    monkeypatch.setattr(a_to_z, "page_headings", lambda *args: pytest.fail("made again, not taken from the cache"))
    assert a_to_z.kept_headings(project_copy)(text) == [("First", "first"), ("Second", "chosen")]
    monkeypatch.undo()
    assert a_to_z.kept_headings(project_copy)(text + "\n## Third\n")[-1] == ("Third", "third")  # another page: made
    assert a_to_z.kept_headings(project_copy)("## Two words\n") == [("Two words", "two-words")]
    replace_in(project_copy / "mkdocs.yml", "      permalink: true\n", "      permalink: true\n      separator: _\n")
    assert a_to_z.kept_headings(project_copy)("## Two words\n") == [("Two words", "two_words")]  # other settings: made again
