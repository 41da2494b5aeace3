"""The whole guide as one PDF (site/guide.pdf): its pages, outline, links, text, tags and
metadata, the site's links to it, reproducible bytes, and a guide that cannot be laid out.

The whole-site tests share the session's one build (``built_site``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.errors import BuildError
from generator.load.data import load_data
from generator.render.guide import LINK_PLACEHOLDER, download_text, guide_identifier, guide_pages, render_guide
from generator.render.guide_html import chapter
from generator.render.navigation import nav_pages
from generator.wording import long_date, url_as_written
from generator.write.guide_pdf import GuideLayoutError, write_guide_pdf
from generator.write.pdf_worker import PdfWorker
from tests.conftest import DATA, ROOT, mappa, replace_in, tree_digest

SITE_URL = "https://www.example.org/mappa/"
ANCHORS = {"index.html": "page-index", "sources.html": "page-sources", "calculator/all-outcomes/index.html": "page-calc"}


def squeezed(text: str) -> str:
    """Text with all white space taken out (a PDF's text breaks lines anywhere)."""
    return re.sub(r"\s+", "", text)


# The rewriting of one built page (no build needed).


def article(body: str) -> str:
    return (
        f'<html><body><nav><a href="x.html">menu</a></nav><article class="md-content__inner '
        f'md-typeset">{body}</article><footer>foot</footer></body></html>'
    )


def test_a_page_keeps_its_article_with_ids_made_unique_and_permalinks_dropped() -> None:
    made = chapter(
        article(
            '<h1 id="intro">Intro<a class="headerlink" href="#intro" title="Link">&para;</a></h1>'
            '<p><label for="q">Q</label><a href="#intro">up</a> &amp; more</p>'
        ),
        "index.html",
        ANCHORS,
        SITE_URL,
    )
    assert made.heading == "Intro"
    assert 'id="page-index--intro"' in made.html and 'for="page-index--q"' in made.html
    assert 'href="#page-index--intro"' in made.html and "&amp; more" in made.html
    assert "menu" not in made.html and "foot" not in made.html and "&para;" not in made.html and "headerlink" not in made.html


def test_links_go_to_the_guide_or_to_the_site_and_web_addresses_are_printed() -> None:
    made = chapter(
        article(
            '<p><a href="../../sources.html#soa">A source</a> <a href="../index.html">calculator</a> '
            '<a href="../../leaflet.pdf">leaflet</a> <a href="../../">home</a> <a href="../caution/">caution</a> <a '
            'href="https://www.legislation.gov.uk/ukpga/2003/42">the Act</a> '
            '<a href="https://www.example.org/">www.example.org</a> <a href="mailto:a@example.org">a@example.org</a></p>'
        ),
        "calculator/all-outcomes/index.html",
        ANCHORS,
        SITE_URL,
    )
    assert 'href="#page-sources--soa"' in made.html
    assert 'href="https://www.example.org/mappa/calculator/index.html"' in made.html
    assert "(www.example.org/mappa/calculator/index.html)" in made.html
    assert "(www.example.org/mappa/leaflet.pdf)" in made.html
    assert 'href="#page-index">home</a>' in made.html and "(www.example.org/mappa/calculator/caution/index.html)" in made.html
    assert "(www.legislation.gov.uk/ukpga/2003/42)" in made.html
    assert "(www.example.org)" not in made.html  # the link's text already is its address
    assert 'href="mailto:a@example.org">a@example.org</a></p>' in made.html
    assert made.addresses == [
        "https://www.example.org/mappa/calculator/index.html",
        "https://www.example.org/mappa/leaflet.pdf",
        "https://www.example.org/mappa/calculator/caution/index.html",
        "https://www.legislation.gov.uk/ukpga/2003/42",
        "https://www.example.org/",
    ]


def test_web_only_parts_and_the_link_to_the_guide_are_left_out_print_only_text_stays() -> None:
    made = chapter(
        article(
            '<p>Kept<span class="mappa-print-only"> (printed)</span></p><div class="mappa-web-only"><div>web</div></div>'
            f'<p class="mappa-guide-download"><a href="guide.pdf">{LINK_PLACEHOLDER}</a></p><p>After</p>'
        ),
        "index.html",
        ANCHORS,
        SITE_URL,
    )
    assert "(printed)" in made.html and "After" in made.html
    assert "web" not in made.html and LINK_PLACEHOLDER not in made.html and "guide.pdf" not in made.html


def test_the_guides_pages_follow_the_navigation_without_the_a_to_z_and_with_every_outcome() -> None:
    nav = nav_pages(ROOT)
    pages = guide_pages(ROOT)
    assert [page.title for page in pages] == [page.title for page in nav if page.file != "a-z.md"]
    assert "a-z.html" not in [page.built_path for page in pages]
    calculator = [page for page in pages if page.title == "Notification period calculator"]
    assert [(page.built_path, page.replaced) for page in calculator] == [("calculator/all-outcomes/index.html", True)]


def test_the_links_words_state_pages_and_kilobytes() -> None:
    assert download_text(14, 120_400) == "Download the whole guide (PDF, 14 pages, 120 KB)"
    assert download_text(14, 120_500) == "Download the whole guide (PDF, 14 pages, 120 KB)"  # to the nearest, halves to even
    assert download_text(1, 300) == "Download the whole guide (PDF, 1 page, 1 KB)"


def small_guide(folder: Path) -> Path:
    (folder / "guide.css").write_text("@page { size: A4 } .guide-page { break-before: page }", encoding="utf-8")
    html = folder / "guide.html"
    html.write_text(
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="guide.css">'
        '</head><body><p>Cover</p><section class="guide-page"><h1>One</h1></section><section class="guide-page"><h1>Two</h1></section>'
        "</body></html>",
        encoding="utf-8",
    )
    return html


def test_the_pdf_process_makes_the_guide_after_the_leaflet_and_gives_its_page_count(tmp_path: Path) -> None:
    html = small_guide(tmp_path)
    with PdfWorker() as worker:
        worker.start_guide(html, tmp_path / "guide.pdf", "test")
        assert worker.wait() == 3
    made = PdfReader(tmp_path / "guide.pdf")
    assert len(made.pages) == 3
    assert made.trailer["/Root"]["/PageMode"] == "/UseOutlines"  # opened with its outline, made in either process


def test_a_guide_weasyprint_cannot_lay_out_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint import HTML

    def broken(self, *args, **kwargs):
        raise IndexError("list index out of range\n  in a table")

    monkeypatch.setattr(HTML, "render", broken)
    expected = "the whole guide's PDF could not be laid out: IndexError: list index out of range in a table"
    with pytest.raises(GuideLayoutError) as caught:
        write_guide_pdf(small_guide(tmp_path), tmp_path / "guide.pdf", "test")
    assert str(caught.value) == expected
    with PdfWorker() as worker, pytest.raises(GuideLayoutError) as caught:  # through the PDF process, which inherits the fault
        worker.start_guide(tmp_path / "guide.html", tmp_path / "guide.pdf", "test")
        worker.wait()
    assert str(caught.value) == expected
    assert not (tmp_path / "guide.pdf").exists()


def test_the_guide_may_not_load_anything_from_the_network(tmp_path: Path) -> None:
    html = small_guide(tmp_path)
    html.write_text(html.read_text().replace("<p>Cover</p>", '<img src="https://example.invalid/a.png" alt="">'))
    with pytest.raises(BuildError, match="the whole guide may not load anything from the network: https://example.invalid/a.png"):
        write_guide_pdf(html, tmp_path / "guide.pdf", "test")


# The guide of the real site (one build, shared).


@pytest.fixture(scope="module")
def guide(built_site: Path) -> PdfReader:
    return PdfReader(built_site / "guide.pdf")


@pytest.fixture(scope="module")
def page_texts(guide: PdfReader) -> list[str]:
    return [page.extract_text() for page in guide.pages]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every outline entry, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries: list, level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 1)
    return found


