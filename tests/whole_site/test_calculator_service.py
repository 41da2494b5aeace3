"""The calculator as a service (GOV.UK's start page, question pages, check answers): a start
page with Start now, questions indexed by nobody, worked end dates that agree with
`mappa period`, the other periods a person may have been told, and every address it ever
had still answering."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.load.data import load_data
from generator.render.calculator_pages import page_file
from generator.rules.flow import UNDER_18, build_flow, period_words
from generator.rules.terms import Term
from tests.conftest import DATA, ROOT, mappa

pytestmark = pytest.mark.slow

TABLE = load_data(DATA).notification_periods
FLOW = build_flow(TABLE)
ADDRESSES = [
    line for line in (ROOT / "tests/fixtures/calculator_addresses.txt").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
]


def soup_of(built_site: Path, path: tuple[str, ...]) -> BeautifulSoup:
    return BeautifulSoup((built_site / page_file(path).replace(".md", ".html")).read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def long_date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d %B %Y").date()


def test_the_start_page_says_what_it_answers_and_starts_the_first_question(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "calculator/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text().strip("¶ ") == "How long is the notification period?"
    start = soup.find("a", class_="mappa-start")
    assert start.get_text(strip=True) == "Start now" and start["href"] == "what-happened/index.html"
    text = text_of(soup)
    assert "What you need to know" in text and "When to ask the MAPPA office instead" in text
    assert "Last reviewed" in text  # the start page's review dates stay


def test_questions_are_not_indexed_and_carry_no_review_date(built_site: Path) -> None:
    sitemap = ElementTree.fromstring((built_site / "sitemap.xml").read_bytes())
    listed = {loc.text.split("/", 3)[3] for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in FLOW.questions:
        soup = soup_of(built_site, path)
        assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}), path
        assert "Last reviewed" not in text_of(soup.find("article")), path
        assert page_file(path).replace(".md", ".html") not in listed, path
    assert "calculator/index.html" in listed
    assert {page_file(path).replace(".md", ".html") for path in FLOW.outcomes} <= listed


def test_every_address_the_calculator_had_still_answers(built_site: Path) -> None:
    assert len(ADDRESSES) == 25
    for address in ADDRESSES:
        assert (built_site / address).is_file(), address


FIXED = (
    r"if the person was (?:convicted|cautioned) on (\d+ \w+ \d{4})"
    r"(?: and given a conditional discharge of (\w+ \w+))?, the last day of the period is (\d+ \w+ \d{4})"
)


def term_inside(path: tuple[str, ...]) -> str:
    """A prison term inside the range chosen on the way to ``path``, in months."""
    bounds = FLOW.outcomes[path].row.term
    return f"{bounds.lower + 1 if bounds.lower is not None else 1}m"


def test_every_worked_example_agrees_with_mappa_period(built_site: Path) -> None:
    checked = 0
    for path, page in FLOW.outcomes.items():
        text = text_of(soup_of(built_site, path))
        fixed = re.search(FIXED, text)
        review = re.search(r"first notified the police on (\d+ \w+ \d{4}) may apply from (\d+ \w+ \d{4}) \((\d+ \w+ \d{4}) if", text)
        if period_words(page) in ("", "no notification"):
            assert not fixed and not review, path
            continue
        args = ["period", "--disposal", path[0], "--json"]
        args += ["--term", term_inside(path)] if path[0] == "imprisonment" and page.row.term is not None else []
        args += ["--under-18"] if path[-1] == UNDER_18 else []
        if review:
            first, adult, young = (long_date(review.group(n)) for n in (1, 2, 3))
            answer = json.loads(mappa(*args).stdout)
            assert answer["indefinite"] and answer["review_after_years"] == 15, path
            assert (adult, young) == (first.replace(year=first.year + 15), first.replace(year=first.year + 8)), path
        else:
            assert fixed, path
            if fixed.group(2):
                args += ["--term", Term(years=int(fixed.group(2).split()[0])).iso().removeprefix("P").lower()]
            ran = mappa(*args, "--relevant-date", long_date(fixed.group(1)).isoformat())
            assert ran.returncode == 0, ran.stderr
            assert json.loads(ran.stdout)["ends_on"] == long_date(fixed.group(3)).isoformat(), path
        checked += 1
    assert checked == 14


def test_the_other_periods_listed_agree_with_the_table(built_site: Path) -> None:
    every = {period_words(page) for page in FLOW.outcomes.values()} - {""}
    for path, page in FLOW.outcomes.items():
        soup = soup_of(built_site, path)
        heading = next((h for h in soup.find_all("h2") if h.get_text().startswith("If the person was told a different period")), None)
        if period_words(page) in ("", "no notification"):
            assert heading is None, path
            continue
        items = heading.find_next("ul").find_all("li")
        listed = {}
        for item in items:
            words = item.find("strong").get_text().lower()
            listed[words] = [a["href"] for a in item.find_all("a")]
            for href in listed[words]:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page_file(path)), href))
                assert period_words(FLOW.outcomes[tuple(target.split("/")[1:-1])]) == words, (path, href)
        assert set(listed) == every - {period_words(page)}, path


def test_the_focused_layout_has_no_side_navigation_contents_or_next_page(built_site: Path) -> None:
    for path in [(), ("imprisonment",), ("caution", "under-18"), ("not-sure",)]:
        soup = soup_of(built_site, path)
        assert soup.select_one(".md-sidebar--primary").has_attr("hidden"), path
        assert soup.select_one(".md-sidebar--secondary").has_attr("hidden"), path
        assert not soup.select(".md-footer__link"), path
