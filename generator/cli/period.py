"""`mappa period`: the notification period worked out offline, with dates.

Exit codes: 0 with an answer; 2 for input that cannot be answered (a one-line error on
stderr); 3, with a one-line explanation, when the answer is for the MAPPA office to
check rather than to guess: an absolute discharge after a finding of insanity or
disability (``--finding``), a term in weeks or days on a boundary that depends on the
calendar, a relevant date before Part 2 came into force, or a person born on
29 February whose 18th birthday may or may not be the relevant date.

Consecutive terms are added together, and two partly concurrent terms counted as their total
less the overlap (``--overlap``), only when they were for two or more offences listed in
Schedule 3: with ``--consecutive`` and several terms, the answer carries the
data's sentence saying so (``consecutive_terms``; in JSON, the key ``condition``). An
absolute discharge is an answer, not a period: no notification (exit 0), with the data's
reasons and the cases to check with the MAPPA office.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

import click

from generator.cli.common import DATE, data_option, fail
from generator.i18n import gettext, ngettext
from generator.load.disposals import DISPOSALS
from generator.wording import long_date

if TYPE_CHECKING:
    from generator.load.table_models import NotificationPeriodsFile
    from generator.rules.periods import Outcome

EXIT_CHECK_WITH_OFFICE = 3
FINDINGS = ("insanity", "disability")


def outcome_json(outcome: Outcome, relevant_date: dt.date | None) -> dict:
    """The JSON object for an outcome, with exactly the keys of the documented contract."""
    ends_on = outcome.ends_on(relevant_date)
    return {
        "indefinite": outcome.indefinite,
        "period": outcome.period.iso() if outcome.period else None,
        "halved": outcome.halved,
        "ends_on": ends_on.isoformat() if ends_on else None,
        "review_after_years": outcome.review_after_years,
        "rule": outcome.rule,
    }


def outcome_text(outcome: Outcome, relevant_date: dt.date | None, table: NotificationPeriodsFile) -> str:
    """A short answer in plain words, in the reader's language."""
    lines = []
    if outcome.no_notification:
        lines.append(gettext("No notification (%(rule)s).") % {"rule": outcome.rule})
        lines.append(table.absolute_discharge.text)
        in_force = gettext("(Part 2 came into force on %(date)s.)") % {"date": long_date(table.part_2_in_force)}
        lines.append(f"{table.absolute_discharge.check} {in_force}")
    elif outcome.indefinite:
        lines.append(gettext("Notification period: indefinite (%(rule)s).") % {"rule": outcome.rule})
        years = outcome.review_after_years or 0
        lines.append(
            ngettext(
                "The person may apply in writing for a review after %(count)d year, counted from %(counted_from)s.",
                "The person may apply in writing for a review after %(count)d years, counted from %(counted_from)s.",
                years,
            )
            % {"count": years, "counted_from": table.review.counted_from}
        )
    else:
        lines.append(gettext("Notification period: %(period)s (%(rule)s).") % {"period": outcome.period_words(), "rule": outcome.rule})
        if outcome.halving_sentence:
            lines.append(outcome.halving_sentence)
        ends_on = outcome.ends_on(relevant_date)
        if ends_on and relevant_date:
            lines.append(
                gettext("%(period)s beginning with %(start)s: ends at the end of %(end)s.")
                % {"period": outcome.period_words().capitalize(), "start": long_date(relevant_date), "end": long_date(ends_on)}
            )
    return "\n".join(lines)


def no_answer_json(result, relevant: dt.date | None) -> dict:
    """``--json``'s object when the answer is to check with the MAPPA office: every field of
    an answer, empty, with the reason, the periods it may be and the message."""
    return {
        "indefinite": None,
        "period": None,
        "halved": None,
        "ends_on": None,
        "review_after_years": None,
        "rule": None,
        "depends_on_calendar": result.reason == "calendar",
        "reason": result.reason,
        "possible": [outcome_json(o, relevant) for o in result.possible],
        "message": result.message,
    }


