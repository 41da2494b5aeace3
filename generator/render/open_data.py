"""The open data files under api/: the data as JSON and CSV, each JSON file naming its JSON Schema.

* ``api/notification-periods.json``: the table of notification periods and every outcome of
  the calculator, with its answers and its page's address;
* ``api/notification-periods.csv``: the table's rows, one line each;
* ``api/contacts.json``, ``api/venues.json``, ``api/read-codes.json``: those data files;
* ``api/schema/<name>.schema.json``: the JSON Schema of each JSON file, from its model
  (:mod:`generator.render.open_data_models`).

Each JSON file's ``$schema`` is the absolute address of its schema on the site, and its
``licence`` is site.yaml's ``data_licence``. The bytes depend on the data alone: keys in
the models' order, no time of building. The CSV is UTF-8 without a byte order mark, and
RFC 4180: a header line, fields quoted where needed, lines ended by CRLF.
"""

from __future__ import annotations

import csv
import io

from generator.load.data import SiteData
from generator.load.json_schemas import json_text, model_schema
from generator.load.table_models import DISCHARGE, FixedPeriod, PeriodRow, TermBounds
from generator.render.calculator_pages import page_file
from generator.render.open_data_models import (
    OPEN_DATA_MODELS,
    CalculatorAnswer,
    CalculatorOutcome,
    NotificationPeriodsData,
    OpenDataFile,
    PeriodAnswers,
)
from generator.rules.flow import OutcomePage, build_flow
from generator.rules.periods import check_words, row_period_words
from generator.rules.table_lines import table_lines
from generator.web_policy import OPEN_DATA

API = OPEN_DATA.path.rstrip("/")  # where the open data is served, declared once
CSV_FILE = "notification-periods.csv"
# The CSV's columns, in order: the table's rows flattened, with the periods in words.
CSV_COLUMNS = (
    "id",
    "disposal",
    "description",
    "term_at_least_months",
    "term_more_than_months",
    "term_at_most_months",
    "term_less_than_months",
    "period",
    "period_years",
    "period_words",
    "halved_under_18",
    "under_18_period_words",
    "reference",
    "source",
    "reviewed",
)


def schema_path(json_name: str) -> str:
    """Where a JSON file's schema is in the site: 'venues.json' -> 'api/schema/venues.schema.json'."""
    return f"{API}/schema/{json_name.removesuffix('.json')}.schema.json"


def site_address(data: SiteData, path: str) -> str:
    """The absolute address of a file in the site, such as 'api/venues.json'."""
    return data.site.site_url.rstrip("/") + "/" + path


def open_data_files(data: SiteData) -> dict[str, bytes]:
    """Every open data file, by its path in the site (such as 'api/venues.json')."""
    contents = {
        "notification-periods.json": NotificationPeriodsData(
            table=data.notification_periods,
            outcomes=calculator_outcomes(data),
        ),
        "contacts.json": data.contacts,
        "venues.json": data.venues,
        "read-codes.json": data.read_codes,
    }
    files: dict[str, bytes] = {}
    for name, model in OPEN_DATA_MODELS.items():
        schema = schema_path(name)
        document = model.model_validate(
            {
                "schema_url": site_address(data, schema),
                "licence": data.site.data_licence,
                "area_name": data.site.area_name,
                "site_url": data.site.site_url,
                "data": contents[name],
            }
        )
        files[f"{API}/{name}"] = _json_bytes(document)
        files[schema] = json_text(model_schema(model, site_address(data, schema))).encode("utf-8")
    files[f"{API}/{CSV_FILE}"] = table_csv(data)
    return dict(sorted(files.items()))


def _json_bytes(document: OpenDataFile) -> bytes:
    return json_text(document.model_dump(mode="json", by_alias=True), sort_keys=False).encode("utf-8")


def calculator_outcomes(data: SiteData) -> list[CalculatorOutcome]:
    """Every outcome of the calculator, in the order the flow makes them (the disposals'
    order, then the terms', then the age's)."""
    table = data.notification_periods
    return [_outcome(data, page) for page in build_flow(table).outcomes.values()]


def _outcome(data: SiteData, page: OutcomePage) -> CalculatorOutcome:
    row, outcome = page.row, page.outcome
    answers = PeriodAnswers(
        disposal=row.disposal,
        term=example_term(row.term) if row.term is not None else None,
        under_18=outcome.under_18 if outcome is not None else False,
        finding="insanity" if page.after_finding else None,
    )
    common = {
        "url": site_address(data, page_file(page.path).removesuffix(".md") + ".html"),
        "answers": answers,
        "calculator_answers": [CalculatorAnswer(question=given.kind, answer=given.label) for given in page.given],
        "row": row.id,
        "rule": row.reference,
    }
    if page.after_finding:  # an absolute discharge after a finding: the MAPPA office decides
        return CalculatorOutcome(
            **common,
            period=None,
            period_words=check_words().removesuffix("."),
            indefinite=False,
            halved=False,
            review_after_years=None,
            no_notification=False,
            period_of_the_discharge=False,
            check_with_office=True,
        )
    if outcome is None:  # a conditional discharge: the period is the discharge's own
        return CalculatorOutcome(
            **common,
            period=None,
            period_words=row_period_words(row),
            indefinite=False,
            halved=False,
            review_after_years=None,
            no_notification=False,
            period_of_the_discharge=row.period == DISCHARGE,
            check_with_office=False,
        )
    return CalculatorOutcome(
        **common,
        period=outcome.period.iso() if outcome.period else None,
        period_words=outcome.period_words(),
        indefinite=outcome.indefinite,
        halved=outcome.halved,
        review_after_years=outcome.review_after_years,
        no_notification=outcome.no_notification,
        period_of_the_discharge=False,
        check_with_office=False,
    )


def example_term(bounds: TermBounds) -> str:
    """The shortest whole number of months in a row's range of terms, as ``--term`` takes it ('7m')."""
    start = max(1, bounds.lower or 1)
    for months in range(start, start + 1200):
        if bounds.contains(months):
            return f"{months}m"
    raise ValueError(f"no whole number of months is {bounds.describe()}")


def table_csv(data: SiteData) -> bytes:
    """The table's rows as CSV: a header line, then one line per row, in the table's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in table_lines(data.notification_periods):
        writer.writerow([_csv_value(value) for value in _csv_row(line.row, line.under_18_words).values()])
    return out.getvalue().encode("utf-8")


def _csv_row(row: PeriodRow, under_18_words: str) -> dict[str, object]:
    term = row.term
    fixed = isinstance(row.period, FixedPeriod)
    values = {
        "id": row.id,
        "disposal": row.disposal,
        "description": row.description,
        "term_at_least_months": term and term.at_least_months,
        "term_more_than_months": term and term.more_than_months,
        "term_at_most_months": term and term.at_most_months,
        "term_less_than_months": term and term.less_than_months,
        "period": "years" if fixed else row.period,
        "period_years": row.period.years if fixed else None,  # type: ignore[union-attr]
        "period_words": row_period_words(row),
        "halved_under_18": row.halved_under_18,
        "under_18_period_words": under_18_words,
        "reference": row.reference,
        "source": row.source,
        "reviewed": row.reviewed.isoformat(),
    }
    return values


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def _csv_value(value: object) -> str:
    """A CSV field: booleans as true/false, nothing as an empty field, and text that a
    spreadsheet would take for a formula led by an apostrophe, so it stays text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
