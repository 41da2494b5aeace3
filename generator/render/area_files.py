"""A new area's local data files, as text, with placeholders to fill in (`mappa new-area`)."""

from __future__ import annotations

from pathlib import Path

from generator.load.data import LOCAL_FILES
from generator.render.templating import environment, render_located

# The local procedures every area describes: (field, heading, what to write).
PROCEDURES = [
    ("referral", "How to refer to MAPPA", "how health professionals refer someone to MAPPA"),
    ("risk_management", "What MAPPA meetings are for", "what the meetings produce: the risk management plan"),
    ("why_health_attends", "Why health professionals attend", "why health visitors, school nurses and GPs are invited"),
    ("minutes", "Storing and sharing the minutes", "how to keep, check and delete the minutes"),
    ("after_the_meeting", "After the meeting", "what the health professional who attended does afterwards"),
    ("alerts", "MAPPA alerts", "how to put an alert on the clinical system, and what to do when you see one"),
]


def render_new_area(name: str, schemas: str, root: Path) -> dict[str, str]:
    """The local data files of a new area called ``name``, by file name, with 'FILL IN'
    placeholders; ``schemas`` is the path from the new folder to the project's schemas/."""
    env = environment([root / "templates" / "new_area"], root, "yaml")
    return render_located(
        lambda: {
            filename: env.get_template(filename).render(name=name, schemas=schemas, procedures=PROCEDURES) for filename in LOCAL_FILES
        },
        root / "templates" / "new_area",
    )
