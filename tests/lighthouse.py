"""Run Lighthouse (pinned in package.json, installed by `npm ci`) against pages with
Debian's Chromium, and read its scores: several pages in one Chromium and one Node process
(tests/lighthouse_pages.mjs, through Lighthouse's Node API and puppeteer-core, both pinned
in package-lock.json), each audited as `lighthouse URL` would audit it.

Lighthouse's own defaults are kept: a mobile phone's screen, and simulated throttling (a
slow 4G network and a 4x slower CPU, worked out from one unthrottled load). Used by
tests/in_browser/test_lighthouse.py (accessibility, best practices, SEO) and by bench/run.py
(performance); importable outside pytest.

Lighthouse reaches no host but the page's own: it fetches the page's robots.txt and source
maps from the page's origin, error reporting is off (the Node API's default), and
Chromium's background networking, component updates and sync are off. A run that takes
longer than its time-out is stopped, and every process it started, Chromium's included, is
ended whatever happens (see `_end_processes`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"  # installed by npm ci
PAGES_SCRIPT = Path(__file__).resolve().parent / "lighthouse_pages.mjs"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
TIMEOUT = 120  # seconds for one run; a page takes 10-20 s on a 2-core machine
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Set in the environment of each run, and so inherited by every process it starts (Chromium
# too, which chrome-launcher starts in a process group of its own): with Chromium's profile
# folder, how `_end_processes` finds them, and only them.
_MARKER = "MAPPA_LIGHTHOUSE_RUN"


class LighthouseError(RuntimeError):
    """Lighthouse could not run, timed out or wrote no usable report."""


@dataclass(frozen=True)
class Audit:
    """One audit that cost its category points."""

    id: str
    title: str
    score: int | None  # 0-100; None when the audit could not run
    detail: str = ""  # Lighthouse's figure ("3.2 s"), error message, or the failing elements

    def __str__(self) -> str:
        score = "error" if self.score is None else f"{self.score}"
        return f"{self.id} ({score}): {self.title}" + (f" - {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class Report:
    url: str
    version: str
    scores: dict[str, int | None]  # category id -> 0-100; None when Lighthouse gave no score
    failing: dict[str, list[Audit]]  # category id -> the weighted audits that scored below 100
    warnings: list[str] = field(default_factory=list)

    def explain(self, category: str) -> str:
        """Why ``category`` scored what it did: for a test's failure message."""
        lines = [f"{self.url}: {category} {self.scores.get(category)} (Lighthouse {self.version})"]
        lines += [f"  {audit}" for audit in self.failing.get(category, [])]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return "\n".join(lines)


def run_lighthouse(url: str, categories: tuple[str, ...] = CATEGORIES, timeout: float = TIMEOUT) -> Report:
    """Run Lighthouse on ``url`` for ``categories`` and return each one's score and failing audits."""
    return run_lighthouse_pages([url], categories, timeout)[url]


def run_lighthouse_pages(urls: list[str], categories: tuple[str, ...] = CATEGORIES, timeout: float = TIMEOUT) -> dict[str, Report]:
    """Run Lighthouse on each of ``urls`` in turn, in one Chromium (lighthouse_pages.mjs),
    each as ``lighthouse URL`` audits it; return each page's report. ``timeout`` is for each page."""
    if not LIGHTHOUSE.exists():
        raise LighthouseError(f"{LIGHTHOUSE} is missing: run `npm ci --ignore-scripts` (make test does)")
    with tempfile.TemporaryDirectory(prefix="mappa-lighthouse-", ignore_cleanup_errors=True) as folder:
        out = Path(folder) / "reports.json"
        command = ["node", str(PAGES_SCRIPT), str(out), ",".join(categories), *urls]
        # TMPDIR: Chromium's profile is made there, so nothing is left in /tmp.
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_FLAGS": CHROME_FLAGS, "TMPDIR": folder, _MARKER: folder}
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=timeout * len(urls))
        except subprocess.TimeoutExpired:
            raise LighthouseError(f"Lighthouse took more than {timeout:.0f} s a page on {', '.join(urls)}") from None
        finally:
            _end_processes(process, folder)
        if process.returncode != 0 or not out.exists():
            raise LighthouseError(f"Lighthouse failed on {', '.join(urls)} (exit {process.returncode}):\n{stderr.strip()[-3000:]}")
        results = json.loads(out.read_text(encoding="utf-8"))
        return {url: read_report(results[url]) for url in urls}


def read_report(result: dict) -> Report:
    """The scores and failing audits of a Lighthouse JSON result (its 'lhr')."""
    warnings = list(result.get("runWarnings") or [])
    if result.get("runtimeError"):
        error = result["runtimeError"]
        warnings.insert(0, f"runtime error {error.get('code')}: {error.get('message')}")
    scores: dict[str, int | None] = {}
    failing: dict[str, list[Audit]] = {}
    for category_id, category in result["categories"].items():
        score = category.get("score")
        scores[category_id] = None if score is None else round(score * 100)
        failing[category_id] = []
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) <= 0:
                continue  # shown by Lighthouse, but no part of the score
            mode = audit.get("scoreDisplayMode")
            if mode == "error" or (audit.get("score") is not None and audit["score"] < 1):
                failing[category_id].append(_audit(audit))
    return Report(
        result.get("finalDisplayedUrl") or result.get("requestedUrl", ""), result.get("lighthouseVersion", ""), scores, failing, warnings
    )


def _audit(audit: dict) -> Audit:
    score = audit.get("score")
    if audit.get("scoreDisplayMode") == "error":
        return Audit(audit["id"], audit["title"], None, audit.get("errorMessage", ""))
    detail = audit.get("displayValue") or audit.get("explanation") or ""
    items = (audit.get("details") or {}).get("items") or []
    nodes = [item["node"].get("snippet", "") for item in items if isinstance(item, dict) and isinstance(item.get("node"), dict)]
    if nodes:
        detail = "; ".join(filter(None, [detail, *nodes[:5]])) + (f" (and {len(nodes) - 5} more)" if len(nodes) > 5 else "")
    elif items and not detail:
        detail = "; ".join(str(item.get("url") or item.get("description") or item)[:200] for item in items[:5])
    return Audit(audit["id"], audit["title"], None if score is None else round(score * 100), detail)


def _end_processes(process: subprocess.Popen, marker: str) -> None:
    """End Lighthouse and every process it started: its own process group, and Chromium's
    processes, found by ``marker`` (chrome-launcher starts Chromium detached, in a group of
    its own, and leaves it running if Lighthouse is killed)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()
    pids = _marked_processes(marker)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while pids and time.monotonic() < deadline:  # let them go before their profile folder is removed
        pids = [pid for pid in pids if _alive(pid)]
        time.sleep(0.05)


def _marked_processes(marker: str) -> list[int]:
    """The processes whose environment has ``_MARKER=marker``, or whose command line names
    the folder ``marker`` (Chromium's helpers: each has ``--user-data-dir`` in that folder,
    and their title, rewritten over their environment, hides the variable)."""
    in_environ = f"{_MARKER}={marker}".encode() + b"\0"
    in_command = f"={marker}/".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if in_environ in (entry / "environ").read_bytes() or in_command in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:  # gone, or another user's
            continue
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` is still running (a zombie, waiting for its parent, is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
