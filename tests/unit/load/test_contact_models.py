"""contacts.yaml's office: opening hours and other formats; the other contacts to call when
it is closed (marked out_of_hours, each with a phone number), each checked at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.load.data import load_data
from tests.conftest import DATA, replace_in


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_data(data_dir)
    return [str(p) for p in caught.value.problems]


def test_the_office_has_its_hours_and_formats_and_the_police_are_for_when_it_is_closed() -> None:
    contacts = load_data(DATA).contacts
    office = contacts.office
    assert office.opening_hours == "Monday to Friday, during office hours"
    assert [(contact.name, contact.phone) for contact in contacts.other_contacts if contact.out_of_hours] == [
        ("Police emergency", "999"),
        ("Police non-emergency", "101"),
    ]
    assert office.other_formats is not None and office.other_formats.formats == ["large print", "easy read"]


def test_an_out_of_hours_contact_without_a_phone_number_is_refused_at_its_line(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", '    phone: "101"\n', "    website: https://www.police.uk/\n")
    (found,) = problems(data_copy)
    assert found.endswith(
        "contacts.yaml:28:19: 'out_of_hours': a contact for when the office is closed needs a phone number: "
        "add its phone, or delete this line"
    )


def test_the_office_itself_is_not_marked_out_of_hours(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", "  opening_hours:", "  out_of_hours: true\n  opening_hours:")
    (found,) = problems(data_copy)
    assert found.endswith(
        "contacts.yaml:7:3: unknown field 'out_of_hours' "
        "(allowed: name, phone, email, website, when_to_contact, source, opening_hours, other_formats)"
    )


def test_the_new_fields_may_be_left_out(data_copy: Path) -> None:
    text = (data_copy / "contacts.yaml").read_text(encoding="utf-8")
    start, end = text.index("  opening_hours:"), text.index("  when_to_contact:")
    (data_copy / "contacts.yaml").write_text(text[:start] + text[end:].replace("    out_of_hours: true\n", ""), encoding="utf-8")
    contacts = load_data(data_copy).contacts
    assert (contacts.office.opening_hours, contacts.office.other_formats) == (None, None)
    assert [contact.out_of_hours for contact in contacts.other_contacts] == [False, False]


def test_other_formats_need_at_least_one_format_and_how_to_ask(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", "      - large print\n      - easy read\n", "      []\n")
    replace_in(data_copy / "contacts.yaml", "    how_to_ask: Phone or email the office and say which format you need.\n", "")
    found = problems(data_copy)
    assert any(line.endswith("'formats' needs at least 1 item(s)") for line in found), found
    assert any(line.endswith("missing field 'how_to_ask'") for line in found), found
