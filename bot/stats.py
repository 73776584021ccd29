"""/stats: counts per agency in the official classes, as text and as chart rows. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from bot.agencies import AgencyDirectory
from bot.render import fmt_date
from bot.status import ClassCounts
from bot.summary import worst_first
from bot.texts import Html, t

StatsRows = list[tuple[str, ClassCounts]]
"""(agency name, counts) rows, in the order /stats and its chart show them."""


def stats_rows(
    counts: Mapping[int, ClassCounts],
    directory: AgencyDirectory,
    agency_ids: Iterable[int] | None = None,
) -> StatsRows:
    """(name, counts) per agency in the weekly summary's order (most overdue first).

    ``agency_ids`` lists agencies to show even without tasks (a member's own agencies),
    after the others; without it only agencies that lead a task appear.
    """
    rows = worst_first(counts, directory)
    for agency_id in agency_ids or ():
        found = counts.get(agency_id)
        if found is None or not found.total:
            agency = directory.by_id(agency_id)
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
    """The /stats message: a title, the legend, one line per agency, the province total."""
    if not rows:
        return t("stats.empty", lang)
    lines = [t("stats.title", lang, scope=scope, today=fmt_date(today)), t("stats.legend", lang)]
    for name, counts in rows:
        lines.append(t(
            "stats.line", lang, name=name, total=counts.total,
            done_on_time=counts.done_on_time, done_late=counts.done_late,
            in_progress=counts.in_progress, overdue=counts.overdue,
            no_deadline=counts.no_deadline,
        ))
    if totals is not None:
        lines.append(t(
            "stats.total", lang, total=totals.total, done=totals.done,
            done_pct=percent(totals.done, totals.total), overdue=totals.overdue,
        ))
    return Html("\n".join(lines))
