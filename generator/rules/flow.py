"""The calculator's questions and answers, derived from the table of notification periods.

Routing is data: every question, answer and path below comes from
data/notification_periods.yaml. The law is in :mod:`generator.rules.periods`; the wording of
the pages is in templates/calculator/. Each node has a path of answer slugs, which is
also its folder in the site: ``calculator/imprisonment/6-months-or-less/under-18/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.load.table_models import DISCHARGE, NO_NOTIFICATION, NotificationPeriodsFile, PeriodRow
from generator.rules.periods import Outcome, halved_for_under_18, outcome_for_row, row_period_words

AnswerPath = tuple[str, ...]  # the answers that lead to a question or an outcome, as folder names

UNDER_18 = "under-18"
ADULT = "18-or-over"
CONVICTED = "after-a-conviction"
FINDING = "after-a-finding-of-insanity-or-disability"


@dataclass(frozen=True)
class Answer:
    """One answer to a question: its words, its slug in the URL, and the node it leads to."""

    label: str
    slug: str
    target: AnswerPath


@dataclass(frozen=True)
class Question:
    """A page asking one question."""

    path: AnswerPath
    kind: str  # "disposal", "term", "age" or "finding" (after a conviction, or a finding)
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Given:
    """An answer already given on the way to a node, with the question to change it."""

    kind: str
    label: str
    question: AnswerPath


@dataclass(frozen=True)
class OutcomePage:
    """A page stating the notification period for the answers given."""

    path: AnswerPath
    outcome: Outcome | None  # None for a conditional discharge (the period is the discharge's), or after a finding
    row: PeriodRow
    given: tuple[Given, ...] = field(default=())
    after_finding: bool = False  # an absolute discharge after a finding of insanity or disability: check with the office

    @property
    def age_asked(self) -> bool:
        """Whether the calculator asked the age on the way here (the period is halved for under-18s)."""
        return any(given.kind == "age" for given in self.given)

    @property
    def row_words(self) -> str:
        """The row's own period in words, before any halving."""
        return row_period_words(self.row)


@dataclass(frozen=True)
class Flow:
    """Every node of the calculator, by path."""

    questions: dict[AnswerPath, Question]
    outcomes: dict[AnswerPath, OutcomePage]


def slugify(text: str) -> str:
    """'more than 6 months but less than 30 months' -> 'more-than-6-months-but-less-than-30-months'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_flow(table: NotificationPeriodsFile) -> Flow:
    """Derive every question and outcome from the table."""
    flow = Flow(questions={}, outcomes={})
    builder = _FlowBuilder(table, flow)
    start_answers = []
    for disposal in table.disposals:
        path = (disposal.id,)
        start_answers.append(Answer(label=disposal.label, slug=disposal.id, target=path))
        given = (Given("disposal", disposal.label, ()),)
        rows = [row for row in table.rows if row.disposal == disposal.id]
        if any(row.term is not None for row in rows):
            builder.term_question(path, rows, given)
        else:
            builder.after_row(path, rows[0], given)
    flow.questions[()] = Question(path=(), kind="disposal", answers=tuple(start_answers))
    return flow


@dataclass
class _FlowBuilder:
    """Adds to ``flow`` the questions and outcomes that follow a disposal's answer."""

    table: NotificationPeriodsFile
    flow: Flow

    def term_question(self, path: AnswerPath, rows: list[PeriodRow], given: tuple[Given, ...]) -> None:
        """Ask the term, one answer for each row's range of terms, shortest first."""
        answers = []
        for row in sorted(rows, key=_term_start):
            label = _term_words(row).capitalize()
            target = path + (slugify(label),)
            answers.append(Answer(label=label, slug=slugify(label), target=target))
            self.after_row(target, row, given + (Given("term", label, path),))
        self.flow.questions[path] = Question(path=path, kind="term", answers=tuple(answers))

    def after_row(self, path: AnswerPath, row: PeriodRow, given: tuple[Given, ...]) -> None:
        """Ask the age where it changes the period; otherwise state the outcome."""
        table, outcomes = self.table, self.flow.outcomes
        if halved_for_under_18(row):
            answers = []
            for slug, label, young in (
                (UNDER_18, "Yes: under 18 on the relevant date", True),
                (ADULT, "No: 18 or over on the relevant date", False),
            ):
                target = path + (slug,)
                answers.append(Answer(label=label, slug=slug, target=target))
                outcome = outcome_for_row(table, row, young)
                outcomes[target] = OutcomePage(path=target, outcome=outcome, row=row, given=given + (Given("age", label, path),))
            self.flow.questions[path] = Question(path=path, kind="age", answers=tuple(answers))
        elif row.period == DISCHARGE:
            outcomes[path] = OutcomePage(path=path, outcome=None, row=row, given=given)
        elif row.period == NO_NOTIFICATION:
            self.after_absolute_discharge(path, row, given)
        else:
            outcomes[path] = OutcomePage(path=path, outcome=outcome_for_row(table, row, False), row=row, given=given)

    def after_absolute_discharge(self, path: AnswerPath, row: PeriodRow, given: tuple[Given, ...]) -> None:
        """No notification after a conviction; after a finding (s80(1)(b)-(c)), the office decides."""
        words = self.table.absolute_discharge
        convicted, finding = path + (CONVICTED,), path + (FINDING,)
        self.flow.questions[path] = Question(
            path=path,
            kind="finding",
            answers=(
                Answer(label=words.convicted_label, slug=CONVICTED, target=convicted),
                Answer(label=words.finding_label, slug=FINDING, target=finding),
            ),
        )
        self.flow.outcomes[convicted] = OutcomePage(
            path=convicted,
            outcome=outcome_for_row(self.table, row, False),
            row=row,
            given=given + (Given("finding", words.convicted_label, path),),
        )
        self.flow.outcomes[finding] = OutcomePage(
            path=finding,
            outcome=None,
            row=row,
            given=given + (Given("finding", words.finding_label, path),),
            after_finding=True,
        )


def _term_start(row: PeriodRow) -> float:
    """Where a row's range of terms starts, in months (0 when it has no range)."""
    return (row.term.lower or 0) if row.term is not None else 0


def _term_words(row: PeriodRow) -> str:
    """A row's range of terms in words: 'more than 6 months but less than 30 months'."""
    return row.term.describe() if row.term is not None else ""
