"""Write the calculator's pages as Markdown: a start page, and one page per question, per
outcome and per answer that leads to advice.

The pages use templates/calculator/*.md for their wording and take every answer, period
and rule from the flow (see :mod:`generator.rules.flow`), their worked examples from
:mod:`generator.rules.worked_example`, and the date Part 2 came into force from the
table. They use the theme template ``calculator.html``, which carries no JavaScript at
all. The start page is the calculator's address; the first question has its own.
"""

from __future__ import annotations

import posixpath
from functools import partial

import jinja2

from generator import web_policy
from generator.load.data import SiteData
from generator.render.citations import Citations
from generator.rules.flow import AnswerPath, answers_words, build_flow, other_periods, outcomes_in_order, period_words
from generator.rules.worked_example import worked_example

CALCULATOR = web_policy.CALCULATOR.path.rstrip("/")  # where its pages are served, declared once
ALL_OUTCOMES: AnswerPath = ("all-outcomes",)
FIRST_QUESTION = "what-happened"  # the first question's folder: the calculator's own address is the start page
START_PAGE = posixpath.join(CALCULATOR, "index.md")


def page_file(path: AnswerPath) -> str:
    """The Markdown file of the node at ``path``: 'calculator/imprisonment/index.md'."""
    return posixpath.join(CALCULATOR, *(path or (FIRST_QUESTION,)), "index.md")


def question_files(data: SiteData) -> set[str]:
    """The question pages' files: they carry no review date (a question states no law)."""
    return {page_file(path) for path in build_flow(data.notification_periods).questions}


def relative_link(from_file: str, to_file: str) -> str:
    """A link from one Markdown file to another, relative, as MkDocs expects."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file))


def render_calculator(env: jinja2.Environment, context: dict, data: SiteData, citations: Citations) -> dict[str, str]:
    """Every calculator page's Markdown, by file name in the rendered docs; each page's
    citations numbered in ``citations``."""
    table = data.notification_periods
    flow = build_flow(table)
    pages: dict[str, str] = {}

    def render(template: str, here: str, **values: object) -> None:
        def link(target: AnswerPath | str) -> str:
            """Link to a calculator node (a path) or a content page (a file name)."""
            return relative_link(here, target if isinstance(target, str) else page_file(target))

        pages[here] = env.get_template(f"calculator/{template}.md").render(
            context,
            flow=flow,
            link=link,
            cite_number=citations.for_page(here),
            start=START_PAGE,
            first_question=(),
            all_outcomes=ALL_OUTCOMES,
            part_2_in_force=table.part_2_in_force,
            outcomes=flow.outcomes,
            period_words=period_words,
            answers_words=answers_words,
            other_periods=partial(other_periods, flow),
            worked_example=partial(worked_example, table),
            **values,
        )

    render("start", START_PAGE)
    for path, node in flow.questions.items():
        render("question", page_file(path), question=node)
    for path, page in flow.outcomes.items():
        render("outcome", page_file(path), page=page)
    for path, advice in flow.advice.items():
        render("advice", page_file(path), advice=advice)
    render("all_outcomes", page_file(ALL_OUTCOMES), in_order=outcomes_in_order(flow))
    return pages
