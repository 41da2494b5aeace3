"""Other MAPPA areas: a made-up area's own site, new-area placeholders, and build-all."""

from __future__ import annotations

import datetime as dt_module
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.load.data import LOCAL_FILES, NATIONAL_FILES, load_data
from generator.wording import long_date
from generator.write.pipeline import build_site
from tests.conftest import DATA, MAPPA, ROOT, mappa

EXAMPLESHIRE = ROOT / "tests" / "fixtures" / "areas" / "exampleshire"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NORFOLK_MARKERS = ["Norfolk", "01603 276320", "mappp@norfolk.pnn.police.uk", "norfolkmappa", "King's Lynn", "Wymondham"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MAPPA, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def exampleshire_site(once_per_run) -> Path:
    def build(folder: Path) -> Path:
        build_site(EXAMPLESHIRE, folder / "site", ROOT)
        return folder / "site"

    return once_per_run("exampleshire", build)


def test_the_area_folder_holds_only_local_files() -> None:
    assert sorted(p.name for p in EXAMPLESHIRE.iterdir()) == sorted(LOCAL_FILES)
    assert not set(LOCAL_FILES) & set(NATIONAL_FILES)


@pytest.mark.slow
def test_made_up_area_pages_carry_its_own_contacts_and_none_of_norfolks(exampleshire_site: Path) -> None:
    area = load_data(EXAMPLESHIRE)
    office = area.contacts.office
    for page in sorted(exampleshire_site.rglob("*.html")):
        text = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        leaked = [marker for marker in NORFOLK_MARKERS if marker in page.read_text(encoding="utf-8")]
        assert leaked == [], page.relative_to(exampleshire_site)
        if page.name != "404.html":
            assert office.phone in text and office.email in text, page.relative_to(exampleshire_site)
    process = (exampleshire_site / "process.html").read_text(encoding="utf-8")
    assert "Examplton" in process and "Sampleford" in process


@pytest.mark.slow
def test_made_up_area_pdf_carries_its_own_contacts(exampleshire_site: Path) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(str(exampleshire_site / "leaflet.pdf")).pages)
    unbroken = text.replace("\n", "")  # a long address may wrap at any point in the leaflet's narrow box
    assert "01632 960001" in text and "office@mappa.example.org" in unbroken and "Exampleshire" in text
    assert not [marker for marker in NORFOLK_MARKERS if marker in text]


@pytest.mark.slow
def test_national_facts_are_shared(exampleshire_site: Path) -> None:
    national = load_data(DATA)
    text = (exampleshire_site / "notification-periods.html").read_text(encoding="utf-8")
    assert all(row.description in " ".join(text.split()) for row in national.notification_periods.rows)


def test_new_area_is_complete_but_fails_until_filled_in(tmp_path: Path) -> None:
    folder = tmp_path / "newshire"
    result = run("new-area", str(folder), "--name", "Newshire")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(LOCAL_FILES)
    check = run("check", "--data", str(folder))
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert problems and all(": still to fill in: " in line for line in problems), problems
    assert summary == f"{len(problems)} problems found."
    for filename in ("site.yaml", "contacts.yaml", "venues.yaml", "procedures.yaml", "area_sources.yaml"):
        assert any(f"{filename}:" in line for line in problems), filename
    assert "Newshire MAPPA office" in (folder / "contacts.yaml").read_text(encoding="utf-8")


def test_new_area_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x", encoding="utf-8")
    result = run("new-area", str(tmp_path / "used"), "--name", "X")
    assert result.returncode == 1 and "is not empty" in result.stderr


@pytest.fixture(scope="module")
def built_all(once_per_run) -> tuple[subprocess.CompletedProcess[str], Path]:
    """build-all run once on two areas that build and one that does not: its result and OUT."""
    return once_per_run("build-all", build_all_once)


