"""Composing nudges and weekly summaries as messages. Pure: plain data in, HTML out.

The reminder job and the CLI dry runs fetch tasks and names, then call these; so what
``python -m bot summary`` prints is exactly what a chat would receive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.core.agencies import AgencyDirectory
from bot.core.assignments import Unreported, UnreportedGroup
from bot.core.dates import fmt_date, week_span
from bot.core.models import Conclusion, DeadlineKind, Task, TaskStatus
from bot.core.normalize import vi_sort_key
from bot.core.nudges import Nudge, NudgeKind
from bot.core.status import CLASS_ORDER, ClassCounts, StatusClass, classify, classify_task
from bot.texts import Html, escape, t
from bot.views.render import ICONS, due_phrase, render_task_line, shorten, source_text

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
    *,
    lead: str | None = None,
) -> Html:
    """One task's reminder: what, for whom, from which notice, and how much time is left.

    With ``lead`` (the lead agencies' names) the reminder is for a supporting agency: it
    says who leads and asks for its part.
    """
    kind = nudge.kind
    if kind is NudgeKind.BEFORE:
        head = t("nudge.head_before", lang, id=task.id, days=nudge.days_left)
    elif kind is NudgeKind.DUE:
        head = t("nudge.head_due", lang, id=task.id)
    else:
        head = t("nudge.head_overdue", lang, id=task.id, days=-nudge.days_left)
    who = (t("nudge.agency", lang, agency=agency_name) if lead is None
           else t("nudge.support_agency", lang, agency=agency_name, lead=lead))
    lines = [head, who, "", escape(shorten(task.text, 700)), ""]
    if conclusion is not None:
        lines.append(t("card.source", lang, source=source_text(conclusion, lang)))
    lines.append(t("nudge.deadline", lang, date=fmt_date(nudge.deadline)))
    lines.append("")
    # A recurring duty's period cannot be extended: its nudge does not suggest it.
    recurring = "_recurring" if (task.deadline_kind is DeadlineKind.RECURRING
                                 and kind is not NudgeKind.BEFORE) else ""
    ask = (f"nudge.ask_{kind.value}{recurring}" if lead is None
           else f"nudge.ask_support_{kind.value}")
    lines.append(t(ask, lang))
    return Html("\n".join(lines))


def render_nudge_digest(
    tasks_by_agency: Sequence[tuple[str, Sequence[Task]]],
    directory: AgencyDirectory,
    today: date,
    lang: str = "vi",
    *,
    since: date | None = None,
    supporting: frozenset[int] = frozenset(),
) -> Html:
    """Several reminders in one message: after a downtime (``since``) or on a busy day.

    Each task appears once, in its current state, most urgent first; ``supporting`` holds
    the positions of the groups that are a supporting agency's.
    """
    count = sum(len(tasks) for _, tasks in tasks_by_agency)
    if since is not None:
        lines: list[str] = [t("nudge.catchup_head", lang, since=fmt_date(since),
                              today=fmt_date(today), count=count)]
    else:
        lines = [t("nudge.digest_head", lang, today=fmt_date(today), count=count)]
    for position, (name, tasks) in enumerate(tasks_by_agency):
        lines.append("")
        label = "nudge.digest_support" if position in supporting else "nudge.digest_agency"
        lines.append(t(label, lang, agency=name))
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
    """An agency's week in numbers and lists (tasks it leads, or units it holds).

    The lists may hold only the tasks shown (the first :data:`LIST_LIMIT` of each
    section): ``sizes`` then gives each section's size and ``ids`` every task of the
    sections in order — a commune holds hundreds of open units of tasks to every commune,
    and reading them all as tasks to show fifteen made the weekly run five times slower.
    """

    agency_id: int
    name: str
    today: date
    counts: ClassCounts
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    completed: list[Task] = field(default_factory=list)
    last_week: tuple[date, date] = (date.min, date.min)
    sizes: tuple[int, int, int] | None = None
    ids: tuple[int, ...] | None = None

    @property
    def section_sizes(self) -> tuple[int, int, int]:
        """How many tasks are overdue, due soon, completed last week."""
        if self.sizes is not None:
            return self.sizes
        return len(self.overdue), len(self.due_soon), len(self.completed)

    @property
    def task_ids(self) -> list[int]:
        """Tasks in the order they are listed (for the open-task buttons)."""
        if self.ids is not None:
            return list(self.ids)
        return [task.id for task in (*self.overdue, *self.due_soon, *self.completed)]


def previous_week(today: date) -> tuple[date, date]:
    """Monday and Sunday of the week before ``today``'s."""
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def sort_sections(
    states: Iterable[tuple[int, TaskStatus, date | None, date | None]], today: date
) -> tuple[list[int], list[int], list[int]]:
    """(overdue, due within 7 days, completed last week) task ids, in the order the summary
    lists them, from light rows (task id, status, deadline, completion date): the same
    rules as :func:`compose_agency_summary`, without reading whole tasks."""
    week = previous_week(today)
    overdue: list[tuple[date, int]] = []
    soon: list[tuple[date, int]] = []
    completed: list[tuple[date, int]] = []
    for task_id, status, deadline, completed_on in states:
        cls = classify(status, deadline, completed_on, today)
        if cls is StatusClass.OVERDUE:
            overdue.append((deadline or date.max, task_id))
        elif (cls is StatusClass.IN_PROGRESS and deadline is not None
              and (deadline - today).days <= SOON_DAYS):
            soon.append((deadline, task_id))
        elif (status is TaskStatus.DONE and completed_on is not None
              and week[0] <= completed_on <= week[1]):
            completed.append((completed_on, task_id))
    return ([i for _, i in sorted(overdue)], [i for _, i in sorted(soon)],
            [i for _, i in sorted(completed)])


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
            cls is StatusClass.IN_PROGRESS and task.judged_deadline is not None
            and (task.judged_deadline - today).days <= SOON_DAYS
        ):
            soon.append(task)
        elif (
            task.status is TaskStatus.DONE and task.completed_on is not None
            and week[0] <= task.completed_on <= week[1]
        ):
            completed.append(task)
    overdue.sort(key=lambda task: (task.judged_deadline or date.max, task.id))
    soon.sort(key=lambda task: (task.judged_deadline or date.max, task.id))
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
    today: date, lang: str, size: int | None = None,
) -> None:
    """A titled list of its first tasks; ``size``: the section's size when ``tasks`` holds
    only those shown."""
    size = len(tasks) if size is None else size
    if not size:
        return
    lines.append("")
    lines.append(title)
    for task in tasks[:LIST_LIMIT]:
        lines.append(render_task_line(task, directory, today, lang))
    if size > LIST_LIMIT:
        lines.append(t("list.more", lang, count=size - LIST_LIMIT))


