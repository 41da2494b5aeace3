"""Typed models of the data files: one class per file, every field described.

The models are strict: unknown keys are refused, text must be text (quoted if it
looks like a number), dates must be written YYYY-MM-DD. Instances are immutable.
The same classes publish the JSON Schemas that editors' YAML plugins use.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Callable, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.load.disposals import Disposal

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"'`()]+@[^@\s<>\"'`()]+\.[a-zA-Z]{2,}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ]{1,18}[0-9]$")]
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


# --- site.yaml -------------------------------------------------------------------


class SiteFile(Record):
    """site.yaml: the site's name, address, language and review dates."""

    area_name: Text = Field(description="The MAPPA area, for example 'Norfolk'.")
    site_title: Text = Field(description="The title shown at the top of every page.")
    site_description: Text = Field(description="One sentence saying what the site is for.")
    site_url: Url = Field(description="The address where the site is published, ending with '/'.")
    jurisdiction: Text = Field(description="Where the law described applies, for example 'England and Wales'.")
    language: Literal["en-GB"] = Field(description="The language of the pages.")
    owner: Text = Field(description="Who is responsible for the content.")
    last_reviewed: dt.date = Field(description="When the content was last checked, as YYYY-MM-DD.")
    next_review: dt.date = Field(description="When the content must next be checked, as YYYY-MM-DD.")
    review_every_months: int = Field(
        default=12, ge=1, le=60,
        description="How often each record and page must be checked: it is due this many months after its 'reviewed' date.",
    )
    leaflet_reviewed: dt.date = Field(description="When the printed leaflet was last checked, as YYYY-MM-DD; printed on it.")
    disclaimer: Text = Field(description="Shown on every page: the site is guidance, not legal advice.")

    @model_validator(mode="after")
    def _review_after_last(self) -> SiteFile:
        if self.next_review <= self.last_reviewed:
            raise ValueError("next_review must be after last_reviewed")
        return self


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


# --- contacts.yaml ---------------------------------------------------------------


class Contact(Record):
    """A team or service a health professional can contact."""

    name: Text = Field(description="The name of the team or service.")
    phone: Phone | None = Field(default=None, description="Phone number as written, for example '01603 276320'.")
    email: Email | None = Field(default=None, description="Email address.")
    website: Url | None = Field(default=None, description="Web address, starting with https:// or http://.")
    when_to_contact: list[Text] = Field(min_length=1, description="What to contact them about, one reason per line.")
    source: SourceId

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email or self.website):
            raise ValueError("give at least one of phone, email or website")
        return self


class ContactsFile(Record):
    """contacts.yaml: the MAPPA office and any other contact."""

    office: Contact = Field(description="The MAPPA office: shown in every page's footer and on the leaflet.")
    other_contacts: list[Contact] = Field(default=[], description="Other contacts shown on the contact page.")


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
    verified: bool = Field(
        description="true only when an editor has confirmed the code in a terminology browser."
    )

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

    recording: Procedure = Field(description="How to record the information in the GP record.")
    codes: list[RecordCode] = Field(min_length=1, description="The concepts and their codes.")
    notes: list[Note] = Field(default=[], description="Further points about recording.")


# --- notification_periods.yaml ---------------------------------------------------


class TermBounds(Record):
    """The range of prison terms a row covers, with each bound inclusive or exclusive by its name."""

    at_least_months: int | None = Field(default=None, ge=0, description="The term is this many months or more.")
    more_than_months: int | None = Field(default=None, ge=0, description="The term is more than this many months.")
    at_most_months: int | None = Field(default=None, ge=1, description="The term is this many months or less.")
    less_than_months: int | None = Field(default=None, ge=1, description="The term is less than this many months.")

    @model_validator(mode="after")
    def _one_bound_each_side(self) -> TermBounds:
        if self.at_least_months is not None and self.more_than_months is not None:
            raise ValueError("give at_least_months or more_than_months, not both")
        if self.at_most_months is not None and self.less_than_months is not None:
            raise ValueError("give at_most_months or less_than_months, not both")
        if self.lower is None and self.upper is None:
            raise ValueError("give at least one bound")
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            raise ValueError("the lower bound must be below the upper bound")
        return self

    @property
    def lower(self) -> int | None:
        """The lower bound in months, whichever kind it is."""
        return self.at_least_months if self.at_least_months is not None else self.more_than_months

    @property
    def upper(self) -> int | None:
        """The upper bound in months, whichever kind it is."""
        return self.at_most_months if self.at_most_months is not None else self.less_than_months

    def contains(self, months: float) -> bool:
        """Whether a term of ``months`` months falls in this range."""
        return self.matches(lambda bound: (months > bound) - (months < bound))

    def matches(self, compare: Callable[[int], int]) -> bool:
        """Whether a term falls in this range, given ``compare(bound)``: -1, 0 or 1 as the
        term is shorter than, equal to or longer than ``bound`` months."""
        if self.at_least_months is not None and compare(self.at_least_months) < 0:
            return False
        if self.more_than_months is not None and compare(self.more_than_months) <= 0:
            return False
        if self.at_most_months is not None and compare(self.at_most_months) > 0:
            return False
        if self.less_than_months is not None and compare(self.less_than_months) >= 0:
            return False
        return True

    def describe(self) -> str:
        """The range in words, for example 'more than 6 months but less than 30 months'."""
        parts = []
        if self.at_least_months is not None:
            parts.append(f"{self.at_least_months} months or more")
        if self.more_than_months is not None:
            parts.append(f"more than {self.more_than_months} months")
        if self.at_most_months is not None:
            parts.append(f"{self.at_most_months} months or less")
        if self.less_than_months is not None:
            parts.append(f"less than {self.less_than_months} months")
        return " but ".join(parts)


