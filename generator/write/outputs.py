"""The registry of the site's outputs: every kind of file a build makes from the data.

Each :class:`OutputKind` declares once what it makes, in which phase of the build, where
it is served with a policy of its own (a :class:`~generator.web_policy.Place`), and
whether the PDF process makes it. :mod:`generator.write.pipeline` runs the kinds phase by
phase (:data:`PHASES`); the hosts' files and the pages' meta tags take every policy from
the kinds' places. Adding an output is adding one kind here (README: "Adding an output").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.load.data import SiteData
from generator.render.change_feed import change_feed_files
from generator.render.guide import GUIDE_PDF
from generator.render.language_files import language_files
from generator.render.leaflet import LEAFLET_PDF, leaflet_files
from generator.render.open_data import open_data_files
from generator.render.pages import Rendering, a_to_z_page, calculator_pages, finish_pages, guidance_pages, start_rendering
from generator.web_policy import CALCULATOR, CHANGE_FEED, LEAFLET, OPEN_DATA, Place
from generator.write.server_config import headers_file, htaccess, robots_txt

PHASES = ("load", "render", "site engine", "after the engine", "host files", "compression")
"""The phases of ``mappa build``, in order (:func:`generator.write.pipeline.build_site`)."""
Phase = Literal["render", "after the engine", "host files"]  # the phases that make outputs


@dataclass(frozen=True)
class Output:
    """One file a build makes: its path (in the docs folder for what the site engine
    reads, in the site for the rest), its bytes, and the kind that made it."""

    path: str
    payload: bytes
    kind: OutputKind


@dataclass(frozen=True)
class OutputKind:
    """One kind of output. In the render phase, ``render`` makes its files from the data
    (text for Markdown pages, which get their review footer, bytes for the rest); a host
    file's ``write`` makes its text from the built site; the PDFs are made by the PDF
    process, in the phase the pipeline gives them. ``files`` names what it makes when that
    is known before it runs."""

    name: str
    phase: Phase
    render: Callable[[Rendering], Mapping[str, str | bytes]] | None = None
    write: Callable[[Path, SiteData, Path], str] | None = None
    files: tuple[str, ...] = ()
    place: Place | None = None  # where it is served with a policy of its own; None: as a page
    needs_pdf: bool = False


OUTPUTS: tuple[OutputKind, ...] = (
    OutputKind("guidance pages", "render", render=guidance_pages),
    OutputKind("calculator", "render", render=calculator_pages, place=CALCULATOR),
    OutputKind("A to Z", "render", render=a_to_z_page),  # made from the pages before it
    OutputKind("open data", "render", render=lambda r: open_data_files(r.data), place=OPEN_DATA),
    OutputKind("change feed", "render", render=lambda r: change_feed_files(r.data, r.root), place=CHANGE_FEED),
    OutputKind("language switch", "render", render=lambda r: language_files(r.data, r.root)),  # a bilingual area's only
    # Last of the render phase: its HTML and CSS win over a content file of the same name.
    OutputKind("leaflet", "render", render=lambda r: leaflet_files(r.data, r.root), place=LEAFLET, needs_pdf=True, files=(LEAFLET_PDF,)),
    OutputKind("guide", "after the engine", needs_pdf=True, files=(GUIDE_PDF,)),
    OutputKind(
        "robots.txt",
        "host files",
        write=lambda site, data, root: robots_txt(data.site.site_url, data.site.languages),
        files=("robots.txt",),
    ),
    OutputKind("_headers", "host files", write=lambda site, data, root: headers_file(site_files(site)), files=("_headers",)),
    OutputKind(".htaccess", "host files", write=lambda site, data, root: htaccess(root, data.site.languages), files=(".htaccess",)),
)


def render_outputs(data: SiteData, root: Path) -> list[Output]:
    """Every output of the render phase, kind by kind in the registry's order: the files the
    site engine builds from. A later kind's file wins over an earlier one's of the same path."""
    rendering = start_rendering(data, root)
    made: dict[str, tuple[bytes, OutputKind]] = {}
    for kind in OUTPUTS:
        if kind.render is None:
            continue
        for path, payload in kind.render(rendering).items():
            if isinstance(payload, str):
                rendering.pages[path] = payload  # a Markdown page: its footer comes last
            else:
                rendering.pages.pop(path, None)
            made[path] = (payload if isinstance(payload, bytes) else b"", kind)
    for path, page in finish_pages(rendering).items():
        made[path] = (page, made[path][1])
    return [Output(path, payload, kind) for path, (payload, kind) in sorted(made.items())]


def write_host_files(site: Path, data: SiteData, root: Path) -> None:
    """The host files phase: each host file written into the built ``site``."""
    for kind in OUTPUTS:
        if kind.write is not None:
            (site / kind.files[0]).write_text(kind.write(site, data, root), encoding="utf-8")


def site_files(site: Path) -> list[str]:
    """Every file of the site by its path: those built so far and those every kind makes."""
    built = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    to_come = {name for kind in OUTPUTS for name in kind.files if not name.startswith(".")}  # a dot file is never served
    return sorted(built | to_come)