def render_support_only_summary(
    name: str, supported: Sequence[Task], today: date, week: str, lang: str = "vi",
    size: int | None = None,
) -> Html:
    """The week of an agency that leads nothing: the tasks it supports, in one line.

    Six zero counts would say nothing; what it helps with is what its people can act on.
    ``size``: how many it supports, when ``supported`` holds only the first of them.
    """
    ordered = sorted(supported, key=lambda task: (task.deadline or date.max, task.id))
    size = len(ordered) if size is None else size
    ids = ", ".join(f"#{task.id}" for task in ordered[:LIST_LIMIT])
    if size > LIST_LIMIT:
        ids += " " + t("list.more", lang, count=size - LIST_LIMIT)
    return t("summary.support_only", lang, agency=name, week=week, today=fmt_date(today),
             count=size, ids=ids)


def render_supported(
    supported: Sequence[Task], directory: AgencyDirectory, today: date, lang: str = "vi",
    size: int | None = None,
) -> list[str]:
    """The section listing the open tasks an agency supports (most urgent first): every
    weekly summary has it, also the summary of an agency that leads other tasks.
    ``size`` as for :func:`render_support_only_summary`."""
    lines: list[str] = []
    ordered = sorted(supported, key=lambda task: (task.deadline or date.max, task.id))
    size = len(ordered) if size is None else size
    _section(lines, t("summary.supported", lang, count=size), ordered, directory, today, lang,
             size)
    return lines


def render_unreached(rows: Sequence[tuple[str, int]], lang: str = "vi") -> list[str]:
    """Units with open tasks that no chat follows, with the /invite to send (for admins)."""
    if not rows:
        return []
    lines: list[str] = ["", t("summary.unreached_head", lang, count=len(rows))]
    for name, count in rows[:LIST_LIMIT]:
        lines.append(t("summary.unreached_row", lang, agency=name, count=count))
    if len(rows) > LIST_LIMIT:
        lines.append(t("summary.unreached_more", lang, count=len(rows) - LIST_LIMIT))
    return lines