class FixedPeriod(Record):
    """A notification period of a fixed number of years."""

    years: int = Field(ge=1, le=99, description="The period in years.")


Period = Union[Literal["indefinite", "period of the discharge"], FixedPeriod]


class DisposalInfo(Record):
    """How the site names a kind of disposal."""

    id: Disposal = Field(description="The disposal's fixed name.")
    label: Text = Field(description="The disposal in plain English, as the calculator asks it.")
    short_label: Text = Field(description="A short name for the disposal, for the leaflet's table.")


class PeriodRow(Reviewed):
    """One row of the statutory table of notification periods."""

    id: Slug = Field(description="A short name for the row.")
    disposal: Disposal = Field(description="The kind of disposal this row is about.")
    description: Text = Field(description="The row's description of the offender, as in the statute.")
    term: TermBounds | None = Field(default=None, description="For imprisonment only: the prison terms the row covers.")
    period: Period = Field(
        description="The notification period: {years: N}, 'indefinite', or 'period of the discharge'."
    )
    halved_under_18: bool = Field(description="true when the period is halved for someone under 18 on the relevant date.")
    reference: Text = Field(description="The statutory reference, for example 'Sexual Offences Act 2003, s82(1)'.")
    source: SourceId

    @model_validator(mode="after")
    def _consistent(self) -> PeriodRow:
        if (self.disposal == "imprisonment") != (self.term is not None):
            raise ValueError("give a term for imprisonment rows, and only for them")
        if self.halved_under_18 and not isinstance(self.period, FixedPeriod):
            raise ValueError("only a fixed period of years can be halved for under-18s")
        return self

    @property
    def is_indefinite(self) -> bool:
        """Whether the row gives indefinite notification."""
        return self.period == "indefinite"

    @property
    def period_words(self) -> str:
        """The period in words, for example '10 years'."""
        if isinstance(self.period, FixedPeriod):
            return f"{self.period.years} years"
        return "indefinite" if self.is_indefinite else "the period of the conditional discharge"


class Review(Reviewed):
    """When someone on indefinite notification may apply for a review."""

    after_years: int = Field(ge=1, description="Years after which someone 18 or over on the relevant date may apply.")
    after_years_under_18: int = Field(ge=1, description="Years after which someone under 18 on the relevant date may apply.")
    counted_from: Text = Field(description="The day the years are counted from.")
    how: Text = Field(description="Where and how the application is made.")
    source: SourceId


class NotificationPeriodsFile(Reviewed):
    """notification_periods.yaml: the statutory table and the rules around it."""

    statute: Text = Field(description="The Act and section that set the periods.")
    jurisdiction: Text = Field(description="Where the table applies.")
    source: SourceId
    disposals: list[DisposalInfo] = Field(description="Every kind of disposal, named in plain English.")
    rows: list[PeriodRow] = Field(min_length=1, description="The rows of the table, as in the statute.")
    relevant_date: Text = Field(description="What the relevant date is.")
    relevant_date_source: SourceId
    under_18_rule: Text = Field(description="The rule for people under 18 on the relevant date.")
    under_18_source: SourceId
    several_terms: Text = Field(description="How consecutive and concurrent terms count.")
    several_terms_source: SourceId
    review: Review = Field(description="The review of indefinite notification.")
    notes: list[Note] = Field(default=[], description="Further points, confirmed or to check with the MAPPA office.")


# --- procedures.yaml -------------------------------------------------------------


class ProceduresFile(Record):
    """procedures.yaml: the area's local procedures for health professionals."""

    alert_system: Text = Field(description="The clinical system where MAPPA alerts are put, for example 'SystmOne'.")
    referral: Procedure = Field(description="How to refer someone to MAPPA.")
    risk_management: Procedure = Field(description="What MAPPA meetings produce: the risk management plan.")
    why_health_attends: Procedure = Field(description="Why health professionals attend MAPPA meetings.")
    minutes: Procedure = Field(description="How to store and share the minutes.")
    after_the_meeting: Procedure = Field(description="What the health professional who attended does afterwards.")
    alerts: Procedure = Field(description="Putting an alert on the clinical system, and seeing one.")


# --- glossary.yaml ---------------------------------------------------------------


class GlossaryEntry(Record):
    """A term and what it means."""

    term: Text = Field(description="The word or abbreviation.")
    meaning: Text = Field(description="What it means, in plain English.")


class GlossaryFile(Record):
    """glossary.yaml: terms used on the site."""

    terms: list[GlossaryEntry] = Field(min_length=1, description="The terms, in any order; the site sorts them.")


# The same in every MAPPA area of England and Wales: an area folder may leave these out,
# and the project's data/ folder supplies them.
NATIONAL_FILES: dict[str, type[Record]] = {
    "sources.yaml": SourcesFile,
    "agencies.yaml": AgenciesFile,
    "categories.yaml": CategoriesFile,
    "levels.yaml": LevelsFile,
    "read_codes.yaml": ReadCodesFile,
    "notification_periods.yaml": NotificationPeriodsFile,
    "glossary.yaml": GlossaryFile,
}
# Each area's own: every area folder must have these.
LOCAL_FILES: dict[str, type[Record]] = {
    "site.yaml": SiteFile,
    "area_sources.yaml": SourcesFile,
    "contacts.yaml": ContactsFile,
    "venues.yaml": VenuesFile,
    "procedures.yaml": ProceduresFile,
}
DATA_FILES: dict[str, type[Record]] = {**LOCAL_FILES, **NATIONAL_FILES}
