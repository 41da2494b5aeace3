"""What changed: the change notes in changes.yaml, the What changed page, each page's
"Last updated" line and the Atom feed changes.xml."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.errors import DataError
from generator.load.data import load_data
from generator.render.change_feed import change_feed_files, feed_xml, page_titles
from generator.write.pipeline import render_sources
from tests.conftest import DATA, MAPPA, MKDOCS_ENV, ROOT, replace_in, run_check

SITE_URL = "https://www.norfolkmappa.org.uk/"
NOTES = """\
changes:
  - date: 2026-01-10
    summary: "Old note: <b>bold</b> & more"
    pages:
      - gp-record.md
  - date: 2026-03-05
    summary: First note of March
    pages:
      - contact.md
      - gp-record.md
  - date: 2026-03-05
    summary: Second note of March
    pages:
      - privacy.md
      - calculator/index.md
"""


def write_notes(data: Path, text: str) -> None:
    """Replace the notes in a data folder's changes.yaml."""
    (data / "changes.yaml").write_text(text, encoding="utf-8")


def problems_of(data: Path) -> list[tuple[int, int, str]]:
    """The problems loading and rendering ``data`` gives: (line, column, message)."""
    with pytest.raises(DataError) as caught:
        render_sources(load_data(data), ROOT)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


@pytest.fixture
def notes(data_copy: Path) -> Path:
    write_notes(data_copy, NOTES)
    return data_copy


# --- the notes as data --------------------------------------------------------------


def test_a_date_to_come_is_refused_at_its_line(data_copy: Path) -> None:
    replace_in(
        data_copy / "changes.yaml",
        '  - date: 2026-11-23\n    summary: "New page: What a',
        '  - date: 2999-01-01\n    summary: "New page: What a',
    )
    with pytest.raises(DataError) as caught:
        load_data(data_copy)
    assert [(p.path.endswith("changes.yaml"), p.line, p.column, p.message) for p in caught.value.problems] == [
        (True, 6, 11, "'date': 2999-01-01 is a day still to come: date a change note the day the change is published")
    ]


def test_todays_date_is_accepted(data_copy: Path) -> None:
    today = dt.date.today().isoformat()
    write_notes(data_copy, f"changes:\n  - date: {today}\n    summary: Today\n    pages:\n      - gp-record.md\n")
    assert load_data(data_copy).changes.changes[0].date.isoformat() == today


def test_today_is_the_areas_day_not_the_machines(data_copy: Path) -> None:
    """A note dated today in England is accepted on a machine whose own zone is already, or
    still, on another day; a note dated that other day, if it is still to come in England,
    is refused."""
    from zoneinfo import ZoneInfo

    london = dt.datetime.now(ZoneInfo("Europe/London")).date()
    # UTC-12 and UTC+14 are 26 hours apart: at any moment one of them is on another day than London.
    zone = next(name for name in ("Etc/GMT+12", "Etc/GMT-14") if dt.datetime.now(ZoneInfo(name)).date() != london)
    machine_day = dt.datetime.now(ZoneInfo(zone)).date()
    env = {**MKDOCS_ENV, "TZ": zone}
    for day, accepted in ((london, True), (machine_day, machine_day < london)):
        write_notes(data_copy, f"changes:\n  - date: {day.isoformat()}\n    summary: Today\n    pages:\n      - gp-record.md\n")
        # `period` reads the whole data (the notes' dates included), without the pages' review rule
        result = subprocess.run(
            [MAPPA, "period", "--disposal", "caution", "--data", str(data_copy)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert (result.returncode == 0) is accepted, (zone, day, result.stderr)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("gp-recrod.md", "no page 'gp-recrod.md' on the site (did you mean 'gp-record.md'?)"),
        ("gp-record", "no page 'gp-record' on the site (did you mean 'gp-record.md'?)"),
        ("content/gp-record.md", "no page 'content/gp-record.md' on the site (did you mean 'gp-record.md'?)"),
        ("qqqqqqqq.md", "no page 'qqqqqqqq.md' on the site (name a page by its file in content/, for example 'gp-record.md')"),
    ],
)
def test_a_page_that_does_not_exist_is_refused_at_its_line(notes: Path, page: str, message: str) -> None:
    replace_in(notes / "changes.yaml", "      - privacy.md", f"      - {page}")
    assert problems_of(notes) == [(14, 9, message)]


def test_a_page_named_twice_in_one_note_is_refused(notes: Path) -> None:
    replace_in(notes / "changes.yaml", "      - calculator/index.md", "      - privacy.md")
    assert problems_of(notes) == [(15, 9, "the page 'privacy.md' is listed twice in this note")]


