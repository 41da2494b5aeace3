"""The building blocks of every data model: strict records, field types and review dates.

Records are strict: unknown keys are refused, text must be text (quoted if it looks
like a number), dates must be written YYYY-MM-DD. Instances are immutable.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$")]


def _plain_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.query or parts.fragment or "?" in value or "#" in value or parts.username is not None or not parts.hostname:
        raise ValueError(
            f"{value!r} must be the site's plain address, with no '?', '#' or user name, for example 'https://www.norfolkmappa.org.uk/'"
        )
    return value


SiteUrl = Annotated[Url, AfterValidator(_plain_address)]
"""A site's own address: http(s), a host, and no query, fragment or user name (they would break every link made from it)."""
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"'`()]+@[^@\s<>\"'`()]+\.[a-zA-Z]{2,}$")]
Phone = Annotated[
    str,
    StringConstraints(pattern=r"^\+?[0-9][0-9 ]{1,18}[0-9]$"),
    BeforeValidator(lambda value: value.replace("\u00a0", " ").replace("\u202f", " ") if isinstance(value, str) else value),
]
"""A phone number: digits and spaces; a no-break space (what a word processor puts in a number) counts as a space."""
SourceId = Annotated[Slug, Field(description="The id of the source in sources.yaml that this fact comes from.")]


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
    confirmed: bool = Field(description="true when the source settles the point; false shows it as 'check with the MAPPA office'.")
    on_term_question: bool = Field(default=False, description="true to show the note on the calculator's question about the prison term.")
    source: SourceId


AREA_TIME_ZONE = "Europe/London"


def today_in_the_area() -> dt.date:
    """Today's date where the areas are (England and Wales), whatever the machine's clock zone."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(AREA_TIME_ZONE)).date()
    except (ImportError, KeyError, OSError):  # no time zone data on the machine
        return dt.datetime.now(dt.UTC).date()


def not_to_come(value: dt.date, what: str) -> dt.date:
    """``value``, or a ValueError in plain words when it is a day still to come."""
    if value > today_in_the_area():
        raise ValueError(f"{value.isoformat()} is a day still to come: {what}")
    return value
