"""Write the calculator's pages as Markdown: one page per question and per outcome.

The pages use templates/calculator/*.md for their wording and take every answer, period
and rule from the flow (see :mod:`generator.rules.flow`), and the date Part 2 came into
force from :mod:`generator.rules.periods`. They use the theme template
``calculator.html``, which carries no JavaScript at all.
"""

from __future__ import annotations

import posixpath

import jinja2

from generator import web_policy
from generator.load.data import SiteData
from generator.rules.flow import AnswerPath, Flow, build_flow

CALCULATOR = web_policy.CALCULATOR.path.rstrip("/")  # where its pages are served, declared once
ALL_OUTCOMES: AnswerPath = ("all-outcomes",)


def page_file(path: AnswerPath) -> str:
    """The Markdown file of the node at ``path``: 'calculator/imprisonment/index.md'."""
    return posixpath.join(CALCULATOR, *path, "index.md")


def relative_link(from_file: str, to_file: str) -> str:
    """A link from one Markdown file to another, relative, as MkDocs expects."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file))


def render_calculator(env: jinja2.Environment, context: dict, data: SiteData) -> dict[str, str]:
    """Every calculator page's Markdown, by file name in the rendered docs."""
    flow = build_flow(data.notification_periods)
    pages: dict[str, str] = {}
    question = env.get_template("calculator/question.md")
    outcome = env.get_template("calculator/outcome.md")
    every_outcome = env.get_template("calculator/all_outcomes.md")

    def render(template: jinja2.Template, path: AnswerPath, **values: object) -> None:
        here = page_file(path)

        def link(target: AnswerPath | str) -> str:
            """Link to a calculator node (a path) or a content page (a file name)."""
            return relative_link(here, target if isinstance(target, str) else page_file(target))

        pages[here] = template.render(
            context, flow=flow, link=link, all_outcomes=ALL_OUTCOMES, part_2_in_force=data.notification_periods.part_2_in_force, **values
        )

    for path, node in flow.questions.items():
        render(question, path, question=node)
    for path, page in flow.outcomes.items():
        render(outcome, path, page=page)
    render(every_outcome, ALL_OUTCOMES, outcomes=list(_in_start_order(flow)))
    return pages


def _in_start_order(flow: Flow):
    """Outcomes in the order a reader meets them, walking the answers from the start."""

    def walk(path: AnswerPath):
        if path in flow.outcomes:
            yield flow.outcomes[path]
            return
        for answer in flow.questions[path].answers:
            yield from walk(answer.target)

    yield from walk(())
