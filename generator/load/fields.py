"""The building blocks of every data model: strict records, field types and review dates.

Records are strict: unknown keys are refused, text must be text (quoted if it looks
like a number), dates must be written YYYY-MM-DD. Instances are immutable.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"'`()]+@[^@\s<>\"'`()]+\.[a-zA-Z]{2,}$")]
Phone = Annotated[
    str,
    StringConstraints(pattern=r"^\+?[0-9][0-9 ]{1,18}[0-9]$"),
    BeforeValidator(lambda value: value.replace("\u00a0", " ").replace("\u202f", " ") if isinstance(value, str) else value),
]
"""A phone number: digits and spaces; a no-break space (what a word processor puts in a number) counts as a space."""
SourceId = Annotated[
    Slug, Field(description="The id of the source in sources.yaml that this fact comes from.")
]


class Record(BaseModel):
    """Base of every model: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Reviewed(Record):
    """A record that states law or procedure: when it was last checked, and by whom."""

    reviewed: dt.date = Field(description="When an editor last checked this against its source, as YYYY-MM-DD.")
    owner: Text | None = Field(default=None, description="Who is responsible for keeping this up to date, if the area names someone.")


class Note(Reviewed):
    """A point worth telling readers, marked confirmed or not yet confirmed."""

    text: Text = Field(description="The note, in plain English.")
    confirmed: bool = Field(
        description="true when the source settles the point; false shows it as 'check with the MAPPA office'."
    )
    on_term_question: bool = Field(
        default=False, description="true to show the note on the calculator's question about the prison term."
    )
    source: SourceId
