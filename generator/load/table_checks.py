"""Checks that the table of notification periods is complete and unambiguous.

Every kind of disposal must have exactly one row, except imprisonment, whose rows
must together cover every prison term exactly once: no gap, no overlap.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from generator.load.disposals import DISPOSALS
from generator.load.table_models import NotificationPeriodsFile, PeriodRow

if TYPE_CHECKING:
    from generator.errors import Problem
    from generator.load.yaml_file import YamlDocument


def probe_terms(rows: list[PeriodRow]) -> list[Fraction]:
    """Term lengths (in months) that test every region between and at the rows' bounds.

    Whether a term falls in a row can only change at a bound, so checking each bound
    and one point inside every gap between neighbouring bounds checks every term.
    """
    bounds = sorted({Fraction(b) for row in rows if row.term for b in (row.term.lower, row.term.upper) if b is not None})
    points = [Fraction(1, 30)]  # a term of about a day
    previous = Fraction(0)
    for bound in bounds:
        if bound > 0:
            points.append((previous + bound) / 2)
            points.append(bound)
        previous = bound
    points.append(previous + 1)
    return sorted(set(p for p in points if p > 0))


def rows_for_term(rows: list[PeriodRow], months: Fraction) -> list[PeriodRow]:
    """The imprisonment rows whose range includes a term of ``months`` months."""
    return [row for row in rows if row.term is not None and row.term.contains(months)]


def _months(value: Fraction) -> str:
    return f"{float(value):g} months"


def table_problems(table: NotificationPeriodsFile, document: YamlDocument) -> list[Problem]:
    """Every gap, overlap, missing or repeated disposal in the table."""
    problems = []
    ids = [row.id for row in table.rows]
    for index, row in enumerate(table.rows):
        if ids.index(row.id) != index:
            problems.append(document.problem(("rows", index, "id"), f"duplicate row id '{row.id}'"))

    named: list[str] = [d.id for d in table.disposals]
    for disposal in DISPOSALS:
        if named.count(disposal) != 1:
            problems.append(
                document.problem(("disposals",), f"disposal '{disposal}' must be named exactly once (found {named.count(disposal)})")
            )

    for disposal in DISPOSALS:
        if disposal == "imprisonment":
            continue
        found = [i for i, row in enumerate(table.rows) if row.disposal == disposal]
        if len(found) != 1:
            where = ("rows", found[1], "disposal") if len(found) > 1 else ("rows",)
            problems.append(document.problem(where, f"disposal '{disposal}' must have exactly one row (found {len(found)})"))

    prison_rows = [row for row in table.rows if row.disposal == "imprisonment"]
    for months in probe_terms(prison_rows):
        matching = rows_for_term(prison_rows, months)
        if not matching:
            problems.append(document.problem(("rows",), f"no row covers a prison term of {_months(months)}"))
        elif len(matching) > 1:
            names = " and ".join(f"'{row.id}'" for row in matching)
            index = table.rows.index(matching[1])
            problems.append(document.problem(("rows", index, "term"), f"rows {names} both cover a prison term of {_months(months)}"))
    return problems
