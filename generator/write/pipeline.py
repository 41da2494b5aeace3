"""The one pipeline: load the data, render every source, write it, make the PDF.

``mappa build``, ``mappa render``, ``mappa leaflet`` and the MkDocs hook all take the
sources of the site from :func:`render_sources` and the PDF from the same worker code:

* :func:`build_site` writes everything into a staging folder beside the output, builds
  it with the site engine, and only when every step has passed swaps it into place. A
  failed or interrupted build leaves the previous site exactly as it was. The PDFs are
  made in a second process meanwhile (:mod:`generator.write.pdf_worker`): the leaflet's,
  and the whole guide's from the pages the site engine built
  (:mod:`generator.write.guide_build`), which only ``mappa build`` makes and links to.
* :func:`check_sources` (``mappa check``) does all the checks of a build but the PDF,
  and keeps nothing.
* :func:`export_sources` (``mappa render``) writes the rendered Markdown and an
  mkdocs.yml that any engine reading mkdocs.yml can build, the same way.
* :func:`refresh_sources` (the MkDocs hook) keeps .cache/rendered/ up to date for
  ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path

from generator.errors import DataError, Problem
from generator.i18n import ENGLISH, language_of, speaking
from generator.load.data import SiteData, load_data
from generator.load.front_matter import PageDates, read_pages
from generator.load.project_config import load_project_config
from generator.load.translated_data import language_editions
from generator.paths import guarded_paths, guarded_sources, project_root
from generator.render.leaflet import LEAFLET_FILES, LEAFLET_PDF, leaflet_files, pdf_identifier
from generator.write import leaflet_pdf, pdf_engine
from generator.write.files import write_tree
from generator.write.guide_build import THEME_FACTS, finish_guide, start_guide
from generator.write.leaflet_failures import failure_kept, failure_name, kept_failure
from generator.write.leaflet_pdf import write_leaflet_pdf
from generator.write.mkdocs_config import export_config_text, portable_page
from generator.write.output_folder import (
    check_output_file,
    check_output_folder,
    replace_folder,
    write_file_atomically,
)
from generator.write.outputs import render_outputs, write_host_files
from generator.write.pdf_cache import made_from_digest, pdf_store
from generator.write.pdf_worker import PdfWorker
from generator.write.precompress import compressed_store, precompress
from generator.write.staging import staging_folder
from generator.write.theme_css import trim_theme_css, trimmed_css_store


def render_sources(data: SiteData, root: Path) -> dict[str, bytes]:
    """Every file the site engine builds from, by its path in the docs folder: the render
    phase of every output kind (:data:`generator.write.outputs.OUTPUTS`)."""
    return {output.path: output.payload for output in render_outputs(data, root)}


def check_sources(data_dir: Path, root: Path | None = None) -> tuple[SiteData, list[PageDates]]:
    """Everything ``mappa build`` checks but the PDF, writing nothing that stays: the data,
    every page's front matter, every template, and the site engine's own checks (links).
    Returns the data and the pages' dates; raises DataError listing every problem found."""
    root = root or project_root()
    problems: list[Problem] = []
    try:
        load_project_config(root)
    except DataError as error:
        problems += error.problems
    try:
        data = load_data(data_dir)
    except DataError as error:
        problems += error.problems
    pages, page_problems = read_pages(root / "content")
    if problems or page_problems:
        raise DataError(problems + page_problems)
    for edition in language_editions(data, root):
        with speaking(language_of(edition), root), tempfile.TemporaryDirectory(prefix="mappa-check-") as scratch:
            files = render_sources(edition, root)
            write_tree({**files, LEAFLET_PDF: b""}, Path(scratch) / "markdown")
            from generator.write.site_engine import run_site_engine

            run_site_engine(root, Path(scratch) / "markdown", Path(scratch) / "site", edition)
    return data, pages


