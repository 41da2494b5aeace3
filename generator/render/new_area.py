"""`mappa new-area`: a new area's local data folder, with placeholders to fill in."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jinja2

from generator.load.models import LOCAL_FILES

# The local procedures every area describes: (field, heading, what to write).
PROCEDURES = [
    ("referral", "How to refer to MAPPA", "how health professionals refer someone to MAPPA"),
    ("risk_management", "What MAPPA meetings are for", "what the meetings produce: the risk management plan"),
    ("why_health_attends", "Why health professionals attend", "why health visitors, school nurses and GPs are invited"),
    ("minutes", "Storing and sharing the minutes", "how to keep, check and delete the minutes"),
    ("after_the_meeting", "After the meeting", "what the health professional who attended does afterwards"),
    ("alerts", "MAPPA alerts", "how to put an alert on the clinical system, and what to do when you see one"),
]


def write_new_area(folder: Path, name: str, templates_dir: Path, schemas_dir: Path) -> list[Path]:
    """Write the local data files for a new area into ``folder`` (which must be empty or new)."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir / "new_area")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a YAML double-quoted string
    schemas = Path(os.path.relpath(schemas_dir.resolve(), folder.resolve())).as_posix()
    written = []
    for filename in LOCAL_FILES:
        text = env.get_template(filename).render(name=name, schemas=schemas, procedures=PROCEDURES)
        (folder / filename).write_text(text, encoding="utf-8")
        written.append(folder / filename)
    return written