def _unreported_line(item: Unreported, today: date, tz_date: date | None, lang: str) -> Html:
    last = (t("unreported.last", lang, date=fmt_date(tz_date)) if tz_date is not None
            else t("unreported.never", lang))
    return t("unreported.line", lang, id=item.task_id, text=shorten(item.text, 90),
             date=fmt_date(item.deadline), due=due_phrase(item.deadline, today, lang),
             last=last)


def render_unreported_reminder(
    agency_name: str, items: Sequence[Unreported], report_days: Sequence[date | None],
    today: date, days: int, lang: str = "vi",
) -> Html:
    """"Nhắc ngay": one agency's tasks it has not reported on, as its chats receive it.

    ``report_days`` are the local days of each item's latest report (None: never).
    """
    lines: list[str] = [t("unreported.remind_head", lang, agency=agency_name,
                          today=fmt_date(today), count=len(items), days=days), ""]
    for item, day in list(zip(items, report_days, strict=True))[:LIST_LIMIT]:
        lines.append(_unreported_line(item, today, day, lang))
    if len(items) > LIST_LIMIT:
        lines.append(t("list.more", lang, count=len(items) - LIST_LIMIT))
    lines += ["", t("unreported.remind_ask", lang)]
    return Html("\n".join(lines))


def render_unreported(
    groups: Sequence[tuple[str, UnreportedGroup, Sequence[date | None]]], today: date,
    days: int, near: int, lang: str = "vi", per_agency: int = 5,
) -> Html:
    """Who has not reported (``/chuabaocao``): per agency, its most urgent tasks.

    ``groups`` are (agency name, its group, the local day of each item's latest report).
    """
    if not groups:
        return t("unreported.none", lang, today=fmt_date(today), days=days, near=near)
    count = sum(len(group.items) for _, group, _ in groups)
    lines: list[str] = [t("unreported.head", lang, days=days, near=near, today=fmt_date(today),
                          agencies=len(groups), count=count)]
    for name, group, report_days in groups:
        lines += ["", t("unreported.agency", lang, agency=name, count=len(group.items))]
        pairs = list(zip(group.items, report_days, strict=True))
        for item, day in pairs[:per_agency]:
            lines.append(_unreported_line(item, today, day, lang))
        if len(pairs) > per_agency:
            lines.append(t("list.more", lang, count=len(pairs) - per_agency))
    return Html("\n".join(lines))


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
    overdue, soon, completed = summary.section_sizes
    _section(lines, t("summary.overdue", lang, count=overdue), summary.overdue,
             directory, today, lang, overdue)
    _section(lines, t("summary.due_soon", lang, count=soon), summary.due_soon, directory,
             today, lang, soon)
    start, _ = summary.last_week
    _section(lines, t("summary.completed", lang, count=completed, week=week_span(start)),
             summary.completed, directory, today, lang, completed)
    if not (overdue or soon):
        lines.append("")
        lines.append(t("summary.all_clear", lang))
    return Html("\n".join(lines))


def worst_first(
    counts_by_agency: Mapping[int, ClassCounts], directory: AgencyDirectory
) -> list[tuple[str, ClassCounts]]:
    """(agency name, counts) ordered for leaders: most overdue first, then most pending,
    then in Vietnamese alphabetical order."""
    rows: list[tuple[str, ClassCounts]] = []
    for agency_id, counts in counts_by_agency.items():
        if counts.total == 0:
            continue
        agency = directory.by_id(agency_id)
        rows.append((agency.name if agency else f"#{agency_id}", counts))
    rows.sort(key=lambda row: (
        -row[1].overdue, -row[1].done_late, -row[1].in_progress, vi_sort_key(row[0]),
    ))
    return rows


def render_province_summary(
    rows: Sequence[tuple[str, ClassCounts]], totals: ClassCounts, today: date, week: str,
    lang: str = "vi", unreached: Sequence[tuple[str, int]] = (),
) -> Html:
    """The admins' table: one row per lead agency (each unit of a collective lead), worst
    first, then province totals, then the units nobody receives nudges for."""
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
    lines.extend(render_unreached(unreached, lang))
    return Html("\n".join(lines))
