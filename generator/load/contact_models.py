"""The model of contacts.yaml: the MAPPA office (with its opening hours and the other
formats it offers) and the other contacts, some marked as those to call when it is closed.

Re-exported by :mod:`generator.load.models`, where the other data files' models are.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from generator.load.fields import Email, Phone, Record, SourceId, Text, Url


class ContactDetails(Record):
    """How to reach a team or service, and what to contact it about: what the office and
    every other contact have."""

    name: Text = Field(description="The name of the team or service.")
    phone: Phone | None = Field(default=None, description="Phone number as written, for example '01603 276320'.")
    email: Email | None = Field(default=None, description="Email address.")
    website: Url | None = Field(default=None, description="Web address, starting with https:// or http://.")
    when_to_contact: list[Text] = Field(min_length=1, description="What to contact them about, one reason per line.")
    source: SourceId

    @model_validator(mode="after")
    def _reachable(self) -> ContactDetails:
        if not (self.phone or self.email or self.website):
            raise ValueError("give at least one of phone, email or website")
        return self


class Contact(ContactDetails):
    """A team or service a health professional can contact, besides the MAPPA office."""

    out_of_hours: bool = Field(
        default=False,
        description="true for a contact to call when the MAPPA office is closed, such as the police's 999 and 101: "
        "it is named, with its phone number, after the office's opening hours. It needs a phone number.",
    )

    @field_validator("out_of_hours")
    @classmethod
    def _callable(cls, value: bool, info: ValidationInfo) -> bool:
        if value and "phone" in info.data and not info.data["phone"]:  # not when the phone number is there but wrong
            raise ValueError("a contact for when the office is closed needs a phone number: add its phone, or delete this line")
        return value


class OtherFormats(Record):
    """The other formats readers can ask for the leaflet and the guide in, and how to ask."""

    formats: list[Text] = Field(
        min_length=1, description="Each format as it reads in a sentence, one per line, for example 'large print' and 'easy read'."
    )
    how_to_ask: Text = Field(description="How to ask for one, for example 'Phone or email the office and say which format you need.'")


class Office(ContactDetails):
    """The MAPPA office: how to reach it, its opening hours and the other formats it offers."""

    opening_hours: Text | None = Field(
        default=None,
        description="When the office is open, with no full stop at the end, for example 'Monday to Friday, 9am to 5pm'; "
        "leave out if the area does not publish them.",
    )
    other_formats: OtherFormats | None = Field(
        default=None, description="The other formats (large print, easy read) readers can ask for; leave out if there are none."
    )


class ContactsFile(Record):
    """contacts.yaml: the MAPPA office and any other contact."""

    office: Office = Field(description="The MAPPA office: shown in every page's footer and on the leaflet.")
    other_contacts: list[Contact] = Field(
        default=[], description="Other contacts shown on the contact page; those marked out_of_hours also beside the office's contacts."
    )
