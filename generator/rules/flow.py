"""The calculator's questions and answers, derived from the table of notification periods.

Routing is data: every question, answer and path below comes from
data/notification_periods.yaml, but for the answers the table cannot settle, which every
question offers and which lead to advice pages (:func:`advice_answers`): "I am not sure", a
suspended sentence, several prison terms. The law is in :mod:`generator.rules.periods`; the wording of
the pages is in templates/calculator/. Each node has a path of answer slugs, which is
also its folder in the site: ``calculator/imprisonment/6-months-or-less/under-18/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.i18n import gettext, ngettext
from generator.load.table_models import DISCHARGE, NO_NOTIFICATION, NotificationPeriodsFile, PeriodRow
from generator.rules.periods import Outcome, halved_for_under_18, or_words, outcome_for_row, row_period_words
from generator.rules.terms import term_words

AnswerPath = tuple[str, ...]  # the answers that lead to a question or an outcome, as folder names

UNDER_18 = "under-18"
ADULT = "18-or-over"
CONVICTED = "after-a-conviction"
FINDING = "after-a-finding-of-insanity-or-disability"
NOT_SURE = "not-sure"
SUSPENDED = "suspended-sentence"
SEVERAL_TERMS = "several-terms"


def advice_answers() -> dict[str, dict[str, str]]:
    """The answers that lead to advice, by slug: their words (in the reader's language) on
    each kind of question that offers them."""
    return {
        SUSPENDED: {"disposal": gettext("Given a suspended sentence of imprisonment"), "term": gettext("It was a suspended sentence")},
        SEVERAL_TERMS: {"term": gettext("Several terms, for more than one offence")},
        NOT_SURE: dict.fromkeys(("disposal", "term", "age", "finding"), gettext("I am not sure")),
    }


@dataclass(frozen=True)
class Answer:
    """One answer to a question: its words, its slug in the URL, and the node it leads to."""

    label: str
    slug: str
    target: AnswerPath
    hint: str = ""  # a few words under the answer, such as 'for example 1 year or 2 years'


@dataclass(frozen=True)
class Given:
    """An answer already given on the way to a node, with the question to change it."""

    kind: str
    label: str
    question: AnswerPath


@dataclass(frozen=True)
class Question:
    """A page asking one question, after the answers ``given``."""

    path: AnswerPath
    kind: str  # "disposal", "term", "age" or "finding" (after a conviction, or a finding)
    answers: tuple[Answer, ...]
    given: tuple[Given, ...] = field(default=())


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
class AdvicePage:
    """A page for an answer the table cannot settle (``slug``, one of :func:`advice_answers`) to
    the question of ``kind``: what to do. ``question`` is the question it answers."""

    path: AnswerPath
    slug: str
    kind: str
    given: tuple[Given, ...]
    question: Question


@dataclass(frozen=True)
class Flow:
    """Every node of the calculator, by path."""

    questions: dict[AnswerPath, Question]
    outcomes: dict[AnswerPath, OutcomePage]
    advice: dict[AnswerPath, AdvicePage] = field(default_factory=dict)


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
    builder.ask((), "disposal", start_answers, ())
    return flow


@dataclass
class _FlowBuilder:
    """Adds to ``flow`` the questions and outcomes that follow a disposal's answer."""

    table: NotificationPeriodsFile
    flow: Flow

    def ask(self, path: AnswerPath, kind: str, answers: list[Answer], given: tuple[Given, ...]) -> None:
        """Add the question at ``path``, with the answers that lead to advice after its own."""
        offered = [(slug, labels[kind]) for slug, labels in advice_answers().items() if kind in labels]
        for slug, _label in offered:
            if any(answer.slug == slug for answer in answers):
                raise ValueError(f"an answer's slug '{slug}' is kept for the calculator's own answer")
        advice = [Answer(label=label, slug=slug, target=path + (slug,)) for slug, label in offered]
        question = Question(path=path, kind=kind, answers=tuple(answers + advice), given=given)
        self.flow.questions[path] = question
        for answer in advice:
            self.flow.advice[answer.target] = AdvicePage(
                path=answer.target, slug=answer.slug, kind=kind, given=given + (Given(kind, answer.label, path),), question=question
            )

    def term_question(self, path: AnswerPath, rows: list[PeriodRow], given: tuple[Given, ...]) -> None:
        """Ask the term, one answer for each row's range of terms, shortest first."""
        answers = []
        for row in sorted(rows, key=_term_start):
            label = term_words(row.term).capitalize()
            slug = slugify(row.term.describe() if row.term is not None else "")  # the English words: the same address in every language
            target = path + (slug,)
            answers.append(Answer(label=label, slug=slug, target=target, hint=_years_for_example(row)))
            self.after_row(target, row, given + (Given("term", label, path),))
        self.ask(path, "term", answers, given)

    def after_row(self, path: AnswerPath, row: PeriodRow, given: tuple[Given, ...]) -> None:
        """Ask the age where it changes the period; otherwise state the outcome."""
        table, outcomes = self.table, self.flow.outcomes
        if halved_for_under_18(row):
            answers = []
            for slug, label, young in (
                (UNDER_18, gettext("Yes: under 18 on the relevant date"), True),
                (ADULT, gettext("No: 18 or over on the relevant date"), False),
            ):
                target = path + (slug,)
                answers.append(Answer(label=label, slug=slug, target=target))
                outcome = outcome_for_row(table, row, young)
                outcomes[target] = OutcomePage(path=target, outcome=outcome, row=row, given=given + (Given("age", label, path),))
            self.ask(path, "age", answers, given)
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
        answers = [
            Answer(label=words.convicted_label, slug=CONVICTED, target=convicted),
            Answer(label=words.finding_label, slug=FINDING, target=finding),
        ]
        self.ask(path, "finding", answers, given)
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


def _years_for_example(row: PeriodRow) -> str:
    """Up to two whole years a bounded range of terms holds, as a hint: 'for example 1 year or
    2 years' (none for a range with no upper bound, or one holding no whole year)."""
    if row.term is None or row.term.upper is None:
        return ""
    years = [n for n in range(1, row.term.upper // 12 + 1) if row.term.contains(n * 12)][:2]
    if not years:
        return ""
    named = or_words([ngettext("%(count)d year", "%(count)d years", n) % {"count": n} for n in years])
    return gettext("for example %(years)s") % {"years": named}


def _term_start(row: PeriodRow) -> float:
    """Where a row's range of terms starts, in months (0 when it has no range)."""
    return (row.term.lower or 0) if row.term is not None else 0


def period_words(page: OutcomePage) -> str:
    """What an outcome page gives, in a few words: '10 years', 'indefinite', 'no notification',
    'as long as the conditional discharge'; '' after a finding (the MAPPA office decides)."""
    if page.after_finding:
        return ""
    if page.outcome is None:
        return gettext("as long as the conditional discharge")
    if page.outcome.no_notification:
        return gettext("no notification")
    return gettext("indefinite") if page.outcome.indefinite else page.outcome.period_words()


def answers_words(page: OutcomePage) -> str:
    """The answers that lead to ``page``, shortly, in the reader's language: 'Cautioned, under 18'."""
    short = {UNDER_18: gettext("under 18"), ADULT: gettext("18 or over"), CONVICTED: gettext("after a conviction")}
    words = [
        short.get(slug, given.label if number == 0 else given.label[:1].lower() + given.label[1:])
        for number, (given, slug) in enumerate(zip(page.given, page.path, strict=True))
    ]
    return ", ".join(words)


def other_periods(flow: Flow, page: OutcomePage) -> list[tuple[str, list[OutcomePage]]]:
    """Every period the calculator gives but ``page``'s, longest first, each with the outcome
    pages that give it: why a person may have been told another period."""
    found: dict[str, list[OutcomePage]] = {}
    for other in sorted(_walk(flow, ()), key=_longest_first):  # sorted() keeps the answers' order within a period
        words = period_words(other)
        if words and words != period_words(page):
            found.setdefault(words, []).append(other)
    return list(found.items())


def _longest_first(page: OutcomePage) -> tuple[int, int]:
    """Indefinite first, then the fixed periods longest first, the discharge's, none."""
    outcome = page.outcome
    if outcome is None or outcome.no_notification:
        return (2 if outcome is None else 3, 0)
    return (0, 0) if outcome.indefinite else (1, -(outcome.period.total_months if outcome.period else 0))


def outcomes_in_order(flow: Flow) -> list[OutcomePage]:
    """Every outcome, in the order a reader meets them walking the answers from the start."""
    return list(_walk(flow, ()))


def _walk(flow: Flow, path: AnswerPath) -> Iterator[OutcomePage]:
    if path in flow.outcomes:
        yield flow.outcomes[path]
    elif path in flow.questions:
        for answer in flow.questions[path].answers:
            yield from _walk(flow, answer.target)
