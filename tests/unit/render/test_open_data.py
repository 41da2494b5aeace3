"""The open data under api/: each JSON file valid against its published schema and against
what `mappa schema` writes for its data file, every calculator outcome the period `mappa
period` gives for the same answers, the CSV the table's rows, the Open data page naming
each file, its fields and its licence, and the files in the built site."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.load.data import SiteData, load_data
from generator.load.json_schemas import schema_text
from generator.load.models import Code, Contact, ContactsFile, Office, OtherFormats, ReadCodesFile, RecordCode, Venue, VenuesFile
from generator.load.table_models import FixedPeriod, NotificationPeriodsFile, PeriodRow
from generator.render.open_data import CSV_COLUMNS, open_data_files, schema_path
from generator.render.open_data_models import OPEN_DATA_MODELS, CalculatorOutcome, OpenDataFile, PeriodAnswers
from generator.rules.flow import build_flow
from generator.write.pipeline import render_sources
from tests.conftest import DATA, ROOT, mappa

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# Each JSON file's data, and the data file whose `mappa schema` schema it (or its table) meets.
DATA_FILE = {
    "contacts.json": "contacts.yaml",
    "venues.json": "venues.yaml",
    "read-codes.json": "read_codes.yaml",
    "notification-periods.json": "notification_periods.yaml",
}


@pytest.fixture(scope="module")
def data() -> SiteData:
    """The real data, loaded once."""
    return load_data(DATA)


@pytest.fixture(scope="module")
def sources(data: SiteData) -> dict[str, bytes]:
    """Every source of the site from the real data, rendered once."""
    return render_sources(data, ROOT)


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    """A draft 2020-12 validator that also checks formats (dates)."""
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def documents(files: dict[str, bytes]) -> dict[str, dict]:
    """Every api JSON file (not the schemas), parsed, by its name."""
    return {name: json.loads(files[f"api/{name}"]) for name in OPEN_DATA_MODELS}


def test_the_sources_hold_every_open_data_file(sources: dict[str, bytes]) -> None:
    api = sorted(name for name in sources if name.startswith("api/"))
    assert api == sorted(
        [f"api/{name}" for name in OPEN_DATA_MODELS] + [schema_path(name) for name in OPEN_DATA_MODELS] + ["api/notification-periods.csv"]
    )


def test_every_json_file_is_valid_against_the_schema_it_names(data: SiteData, sources: dict[str, bytes]) -> None:
    for name, document in documents(sources).items():
        schema = json.loads(sources[schema_path(name)])
        assert document["$schema"] == "https://www.norfolkmappa.org.uk/" + schema_path(name) == schema["$id"]
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert list(validator(schema).iter_errors(document)) == [], name
        assert (document["licence"], document["area_name"]) == ({"name": "Open Government Licence v3.0", "url": OGL}, "Norfolk")
        # The schema refuses what the file may not hold: an unknown key, in the envelope or the data.
        assert not validator(schema).is_valid({**document, "extra": 1})
        assert not validator(schema).is_valid({**document, "data": {**document["data"], "extra": 1}})
        assert not validator(schema).is_valid({key: value for key, value in document.items() if key != "licence"})


def test_each_files_data_is_its_data_file_as_mappa_schema_describes_it(data: SiteData, sources: dict[str, bytes]) -> None:
    parsed = documents(sources)
    models = {"contacts.json": data.contacts, "venues.json": data.venues, "read-codes.json": data.read_codes}
    for name, model in models.items():
        assert parsed[name]["data"] == model.model_dump(mode="json"), name
    table = parsed["notification-periods.json"]["data"]["table"]
    assert table == data.notification_periods.model_dump(mode="json")
    for name, data_file in DATA_FILE.items():
        value = table if name == "notification-periods.json" else parsed[name]["data"]
        assert list(validator(json.loads(schema_text(data_file))).iter_errors(value)) == [], name
    broken = {**parsed["venues.json"]["data"], "venues": [{"name": "Nowhere"}]}  # no source: refused
    assert not validator(json.loads(schema_text("venues.yaml"))).is_valid(broken)


def mappa_period(answers: dict, *extra: str) -> dict:
    """`mappa period --json` for the answers, in this process."""
    options = ["--disposal", answers["disposal"], "--json", "--data", str(DATA), *extra]
    options += ["--term", answers["term"]] if answers["term"] else []
    options += ["--under-18"] if answers["under_18"] else []
    result = mappa("period", *options)
    assert result.returncode == 0, (options, result.stderr)
    return json.loads(result.stdout)


def test_every_outcome_gives_the_period_mappa_period_gives_for_its_answers(data: SiteData, sources: dict[str, bytes]) -> None:
    outcomes = json.loads(sources["api/notification-periods.json"])["data"]["outcomes"]
    flow = build_flow(data.notification_periods)
    assert len(outcomes) == len(flow.outcomes) == len({outcome["url"] for outcome in outcomes})
    compared = 0
    for outcome in outcomes:
        answers = outcome["answers"]
        if outcome["period_of_the_discharge"]:  # the period is the discharge's own: the --term given
            assert answers["term"] is None and outcome["period"] is None
            assert mappa_period({**answers, "term": "2y6m"})["period"] == "P2Y6M"
            continue
        expected = mappa_period(answers)
        assert {key: outcome[key] for key in ("indefinite", "period", "halved", "review_after_years", "rule")} == {
            key: expected[key] for key in ("indefinite", "period", "halved", "review_after_years", "rule")
        }, outcome["url"]
        compared += 1
    assert compared == len(outcomes) - 1  # one conditional discharge
    assert {o["answers"]["disposal"] for o in outcomes} == {d.id for d in data.notification_periods.disposals}


def test_each_outcome_links_its_calculator_page_and_states_the_answers_it_shows(data: SiteData, sources: dict[str, bytes]) -> None:
    outcomes = json.loads(sources["api/notification-periods.json"])["data"]["outcomes"]
    pages = {name for name in sources if name.startswith("calculator/") and name.endswith("/index.md")}
    for outcome, page in zip(outcomes, build_flow(data.notification_periods).outcomes.values(), strict=False):
        path = "calculator/" + "/".join(page.path) + "/index.html"
        assert outcome["url"] == "https://www.norfolkmappa.org.uk/" + path
        assert path.removesuffix(".html") + ".md" in pages
        assert outcome["calculator_answers"] == [{"question": g.kind, "answer": g.label} for g in page.given]
        assert outcome["row"] == page.row.id and outcome["answers"]["under_18"] == ("under-18" in page.path)
        if page.row.term is not None:  # the term given lies in the range answered
            assert page.row.term.contains(int(outcome["answers"]["term"].removesuffix("m")))


def test_the_csv_is_the_tables_rows(data: SiteData, sources: dict[str, bytes]) -> None:
    raw = sources["api/notification-periods.csv"]
    text = raw.decode("utf-8")
    assert not text.startswith("\ufeff") and text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(lines[0]) == CSV_COLUMNS
    rows = [dict(zip(lines[0], line, strict=False)) for line in lines[1:]]
    table: list[PeriodRow] = data.notification_periods.rows
    assert [row["id"] for row in rows] == [row.id for row in table]

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    for line, row in zip(rows, table, strict=False):
        bounds = row.term
        assert (line["disposal"], line["description"], line["reference"], line["source"]) == (
            row.disposal,
            row.description,
            row.reference,
            row.source,
        )
        for bound in ("at_least_months", "more_than_months", "at_most_months", "less_than_months"):
            assert line[f"term_{bound}"] == number(getattr(bounds, bound) if bounds else None)
        fixed = isinstance(row.period, FixedPeriod)
        assert (line["period"], line["period_years"]) == (("years", str(row.period.years)) if fixed else (row.period, ""))
        assert line["halved_under_18"] == ("true" if row.halved_under_18 else "false")
        assert line["reviewed"] == row.reviewed.isoformat()


def section_fields(page: str, heading: str) -> set[str]:
    """The field names listed as '- `name`:' in a section of the page (nested lists too)."""
    section = page.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\s*- `([^`]+)`:", section, re.MULTILINE))


def fields(*models) -> set[str]:
    """The fields of the models, by the names the JSON gives them."""
    return {field.alias or name for model in models for name, field in model.model_fields.items()}


def test_the_open_data_page_names_each_file_its_fields_and_its_licence(sources: dict[str, bytes]) -> None:
    page = sources["open-data.md"].decode("utf-8")
    for name in [*OPEN_DATA_MODELS, "notification-periods.csv"]:  # at the address where it is published
        assert f"[api/{name}](https://www.norfolkmappa.org.uk/api/{name})" in page, name
    for name in OPEN_DATA_MODELS:
        assert f"[{schema_path(name)}](https://www.norfolkmappa.org.uk/{schema_path(name)})" in page, name
    assert f"[Open Government Licence v3.0]({OGL})" in page
    assert "change when the site changes" in page
    expected = {
        "What every JSON file holds": fields(OpenDataFile) | {"data"},
        "Notification periods (JSON)": fields(NotificationPeriodsFile, PeriodRow, CalculatorOutcome) | {"table", "outcomes"},
        "Notification periods (CSV)": set(CSV_COLUMNS),
        "Contacts": fields(ContactsFile, Contact, Office, OtherFormats),
        "Meeting venues": fields(VenuesFile, Venue),
        "Codes for the GP record": fields(ReadCodesFile, RecordCode),
    }
    for heading, names in expected.items():
        assert section_fields(page, heading) == names, heading
    for nested in fields(PeriodAnswers, Code) - {"term", "code", "codes"}:  # named inside their parent's line
        assert f"`{nested}`" in page, nested


def test_an_areas_own_licence_changes_the_page_and_every_json_file(data_copy: Path) -> None:
    site = data_copy / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + "data_licence:\n  name: Area Data Licence 2.0\n"
        "  url: https://licences.example.org/area-data/2.0/\n",
        encoding="utf-8",
    )
    files = render_sources(load_data(data_copy), ROOT)
    page = files["open-data.md"].decode("utf-8")
    assert "[Area Data Licence 2.0](https://licences.example.org/area-data/2.0/)" in page
    assert "Open Government Licence" not in page and OGL not in page
    for name, document in documents(files).items():
        assert document["licence"] == {"name": "Area Data Licence 2.0", "url": "https://licences.example.org/area-data/2.0/"}, name


def test_the_files_are_the_same_bytes_from_the_same_data(data: SiteData, data_copy: Path) -> None:
    assert open_data_files(load_data(data_copy)) == open_data_files(data)


@pytest.mark.slow
def test_the_built_site_publishes_every_file_and_links_it(built_site: Path, sources: dict[str, bytes]) -> None:
    for name, content in sources.items():
        if name.startswith("api/"):
            assert (built_site / name).read_bytes() == content, name
    for outcome in json.loads(sources["api/notification-periods.json"])["data"]["outcomes"]:
        assert (built_site / outcome["url"].removeprefix("https://www.norfolkmappa.org.uk/")).is_file(), outcome["url"]
    soup = BeautifulSoup((built_site / "open-data.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"].removeprefix("https://www.norfolkmappa.org.uk/") for a in soup.select("article a[href]")}
    for name in [*OPEN_DATA_MODELS, "notification-periods.csv"]:
        assert f"api/{name}" in links and (built_site / "api" / name).is_file(), name
        if name.endswith(".json"):
            assert schema_path(name) in links and (built_site / schema_path(name)).is_file(), name


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_in_the_data_stays_text_in_the_csv(data_copy: Path, start: str) -> None:
    """Issue 20, security 4: a description a spreadsheet would run (=HYPERLINK(...)) is led by
    an apostrophe in the CSV (OWASP's advice); the JSON keeps the value exactly. A leading tab
    or carriage return never reaches a cell: the loader strips text."""
    formula = f'{start}HYPERLINK("https://example.org/x","click")'
    table = data_copy / "notification_periods.yaml"
    text = table.read_text(encoding="utf-8")
    old = "    description: A person who has been sentenced to imprisonment for a term of 30 months or more\n"
    assert old in text
    table.write_text(text.replace(old, f"    description: {json.dumps(formula)}\n"), encoding="utf-8")
    data = load_data(data_copy)
    loaded = next(row.description for row in data.notification_periods.rows if row.id == "imprisonment-30-months-or-more")
    assert loaded == formula.lstrip("\t\r")
    files = open_data_files(data)
    rows = list(csv.reader(io.StringIO(files["api/notification-periods.csv"].decode("utf-8"), newline="")))
    description = rows[0].index("description")
    (cell,) = [row[description] for row in rows[1:] if row[0] == "imprisonment-30-months-or-more"]
    assert cell == ("'" + loaded if start not in "\t\r" else loaded)
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row)
    document = json.loads(files["api/notification-periods.json"])
    (row,) = [row for row in document["data"]["table"]["rows"] if row["id"] == "imprisonment-30-months-or-more"]
    assert row["description"] == loaded
