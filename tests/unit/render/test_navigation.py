"""The generator's reader of mkdocs.yml's navigation (the guide's PDF and the A to Z use it)."""

from generator.render.navigation import NavPage, nav_pages
from tests.conftest import ROOT


def test_the_project_navigation_in_order_with_sections():
    pages = nav_pages(ROOT)
    assert pages[0] == NavPage("Home", "index.md")
    assert NavPage("What MAPPA is", "what-is-mappa.md", ("About MAPPA",)) in pages
    files = [page.file for page in pages]
    assert files.index("notification-periods.md") < files.index("calculator/index.md") < files.index("privacy.md")
    assert len(files) == len(set(files))


def test_external_links_are_left_out_and_bare_files_take_their_name(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "nav:\n  - index.md\n  - Outside: https://example.org/\n  - Part:\n      - Deep:\n          - Page: part/page.md\n",
        encoding="utf-8",
    )
    assert nav_pages(tmp_path) == [NavPage("index", "index.md"), NavPage("Page", "part/page.md", ("Part", "Deep"))]