def build_all_once(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    areas = tmp_path / "areas"
    areas.mkdir()
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    shutil.copytree(DATA, areas / "norfolk")
    assert run("new-area", str(areas / "unfinished"), "--name", "Unfinished").returncode == 0
    out = tmp_path / "out"
    return run("build-all", str(areas), "--out", str(out)), out


@pytest.mark.slow
def test_build_all_builds_each_area_and_reports_the_failures(built_all: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, out = built_all
    assert result.returncode == 1
    assert "exampleshire: built in" in result.stdout and "norfolk: built in" in result.stdout
    assert "unfinished: FAILED" in result.stderr and "still to fill in" in result.stderr
    assert f"2 area(s) listed in {out}/index.html and {out}/areas.json" in result.stdout.splitlines()
    assert "2 of 3 folder(s) built; failed: unfinished." in result.stdout
    assert "01632 960001" in (out / "exampleshire" / "contact.html").read_text(encoding="utf-8")
    assert "01603 276320" in (out / "norfolk" / "contact.html").read_text(encoding="utf-8")
    assert not (out / "unfinished").exists()


def expected_entries() -> list[dict]:
    """What the index must say of the two areas that build, from their data."""
    entries = []
    for folder, data_dir in (("exampleshire", EXAMPLESHIRE), ("norfolk", DATA)):
        data = load_data(data_dir)
        site, office = data.site, data.contacts.office
        due = site.last_reviewed.replace(year=site.last_reviewed.year + site.review_every_months // 12)
        assert site.review_every_months % 12 == 0
        entries.append(
            {
                "folder": folder,
                "name": site.area_name,
                "site_title": site.site_title,
                "site_url": site.site_url,
                "path": f"{folder}/index.html",
                "office": {"name": office.name, "phone": office.phone, "email": office.email, "website": office.website},
                "last_reviewed": site.last_reviewed.isoformat(),
                "next_review_due": due.isoformat(),
            }
        )
    return entries


@pytest.mark.slow
def test_build_all_lists_the_areas_it_built_in_a_page_and_as_data(built_all: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _result, out = built_all
    expected = expected_entries()
    listed = json.loads((out / "areas.json").read_text(encoding="utf-8"))
    assert listed == {"generator": "mappa build-all", "areas": expected}  # the unfinished area is not listed
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en-GB" and soup.title.get_text() and len(soup.find_all("h1")) == 1
    assert soup.find("script") is None
    cards = soup.select("ul.areas > li")
    assert [card.h2.get_text() for card in cards] == [entry["name"] for entry in expected]
    for card, entry in zip(cards, expected, strict=False):
        office = entry["office"]
        pairs = {dt.get_text(): dt.find_next_sibling("dd") for dt in card.find_all("dt")}
        links = {label: (dd.a["href"], dd.a.get_text()) for label, dd in pairs.items() if dd.a}
        assert links["Site"] == (entry["site_url"], entry["site_title"])
        assert links["Copy built here"] == (entry["path"], entry["folder"] + "/") and (out / entry["path"]).is_file()
        assert links["Phone"] == ("tel:" + office["phone"].replace(" ", ""), office["phone"])
        assert links["Email"] == ("mailto:" + office["email"], office["email"])
        assert links["Website"][0] == office["website"]
        assert pairs["MAPPA office"].get_text() == office["name"]
        for label, key in (("Last reviewed", "last_reviewed"), ("Next review due", "next_review_due")):
            day = dt_module.date.fromisoformat(entry[key])
            assert pairs[label].time["datetime"] == entry[key] and pairs[label].get_text() == long_date(day)


@pytest.mark.slow
def test_the_list_of_areas_is_valid_html(built_all: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _result, out = built_all
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", str(out / "index.html")], capture_output=True, text=True, timeout=300
    )
    assert json.loads(result.stderr)["messages"] == []  # no error, and no warning either
    assert result.returncode == 0


@pytest.mark.slow
@pytest.mark.browser
def test_the_list_of_areas_is_accessible_on_a_phone_under_its_own_policy(built_all: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    from tests.browser import chromium, serve
    from tests.in_browser.test_quality import AXE, VIEWPORTS, WCAG_TAGS

    _result, out = built_all
    requests, problems = [], []
    with serve(out) as base, chromium() as browser:
        context = browser.new_context(**VIEWPORTS["phone"])  # the page's own policy applies: axe goes in by evaluate
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(base + "index.html", wait_until="load")
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        styled = page.evaluate("() => getComputedStyle(document.querySelector('ul.areas')).listStyleType")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result => result.violations.map(v => v.id))", WCAG_TAGS
        )
        context.close()
    assert violations == []
    assert widths[0] <= widths[1]  # no scrolling sideways at 390 pixels
    assert styled == "none"  # its stylesheet is allowed by the policy's hash
    assert requests == [base + "index.html"] and problems == []  # nothing else is loaded or blocked


@pytest.mark.slow
def test_build_all_builds_one_area_per_core_at_a_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import generator.write.areas as module

    running = tmp_path / "running"
    running.mkdir()

    def fake_build(data_dir: Path, out_dir: Path, root: Path) -> module.AreaResult:
        """Stands in for a build in each area's process: notes how many run at once."""
        mine = running / data_dir.name
        mine.touch()
        together = len(list(running.iterdir()))
        time.sleep(0.5)
        mine.unlink()
        return module.AreaResult(data_dir.name, out_dir, warning=str(together))

    monkeypatch.setattr(module, "build_area", fake_build)  # the forked processes inherit this
    monkeypatch.setattr(module.os, "cpu_count", lambda: 2)
    areas = tmp_path / "areas"
    areas.mkdir()
    for name in ("a", "b", "c"):
        shutil.copytree(EXAMPLESHIRE, areas / name)
    results = module.build_all(areas, tmp_path / "out", ROOT)
    assert [(r.area, r.ok) for r in results] == [("a", True), ("b", True), ("c", True)]
    assert max(int(r.warning) for r in results) == 2  # two at a time, never three


# --- the list of areas (OUT/index.html, OUT/areas.json): without building whole sites ---


def test_an_area_name_with_markup_is_shown_as_text() -> None:
    from dataclasses import replace

    from generator.render.areas_index import area_entry, areas_json, areas_page

    name = '<script>alert("x")</script> & <b>Shire</b>'
    entry = area_entry("a&b", load_data(EXAMPLESHIRE))
    entry = replace(entry, name=name, site_title=f"<i>{name}</i>", office=replace(entry.office, name=f"<em>{name}</em>"))
    html = areas_page([entry], ROOT / "templates").decode("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None and soup.find("i") is None and soup.find("em") is None
    assert soup.select_one("ul.areas > li h2").get_text() == name
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Shire&lt;/b&gt;" in html
    assert soup.find("a", href="a%26b/index.html").get_text() == "a&b/"
    assert json.loads(areas_json([entry]))["areas"][0]["name"] == name


def test_the_pages_policy_allows_its_own_stylesheet_and_nothing_else() -> None:
    import base64
    import hashlib

    from generator.render.areas_index import PAGE_START, area_entry, areas_page

    html = areas_page([area_entry("exampleshire", load_data(EXAMPLESHIRE))], ROOT / "templates")
    assert html.startswith(PAGE_START)
    soup = BeautifulSoup(html, "html.parser")
    style = soup.find("style").string
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert policy == f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


@pytest.fixture
def quick_builds(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """build-all with each area's site build replaced by an empty marked folder, made after
    the delay the returned dict gives for the area (so areas finish in any order chosen)."""
    import generator.write.pipeline as pipeline
    from generator.write.output_folder import MARKER

    delays: dict[str, float] = {}

    def fake_build_site(data_dir: Path, out_dir: Path, root: Path) -> None:
        """Stands in for a whole site's build, in each area's process."""
        time.sleep(delays.get(data_dir.name, 0))
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / MARKER).write_text("Made by `mappa build`.\n", encoding="utf-8")
        (out_dir / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")

    monkeypatch.setattr(pipeline, "build_site", fake_build_site)  # the forked processes inherit this
    return delays


def build_all_here(areas: Path, out: Path):
    """`mappa build-all AREAS --out OUT` run in this process (so that quick_builds applies)."""
    return mappa("build-all", str(areas), "--out", str(out))


@pytest.mark.slow
def test_two_runs_give_the_same_bytes_whatever_order_the_areas_finish_in(tmp_path: Path, quick_builds: dict[str, float]) -> None:
    areas = tmp_path / "areas"
    for name in ("ashire", "bshire"):
        shutil.copytree(EXAMPLESHIRE, areas / name)
    replace_in_file(areas / "bshire" / "site.yaml", 'area_name: "Exampleshire"', 'area_name: "Bshire"')
    made = []
    for out, slow in ((tmp_path / "one", "ashire"), (tmp_path / "two", "bshire"), (tmp_path / "one", "bshire")):
        quick_builds.clear()
        quick_builds[slow] = 0.5  # the other area finishes first
        result = build_all_here(areas, out)
        assert result.returncode == 0, result.stderr
        made.append(((out / "index.html").read_bytes(), (out / "areas.json").read_bytes()))
    assert made[0] == made[1] == made[2]  # the third run replaced the first run's files with the same
    assert [a["folder"] for a in json.loads(made[0][1])["areas"]] == ["ashire", "bshire"]
    assert [h2.get_text() for h2 in BeautifulSoup(made[0][0], "html.parser").find_all("h2")] == ["Exampleshire", "Bshire"]


def replace_in_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_is_listed_when_no_area_built(tmp_path: Path) -> None:
    from generator.render.areas_index import JSON_START, PAGE_START

    areas = tmp_path / "areas"
    shutil.copytree(EXAMPLESHIRE, areas / "unfinished")
    replace_in_file(areas / "unfinished" / "site.yaml", "last_reviewed: 2026-12-07", "last_reviewed: FILL IN")
    result = run("build-all", str(areas), "--out", str(tmp_path / "new"))
    assert result.returncode == 1 and result.stdout.splitlines() == ["0 of 1 folder(s) built; failed: unfinished."]
    assert not (tmp_path / "new").exists()
    old = tmp_path / "old"
    old.mkdir()
    (old / "index.html").write_bytes(PAGE_START + b": an earlier list")
    (old / "areas.json").write_bytes(JSON_START + b": an earlier list")
    result = run("build-all", str(areas), "--out", str(old))
    assert result.returncode == 1 and "listed" not in result.stdout
    assert (old / "index.html").read_bytes() == PAGE_START + b": an earlier list"  # kept as it was
    assert (old / "areas.json").read_bytes() == JSON_START + b": an earlier list"
    assert sorted(p.name for p in old.iterdir()) == ["areas.json", "index.html"]


@pytest.mark.parametrize("name", ["index.html", "areas.json"])
def test_a_file_build_all_did_not_write_is_refused_before_any_build(tmp_path: Path, name: str) -> None:
    areas = tmp_path / "areas"
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "mine").write_text("<!DOCTYPE html>\n<p>My own page.</p>\n", encoding="utf-8")
    (out / name).write_text("<!DOCTYPE html>\n<p>My own page.</p>\n", encoding="utf-8")
    (out / "linked").symlink_to(tmp_path / "mine")
    result = run("build-all", str(areas), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'error: "{out / name}" was not written by mappa build-all, which lists the areas there: move it away or choose another --out'
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(["linked", name])  # nothing built
    assert (out / name).read_text(encoding="utf-8") == "<!DOCTYPE html>\n<p>My own page.</p>\n"
    (out / name).unlink()
    from generator.render.areas_index import PAGE_START

    (tmp_path / "mine").write_bytes(PAGE_START)
    (out / "linked").rename(out / "index.html")  # a link, even to a file that looks like mappa's, is not mappa's
    result = run("build-all", str(areas), "--out", str(out))
    assert result.returncode == 1 and 'index.html" was not written by mappa build-all' in result.stderr
    assert (out / "index.html").is_symlink() and not (out / "exampleshire").exists()


def test_the_list_is_never_written_in_the_project_folder(project: Path) -> None:
    areas = project.parent / "areas"
    shutil.copytree(EXAMPLESHIRE, areas / "exampleshire")
    before = sorted(p.name for p in project.iterdir())
    result = run("build-all", str(areas), "--out", ".", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'error: "." ({project}) is the project folder: build-all writes index.html and areas.json in OUT; choose another --out'
    ]
    assert sorted(p.name for p in project.iterdir()) == before


@pytest.mark.parametrize("name", ["index.html", "areas.json"])
def test_an_area_folder_named_like_the_list_of_areas_is_refused_before_any_build(tmp_path: Path, name: str) -> None:
    areas = tmp_path / "areas"
    shutil.copytree(ROOT / "tests" / "fixtures" / "areas" / "exampleshire", areas / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "areas" / "exampleshire", areas / "exampleshire")
    out = tmp_path / "out"
    result = run("build-all", str(areas), "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f'error: the area folder "{areas / name}" would be built into {out / name}, where build-all lists the areas: '
        f"rename the folder (such as {name.split('.')[0]}-area)"
    ]
    assert not out.exists()  # refused before anything was built
