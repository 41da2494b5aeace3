"""Benchmark: `mappa build` against a stock Material for MkDocs build of the same pages.

Run with `make bench`. Prints one table; every time is the median of several runs,
measured side by side in one run. Targets are printed beside each figure; nothing
here is a test. Not part of `make test`.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.cache import cache_dir
from generator.write.pdf_cache import pdf_store

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))  # 10-20 s for each page and run
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the stock build runs `mkdocs`, which shows a banner without it

STOCK_CONFIG = """site_name: Stock Material build
docs_dir: {docs}
site_dir: {site}
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, toc]
"""


def seconds(command: list[str], cwd: Path) -> float:
    """Wall-clock time of one run of ``command``."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def median_times(commands: dict[str, tuple[list[str], Path]], before: dict[str, Callable[[], None]]) -> dict[str, float]:
    """Median time of each command, run in turn (one of each per round) so that a busy
    moment of the machine slows them all alike. ``before`` runs ahead of a command's turn."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, (command, cwd) in commands.items():
            before.get(name, lambda: None)()
            times[name].append(seconds(command, cwd))
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Peak resident memory of a command, run alone in a fresh process."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, env=ENV, check=True, capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024


LEAFLET_STAGE = "leaflet (own process in a build)"
GUIDE_STAGE = "whole guide (own process in a build)"


def forget_guides() -> None:
    """Remove every guide PDF kept in the cache (each has its page count beside it), so the
    next build makes the guide again; the leaflet's stays."""
    for pages in pdf_store(ROOT).folder.glob("*.pages"):
        pages.with_suffix(".pdf").unlink(missing_ok=True)
        pages.unlink(missing_ok=True)


def stage_times() -> dict[str, float]:
    """Median time of each stage of `mappa build`, each timed alone, one after another, in
    this process. In `mappa build` itself the leaflet is made in a second process while the
    site engine runs, and the guide after it in that process, from the pages the engine
    built, so the build takes less than the sum of the stages."""
    sys.path.insert(0, str(ROOT))
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.load.data import load_data
    from generator.render.guide import guide_identifier, render_guide
    from generator.render.leaflet import pdf_identifier
    from generator.write.files import write_tree
    from generator.write.guide_pdf import write_guide_pdf
    from generator.write.leaflet_pdf import write_leaflet_pdf
    from generator.write.mkdocs_config import apply_data
    from generator.write.pipeline import render_sources

    stages: dict[str, list[float]] = {"load and validate": [], "render Markdown": [], "site engine": [], LEAFLET_STAGE: [], GUIDE_STAGE: []}
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            start = time.perf_counter()
            data = load_data(ROOT / "data")
            stages["load and validate"].append(time.perf_counter() - start)
            start = time.perf_counter()
            write_tree(render_sources(data, ROOT), work / "docs")
            stages["render Markdown"].append(time.perf_counter() - start)
            start = time.perf_counter()
            write_leaflet_pdf(work / "docs" / "leaflet.html", work / "docs" / "leaflet.pdf", pdf_identifier(data))
            stages[LEAFLET_STAGE].append(time.perf_counter() - start)
            start = time.perf_counter()
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(work / "site"), watch=[])
            mkdocs_build(apply_data(config, data, work / "docs"))
            stages["site engine"].append(time.perf_counter() - start)
            start = time.perf_counter()
            guide = render_guide(data, ROOT, work / "site")
            write_tree({"guide.html": guide.html.encode(), "guide.css": guide.css.encode()}, work / "guide")
            write_guide_pdf(work / "guide" / "guide.html", work / "guide" / "guide.pdf", guide_identifier(data))
            stages[GUIDE_STAGE].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in stages.items()}


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Bytes of a page and of the CSS and JavaScript it loads, and all of them gzip-compressed."""
    from bs4 import BeautifulSoup

    html_path = site / page
    html = html_path.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    css = [html_path.parent / link["href"] for link in soup.find_all("link", rel="stylesheet")]
    js = [html_path.parent / script["src"] for script in soup.find_all("script", src=True)]
    css_bytes = b"".join(p.read_bytes() for p in css)
    js_bytes = b"".join(p.read_bytes() for p in js)
    total = len(gzip.compress(html, mtime=0)) + sum(len(gzip.compress(p.read_bytes(), mtime=0)) for p in css + js)
    return {"html": len(html), "css": len(css_bytes), "js": len(js_bytes), "gzip": total}


NOT_CONTENT = {"404.html", "leaflet.html"}  # the error page, and the leaflet's printable page (no theme)


def heaviest(site: Path, pages: list[str]) -> dict[str, int]:
    """The weight of whichever of ``pages`` weighs most, gzip-compressed with what it loads."""
    return max((page_weight(site, page) for page in pages), key=lambda weight: weight["gzip"])


def fast_test_loop_seconds() -> float:
    """Wall-clock time of the edit-test loop: every test but the browser and slow ones."""
    return seconds([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser and not slow"], ROOT)


# The pages tests/in_browser/test_lighthouse.py checks for accessibility, best practices and SEO.
LIGHTHOUSE_PAGES = [
    "index.html",
    "notification-periods.html",
    "calculator/index.html",
    "calculator/what-happened/index.html",
    "calculator/caution/under-18/index.html",
    "leaflet.html",
]


@contextmanager
def served(site: Path) -> Iterator[tuple[str, str]]:
    """The base URL of ``site`` on a local web server, and which server it is: nginx with the
    configuration `mappa server-config nginx` writes, started as tests/web_server.py starts it."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.web_server import nginx, readable_copy
    except ImportError:
        # TODO: drop this fallback once tests/web_server.py serves the site with Debian's nginx,
        # configured by `mappa server-config nginx`: until then Python's own server, which
        # neither compresses nor sends the site's headers, so performance reads lower.
        from tests.browser import serve

        with serve(site) as base:
            yield base, "Python's http.server"
        return
    with readable_copy(site) as copy, nginx(copy, copy.parent) as base:
        yield base, "nginx"