@click.command("period")
@click.option("--disposal", required=True, metavar="DISPOSAL", help="One of: " + ", ".join(DISPOSALS) + ".")
@click.option(
    "--term", "terms", multiple=True, metavar="TERM", help="A term as on the court record: 18m, 27w, 2y6m, 90d, 1y. Repeat for several."
)
@click.option(
    "--consecutive",
    is_flag=True,
    help=(
        "The terms ran consecutively and were for two or more offences listed in Schedule 3 (the sexual offences): "
        "they are added together. Otherwise the terms count as concurrent (the longest counts); give only terms for "
        "Schedule 3 offences. Partly concurrent terms: see --overlap. A consecutive term for an offence not listed in "
        "Schedule 3: check with the MAPPA office."
    ),
)
@click.option(
    "--overlap",
    metavar="TERM",
    help=(
        "Two terms ran partly concurrently, for two or more offences listed in Schedule 3: the time they overlap, "
        "such as 6m. They count as one term, the two added less the overlap (--term 12m --term 12m --overlap 6m: 18 months)."
    ),
)
@click.option(
    "--finding",
    type=click.Choice(FINDINGS),
    metavar="insanity|disability",
    help=(
        "The court did not convict: it found the person not guilty by reason of insanity, or under a disability and to "
        "have done the act charged. With an absolute discharge, the MAPPA office must check (exit 3)."
    ),
)
@click.option("--under-18", "under_18", is_flag=True, help="The person was under 18 on the relevant date.")
@click.option(
    "--date-of-birth", "born", type=DATE, metavar="YYYY-MM-DD", help="Decide 'under 18' from the date of birth (needs --relevant-date)."
)
@click.option("--relevant-date", "relevant", type=DATE, metavar="YYYY-MM-DD", help="The date of the conviction, finding or caution.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "cy"]),
    default="en",
    show_default=True,
    help="The language of the answer: en (English) or cy (Welsh); JSON keys and error messages stay as they are.",
)
@data_option
def period(disposal, terms, consecutive, overlap, finding, under_18, born, relevant, as_json, language, data_dir) -> None:
    """Work out how long the notification period is (Sexual Offences Act 2003, s82)."""
    from generator.i18n import speaking
    from generator.paths import project_root

    with speaking(language, project_root()):
        _answer(disposal, terms, consecutive, overlap, finding, under_18, born, relevant, as_json, language, data_dir)


def _answer(disposal, terms, consecutive, overlap, finding, under_18, born, relevant, as_json, language, data_dir) -> None:  # noqa: PLR0913
    """The answer of ``mappa period``, printed in the current language."""
    # Imported here, not above, so that loading the `mappa` command stays light.
    from generator.errors import DataError
    from generator.load.data import load_data
    from generator.rules.dated_answer import dated_answer
    from generator.rules.periods import Outcome, PeriodInputError, Term

    if disposal not in DISPOSALS:
        fail(f"unknown disposal '{disposal}': use one of {', '.join(DISPOSALS)}")
    if under_18 and born:
        fail("give either --under-18 or --date-of-birth, not both")
    if born is not None:
        if relevant is None:
            fail("--date-of-birth needs --relevant-date")
        if born > relevant:
            fail(f"the date of birth {born} is after the relevant date {relevant}")
    try:
        parsed = [Term.parse(text) for text in terms]
        overlapping = Term.parse(overlap) if overlap is not None else None
        table = _table(load_data(data_dir), language)
        result = dated_answer(
            table,
            disposal,
            parsed,
            consecutive=consecutive,
            under_18=under_18,
            born=born,
            relevant=relevant,
            finding=finding,
            overlap=overlapping,
        )
    except PeriodInputError as error:
        fail(str(error))
    except DataError as error:
        first = error.problems[0]
        more = f" (and {len(error.problems) - 1} more problem(s): run 'mappa check')" if len(error.problems) > 1 else ""
        fail(f"the data is invalid: {first}{more}")

    if not isinstance(result, Outcome):
        click.echo(json.dumps(no_answer_json(result, relevant)) if as_json else result.message)
        sys.exit(EXIT_CHECK_WITH_OFFICE)

    condition = table.consecutive_terms if (consecutive or overlap is not None) and len(parsed) > 1 else None
    if as_json:
        value = outcome_json(result, relevant)
        if condition:
            value["condition"] = condition
        click.echo(json.dumps(value))
    else:
        click.echo(outcome_text(result, relevant, table))
        if condition:
            click.echo(condition)
        for note in table.notes:
            if disposal in note.on_outcome_of:
                click.echo(note.text if note.confirmed else gettext("Not confirmed: %(note)s") % {"note": note.text})


def _table(data, language: str):
    """The notification periods' table in ``language``: in Welsh, its text from the Welsh
    beside the English file (data/cy/notification_periods.yaml)."""
    if language == "en":
        return data.notification_periods
    from generator.load.translated_data import load_translated

    return load_translated(data, language, only=("notification_periods.yaml",))[0].notification_periods
