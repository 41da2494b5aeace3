"""`mappa render`: the site as plain Markdown plus the mkdocs.yml to build it with any engine.

The output needs no hook and no plugin of ours: every fact is already written into the
Markdown. It is the way off MkDocs, for example to Zensical, which reads mkdocs.yml.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from generator.load.data import SiteData
from generator.render.pages import render_sources

# Settings that only our MkDocs set-up understands, left out of the exported mkdocs.yml.
ENGINE_SPECIFIC = ("hooks", "watch", "docs_dir", "site_dir", "not_in_nav", "validation", "strict")


def export_config(project_config: dict, data: SiteData) -> dict:
    """The project's mkdocs.yml with the data's values filled in and our own hooks removed."""
    config = {key: value for key, value in project_config.items() if key not in ENGINE_SPECIFIC}
    theme = {key: value for key, value in config.get("theme", {}).items() if key != "custom_dir"}
    theme["language"] = "en"
    config.update(
        site_name=data.site.site_title,
        site_description=data.site.site_description,
        site_url=data.site.site_url,
        site_author=data.site.owner,
        copyright=html.escape(f"{data.site.owner}. {data.site.disclaimer}"),
        docs_dir="docs",
        site_dir="site",
        theme=theme,
    )
    return config


def _portable(text: str) -> str:
    """Drop the theme template that only our theme overrides provide."""
    return text.replace("template: calculator.html\n", "", 1)


def write_export(data: SiteData, root: Path, out_dir: Path) -> Path:
    """Write OUT/docs (the rendered pages, leaflet and assets) and OUT/mkdocs.yml."""
    docs = out_dir / "docs"
    render_sources(data, root, docs)
    for page in docs.rglob("*.md"):
        page.write_text(_portable(page.read_text(encoding="utf-8")), encoding="utf-8")
    project_config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config_file = out_dir / "mkdocs.yml"
    header = "# Written by `mappa render`: the rendered site, buildable by any engine that reads mkdocs.yml.\n"
    config_file.write_text(header + yaml.safe_dump(export_config(project_config, data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file