def article_soup(built_site: Path, path: str) -> BeautifulSoup:
    soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
    return soup.find("article")


@pytest.mark.slow
def test_the_home_page_and_every_footer_give_the_real_page_count_and_size(built_site: Path, guide: PdfReader) -> None:
    expected = download_text(len(guide.pages), (built_site / "guide.pdf").stat().st_size)
    match = re.fullmatch(r"Download the whole guide \(PDF, (\d+) pages, (\d+) KB\)", expected)
    assert match and int(match[1]) == len(guide.pages) > 10
    assert abs(int(match[2]) * 1000 - (built_site / "guide.pdf").stat().st_size) <= 500
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in home.select("article a[href='guide.pdf']")] == [expected]
    for page in ("index.html", "privacy.html", "calculator/index.html", "calculator/all-outcomes/index.html", "404.html"):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        links = soup.select("footer a[href$='guide.pdf']")
        assert [a.get_text() for a in links] == [expected], page
    for page in built_site.rglob("*.html"):
        assert LINK_PLACEHOLDER not in page.read_text(encoding="utf-8"), page
    assert "guide.pdf" in (built_site / "_headers").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_outline_has_every_page_in_order_and_its_sections(built_site: Path, guide: PdfReader) -> None:
    entries = outline(guide)
    pages = guide_pages(ROOT)
    titles = [page.title if not page.replaced else article_soup(built_site, page.built_path).h1.get_text().strip("¶ ") for page in pages]
    assert [title for level, title, _page in entries if level == 1] == titles
    assert "Every notification period in one table" in titles and "A to Z" not in titles
    for page, title in zip(pages, titles, strict=False):
        start = next(i for i, (level, text, _page) in enumerate(entries) if level == 1 and text == title)
        following = entries[start + 1 :]
        end = next((i for i, (level, _t, _p) in enumerate(following) if level == 1), len(following))
        headings = article_soup(built_site, page.built_path).find_all("h2")
        h2s = [" ".join(h2.get_text().replace("¶", "").split()) for h2 in headings if not h2.find_parent(class_="mappa-web-only")]
        assert [text for level, text, _page in following[:end] if level == 2] == h2s, page.title
    assert entries[0][2] == 3  # after the cover and the contents


