"""Issue 20: a site_title with '&', '"' or '<' is escaped once, everywhere the theme prints it
(text, the title element and title attributes), never 'Devon &amp;amp; Cornwall'."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import pages_built, replace_in

TITLE = 'Devon & "Cornwall" <MAPPA>'


@pytest.mark.slow
def test_the_site_title_is_escaped_once(data_copy: Path, tmp_path: Path) -> None:
    replace_in(data_copy / "site.yaml", "site_title: Norfolk MAPPA for health professionals", f"site_title: '{TITLE}'")
    out = pages_built(data_copy, tmp_path / "site")
    for page in ("index.html", "calculator/index.html", "404.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "&amp;amp;" not in html and "&amp;#34;" not in html and "&amp;lt;" not in html, page
        soup = BeautifulSoup(html, "html.parser")
        titles = [tag["title"] for tag in soup.find_all(attrs={"title": True}) if "Devon" in tag["title"]]
        assert titles and all(title.startswith(TITLE) for title in titles), (page, titles)
        assert soup.title.get_text().endswith(TITLE), page
