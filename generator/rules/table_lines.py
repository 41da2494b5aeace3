"""The table of notification periods in words, as the site's pages, the leaflet and the
open data show it: each row with its period and its period for under-18s, and which
periods are halved for a person under 18 (the rule itself is :mod:`generator.rules.periods`)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import gettext
from generator.load.table_models import DISCHARGE, INDEFINITE, NO_NOTIFICATION, FixedPeriod, NotificationPeriodsFile, PeriodRow
from generator.rules.periods import halved_for_under_18, outcome_for_row, row_period_words
from generator.wording import join_words


@dataclass(frozen=True)
class TableLine:
    """One row of the table as the site's and the leaflet's tables show it."""

    row: PeriodRow
    period: str  # the row's period in words
    under_18: str | None  # the halved period in words, or None when it is not halved

    @property
    def under_18_words(self) -> str:
        """What the tables show for under-18s: the halved period, 'Not halved', or
        'No notification' for an absolute discharge."""
        if self.row.period == NO_NOTIFICATION:
            return gettext("No notification")
        return self.under_18 or gettext("Not halved")


def table_lines(table: NotificationPeriodsFile) -> list[TableLine]:
    """Every row of the table with its period, and its period for under-18s, in words."""
    lines = []
    for row in table.rows:
        young = outcome_for_row(table, row, True).period_words() if halved_for_under_18(row) else None
        lines.append(TableLine(row=row, period=row_period_words(row), under_18=young))
    return lines


def under_18_summary(table: NotificationPeriodsFile) -> str:
    """Which periods are halved for a person under 18 on the relevant date, and which are
    not, in one or two sentences written from the rows: 'For a person who was under 18 on
    the relevant date, the period is halved: 10 years becomes 5 years; ... Not halved:
    indefinite notification and the period of a conditional discharge.'"""
    lines = table_lines(table)
    labels = {d.id: d.short_label for d in table.disposals}
    halved = sorted(
        {
            (line.row.period.years, line.period, line.under_18)
            for line in lines
            if isinstance(line.row.period, FixedPeriod) and line.under_18 is not None
        },
        reverse=True,
    )
    kept: list[str] = []
    for line in lines:
        if line.under_18 is not None or line.row.period == NO_NOTIFICATION:
            continue
        if line.row.period == INDEFINITE:
            words = gettext("indefinite notification")
        elif line.row.period == DISCHARGE:
            words = gettext("the period of a conditional discharge")
        else:
            words = gettext("%(period)s (%(disposal)s)") % {"period": line.period, "disposal": labels[line.row.disposal]}
        if words not in kept:
            kept.append(words)
    sentences = []
    if halved:
        pairs = "; ".join(gettext("%(period)s becomes %(halved)s") % {"period": full, "halved": young} for _, full, young in halved)
        sentences.append(gettext("For a person who was under 18 on the relevant date, the period is halved: %(pairs)s.") % {"pairs": pairs})
    if kept:
        sentences.append(gettext("Not halved: %(periods)s.") % {"periods": join_words(kept)})
    return " ".join(sentences)
