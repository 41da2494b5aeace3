"""Validation of the data files: typed fields, unknown keys, citations and the table's coverage."""

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


def test_real_data_is_valid() -> None:
    data = load_data(DATA)
    assert data.site.area_name == "Norfolk"
    assert data.contacts.office.phone == "01603 276320"
    assert [v.name for v in data.venues.venues] == ["King's Lynn", "Norwich", "Wymondham", "Great Yarmouth"]
    assert [c.number for c in data.categories.categories] == [1, 2, 3]
    assert [lv.number for lv in data.levels.levels] == [1, 2, 3]


def test_unknown_field_suggests_the_right_one(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy.parent)
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: 1 Any Street\n")
    assert problems(Path("data")) == ["data/venues.yaml:6:5: unknown field 'adress' (did you mean 'address'?)"]


def test_missing_field(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", "  name: Norfolk MAPPA office\n", "")
    (found,) = problems(data_copy)
    assert found.endswith("contacts.yaml:3:3: missing field 'name'")


def test_number_where_text_is_expected(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", 'phone: "01603 276320"', "phone: 01603276320")
    (found,) = problems(data_copy)
    assert found.endswith("contacts.yaml:4:10: 'phone' must be text; put the value in quotes")


def test_wrong_date_form(data_copy: Path) -> None:
    replace_in(data_copy / "site.yaml", "last_reviewed: 2026-12-07", "last_reviewed: 22/11/2026")
    (found,) = problems(data_copy)
    assert "site.yaml:11:16: 'last_reviewed' must be a date written YYYY-MM-DD" in found


def test_a_retired_next_review_date_is_explained(data_copy: Path) -> None:
    """The next review is worked out, not set: an older site.yaml that sets it is told why."""
    replace_in(data_copy / "site.yaml", "review_every_months: 12", "next_review: 2027-05-22\nreview_every_months: 12")
    (found,) = problems(data_copy)
    assert found.endswith(
        "site.yaml:12:1: 'next_review' is no longer used: every page's and record's next review is worked out "
        "from its own 'reviewed' date and review_every_months, and that is the date shown; delete this line"
    )


def test_bad_email_and_url(data_copy: Path) -> None:
    replace_in(data_copy / "contacts.yaml", "email: mappp@norfolk.pnn.police.uk", "email: mappp at norfolk")
    replace_in(data_copy / "contacts.yaml", "website: https://www.norfolkmappa.org.uk/", "website: javascript:alert(1)")
    found = problems(data_copy)
    assert len(found) == 2
    assert "'email' is not in the expected form" in found[0]
    assert "'website' is not in the expected form (a web address starting with https://)" in found[1]


def test_problems_in_several_files_reported_at_once(data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "  - name: Norwich\n", "  - name: Norwich\n    adress: x\n")
    replace_in(data_copy / "levels.yaml", "  - number: 2\n", "  - number: two\n")
    (data_copy / "glossary.yaml").write_text("terms:\n  - term: A\n    term: B\n", encoding="utf-8")
    found = problems(data_copy)
    assert [f.split("/")[-1].split(":")[0] for f in found] == ["glossary.yaml", "levels.yaml", "venues.yaml"]


def test_unknown_source_is_caught(data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "source: norfolk-leaflet", "source: norfolk-leaflt")
    (found,) = problems(data_copy)
    assert found.endswith("venues.yaml:4:13: unknown source 'norfolk-leaflt' (did you mean 'norfolk-leaflet'?)")


def test_unknown_data_file_is_reported(data_copy: Path) -> None:
    (data_copy / "venue.yaml").write_text("venues: []\n", encoding="utf-8")
    (found,) = problems(data_copy)
    assert found.endswith("venue.yaml:1:1: unknown data file (did you mean 'venues.yaml'?)")


def test_missing_local_data_file(data_copy: Path) -> None:
    (data_copy / "contacts.yaml").unlink()
    (found,) = problems(data_copy)
    assert found.endswith("contacts.yaml:1:1: file is missing")


def test_national_files_come_from_the_national_folder(tmp_path: Path, data_copy: Path) -> None:
    national = tmp_path / "national"
    national.mkdir()
    for name in (
        "levels.yaml",
        "categories.yaml",
        "sources.yaml",
        "agencies.yaml",
        "read_codes.yaml",
        "notification_periods.yaml",
        "glossary.yaml",
    ):
        (data_copy / name).rename(national / name)
    replace_in(national / "levels.yaml", "name: Ordinary agency management", "name: Ordinary management (national copy)")
    data = load_data(data_copy, national_dir=national)
    assert data.levels.levels[0].name == "Ordinary management (national copy)"
    assert data.contacts.office.phone == "01603 276320"


def test_a_national_file_in_the_area_folder_is_used(data_copy: Path) -> None:
    replace_in(data_copy / "levels.yaml", "name: Ordinary agency management", "name: Edited in the area folder")
    assert load_data(data_copy).levels.levels[0].name == "Edited in the area folder"


def test_html_in_text_is_accepted_as_text(data_copy: Path) -> None:
    replace_in(data_copy / "venues.yaml", "name: Norwich", "name: '<script>alert(1)</script> Norwich'")
    data = load_data(data_copy)
    assert data.venues.venues[1].name == "<script>alert(1)</script> Norwich"


def test_categories_numbered_in_order(data_copy: Path) -> None:
    replace_in(data_copy / "categories.yaml", "  - number: 3\n", "  - number: 4\n")
    (found,) = problems(data_copy)
    assert "expected number 3" in found


def test_snomed_code_needs_verification(data_copy: Path) -> None:
    replace_in(
        data_copy / "read_codes.yaml",
        "      - scheme: CTV3\n",
        "      - scheme: SNOMED CT\n        code: '123456789'\n        verified: false\n      - scheme: CTV3\n",
    )
    (found,) = problems(data_copy)
    assert "a SNOMED CT code may only be added once verified" in found


def test_unknown_scheme(data_copy: Path) -> None:
    replace_in(data_copy / "read_codes.yaml", "scheme: CTV3", "scheme: CTV4")
    (found,) = problems(data_copy)
    assert "'scheme' must be 'Read v2', 'CTV3' or 'SNOMED CT'" in found


# --- the notification-period table -------------------------------------------------


def test_gap_in_prison_terms_is_caught(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "      at_least_months: 30\n", "      more_than_months: 30\n")
    (found,) = problems(data_copy)
    assert "no row covers a prison term of 30 months" in found


def test_overlap_in_prison_terms_is_caught(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "      at_most_months: 6\n", "      at_most_months: 7\n")
    found = problems(data_copy)
    assert any("both cover a prison term of 6.5 months" in f for f in found)
    assert any("both cover a prison term of 7 months" in f for f in found)


def test_six_months_falls_in_exactly_one_row() -> None:
    from fractions import Fraction

    from generator.load.table_checks import rows_for_term

    rows = load_data(DATA).notification_periods.rows
    by_term = {m: [r.id for r in rows_for_term(list(rows), Fraction(m))] for m in (6, Fraction(61, 10), 29, 30)}
    assert by_term[6] == ["imprisonment-6-months-or-less"]
    assert by_term[Fraction(61, 10)] == ["imprisonment-more-than-6-less-than-30-months"]
    assert by_term[29] == ["imprisonment-more-than-6-less-than-30-months"]
    assert by_term[30] == ["imprisonment-30-months-or-more"]


def test_each_disposal_has_one_row(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "    disposal: caution\n", "    disposal: other\n")
    found = problems(data_copy)
    assert any("disposal 'caution' must have exactly one row (found 0)" in f for f in found)
    assert any("disposal 'other' must have exactly one row (found 2)" in f for f in found)


def test_indefinite_cannot_be_halved(data_copy: Path) -> None:
    path = data_copy / "notification_periods.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("period: indefinite\n    halved_under_18: false", "period: indefinite\n    halved_under_18: true", 1), encoding="utf-8"
    )
    (found,) = problems(data_copy)
    assert "only a fixed period of years can be halved" in found


def test_period_must_be_known_form(data_copy: Path) -> None:
    replace_in(data_copy / "notification_periods.yaml", "period: indefinite", "period: forever")
    (found,) = problems(data_copy)
    assert found.endswith(
        "notification_periods.yaml:37:13: 'period' is not valid. The notification period: {years: N}, "
        "'indefinite', 'period of the discharge', or 'no notification'."
    )


def test_term_only_for_imprisonment(data_copy: Path) -> None:
    replace_in(
        data_copy / "notification_periods.yaml",
        "    disposal: caution\n",
        "    disposal: caution\n    term:\n      at_most_months: 6\n",
    )
    (found,) = problems(data_copy)
    assert "give a term for imprisonment rows, and only for them" in found