@pytest.mark.slow
def test_the_guide_opens_with_its_outline_shown(guide: PdfReader) -> None:
    root = guide.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    assert "/Outlines" in root and len(outline(guide)) > 10


@pytest.mark.slow
def test_the_cover_carries_the_issue_date_from_the_data(page_texts: list[str]) -> None:
    site = load_data(DATA).site
    cover = [" ".join(line.split()) for line in page_texts[0].splitlines()]
    issued = f"Issued {long_date(site.last_reviewed)}"
    assert issued in cover and cover.index(issued) < cover.index(f"Last reviewed {long_date(site.last_reviewed)}.")
    assert issued not in " ".join(page_texts[1:])  # on the cover alone


@pytest.mark.slow
def test_the_contents_page_gives_each_pages_number(guide: PdfReader, page_texts: list[str]) -> None:
    contents = page_texts[1]
    assert contents.startswith("Contents")
    for level, title, number in outline(guide):
        if level == 1:
            assert re.search(re.escape(title) + r"\s*\.*\s*" + str(number) + r"\b", contents), (title, number)


@pytest.mark.slow
def test_internal_links_go_to_the_page_that_holds_their_heading(built_site: Path, guide: PdfReader, page_texts: list[str]) -> None:
    html = render_guide(load_data(DATA), ROOT, built_site).html
    soup = BeautifulSoup(html, "html.parser")
    headings = {tag["id"]: " ".join(tag.get_text().split()) for tag in soup.find_all(re.compile("^h[1-6]$")) if tag.get("id")}
    headings |= {section["id"]: " ".join(section.h1.get_text().split()) for section in soup.select("section.guide-page")}
    destinations = {name: guide.get_destination_page_number(dest) for name, dest in guide.named_destinations.items()}
    checked = 0
    for number, page in enumerate(guide.pages):
        for annotation in page.get("/Annots") or []:
            name = str(annotation.get_object().get("/Dest") or "")
            assert not name or name in destinations, name  # no link inside the guide goes nowhere
            if name in headings:
                assert squeezed(headings[name]) in squeezed(page_texts[destinations[name]]), (number + 1, name)
                checked += 1
    assert checked >= 100
    # One known link: the statutory table's source, on the Sources page.
    sources = next(entry for entry in outline(guide) if entry[1] == "Sources")[2]
    assert destinations["page-sources--soa-2003-s82"] + 1 >= sources


@pytest.mark.slow
def test_every_web_link_is_followed_by_its_address(guide: PdfReader, page_texts: list[str]) -> None:
    addresses = 0
    for number, page in enumerate(guide.pages):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None or action.get("/S") != "/URI" or not str(action["/URI"]).startswith("http"):
                continue
            shown = squeezed(url_as_written(str(action["/URI"])))
            assert shown in squeezed(page_texts[number] + "".join(page_texts[number + 1 : number + 2])), (number + 1, shown)
            addresses += 1
    assert addresses >= 30
    whole = squeezed("".join(page_texts))
    assert "www.norfolkmappa.org.uk/calculator/index.html" in whole  # the calculator's questions, on the site
    assert "www.norfolkmappa.org.uk/leaflet.pdf" in whole


@pytest.mark.slow
def test_every_page_says_printed_copies_may_be_out_of_date(page_texts: list[str]) -> None:
    for number, text in enumerate(page_texts, start=1):
        assert "Printed copies may be out of date: check the website (www.norfolkmappa.org.uk)." in text, number


@pytest.mark.slow
def test_the_notification_table_is_on_one_page(built_site: Path, page_texts: list[str]) -> None:
    table = article_soup(built_site, "notification-periods.html").find("table")
    cells = [" ".join(cell.get_text().split()) for cell in table.find_all(["th", "td"])]
    holding = [number for number, text in enumerate(page_texts) if squeezed(cells[0]) in squeezed(text)]
    assert holding, cells[0]
    assert all(squeezed(cell) in squeezed(page_texts[holding[0]]) for cell in cells)