def lighthouse_performance(site: Path) -> tuple[dict[str, int | None | str], dict[str, str], str]:
    """Each page's median Lighthouse performance score (mobile, simulated throttling), what
    cost it points in its median run, and which server served the site. The pages take
    turns, one Lighthouse at a time, as the builds do. A score is a message when Lighthouse
    cannot run (it is installed by `make test`: npm ci, and Debian's chromium)."""
    sys.path.insert(0, str(ROOT))
    from tests.lighthouse import CHROMIUM, LIGHTHOUSE, LighthouseError, Report, run_lighthouse

    missing = [str(path) for path in (LIGHTHOUSE, Path(CHROMIUM)) if not path.exists()]
    if missing:
        return {page: f"not run: no {', '.join(missing)} (make test installs them)" for page in LIGHTHOUSE_PAGES}, {}, ""
    reports: dict[str, list[Report]] = {page: [] for page in LIGHTHOUSE_PAGES}
    errors: dict[str, str] = {}
    with served(site) as (base, server):
        for _ in range(LIGHTHOUSE_RUNS):
            for page in LIGHTHOUSE_PAGES:
                try:
                    reports[page].append(run_lighthouse(base + page, ("performance",)))
                except LighthouseError as error:  # a run that fails is left out; the others count
                    errors.setdefault(page, f"not run: {str(error).splitlines()[0]}")
    scores: dict[str, int | None | str] = {}
    why: dict[str, str] = {}
    for page, runs in reports.items():
        runs = [run for run in runs if run.scores.get("performance") is not None]
        if not runs:
            scores[page] = errors.get(page, "no score")
            continue
        runs.sort(key=lambda run: run.scores["performance"])
        median = runs[len(runs) // 2]
        scores[page] = median.scores["performance"]
        if median.scores["performance"] != 100:
            why[page] = "; ".join(f"{audit.id} {audit.score} ({audit.detail.split(';')[0]})" for audit in median.failing["performance"])
    return scores, why, server


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ours = [str(BIN / "mappa"), "build", "--out", str(work / "ours")]
        # A bilingual area (English and Welsh) against one English build of the same kind.
        bilingual = [str(BIN / "mappa"), "build", "--data", str(ROOT / "areas" / "example-wales"), "--out", str(work / "bilingual")]
        english = [str(BIN / "mappa"), "build", "--data", str(ROOT / "areas" / "example-wales"), "--out", str(work / "english")]
        english_only = work / "english-only"
        shutil.copytree(ROOT / "areas" / "example-wales", english_only, ignore=shutil.ignore_patterns("cy"))
        site_yaml = english_only / "site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("languages: [en, cy]", "languages: [en]"), encoding="utf-8")
        english[3] = str(english_only)
        subprocess.run(ours, cwd=ROOT, env=ENV, check=True, capture_output=True)
        # The stock build gets the same rendered Markdown pages, without the generator.
        sys.path.insert(0, str(ROOT))
        from generator.load.data import load_data
        from generator.write.files import write_tree
        from generator.write.pipeline import render_sources

        write_tree(render_sources(load_data(ROOT / "data"), ROOT), work / "docs")
        for page in (work / "docs").rglob("*.md"):  # stock theme: no script-free calculator layout
            page.write_text(page.read_text(encoding="utf-8").replace("template: calculator.html\n", ""), encoding="utf-8")
        (work / "mkdocs.yml").write_text(STOCK_CONFIG.format(docs=work / "docs", site=work / "stock"), encoding="utf-8")
        stock = [str(BIN / "mkdocs"), "build", "-q", "-f", str(work / "mkdocs.yml")]

        times = median_times(
            {
                "ours": (ours, ROOT),
                "stock": (stock, work),
                "ours, first build": (ours, ROOT),
                "ours, guide made": (ours, ROOT),
                "bilingual": (bilingual, ROOT),
                "english": (english, ROOT),
            },
            {"ours, first build": lambda: shutil.rmtree(cache_dir(ROOT) / "jinja", ignore_errors=True), "ours, guide made": forget_guides},
        )
        ours_time, stock_time = times["ours"], times["stock"]
        memory = peak_memory_mb(ours, ROOT)
        stages = stage_times()
        content = heaviest(work / "ours", [p.name for p in (work / "ours").glob("*.html") if p.name not in NOT_CONTENT])
        calculator = heaviest(
            work / "ours", [p.relative_to(work / "ours").as_posix() for p in (work / "ours" / "calculator").rglob("*.html")]
        )
        pdf = (work / "ours" / "leaflet.pdf").read_bytes()
        guide_pdf = (work / "ours" / "guide.pdf").read_bytes()
        guide_link = (work / "ours" / "index.html").read_text(encoding="utf-8").split("Download the whole guide (PDF, ")[1].split(")")[0]
        performance, performance_why, server = lighthouse_performance(work / "ours")

    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        verdict = "" if ok is None else ("meets" if ok else "MISSES")
        print(f"| {name:<48} | {value:>14} | {target:<18} | {verdict:<6} |")

    print(f"Benchmark of mappa-guide: median of {RUNS} runs\n")
    print(f"| {'measure':<48} | {'value':>14} | {'target':<18} | {'':<6} |")
    print(f"|{'-' * 50}|{'-' * 16}|{'-' * 20}|{'-' * 8}|")
    ratio = ours_time / stock_time
    row("mappa build (site, calculator, leaflet, guide)", f"{ours_time:.2f} s")
    row("stock Material build of the same pages", f"{stock_time:.2f} s")
    row("ratio mappa / stock", f"{ratio:.2f} x", "<= 1.5 x", ratio <= 1.5)
    first = times["ours, first build"]
    row("mappa build with no compiled templates kept", f"{first:.2f} s")
    row("ratio of that first build / stock", f"{first / stock_time:.2f} x")
    welsh_ratio = times["bilingual"] / times["english"]
    row("bilingual area build (English and Welsh)", f"{times['bilingual']:.2f} s")
    row("the same area in English alone", f"{times['english']:.2f} s")
    row("two English builds of that area", f"{2 * times['english']:.2f} s")
    row("ratio bilingual / one English build", f"{welsh_ratio:.2f} x", "<= 2.2 x", welsh_ratio <= 2.2)
    made = times["ours, guide made"]
    row("mappa build making the whole guide again", f"{made:.2f} s")
    row("the build's cost of making the guide", f"{made - ours_time:+.2f} s")
    for name, seconds in stages.items():
        row(f"stage: {name}", f"{seconds:.3f} s")
    for label, weight, limit_kb, js_allowed in (
        ("heaviest content page", content, 65, True),
        ("heaviest calculator page", calculator, 30, False),
    ):
        row(f"{label}: HTML", f"{weight['html']:,} B")
        row(f"{label}: CSS", f"{weight['css']:,} B")
        row(f"{label}: JS", f"{weight['js']:,} B", "0 B" if not js_allowed else "", None if js_allowed else weight["js"] == 0)
        row(f"{label}: all, gzip-compressed", f"{weight['gzip']:,} B", f"<= {limit_kb} KB", weight["gzip"] <= limit_kb * 1000)
    row("leaflet PDF", f"{len(pdf):,} B")
    row("whole guide PDF", f"{len(guide_pdf):,} B")
    row("whole guide PDF, as the site's link states it", guide_link)
    row("peak memory of mappa build", f"{memory:.0f} MB", "< 300 MB", memory < 300)
    for page, score in performance.items():
        if isinstance(score, int):
            row(f"Lighthouse performance: {page}", f"{score}", "100", score == 100)
        else:
            row(f"Lighthouse performance: {page}", "-", "100", False)
    loop = fast_test_loop_seconds()
    row("edit-test loop: pytest -m 'not browser and not slow'", f"{loop:.0f} s", "<= 45 s", loop <= 45)
    print(
        f"\nLighthouse performance: median of {LIGHTHOUSE_RUNS} runs, a phone with simulated throttling"
        + (f", the site served by {server}." if server else ".")
    )
    for page, score in performance.items():
        if not isinstance(score, int):
            print(f"  {page}: {score}")
        elif page in performance_why:
            print(f"  {page}: {performance_why[page]}")


if __name__ == "__main__":
    main()