def test_unknown_key_multi_line_summary_and_missing_pages_are_located(notes: Path) -> None:
    replace_in(notes / "changes.yaml", "    summary: First note of March", "    sumary: First note of March")
    replace_in(notes / "changes.yaml", "    summary: Second note of March", "    summary: |\n      Second note\n      of March")
    replace_in(notes / "changes.yaml", "    pages:\n      - gp-record.md\n  - date: 2026-03-05", "  - date: 2026-03-05")
    with pytest.raises(DataError) as caught:
        load_data(notes)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (2, 5, "missing field 'pages'"),
        (4, 5, "missing field 'summary'"),
        (5, 5, "unknown field 'sumary' (did you mean 'summary'?)"),
        (10, 14, "'summary': the summary must be one line: write it all on the line of 'summary:'"),
    ]


# --- the What changed page and each page's footer ---------------------------------------


def test_the_page_lists_notes_newest_first_and_each_affected_page_links_to_its_note(notes: Path) -> None:
    files = {name: text.decode("utf-8") for name, text in render_sources(load_data(notes), ROOT).items() if name.endswith(".md")}
    page = files["what-changed.md"]
    headings = re.findall(r"^### (.*) \{ #(change-[0-9-]+) \}$", page, re.M)
    assert headings == [
        ("Second note of March", "change-2026-03-05-2"),
        ("First note of March", "change-2026-03-05-1"),
        (r"Old note: &lt;b&gt;bold&lt;/b&gt; &amp; more", "change-2026-01-10-1"),
    ]
    assert page.index("## 5 March 2026") < page.index("## 10 January 2026")
    assert "- [Notification period calculator](calculator/index.md)" in page and "(changes.xml)" in page
    expected = {
        "gp-record.md": "Last updated 5 March 2026: [see what changed](what-changed.md#change-2026-03-05-1)",
        "contact.md": "Last updated 5 March 2026: [see what changed](what-changed.md#change-2026-03-05-1)",
        "privacy.md": "Last updated 5 March 2026: [see what changed](what-changed.md#change-2026-03-05-2)",
        "calculator/index.md": "Last updated 5 March 2026: [see what changed](../what-changed.md#change-2026-03-05-2)",
    }
    shown = {name: line for name, text in files.items() for line in text.splitlines() if line.startswith("Last updated")}
    assert shown == expected
    for line in expected.values():
        assert "{ #" + line.rsplit("#", 1)[1].rstrip(")") + " }" in page


def test_anchors_stay_when_newer_notes_are_added(notes: Path) -> None:
    before = feed_xml(load_data(notes))
    (notes / "changes.yaml").write_text(
        NOTES + "  - date: 2026-04-01\n    summary: Newer\n    pages:\n      - gp-record.md\n", encoding="utf-8"
    )
    after = feed_xml(load_data(notes))
    ids = lambda xml: re.findall(r"<id>(.*?)</id>", xml)  # noqa: E731
    assert ids(after) == [ids(after)[0], f"{SITE_URL}what-changed.html#change-2026-04-01-1", *ids(before)[1:]]


def test_no_notes_no_footer_line(data_copy: Path) -> None:
    write_notes(data_copy, "changes: []\n")
    files = render_sources(load_data(data_copy), ROOT)
    assert not [name for name, text in files.items() if b"Last updated" in text]
    assert b"No changes have been noted yet." in files["what-changed.md"]
    parsed = feedparser.parse(feed_xml(load_data(data_copy)))
    site_reviewed = load_data(data_copy).site.last_reviewed.isoformat()  # no note: the site's own review date
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated == f"{site_reviewed}T00:00:00Z"


# --- the feed -------------------------------------------------------------------------


def test_the_feed_is_atom_with_absolute_stable_ids_and_the_notes_dates(notes: Path) -> None:
    data = load_data(notes)
    first, second = change_feed_files(data, ROOT), change_feed_files(load_data(notes), ROOT)
    assert first == second and list(first) == ["changes.xml"]
    parsed = feedparser.parse(first["changes.xml"])
    assert (parsed.bozo, parsed.version) == (False, "atom10"), parsed.get("bozo_exception")
    assert parsed.feed.id == f"{SITE_URL}changes.xml"
    assert parsed.feed.updated == "2026-03-05T00:00:00Z"
    assert {(link.rel, link.href) for link in parsed.feed.links} == {
        ("self", f"{SITE_URL}changes.xml"),
        ("alternate", f"{SITE_URL}what-changed.html"),
    }
    entries = [(e.id, e.link, e.title, e.updated) for e in parsed.entries]
    assert entries == [
        (f"{SITE_URL}what-changed.html#change-2026-03-05-2",) * 2 + ("Second note of March", "2026-03-05T00:00:00Z"),
        (f"{SITE_URL}what-changed.html#change-2026-03-05-1",) * 2 + ("First note of March", "2026-03-05T00:00:00Z"),
        (f"{SITE_URL}what-changed.html#change-2026-01-10-1",) * 2 + ("Old note: <b>bold</b> & more", "2026-01-10T00:00:00Z"),
    ]
    content = BeautifulSoup(parsed.entries[0].content[0].value, "html.parser")
    assert [(a["href"], a.get_text()) for a in content.find_all("a")] == [
        (f"{SITE_URL}privacy.html", "Privacy"),
        (f"{SITE_URL}calculator/index.html", "Notification period calculator"),
    ]


