"""Composing nudges and weekly summaries as messages. Pure: plain data in, HTML out.

The reminder job and the CLI dry runs fetch tasks and names, then call these; so what
``python -m bot summary`` prints is exactly what a chat would receive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.core.agencies import AgencyDirectory
from bot.core.dates import fmt_date
from bot.core.models import Conclusion, DeadlineKind, Task, TaskStatus
from bot.core.nudges import Nudge, NudgeKind
from bot.core.status import CLASS_ORDER, ClassCounts, StatusClass, classify_task
from bot.texts import Html, escape, t
from bot.views.render import ICONS, render_task_line, shorten, source_text

LIST_LIMIT = 15
"""Tasks listed per section of a summary or digest (the rest are counted)."""
BUTTON_LIMIT = 12
"""Open-task buttons under one message (Telegram allows 100; people read far fewer)."""
SOON_DAYS = 7
PROVINCE_ORDER = (
    StatusClass.OVERDUE, StatusClass.IN_PROGRESS, StatusClass.DONE_ON_TIME,
    StatusClass.DONE_LATE, StatusClass.NO_DEADLINE,
)
"""Cells of the admins' table: what needs a leader's attention first."""


# ----------------------------------------------------------------------------- nudges


def render_nudge(
    nudge: Nudge,
    task: Task,
    agency_name: str,
    conclusion: Conclusion | None,
    lang: str = "vi",
) -> Html:
    """One task's reminder: what, for whom, from which notice, and how much time is left."""
    kind = nudge.kind
    if kind is NudgeKind.BEFORE:
        head = t("nudge.head_before", lang, id=task.id, days=nudge.days_left)
    elif kind is NudgeKind.DUE:
        head = t("nudge.head_due", lang, id=task.id)
    else:
        head = t("nudge.head_overdue", lang, id=task.id, days=-nudge.days_left)
    lines = [head, t("nudge.agency", lang, agency=agency_name), "",
             escape(shorten(task.text, 700)), ""]
    if conclusion is not None:
        lines.append(t("card.source", lang, source=source_text(conclusion, lang)))
    lines.append(t("nudge.deadline", lang, date=fmt_date(nudge.deadline)))
    lines.append("")
    # A recurring duty's period cannot be extended: its nudge does not suggest it.
    recurring = "_recurring" if (task.deadline_kind is DeadlineKind.RECURRING
                                 and kind is not NudgeKind.BEFORE) else ""
    lines.append(t(f"nudge.ask_{kind.value}{recurring}", lang))
    return Html("\n".join(lines))


def render_nudge_digest(
    tasks_by_agency: Sequence[tuple[str, Sequence[Task]]],
    directory: AgencyDirectory,
    today: date,
    lang: str = "vi",
    *,
    since: date | None = None,
) -> Html:
    """Several reminders in one message: after a downtime (``since``) or on a busy day.

    Each task appears once, in its current state, most urgent first.
    """
    count = sum(len(tasks) for _, tasks in tasks_by_agency)
    if since is not None:
        lines: list[str] = [t("nudge.catchup_head", lang, since=fmt_date(since),
                              today=fmt_date(today), count=count)]
    else:
        lines = [t("nudge.digest_head", lang, today=fmt_date(today), count=count)]
    for name, tasks in tasks_by_agency:
        lines.append("")
        lines.append(t("nudge.digest_agency", lang, agency=name))
        ordered = sorted(tasks, key=lambda task: (task.deadline or date.max, task.id))
        for task in ordered[:LIST_LIMIT]:
            lines.append(render_task_line(task, directory, today, lang))
        if len(ordered) > LIST_LIMIT:
            lines.append(t("list.more", lang, count=len(ordered) - LIST_LIMIT))
    lines.append("")
    lines.append(t("nudge.digest_ask", lang))
    return Html("\n".join(lines))


# ----------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class AgencySummary:
    """An agency's week in numbers and lists (tasks it leads)."""

    agency_id: int
    name: str
    today: date
    counts: ClassCounts
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    completed: list[Task] = field(default_factory=list)
    last_week: tuple[date, date] = (date.min, date.min)

    @property
    def task_ids(self) -> list[int]:
        """Tasks in the order they are listed (for the open-task buttons)."""
        return [task.id for task in (*self.overdue, *self.due_soon, *self.completed)]


