"""Typed models of the data files: one class per file, every field described.

The same classes publish the JSON Schemas that editors' YAML plugins use. The table of
notification periods has its own module (:mod:`generator.load.table_models`), and so do the
guidance pages' files (:mod:`generator.load.guidance_models`) and contacts.yaml
(:mod:`generator.load.contact_models`, whose classes are imported here too).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from generator.load.contact_models import Contact as Contact
from generator.load.contact_models import ContactDetails as ContactDetails
from generator.load.contact_models import ContactsFile as ContactsFile
from generator.load.contact_models import Office as Office
from generator.load.contact_models import OtherFormats as OtherFormats
from generator.load.fields import Note, Record, Reviewed, SiteUrl, Slug, SourceId, Text, Url, not_to_come

# --- site.yaml -------------------------------------------------------------------


class DataLicence(Record):
    """The licence the open data files under api/ are published under."""

    name: Text = Field(default="Open Government Licence v3.0", description="The licence's name.")
    url: Url = Field(
        default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        description="Where the licence can be read.",
    )


class SiteFile(Record):
    """site.yaml: the site's name, address, language and review dates."""

    area_name: Text = Field(description="The MAPPA area, for example 'Norfolk'.")
    site_title: Text = Field(description="The title shown at the top of every page.")
    site_description: Text = Field(description="One sentence saying what the site is for.")
    site_url: SiteUrl = Field(description="The address where the site is published, ending with '/'.")
    jurisdiction: Text = Field(description="Where the law described applies, for example 'England and Wales'.")
    language: Literal["en-GB"] = Field(description="The language of the pages.")
    languages: list[Literal["en", "cy"]] = Field(
        default=["en"],
        description="The languages the site is published in: [en] for English, or [en, cy] for English and Welsh (the Welsh under cy/).",
    )
    owner: Text = Field(description="Who is responsible for the content.")
    last_reviewed: dt.date = Field(description="When the content was last checked, as YYYY-MM-DD.")
    review_every_months: int = Field(
        default=12,
        ge=1,
        le=60,
        description="How often each record and page must be checked: it is due this many months after its 'reviewed' date.",
    )
    leaflet_reviewed: dt.date = Field(description="When the printed leaflet was last checked, as YYYY-MM-DD; printed on it.")
    disclaimer: Text = Field(description="Shown on every page: the site is guidance, not legal advice.")
    data_licence: DataLicence = Field(
        default=DataLicence(),
        description="The licence of the open data files (api/); leave out for the Open Government Licence v3.0.",
    )

    @field_validator("last_reviewed", "leaflet_reviewed")
    @classmethod
    def _reviewed_already(cls, value: dt.date) -> dt.date:
        return not_to_come(value, "write the day the review was done")

    @field_validator("languages")
    @classmethod
    def _english_first(cls, value: list[str]) -> list[str]:
        if not value or value[0] != "en" or len(set(value)) != len(value):
            raise ValueError("write [en] or [en, cy]: English first, each language once")
        return value


# --- sources.yaml ----------------------------------------------------------------


class Source(Record):
    """A document the site's facts come from."""

    id: Slug = Field(description="A short name that facts use to cite this source, for example 'soa-2003-s82'.")
    title: Text = Field(description="The title of the document, as it is cited.")
    publisher: Text = Field(description="Who publishes it.")
    url: Url | None = Field(default=None, description="Where to read it, if it is online.")
    published: dt.date | None = Field(default=None, description="When it was published or last updated, if known.")
    checked: dt.date = Field(description="When an editor last checked the facts taken from it, as YYYY-MM-DD.")


class SourcesFile(Record):
    """sources.yaml (national) and area_sources.yaml (the area's own): the sources the site cites."""

    sources: list[Source] = Field(min_length=1, description="Every source cited by the data files beside this one.")


# --- contacts.yaml: generator.load.contact_models (re-exported here) ---------------

# --- venues.yaml -----------------------------------------------------------------


class Venue(Record):
    """A place where MAPPA meetings are held."""

    name: Text = Field(description="The town or place, for example 'Norwich'.")
    address: Text | None = Field(default=None, description="The street address, if it is published.")
    source: SourceId


class VenuesFile(Record):
    """venues.yaml: where MAPPA meetings are held."""

    venues: list[Venue] = Field(min_length=1, description="Every place where meetings are held.")


# --- agencies.yaml ---------------------------------------------------------------


class Agency(Record):
    """An agency taking part in MAPPA."""

    name: Text = Field(description="The agency, for example 'Probation Service'.")
    is_health: bool = Field(default=False, description="true for health bodies, which this guide is written for.")


class AgencyGroup(Reviewed):
    """A group of agencies with the same statutory role."""

    summary: Text = Field(description="What this group's role is, in plain English.")
    agencies: list[Agency] = Field(min_length=1, description="The agencies in the group.")
    source: SourceId