def build_site(data_dir: Path, out_dir: Path, root: Path | None = None, pdf_worker: PdfWorker | None = None) -> str | None:
    """Validate ``data_dir`` and build the site into ``out_dir``; raise on any failure.

    ``pdf_worker`` is a second process already started for the PDFs; without one, the
    build starts its own. Returns a warning to show, if the previous site could not be
    deleted after the new one took its place."""
    root = root or project_root()
    target = check_output_folder(out_dir, **guarded_paths(root, data_dir))
    # `with` (not ExitStack.enter_context) for the staging folder: no moment after it is
    # made when a Ctrl-C or SIGTERM could leave it behind.
    with staging_folder(target) as staging, ExitStack() as stack:
        # Phase "load" (the phases: generator.write.outputs.PHASES).
        load_project_config(root)  # mkdocs.yml's slips are located lines before any work
        pdf_worker = pdf_worker or stack.enter_context(PdfWorker())
        stack.callback(pdf_worker.stop)  # stops a PDF being made, before the staging folder is removed
        data = load_data(data_dir)
        editions = language_editions(data, root)  # every translation checked before anything is built
        for edition in editions:
            code = language_of(edition)
            with speaking(code, root):
                work = staging if code == ENGLISH else staging / f"language-{code}"
                _build_edition(edition, data_dir, root, work, pdf_worker, stack)
            if code != ENGLISH:
                (work / "site").rename(staging / "site" / code)
        write_host_files(staging / "site", data, root)  # phase "host files"
        precompress(staging / "site", compressed_store(root))  # phase "compression"
        return replace_folder(staging / "site", target, made_by="mappa build")


def _build_edition(data: SiteData, data_dir: Path, root: Path, staging: Path, pdf_worker: PdfWorker, stack: ExitStack) -> None:
    """Build the site in the language ``data`` is written in into ``staging/site``, with its
    leaflet and guide; the PDFs are made in ``pdf_worker`` (and a second process for the guide)."""
    # Phase "render": every output kind's files; the leaflet's PDF starts meanwhile.
    files = render_sources(data, root)
    leaflet = staging / "leaflet"
    write_tree({name: files[name] for name in LEAFLET_FILES}, leaflet)
    kept_pdf = f"{pdf_digest(files, pdf_identifier(data))}.pdf"
    pdf = pdf_store(root).get(kept_pdf)  # the same leaflet as an earlier build: its PDF as made then
    guide_worker = pdf_worker
    if pdf is None:
        reference = reference_leaflet(data_dir, root, staging / "reference")
        failed = failure_name(kept_pdf, reference)
        failure = kept_failure(pdf_store(root), failed)  # the same leaflet did not fit before
        if failure is None:
            pdf_worker.start_pdf(leaflet / "leaflet.html", leaflet / LEAFLET_PDF, pdf_identifier(data), reference)
            # The guide need not wait for the leaflet: a process of its own, started now,
            # before the site engine's first thread, imports WeasyPrint meanwhile.
            guide_worker = stack.enter_context(PdfWorker())
    # Phase "site engine". An empty leaflet.pdf stands in for the PDF so that links to it check.
    write_tree({**files, LEAFLET_PDF: b""}, staging / "markdown")
    from generator.write.site_engine import run_site_engine  # MkDocs loads after the worker has started

    run_site_engine(root, staging / "markdown", staging / "site", data, THEME_FACTS)
    trim_theme_css(staging / "site", trimmed_css_store(root))  # phase "after the engine"
    # Still after the engine: the PDFs.
    guide = start_guide(data, root, staging, guide_worker)  # made from the pages just built
    if pdf is None:
        if failure is not None:
            raise failure
        with failure_kept(pdf_store(root), failed):
            pdf_worker.wait()
        pdf = (leaflet / LEAFLET_PDF).read_bytes()
        pdf_store(root).keep(kept_pdf, pdf)
    (staging / "site" / LEAFLET_PDF).write_bytes(pdf)
    finish_guide(guide, guide_worker, staging / "site")  # guide.pdf, and its size in every page's link


def pdf_digest(files: dict[str, bytes], identifier: str) -> str:
    """What the leaflet's PDF is made from (see :mod:`generator.write.pdf_cache`): its HTML
    and CSS, its identifier and the code that makes it. The same digest, the same PDF."""
    return made_from_digest(identifier, [files["leaflet.html"], files["leaflet.css"]], [leaflet_pdf.__file__, pdf_engine.__file__])


