"""`mappa serve` shows problems in the browser: a broken data file, page or template puts a
page listing every problem (escaped, one line each) in place of the site, and the open page
goes back to the site by itself once they are fixed. The preview's pages let the server's
live-reload script run; the published policies do not change."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.errors import BuildError, DataError, Problem
from generator.web_policy import header_policy, meta_policy, preview_policy
from generator.write.folder_watch import FolderWatch
from generator.write.preview import PreviewBuilder, problem_lines, watched_paths
from generator.write.preview_page import HINT, TITLE, error_page
from tests.conftest import MAPPA, MKDOCS_ENV, ROOT, WALES, replace_in

NORWICH = "  - name: Norwich\n    source: norfolk-leaflet\n"
TYPO = NORWICH + "    adress: 1 Example Street\n"
FIXED = NORWICH + "    address: 1 Example Street\n"
HOSTILE = NORWICH + "    \"<script>alert('x')</script>\": 1\n"
WAIT_MS = 30_000  # the longest a test waits for the preview to show a change (a bound: a pass takes far less)


# --- fast: the builder's failures, the problems page, the preview's policy ---------------


def test_broken_data_puts_the_problems_at_every_page(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", NORWICH, TYPO)
    said: list[str] = []
    builder = PreviewBuilder(ROOT, data_copy, tmp_path / "preview", report=said.append)
    builder()  # returns, never raises: the server would stall
    assert builder.problems == [f"{data_copy / 'venues.yaml'}:7:5: unknown field 'adress' (did you mean 'address'?)"]
    assert said == [*builder.problems, "1 problem found: the preview shows it until it is fixed."]
    expected = error_page(builder.problems)
    contents = {path.relative_to(ROOT / "content").with_suffix(".html").as_posix() for path in (ROOT / "content").rglob("*.md")}
    for name in contents | {"index.html", "404.html"}:
        assert (builder.site / name).read_bytes() == expected, name
    assert "unknown field &#x27;adress&#x27;" in expected.decode()
    missing = builder.error_response(404)  # an address no page covers: the same page, asking again itself
    assert missing is not None and b'<meta http-equiv="refresh"' in missing and b"adress" in missing


def test_a_problem_is_shown_as_text_never_as_markup(tmp_path: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", NORWICH, HOSTILE)
    builder = PreviewBuilder(ROOT, data_copy, tmp_path / "preview", report=lambda line: None)
    builder()
    assert any("<script>alert('x')</script>" in line for line in builder.problems)
    page = (builder.site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script" not in page  # the server adds its own live-reload script when it serves the page


def test_a_template_error_in_a_page_names_the_file_and_line(tmp_path: Path, project_copy: Path, data_copy: Path) -> None:
    page = project_copy / "content" / "contact.md"
    line = len(page.read_text(encoding="utf-8").splitlines()) + 1
    page.write_text(page.read_text(encoding="utf-8") + "{{ office.nam }}\n", encoding="utf-8")
    builder = PreviewBuilder(project_copy, data_copy, tmp_path / "preview", report=lambda line: None)
    builder()
    (problem,) = builder.problems
    assert problem.startswith(f"{page}:{line}:1: template error: ") and "nam" in problem


def test_any_other_failure_is_one_line() -> None:
    assert problem_lines(ZeroDivisionError("division by zero\nsecond line")) == ["error: ZeroDivisionError: division by zero second line"]
    assert problem_lines(BuildError("the site engine stopped:\nAborted")) == ["error: the site engine stopped: Aborted"]
    located = DataError(
        [
            Problem("content/contact.md", 7, 16, "the link 'x.md' goes to a page that does not exist"),
            Problem("", 0, 0, "the site engine: something else"),
        ]
    )
    assert problem_lines(located) == [
        "error: the site engine: something else",
        "content/contact.md:7:16: the link 'x.md' goes to a page that does not exist",
    ]


@pytest.mark.slow
def test_a_broken_link_is_shown_at_its_line(tmp_path: Path, project_copy: Path, data_copy: Path) -> None:
    page = project_copy / "content" / "contact.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("# Contact us", "# Contact us\n\nSee [the venues](venus.md).", 1), encoding="utf-8"
    )
    builder = PreviewBuilder(project_copy, data_copy, tmp_path / "preview", report=lambda line: None)
    builder()
    assert builder.problems == [f"{page}:7:18: the link 'venus.md' goes to a page that does not exist"]


def test_the_problems_page_stands_alone() -> None:
    page = error_page(["data/site.yaml:2:1: one", "error: two"]).decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert f"<title>{TITLE}</title>" in page and f"<h1>{TITLE}</h1>" in page and HINT in page
    assert "<main>" in page and page.count("<li><code>") == 2
    assert not re.search(r"\b(src|href)=", page) and "url(" not in page and "@import" not in page
    assert "refresh" not in page


def test_the_preview_policy_allows_the_live_reload_and_nothing_published_changes() -> None:
    assert preview_policy("page") == meta_policy("page").replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert preview_policy("calculator") == meta_policy("calculator").replace("script-src 'none'", "script-src 'unsafe-inline'")
    assert preview_policy("leaflet") == meta_policy("leaflet") + "; script-src 'unsafe-inline'"
    for kind in ("page", "calculator", "leaflet"):
        assert "connect-src 'self'" in preview_policy(kind)
        assert "unsafe-inline" not in meta_policy(kind) + header_policy(kind)


def test_the_data_in_use_is_watched_and_the_cache_is_not(tmp_path: Path, project_copy: Path, data_copy: Path) -> None:
    (project_copy / ".cache").mkdir(exist_ok=True)  # seeded with the PDFs, or not
    watched = watched_paths(project_copy, data_copy)
    names = ("data", "content", "templates", "translations", "mkdocs.yml")
    assert watched == [data_copy.resolve(), *(project_copy.resolve() / name for name in names)]


@pytest.mark.slow
def test_a_bilingual_area_is_previewed_in_both_languages_and_its_welsh_problems_shown(tmp_path: Path) -> None:
    area = tmp_path / "area"
    shutil.copytree(WALES, area)
    builder = PreviewBuilder(ROOT, area, tmp_path / "preview", report=lambda line: None)
    builder()
    assert builder.problems == [] and {"levels.html", "cy/levels.html", "cy/calculator/caution/index.html"} <= builder.pages
    assert f'content="{preview_policy("page")}"' in (builder.site / "cy" / "levels.html").read_text(encoding="utf-8")
    (area / "cy" / "venues.yaml").unlink()
    builder()
    [problem] = builder.problems
    assert problem.startswith(f"{area / 'venues.yaml'}:") and problem.endswith(f"no Welsh for this file: add {area / 'cy' / 'venues.yaml'}")
    assert "no Welsh for this file" in (builder.site / "cy" / "levels.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_site_comes_back_when_the_data_is_fixed(tmp_path: Path, data_copy: Path) -> None:
    builder = PreviewBuilder(ROOT, data_copy, tmp_path / "preview", report=lambda line: None)
    builder()
    assert builder.problems == [] and "calculator/caution/index.html" in builder.pages
    contact = (builder.site / "contact.html").read_text(encoding="utf-8")
    assert f'content="{preview_policy("page")}"' in contact
    calculator = (builder.site / "calculator/caution/index.html").read_text(encoding="utf-8")
    assert f'content="{preview_policy("calculator")}"' in calculator
    assert "unsafe-inline" in (builder.site / "leaflet.html").read_text(encoding="utf-8")
    replace_in(data_copy / "venues.yaml", NORWICH, TYPO)
    builder()
    assert TITLE in (builder.site / "calculator/caution/index.html").read_text(encoding="utf-8")  # a page of the last good build
    replace_in(data_copy / "venues.yaml", TYPO, FIXED)
    builder()
    assert builder.problems == [] and "Norwich: 1 Example Street" in (builder.site / "process.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_error_in_a_theme_override_names_the_override_and_its_line(tmp_path: Path, project_copy: Path, data_copy: Path) -> None:
    override = project_copy / "templates" / "overrides" / "main.html"
    text = override.read_text(encoding="utf-8")
    line = text.splitlines().index("{% block site_meta %}") + 1
    override.write_text(text.replace("{% block site_meta %}", "{% block site_meta %}{{ 1 // 0 }}"), encoding="utf-8")
    builder = PreviewBuilder(project_copy, data_copy, tmp_path / "preview", report=lambda line: None)
    builder()
    assert builder.problems == [f"{override}:{line}:1: template error: division by zero"]


# --- in Chromium: `mappa serve` as an editor runs it ----------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """One `mappa serve` process, its terminal output in a file, and its temporary folder."""

    def __init__(self, project: Path, data: Path, folder: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.terminal = folder / "terminal.txt"
        self.tmp = folder / "tmp"
        self.tmp.mkdir()
        with self.terminal.open("wb") as out:
            self.process = subprocess.Popen(
                [MAPPA, "serve", "--data", str(data), "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**MKDOCS_ENV, "TMPDIR": str(self.tmp)},
            )

    def wait_until_serving(self) -> None:
        """Return once the server answers; fail if it stopped or took too long."""
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(self.base + "contact.html", timeout=5).close()
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                assert self.process.poll() is None, self.output()
                assert time.monotonic() < deadline, self.output()
                time.sleep(0.2)

    def output(self) -> str:
        """What the terminal showed so far."""
        return self.terminal.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL if it has not ended within 20 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def start_preview(tmp_path: Path) -> Iterator[Callable[[Path, Path], Preview]]:
    """Start `mappa serve`; every server started is stopped at the end, even on failure."""
    started: list[Preview] = []

    def start(project: Path, data: Path) -> Preview:
        preview = Preview(project, data, tmp_path)
        started.append(preview)
        preview.wait_until_serving()
        return preview

    yield start
    for preview in started:
        preview.stop()


@pytest.fixture
def browser_page():
    """A Chromium page, with every script error, console error and dialog it meets."""
    from tests.browser import chromium

    with chromium() as browser:
        context = browser.new_context()
        pages = []

        def new_page():
            page = context.new_page()
            page.seen = {"errors": [], "console": [], "dialogs": []}
            page.on("pageerror", lambda error: page.seen["errors"].append(str(error)))
            page.on("console", lambda message: page.seen["console"].append((message.type, message.text)))
            page.on("dialog", lambda dialog: (page.seen["dialogs"].append(dialog.message), dialog.dismiss()))
            pages.append(page)
            return page

        yield new_page
        context.close()


def problems_shown(page) -> list[str]:
    """The problems listed on the open page, once it is the problems page."""
    page.wait_for_selector(f"h1:text-is('{TITLE}')", timeout=WAIT_MS)
    return page.locator("main li code").all_inner_texts()


def no_script_trouble(page) -> None:
    assert page.seen["errors"] == [] and page.seen["dialogs"] == []
    assert [text for kind, text in page.seen["console"] if kind == "error"] == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_open_pages_show_the_problems_and_go_back_to_the_site_by_themselves(
    start_preview, browser_page, project_copy: Path, data_copy: Path
) -> None:
    preview = start_preview(project_copy, data_copy)
    contact, process = browser_page(), browser_page()
    for page, name in ((contact, "contact.html"), (process, "process.html")):
        with page.expect_console_message(lambda message: message.text == "Enabled live reload", timeout=WAIT_MS):
            page.goto(preview.base + name)  # the preview's policy lets the live-reload script run

    replace_in(data_copy / "venues.yaml", NORWICH, TYPO)  # the test never reloads a page from here on
    problem = f"{data_copy / 'venues.yaml'}:7:5: unknown field 'adress' (did you mean 'address'?)"
    assert problems_shown(contact) == [problem] and problems_shown(process) == [problem]
    assert problem in preview.output().splitlines()  # the terminal shows the same line

    replace_in(data_copy / "venues.yaml", TYPO, FIXED)
    process.wait_for_selector("text=Norwich: 1 Example Street", timeout=WAIT_MS)
    contact.wait_for_selector("h1:has-text('Contact us')", timeout=WAIT_MS)

    replace_in(data_copy / "venues.yaml", FIXED, HOSTILE)  # markup in a problem is shown as text
    (shown,) = problems_shown(contact)
    assert "unknown field '<script>alert('x')</script>'" in shown
    assert contact.locator("main script").count() == 0

    replace_in(data_copy / "venues.yaml", HOSTILE, FIXED)
    contact.wait_for_selector("h1:has-text('Contact us')", timeout=WAIT_MS)
    page_file = project_copy / "content" / "contact.md"  # a template error names its file and line
    line = len(page_file.read_text(encoding="utf-8").splitlines()) + 1
    page_file.write_text(page_file.read_text(encoding="utf-8") + "{{ office.nam }}\n", encoding="utf-8")
    (shown,) = problems_shown(contact)
    assert shown.startswith(f"content/contact.md:{line}:1: template error: ")
    for page in (contact, process):
        no_script_trouble(page)

    preview.stop()
    assert "Stopped by SIGTERM" in preview.output() and "Traceback" not in preview.output()
    assert os.listdir(preview.tmp) == []  # the temporary site is removed


@pytest.mark.browser
@pytest.mark.slow
def test_starting_with_broken_data_serves_the_problems(start_preview, browser_page, project_copy: Path, data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", NORWICH, TYPO)
    preview = start_preview(project_copy, data_copy)
    home, calculator = browser_page(), browser_page()
    home.goto(preview.base)
    calculator.goto(preview.base + "calculator/caution/index.html")  # no page there yet: answered as missing
    for page in (home, calculator):
        assert problems_shown(page) == [f"{data_copy / 'venues.yaml'}:7:5: unknown field 'adress' (did you mean 'address'?)"]
    replace_in(data_copy / "venues.yaml", TYPO, FIXED)
    home.wait_for_selector("h1:has-text('guidance for health professionals')", timeout=WAIT_MS)
    calculator.wait_for_selector(".mappa-answers a", timeout=WAIT_MS)  # the question's answers: the page itself, not the problems
    assert TITLE not in calculator.content()
    no_script_trouble(home)


# --- a watched folder made, removed or replaced while the server runs ---------------------


class RecordingServer:
    """Stands in for the live-reload server: records what it is told to watch."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def watch(self, path: str) -> None:
        self.calls.append(("watch", path))

    def unwatch(self, path: str) -> None:
        self.calls.append(("unwatch", path))


