"""/stats: counts per agency in the official classes, as text and as chart rows. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from bot.core.agencies import AgencyDirectory
from bot.core.dates import fmt_date
from bot.core.status import ClassCounts, StatusClass
from bot.texts import Html, t
from bot.views.summary import worst_first

StatsRows = list[tuple[str, ClassCounts]]
"""(agency name, counts) rows, in the order /stats and its chart show them."""

SHOWN = 20
"""Agencies /stats lists one by one and draws, the most overdue first.

A province has well over a hundred lead agencies: listing them all made three long
messages and a chart of 134 bars (half a megabyte, seconds to draw) that no phone shows
legibly. The others are summed in one line; /export has every agency.
"""


def summed(rows: Iterable[tuple[str, ClassCounts]]) -> ClassCounts:
    """The counts of several rows added up."""
    total = ClassCounts()
    for _, counts in rows:
        for cls in StatusClass:
            setattr(total, cls.value, total.get(cls) + counts.get(cls))
    return total


def stats_rows(
    counts: Mapping[int, ClassCounts],
    directory: AgencyDirectory,
    agency_ids: Iterable[int] | None = None,
) -> StatsRows:
    """(name, counts) per agency in the weekly summary's order (most overdue first).

    ``agency_ids`` lists agencies to show even without tasks (a member's own agencies),
    after the others; without it only agencies that lead a task appear. A collective
    whose members hold its tasks is not listed empty beside them.
    """
    rows = worst_first(counts, directory)
    for agency_id in agency_ids or ():
        found = counts.get(agency_id)
        if found is None or not found.total:
            agency = directory.by_id(agency_id)
            if agency is not None and directory.members_of(agency):
                continue
            rows.append((agency.name if agency else f"#{agency_id}", ClassCounts()))
    return rows


def percent(part: int, whole: int) -> str:
    """"42%" (Vietnamese reports round shares to whole percents); "—" when whole is 0."""
    return f"{round(100 * part / whole)}%" if whole else "—"


def render_stats(
    rows: Sequence[tuple[str, ClassCounts]],
    totals: ClassCounts | None,
    scope: str,
    today: date,
    lang: str,
) -> Html:
    """The /stats message: a title, the legend, a line per agency (the first
    :data:`SHOWN`; the others summed in one line), the province total."""
    if not rows:
        return t("stats.empty", lang)
    lines = [t("stats.title", lang, scope=scope, today=fmt_date(today)), t("stats.legend", lang)]
    for name, counts in rows[:SHOWN]:
        lines.append(t("stats.line", lang, name=name, **_figures(counts)))
    if len(rows) > SHOWN:
        rest = rows[SHOWN:]
        lines.append(t("stats.rest", lang, count=len(rest), **_figures(summed(rest))))
    if totals is not None:
        lines.append(t(
            "stats.total", lang, total=totals.total, done=totals.done,
            done_pct=percent(totals.done, totals.total), overdue=totals.overdue,
        ))
    return Html("\n".join(lines))


def chart_caption(
    rows: Sequence[tuple[str, ClassCounts]], today: date, lang: str, week: str | None = None,
) -> tuple[StatsRows, Html]:
    """The rows the chart draws (the first :data:`SHOWN`, as the text lists them) and a
    caption saying what they are: every agency, the most overdue ones, or the first of the
    table when fewer than that many are overdue (none, it says so). ``week``: the weekly
    summary's chart."""
    shown = list(rows[:SHOWN])
    late = sum(1 for _, counts in shown if counts.overdue)
    figures = {"shown": len(shown), "total": len(rows), "late": late}
    if len(shown) == len(rows):
        head = t("chart.caption.all", lang)
    elif late == len(shown):
        head = t("chart.caption.worst", lang, **figures)
    else:
        head = t("chart.caption.some" if late else "chart.caption.none", lang, **figures)
    rest = "_rest" if len(shown) < len(rows) else ""
    if week is None:
        return shown, t(f"chart.caption.today{rest}", lang, head=head, today=fmt_date(today))
    return shown, t(f"chart.caption.week{rest}", lang, head=head, week=week,
                    today=fmt_date(today))


def _figures(counts: ClassCounts) -> dict[str, int]:
    return {
        "total": counts.total, "done_on_time": counts.done_on_time,
        "done_late": counts.done_late, "in_progress": counts.in_progress,
        "overdue": counts.overdue, "no_deadline": counts.no_deadline,
    }
