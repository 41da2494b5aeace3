"""The models of the open data files under api/: what each JSON file holds, and so its
published JSON Schema (written by :func:`generator.load.json_schemas.model_schema`).

Every JSON file is an envelope: ``$schema`` (the address of its schema), ``licence``,
``area_name``, ``site_url``, and ``data``. For contacts.json, venues.json and
read-codes.json, ``data`` is the data file itself, as its own model (so it is valid against
the schema ``mappa schema`` writes for that file). For notification-periods.json, ``data``
is the table (notification_periods.yaml as its model) and every outcome of the calculator.

The envelope wraps the data rather than adding keys beside it: the data files' models
refuse unknown keys, so the data keeps exactly its own schema, and no name in the data
can ever clash with the envelope's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.load.disposals import Disposal
from generator.load.models import ContactsFile, DataLicence, ReadCodesFile, VenuesFile
from generator.load.table_models import NotificationPeriodsFile


class OpenRecord(BaseModel):
    """Base of the open data models: no unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CalculatorAnswer(OpenRecord):
    """One answer given in the calculator on the way to an outcome, as the calculator shows it."""

    question: Literal["disposal", "term", "age", "finding"] = Field(description="Which question was answered.")
    answer: str = Field(description="The answer, in the calculator's words.")


class PeriodAnswers(OpenRecord):
    """The answers as `mappa period` takes them: --disposal, --term and --under-18."""

    disposal: Disposal = Field(description="The value of --disposal.")
    term: str | None = Field(
        description=(
            "A value of --term in the range of prison terms answered (the shortest whole number of months in it); "
            "every term in that range gives this period. null when the calculator asks no term."
        )
    )
    under_18: bool = Field(description="true to give --under-18: the person was under 18 on the relevant date.")
    finding: Literal["insanity"] | None = Field(
        description=(
            "The value of --finding when the outcome follows a finding of insanity or disability instead of a conviction "
            "(either value gives the same answer); null after a conviction."
        )
    )


class CalculatorOutcome(OpenRecord):
    """One outcome of the calculator: the answers that lead to it, its page, and the period."""

    url: str = Field(description="The outcome's page on the site.")
    answers: PeriodAnswers = Field(description="The answers, as `mappa period` takes them.")
    calculator_answers: list[CalculatorAnswer] = Field(description="The answers, as the calculator asks them, in order.")
    row: str = Field(description="The id of the table's row that applies.")
    rule: str = Field(description="The statutory reference for the row applied.")
    period: str | None = Field(
        description=(
            "The notification period as an ISO 8601 duration, such as 'P5Y' or 'P3Y6M'; null when it is indefinite, "
            "when there is no notification, or when it is the period of the conditional discharge."
        )
    )
    period_words: str = Field(description="The period in words, such as '5 years' or 'indefinite'.")
    indefinite: bool = Field(description="true when notification is indefinite.")
    halved: bool = Field(description="true when the period is the row's period halved for a person under 18.")
    review_after_years: int | None = Field(description="For indefinite notification: the years after which a review may be applied for.")
    no_notification: bool = Field(description="true when there is no notification (an absolute discharge).")
    period_of_the_discharge: bool = Field(description="true when the period is the conditional discharge's own: the --term to give.")
    check_with_office: bool = Field(
        description=(
            "true when the calculator gives no period and sends the user to the MAPPA office (an absolute discharge "
            "after a finding of insanity or disability); `mappa period` then exits with status 3."
        )
    )


class NotificationPeriodsData(OpenRecord):
    """The statutory table of notification periods and every outcome of the calculator."""

    table: NotificationPeriodsFile = Field(description="The table, as notification_periods.yaml holds it.")
    outcomes: list[CalculatorOutcome] = Field(description="Every outcome of the calculator, in the order a reader meets them.")


class OpenDataFile(OpenRecord):
    """What every open data JSON file holds beside its data."""

    schema_url: str = Field(alias="$schema", description="The address of this file's JSON Schema.")
    licence: DataLicence = Field(description="The licence the file is published under.")
    area_name: str = Field(description="The MAPPA area the site is for.")
    site_url: str = Field(description="The address of the site that publishes the file.")


class ContactsData(OpenDataFile):
    """api/contacts.json: the MAPPA office and the other contacts."""

    data: ContactsFile = Field(description="The contacts, as contacts.yaml holds them.")


class VenuesData(OpenDataFile):
    """api/venues.json: where MAPPA meetings are held."""

    data: VenuesFile = Field(description="The venues, as venues.yaml holds them.")


class ReadCodesData(OpenDataFile):
    """api/read-codes.json: codes for the GP record, and how to record."""

    data: ReadCodesFile = Field(description="The codes, as read_codes.yaml holds them.")


class NotificationPeriodsFileData(OpenDataFile):
    """api/notification-periods.json: the table of notification periods and every calculator outcome."""

    data: NotificationPeriodsData = Field(description="The table and every outcome of the calculator.")


# Each open data JSON file by its name under api/, with its model.
OPEN_DATA_MODELS: dict[str, type[OpenDataFile]] = {
    "notification-periods.json": NotificationPeriodsFileData,
    "contacts.json": ContactsData,
    "venues.json": VenuesData,
    "read-codes.json": ReadCodesData,
}