def export_sources(data_dir: Path, out_dir: Path, root: Path | None = None) -> str | None:
    """Write OUT/docs (the rendered pages, the leaflet and its PDF, the assets) and
    OUT/mkdocs.yml, and for a bilingual area the same in Welsh in OUT/cy/, replacing OUT only
    when everything is written (``mappa render``). The whole guide's PDF is made from built
    pages, so it is not part of this export."""
    root = root or project_root()
    target = check_output_folder(out_dir, **guarded_paths(root, data_dir))
    with staging_folder(target) as staging:
        export = staging / "export"
        for edition in language_editions(load_data(data_dir), root):  # another language in OUT/cy/, and so on
            code = language_of(edition)
            folder = export if code == ENGLISH else export / code
            with speaking(code, root):
                docs = {name: portable_page(text) if name.endswith(".md") else text for name, text in render_sources(edition, root).items()}
                write_tree(docs, folder / "docs")
                pdf = kept_leaflet_pdf(docs, edition, root, staging / f"leaflet-{code}", data_dir)
                (folder / "docs" / LEAFLET_PDF).write_bytes(pdf)
                (folder / "mkdocs.yml").write_text(export_config_text(load_project_config(root), edition), encoding="utf-8")
        return replace_folder(export, target, made_by="mappa render")


def refresh_sources(data: SiteData, root: Path, folder: Path) -> None:
    """Bring ``folder`` up to date with the sources (the MkDocs hook's cache). The PDF is
    made again only when the leaflet's HTML or CSS changed, or it is missing; a PDF that
    failed is deleted, not kept. The whole guide is made by ``mappa build`` only."""
    files = render_sources(data, root)
    changed = write_tree(files, folder)
    pdf = folder / LEAFLET_PDF
    if changed & set(LEAFLET_FILES) or not pdf.exists():
        pdf.unlink(missing_ok=True)
        pdf.write_bytes(kept_leaflet_pdf(files, data, root))


def write_leaflet_file(data_dir: Path, out_file: str, root: Path | None = None) -> None:
    """Write the leaflet's PDF alone to ``out_file``, as typed (``mappa leaflet``)."""
    root = root or project_root()
    target = check_output_file(out_file, guarded_dirs=guarded_sources(root, data_dir), magic=b"%PDF")
    with staging_folder(target) as staging:
        data = load_data(data_dir)
        write_file_atomically(target, kept_leaflet_pdf(leaflet_files(data, root), data, root, staging, data_dir))


def kept_leaflet_pdf(files: dict[str, bytes], data: SiteData, root: Path, work: Path | None = None, data_dir: Path | None = None) -> bytes:
    """The leaflet's PDF: taken from the cache when a build made the same one (the same key:
    :func:`pdf_digest`), else made from its files in ``work`` (a new folder, or a temporary
    one), and kept. A leaflet too long is compared with the project's own when ``data_dir``
    is another area's; a leaflet that does not fit is kept as such
    (:mod:`generator.write.leaflet_failures`) and fails again without being laid out."""
    kept, store = f"{pdf_digest(files, pdf_identifier(data))}.pdf", pdf_store(root)
    made = store.get(kept)
    if made is None:
        with ExitStack() as stack:
            folder = work or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mappa-leaflet-")))
            write_tree({name: files[name] for name in LEAFLET_FILES}, folder / "leaflet")
            reference = reference_leaflet(data_dir, root, folder / "reference") if data_dir else None
            failed = failure_name(kept, reference)
            failure = kept_failure(store, failed)
            if failure is not None:  # the same leaflet did not fit before
                raise failure
            with failure_kept(store, failed):
                write_leaflet_pdf(folder / "leaflet" / "leaflet.html", folder / LEAFLET_PDF, pdf_identifier(data), reference)
            made = (folder / LEAFLET_PDF).read_bytes()
        store.keep(kept, made)
    return made


def reference_leaflet(data_dir: Path, root: Path, folder: Path) -> Path | None:
    """For an area other than the project's own, write the project's own leaflet (from
    data/) into ``folder`` and return its HTML file, which a leaflet too long is compared
    with (:mod:`generator.write.leaflet_overflow`); None for the project's own data, or when
    its data cannot be read."""
    own = root / "data"
    if data_dir.resolve() == own.resolve():
        return None
    try:
        files = leaflet_files(load_data(own), root)
    except DataError:
        return None
    write_tree(files, folder)
    return folder / "leaflet.html"