class AgenciesFile(Reviewed):
    """agencies.yaml: the Responsible Authority and the agencies with a duty to co-operate."""

    statutory_basis: Text = Field(description="The law that sets up MAPPA.")
    statutory_basis_source: SourceId
    responsible_authority: AgencyGroup = Field(description="The agencies that make up the Responsible Authority.")
    duty_to_cooperate: AgencyGroup = Field(description="The agencies with a duty to co-operate.")


# --- categories.yaml and levels.yaml ---------------------------------------------


class Category(Reviewed):
    """A MAPPA category: who is managed."""

    number: int = Field(ge=1, le=9, description="The category number.")
    name: Text = Field(description="The category's short name, for example 'Registered sexual offenders'.")
    description: Text = Field(description="Who falls into the category.")
    source: SourceId


class CategoriesFile(Record):
    """categories.yaml: MAPPA categories."""

    categories: list[Category] = Field(min_length=1, description="The categories, numbered from 1.")
    notes: list[Note] = Field(default=[], description="Further points about categories.")


class Level(Reviewed):
    """A MAPPA management level: how someone is managed."""

    number: int = Field(ge=1, le=9, description="The level number.")
    name: Text = Field(description="The level's short name.")
    description: Text = Field(description="What management at this level involves.")
    source: SourceId


class LevelsFile(Reviewed):
    """levels.yaml: MAPPA management levels."""

    principle: Text = Field(description="How a level is chosen.")
    principle_source: SourceId
    levels: list[Level] = Field(min_length=1, description="The levels, numbered from 1.")


# --- read_codes.yaml -------------------------------------------------------------


class Procedure(Reviewed):
    """A local procedure: a short list of what to do."""

    title: Text = Field(description="The procedure's heading.")
    steps: list[Text] = Field(min_length=1, description="What to do, one point per line.")
    source: SourceId


class Code(Record):
    """One code for a concept in one coding scheme."""

    scheme: Literal["Read v2", "CTV3", "SNOMED CT"] = Field(description="The coding scheme.")
    code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.]{2,18}$")] = Field(
        description="The code exactly as the clinical system shows it."
    )
    verified: bool = Field(description="true only when an editor has confirmed the code in a terminology browser.")

    @model_validator(mode="after")
    def _snomed_needs_verification(self) -> Code:
        if self.scheme == "SNOMED CT" and not self.verified:
            raise ValueError("a SNOMED CT code may only be added once verified: set verified: true after checking it")
        return self


class RecordCode(Reviewed):
    """A concept a GP practice may record, with its codes and when to use it."""

    id: Slug = Field(description="A short name for the concept.")
    term: Text = Field(description="The term as the clinical system shows it.")
    meaning: Text = Field(description="What the code records, in plain English.")
    codes: list[Code] = Field(min_length=1, description="The concept's codes, one per scheme.")
    when_to_add: Text | None = Field(default=None, description="When to add the code; leave out if the source does not say.")
    when_to_remove: Text | None = Field(default=None, description="When to remove the code; leave out if the source does not say.")
    source: SourceId


class ReadCodesFile(Record):
    """read_codes.yaml: codes for the GP record, and how to record."""

    recording: Procedure = Field(
        description="How to record the information in the GP record; its title heads that part of the GP record page."
    )
    codes: list[RecordCode] = Field(min_length=1, description="The concepts and their codes.")
    notes: list[Note] = Field(default=[], description="Further points about recording.")


# --- procedures.yaml -------------------------------------------------------------


class ProceduresFile(Record):
    """procedures.yaml: the area's local procedures for health professionals."""

    alert_system: Text = Field(description="The clinical system where MAPPA alerts are put, for example 'SystmOne'.")
    referral: Procedure = Field(description="How to refer someone to MAPPA.")
    risk_management: Procedure = Field(description="What MAPPA meetings produce: the risk management plan.")
    why_health_attends: Procedure = Field(description="Why health professionals attend MAPPA meetings.")
    minutes: Procedure = Field(description="How to store and share the minutes.")
    after_the_meeting: Procedure = Field(description="What the health professional who attended does afterwards.")
    alerts: Procedure = Field(
        description="Putting an alert on the clinical system, and seeing one; its title is shown as '<title> on <alert_system>'."
    )


# --- glossary.yaml ---------------------------------------------------------------


class GlossaryEntry(Record):
    """A term and what it means."""

    term: Text = Field(description="The word or abbreviation.")
    meaning: Text = Field(description="What it means, in plain English.")


class GlossaryFile(Record):
    """glossary.yaml: terms used on the site."""

    terms: list[GlossaryEntry] = Field(min_length=1, description="The terms, in any order; the site sorts them.")