def previous_week(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week before ``today``'s."""
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def compose_agency_summary(
    agency_id: int, name: str, tasks: Iterable[Task], today: date,
    counts: ClassCounts | None = None,
) -> AgencySummary:
    """Counts in the official classes on ``today``, then what needs attention.

    Overdue tasks come first (longest overdue first), then those due within 7 days, then
    those confirmed done last week (Monday to Sunday). With ``counts`` given (counted by
    the database), ``tasks`` need only hold the tasks that can be listed: an agency's five
    years of finished tasks then stay on disk.
    """
    counted = counts is not None
    counts = counts if counts is not None else ClassCounts()
    overdue: list[Task] = []
    soon: list[Task] = []
    completed: list[Task] = []
    week = previous_week(today)
    for task in tasks:
        cls = classify_task(task, today)
        if not counted:
            counts.add(cls)
        if cls is StatusClass.OVERDUE:
            overdue.append(task)
        elif (
            cls is StatusClass.IN_PROGRESS and task.deadline is not None
            and (task.deadline - today).days <= SOON_DAYS
        ):
            soon.append(task)
        elif (
            task.status is TaskStatus.DONE and task.completed_on is not None
            and week[0] <= task.completed_on <= week[1]
        ):
            completed.append(task)
    overdue.sort(key=lambda task: (task.deadline or date.max, task.id))
    soon.sort(key=lambda task: (task.deadline or date.max, task.id))
    completed.sort(key=lambda task: (task.completed_on or date.max, task.id))
    return AgencySummary(agency_id, name, today, counts, overdue, soon, completed, week)


def render_counts(counts: ClassCounts, lang: str) -> list[str]:
    """One line per official class, in report order, then the total."""
    lines: list[str] = [
        t("summary.count", lang, icon=ICONS[cls], label=t(f"class.{cls.value}", lang),
          count=counts.get(cls))
        for cls in CLASS_ORDER
    ]
    lines.append(t("summary.total", lang, count=counts.total))
    return lines


def _section(
    lines: list[str], title: Html, tasks: Sequence[Task], directory: AgencyDirectory,
    today: date, lang: str,
) -> None:
    if not tasks:
        return
    lines.append("")
    lines.append(title)
    for task in tasks[:LIST_LIMIT]:
        lines.append(render_task_line(task, directory, today, lang))
    if len(tasks) > LIST_LIMIT:
        lines.append(t("list.more", lang, count=len(tasks) - LIST_LIMIT))


def render_support_only_summary(
    name: str, supported: Sequence[Task], today: date, week: str, lang: str = "vi"
) -> Html:
    """The week of an agency that leads nothing: the tasks it supports, in one line.

    Six zero counts would say nothing; what it helps with is what its people can act on.
    """
    ordered = sorted(supported, key=lambda task: (task.deadline or date.max, task.id))
    ids = ", ".join(f"#{task.id}" for task in ordered[:LIST_LIMIT])
    if len(ordered) > LIST_LIMIT:
        ids += " " + t("list.more", lang, count=len(ordered) - LIST_LIMIT)
    return t("summary.support_only", lang, agency=name, week=week, today=fmt_date(today),
             count=len(ordered), ids=ids)


def render_agency_summary(
    summary: AgencySummary, directory: AgencyDirectory, week: str, lang: str = "vi"
) -> Html:
    """The weekly message for one agency (may exceed 4096: split before sending)."""
    today = summary.today
    lines: list[str] = [
        t("summary.head", lang, agency=summary.name, week=week, today=fmt_date(today)),
        "",
        *render_counts(summary.counts, lang),
    ]
    _section(lines, t("summary.overdue", lang, count=len(summary.overdue)), summary.overdue,
             directory, today, lang)
    _section(lines, t("summary.due_soon", lang, count=len(summary.due_soon)),
             summary.due_soon, directory, today, lang)
    start, end = summary.last_week
    _section(lines, t("summary.completed", lang, count=len(summary.completed),
                      start=fmt_date(start), end=fmt_date(end)),
             summary.completed, directory, today, lang)
    if not (summary.overdue or summary.due_soon):
        lines.append("")
        lines.append(t("summary.all_clear", lang))
    return Html("\n".join(lines))


def worst_first(
    counts_by_agency: Mapping[int, ClassCounts], directory: AgencyDirectory
) -> list[tuple[str, ClassCounts]]:
    """(agency name, counts) ordered for leaders: most overdue first, then most pending."""
    rows: list[tuple[str, ClassCounts]] = []
    for agency_id, counts in counts_by_agency.items():
        if counts.total == 0:
            continue
        agency = directory.by_id(agency_id)
        rows.append((agency.name if agency else f"#{agency_id}", counts))
    rows.sort(key=lambda row: (
        -row[1].overdue, -row[1].done_late, -row[1].in_progress, row[0],
    ))
    return rows


def render_province_summary(
    rows: Sequence[tuple[str, ClassCounts]], totals: ClassCounts, today: date, week: str,
    lang: str = "vi",
) -> Html:
    """The admins' table: one row per lead agency, worst first, then province totals."""
    lines: list[str] = [
        t("summary.province_head", lang, week=week, today=fmt_date(today)),
        t("summary.province_legend", lang),
        "",
    ]
    for index, (name, counts) in enumerate(rows, start=1):
        cells = " · ".join(f"{ICONS[cls]} {counts.get(cls)}" for cls in PROVINCE_ORDER)
        lines.append(t("summary.province_row", lang, n=index, agency=name, cells=cells,
                       total=counts.total))
    if not rows:
        lines.append(t("summary.province_empty", lang))
    lines.append("")
    lines.append(t("summary.province_totals", lang))
    lines.extend(render_counts(totals, lang))
    return Html("\n".join(lines))