def test_the_feed_and_page_change_when_the_notes_change(notes: Path) -> None:
    feed, page = change_feed_files(load_data(notes), ROOT), render_sources(load_data(notes), ROOT)["what-changed.md"]
    replace_in(notes / "changes.yaml", "Second note of March", "Second note of March, reworded")
    feed2, page2 = change_feed_files(load_data(notes), ROOT), render_sources(load_data(notes), ROOT)["what-changed.md"]
    assert feed != feed2 and page != page2
    assert b"Second note of March, reworded" in feed2["changes.xml"] and b"Second note of March, reworded" in page2


def test_the_site_url_makes_every_address(notes: Path) -> None:
    replace_in(notes / "site.yaml", "site_url: https://www.norfolkmappa.org.uk/", "site_url: https://example.org/mappa/")
    xml = feed_xml(load_data(notes), page_titles(ROOT))
    addresses = re.findall(r'(?:href="|<id>)([^"<]+)', xml)
    assert addresses and all(a.startswith("https://example.org/mappa/") for a in addresses)


# --- the commands ---------------------------------------------------------------------


def test_check_reports_a_missing_page_in_every_format(project: Path) -> None:
    replace_in(project / "data" / "changes.yaml", "      - registered-person.md", "      - registered-persn.md")
    message = "no page 'registered-persn.md' on the site (did you mean 'registered-person.md'?)"
    text, as_json = run_check(project), run_check(project, "--format", "json")
    assert (text.returncode, text.stderr) == (1, f"data/changes.yaml:9:9: {message}\n1 problem found.\n")
    assert as_json.returncode == 1 and json.loads(as_json.stdout) == [
        {"file": "data/changes.yaml", "line": 9, "column": 9, "severity": "error", "message": message}
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - registered-person.md",
            "      - registered-persn.md",
            "data/changes.yaml:9:9: no page 'registered-persn.md' on the site (did you mean 'registered-person.md'?)",
        ),
        (
            '  - date: 2026-11-23\n    summary: "New page: What a',
            '  - date: 2999-01-01\n    summary: "New page: What a',
            "data/changes.yaml:6:11: 'date': 2999-01-01 is a day still to come: date a change note the day the change is published",
        ),
    ],
    ids=["missing page", "date to come"],
)
def test_build_refuses_a_bad_note_in_one_line(project: Path, old: str, new: str, expected: str) -> None:
    replace_in(project / "data" / "changes.yaml", old, new)
    result = subprocess.run([MAPPA, "build", "--out", "site"], cwd=project, capture_output=True, text=True, timeout=120, env=MKDOCS_ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[0] == expected
    assert not (project / "site").exists()


# --- the built site -------------------------------------------------------------------


@pytest.mark.slow
def test_the_built_site_carries_the_feed_the_page_and_the_links(built_site: Path) -> None:
    parsed = feedparser.parse((built_site / "changes.xml").read_bytes())
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries
    page = BeautifulSoup((built_site / "what-changed.html").read_text(encoding="utf-8"), "html.parser")
    ids = {entry.id.split("#", 1)[1] for entry in parsed.entries}
    assert ids <= {tag["id"] for tag in page.find_all(id=True)}
    assert page.find("a", href="changes.xml")
    for note in load_data(DATA).changes.changes:
        for name in note.pages:
            if name.endswith(".pdf"):  # the leaflet or the guide: named on What changed, with no line of their own
                assert page.find("li", string=re.compile(r"\(PDF\)$")) is not None, name
                continue
            html = BeautifulSoup((built_site / name.replace(".md", ".html")).read_text(encoding="utf-8"), "html.parser")
            link = html.find("a", string="see what changed")
            assert link is not None and "Last updated" in link.parent.get_text(), name
            target = link["href"].split("#")
            assert target[0].endswith("what-changed.html") and target[1] in ids, name
    assert (
        BeautifulSoup((built_site / "glossary.html").read_text(encoding="utf-8"), "html.parser").find("a", string="see what changed")
        is None
    )


@pytest.mark.slow
def test_every_page_names_the_feed_in_its_head(built_site: Path) -> None:
    """Feed readers find the feed from any page, the calculator's and the 404 page included."""
    for page in [built_site / "index.html", built_site / "calculator" / "index.html", built_site / "404.html"]:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        feeds = head.find_all("link", rel="alternate", type="application/atom+xml")
        assert len(feeds) == 1, page
        assert (page.parent / feeds[0]["href"]).resolve() == (built_site / "changes.xml").resolve() or feeds[0]["href"] == "/changes.xml"
        assert feeds[0]["title"].endswith(": what changed") and "&amp;" not in feeds[0]["title"]