@pytest.mark.slow
def test_the_calculator_is_its_table_of_every_outcome_not_its_questions(built_site: Path, page_texts: list[str]) -> None:
    whole = squeezed("".join(page_texts))
    rows = article_soup(built_site, "calculator/all-outcomes/index.html").find("tbody").find_all("tr")
    assert len(rows) > 10
    for row in rows:
        assert squeezed(row.find_all("td")[-1].get_text()) in whole
    question = article_soup(built_site, "calculator/what-happened/index.html").find("h1").get_text().strip("¶ ")
    assert question == "What happened in court, or with the police?"
    assert squeezed(question) not in whole
    assert "Download the whole guide" not in "".join(page_texts)


@pytest.mark.slow
def test_the_guide_is_a_tagged_pdf_ua_document(guide: PdfReader) -> None:
    root = guide.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp
    site = load_data(DATA).site
    assert guide.metadata.title == site.site_title and guide.metadata.author == site.owner


@pytest.mark.slow
def test_the_guide_gives_the_same_bytes_each_time(built_site: Path, tmp_path: Path) -> None:
    """Made again twice from the built pages: byte for byte the PDF the build published."""
    data = load_data(DATA)
    files = render_guide(data, ROOT, built_site)
    (tmp_path / "guide.html").write_text(files.html, encoding="utf-8")
    (tmp_path / "guide.css").write_text(files.css, encoding="utf-8")
    write_guide_pdf(tmp_path / "guide.html", tmp_path / "a.pdf", guide_identifier(data))
    write_guide_pdf(tmp_path / "guide.html", tmp_path / "b.pdf", guide_identifier(data))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == (built_site / "guide.pdf").read_bytes()


@pytest.mark.slow
def test_title_and_author_come_from_the_data_and_a_failed_guide_keeps_the_previous_site(
    built_site: Path, tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint import HTML

    from generator.write.pipeline import build_site

    replace_in(
        data_copy / "site.yaml", "site_title: Norfolk MAPPA for health professionals", "site_title: Norfolk MAPPA guide for clinicians"
    )
    replace_in(data_copy / "site.yaml", "owner: Norfolk MAPPA office", "owner: Norfolk MAPPA team")
    out = tmp_path / "site"
    build_site(data_copy, out, ROOT)
    changed = PdfReader(out / "guide.pdf")
    assert (changed.metadata.title, changed.metadata.author) == ("Norfolk MAPPA guide for clinicians", "Norfolk MAPPA team")
    assert "Norfolk MAPPA guide for clinicians" in changed.pages[0].extract_text()

    # The same site again with a guide WeasyPrint cannot lay out: one line, and the site as it was.
    shutil.rmtree(out)
    shutil.copytree(built_site, out)
    before = tree_digest(out)
    real_render = HTML.render

    def render(self, *args, **kwargs):
        if str(self.base_url).endswith("guide.html"):
            raise IndexError("list index out of range")
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", render)
    replace_in(data_copy / "site.yaml", "owner: Norfolk MAPPA team", "owner: Norfolk MAPPA office")  # a guide not made before
    result = mappa("build", "--data", str(data_copy), "--out", str(out))
    assert result.returncode == 1, result.stderr
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert lines[0] == "error: the whole guide's PDF could not be laid out: IndexError: list index out of range", lines
    assert "Traceback" not in result.stderr and len(lines) == 2
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging folder left


def test_the_rendered_sources_never_hold_the_link() -> None:
    """`mappa render` and the MkDocs hook write these: no placeholder, no link to a guide they do not make."""
    from generator.write.pipeline import render_sources

    for name, payload in render_sources(load_data(DATA), ROOT).items():
        assert LINK_PLACEHOLDER.encode() not in payload and b"guide.pdf" not in payload, name


@pytest.mark.slow
def test_mkdocs_and_the_preview_build_pages_without_the_link(tmp_path: Path) -> None:
    """`mkdocs build` (through the hook) and `mappa serve` make no guide, so they link to none."""

    from generator.write.preview import PreviewBuilder
    from tests.conftest import mkdocs_build

    result = mkdocs_build(tmp_path / "mkdocs")
    assert result.returncode == 0, result.stderr
    builder = PreviewBuilder(ROOT, DATA, tmp_path / "preview", report=lambda line: None)
    builder()
    assert builder.problems == []
    for site in (tmp_path / "mkdocs", tmp_path / "preview" / "site"):
        assert (site / "index.html").is_file() and not (site / "guide.pdf").exists()
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert LINK_PLACEHOLDER not in text and "guide.pdf" not in text and "Download the whole guide" not in text, page
