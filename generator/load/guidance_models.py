"""Typed models of the guidance data files: what a registered person must do
(registered_person.yaml), what to say if you are asked (if_asked.yaml) and which offences
and disposals count (offences.yaml).

Each file is a list of sections; each section has an ``id`` (its anchor on the page, which
other pages link to) and points, each with its source, review date and whether the source
settles it (``confirmed: false`` shows it as "check with the MAPPA office").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from generator.load.fields import Record, Reviewed, Slug, SourceId, Text

PageLink = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.md(#[a-z0-9]+(-[a-z0-9]+)*)?$")]
SectionId = Annotated[
    Slug,
    Field(description="The section's anchor on the page (page.html#id): other pages link to it, so change it only with those links."),
]


class Point(Reviewed):
    """One statement of law or practice, with its source."""

    text: Text = Field(description="The point, in plain English.")
    confirmed: bool = Field(description="true when the source settles the point; false shows it as 'check with the MAPPA office'.")
    source: SourceId


class SeeAlso(Record):
    """A link to another page of the site."""

    page: PageLink = Field(description="The page's file in content/, for example 'gp-record.md', optionally with '#section'.")
    text: Text = Field(description="The words of the link, for example 'Recording in the GP record'.")


class Section(Record):
    """A section of a guidance page: a heading and its points."""

    id: SectionId
    title: Text = Field(description="The section's heading.")
    points: list[Point] = Field(min_length=1, description="What the section says, one point per item, each with its source.")
    see_also: list[SeeAlso] = Field(default=[], description="Links to other pages shown at the end of the section.")


class RegisteredPersonFile(Record):
    """registered_person.yaml: what a person subject to the notification requirements must do."""

    sections: list[Section] = Field(min_length=1, description="The sections of the page, in order.")


class OffencesFile(Record):
    """offences.yaml: which offences and disposals lead to notification."""

    sections: list[Section] = Field(min_length=1, description="The sections of the page, in order.")


class AskedQuestion(Reviewed):
    """A question a health professional may be asked, with a short answer and the detail."""

    id: SectionId
    question: Text = Field(description="The situation, short enough for the leaflet's box; the section's heading on the page.")
    answer: Text = Field(description="What to do, in one or two plain sentences: shown on the page and in the leaflet.")
    source: SourceId
    steps: list[Point] = Field(
        default=[], description=("What to do, in order: shown on the page as numbered steps before the points, each with its source.")
    )
    points: list[Point] = Field(default=[], description="The detail shown on the page, one point per item, each with its source.")
    see_also: list[SeeAlso] = Field(default=[], description="Links to other pages shown at the end of the section.")
    on_leaflet: bool = Field(default=True, description="false to leave the question out of the leaflet's 'If you are asked' box.")

    @model_validator(mode="after")
    def _has_detail(self) -> AskedQuestion:
        if not self.steps and not self.points:
            raise ValueError("give the question its 'steps' or its 'points', or both")
        return self


class IfAskedFile(Record):
    """if_asked.yaml: what to do if you are asked about someone on the register or for information."""

    items: list[AskedQuestion] = Field(min_length=1, description="The questions, in the order the page shows them.")


PlaceLink = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*\.md(#[a-z0-9]+(-[a-z0-9]+)*)?$"),
    Field(
        description=(
            "The page's file below content/ (or 'calculator/index.md'), optionally with '#section', "
            "for example 'if-you-are-asked.md#health-information'."
        )
    ),
]


class IndexEntry(Record):
    """A term of the A to Z in users' words, with the words people also use for it."""

    term: Text = Field(
        description="The entry as the A to Z shows it, in the words a reader looks for, for example 'Records: the police ask for them'."
    )
    also: list[Text] = Field(default=[], description="Other words for the same thing, each listed in the A to Z with the same link.")
    page: PlaceLink


class AToZFile(Record):
    """a_to_z.yaml: the A to Z's own entries, listed beside the pages' titles and sections."""

    entries: list[IndexEntry] = Field(min_length=1, description="The entries, in any order: the A to Z sorts them.")