def test_a_folder_moved_away_and_back_or_made_later_is_watched_again(tmp_path: Path) -> None:
    area, later, signal = tmp_path / "area", tmp_path / "later", tmp_path / "signal"
    area.mkdir()
    server = RecordingServer()
    watch = FolderWatch(server, [area, later], signal)
    assert server.calls == [("watch", str(area)), ("watch", str(signal))]
    assert watch.check() is False and not (signal / "changed").exists()
    area.rename(tmp_path / "away")
    assert watch.check() is True and server.calls[-1] == ("unwatch", str(area))
    assert (signal / "changed").read_text(encoding="utf-8") == "1\n"  # the server rebuilds: the folder is missing
    (tmp_path / "away").rename(area)
    later.mkdir()
    assert watch.check() is True and server.calls[-2:] in (
        [("watch", str(area)), ("watch", str(later))],
        [("watch", str(later)), ("watch", str(area))],
    )
    assert (signal / "changed").read_text(encoding="utf-8") == "2\n"
    assert watch.check() is False


def page_text(preview: Preview, name: str) -> str:
    """The page as the preview serves it now; nothing yet if it has not answered within 5
    seconds (busy rebuilding on a busy machine): the caller asks again until its deadline."""
    try:
        with urllib.request.urlopen(preview.base + name, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except TimeoutError:
        return ""
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return ""
        raise


def wait_for_page(preview: Preview, name: str, text: str) -> None:
    """Return once the page holds ``text``; fail after WAIT_MS."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while text not in page_text(preview, name):
        assert time.monotonic() < deadline, preview.output()
        time.sleep(0.2)


@pytest.mark.slow
def test_the_preview_follows_a_data_folder_moved_away_and_put_back(start_preview, project_copy: Path, data_copy: Path) -> None:
    preview = start_preview(project_copy, data_copy)
    data_copy.rename(data_copy.with_name("away"))
    wait_for_page(preview, "contact.html", "data folder not found")
    replace_in(data_copy.with_name("away") / "contacts.yaml", "name: Norfolk MAPPA office", "name: Testshire MAPPA office")
    data_copy.with_name("away").rename(data_copy)
    wait_for_page(preview, "contact.html", "Testshire MAPPA office")
