"""When to nudge an agency about a task, and when the weekly summary is due. Pure.

The policy answers one question: which nudges fall in a window of time ``(start, end]``.
The job that enqueues messages asks it for "since my last recorded run until now", the
CLI dry run asks it for one moment, tests ask it for a whole month; none of them needs a
scheduler's memory.

Rules (README "Nudges and weekly summaries"):

* before the deadline at each offset (default 7, 3, 1 days and the due day); an offset
  that falls on a day off (weekend, public holiday: :class:`bot.core.workdays.Calendar`)
  moves to the working day before it;
* after the deadline every ``overdue_every`` days (default 3) until the task is done or
  cancelled; one that falls on a day off moves to the next working day;
* all at ``hour`` local time on working days only; one nudge per task per day;
* only tasks still open: a task reported done waits for the office's confirmation and is
  not nudged; a recurring task is nudged about its current deadline (it rolls on when
  reported done);
* never about a day before the task existed (no backfill for a freshly entered task).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from bot.core.models import TaskStatus
from bot.core.workdays import Calendar as Calendar  # the policy's, re-exported

LONGEST_DAYS_OFF = timedelta(days=31)
"""Longer than any run of weekends and holidays (Tết included) a province has."""


class Nudgeable(Protocol):
    """What the policy reads of a task: a :class:`~bot.core.models.Task`, or the units of
    one task that share a deadline (the reminder job nudges per unit)."""

    @property
    def id(self) -> int:
        """The task's id."""
        ...

    @property
    def deadline(self) -> date | None:
        """The deadline nudged about."""
        ...

    @property
    def status(self) -> TaskStatus:
        """Only OPEN is nudged."""
        ...

    @property
    def created_at(self) -> datetime:
        """Nothing is nudged about a moment before this."""
        ...


N = TypeVar("N", bound=Nudgeable)


class NudgeKind(StrEnum):
    """Where the nudge day stands relative to the deadline."""

    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class NudgePolicy:
    """The configurable part of the rules (from the settings)."""

    offsets: tuple[int, ...] = (7, 3, 1, 0)
    overdue_every: int = 3
    hour: time = time(8, 0)
    summary_weekday: int = 1  # ISO: 1 = Monday
    summary_hour: time = time(8, 0)
    calendar: Calendar = field(default_factory=Calendar)

    def at(self, day: date, tz: ZoneInfo, hour: time | None = None) -> datetime:
        """The aware instant of ``day`` at the nudge hour (or ``hour``)."""
        return datetime.combine(day, hour or self.hour, tzinfo=tz)


@dataclass(frozen=True)
class Nudge:
    """One reminder about one task, sent on the working day ``on``."""

    task_id: int
    on: date
    deadline: date

    @property
    def days_left(self) -> int:
        """Days from the nudge day to the deadline (negative when overdue)."""
        return (self.deadline - self.on).days

    @property
    def kind(self) -> NudgeKind:
        """Before, on, or after the deadline."""
        left = self.days_left
        if left > 0:
            return NudgeKind.BEFORE
        return NudgeKind.DUE if left == 0 else NudgeKind.OVERDUE


def nudgeable(task: Nudgeable) -> bool:
    """Open and dated: the only tasks anyone is nudged about."""
    return task.status is TaskStatus.OPEN and task.deadline is not None


def nudge_days(
    task: Nudgeable, policy: NudgePolicy, until: date, since: date | None = None
) -> list[date]:
    """Every day in ``[since, until]`` on which ``task`` is nudged, oldest first.

    No creation cut here. ``since`` (None: from the beginning) matters for speed: a task
    overdue for years would otherwise walk every overdue step since its deadline each
    time the plan is asked for one day (the benchmark's plan over 100,000 tasks).
    """
    if not nudgeable(task):
        return []
    deadline = task.deadline
    assert deadline is not None
    calendar = policy.calendar
    days = {calendar.on_or_before(deadline - timedelta(days=k)) for k in policy.offsets}
    if policy.overdue_every > 0:
        step = timedelta(days=policy.overdue_every)
        nominal = deadline + step
        if since is not None and nominal < since - LONGEST_DAYS_OFF:
            # Skip whole steps that end long before ``since``: a nominal day moves forward
            # over days off, never by more than the longest run of them.
            nominal += step * ((since - LONGEST_DAYS_OFF - nominal).days // policy.overdue_every)
        while nominal <= until:
            moved = calendar.on_or_after(nominal)
            if moved > deadline:
                days.add(moved)
            nominal += step
    return sorted(day for day in days if day <= until and (since is None or day >= since))


def due_nudges(
    tasks: Iterable[Nudgeable], policy: NudgePolicy, start: datetime, end: datetime,
    tz: ZoneInfo,
) -> list[Nudge]:
    """Nudges whose moment lies in ``(start, end]``, oldest first, then by task.

    A nudge whose moment comes before the task was entered is skipped: the task is new,
    its first reminder is the next one.
    """
    return [nudge for nudge, _ in due_nudges_of(tasks, policy, start, end, tz)]


def due_nudges_of(
    items: Iterable[N], policy: NudgePolicy, start: datetime, end: datetime, tz: ZoneInfo
) -> list[tuple[Nudge, N]]:
    """:func:`due_nudges`, each nudge with the item it is for (the units it reaches)."""
    if end <= start:
        return []
    until = end.astimezone(tz).date()
    since = start.astimezone(tz).date()  # an earlier day's moment is before ``start``
    found: list[tuple[Nudge, N]] = []
    # Few distinct days fall near the window: each day's moment is built and checked once,
    # not once per task (the benchmark's plan over 100,000 tasks).
    moments: dict[date, datetime | None] = {}
    for task in items:
        # :func:`nudgeable`, inlined: most tasks of a province are done or undated, and a
        # call per task was a third of the time over 100,000 of them.
        deadline = task.deadline
        if deadline is None or task.status is not TaskStatus.OPEN:
            continue
        for day in nudge_days(task, policy, until, since):
            if day not in moments:
                at = policy.at(day, tz)
                moments[day] = at if start < at <= end else None
            moment = moments[day]
            if moment is not None and moment >= task.created_at:
                found.append((Nudge(task.id, day, deadline), task))
    found.sort(key=lambda pair: (pair[0].on, pair[0].task_id))
    return found


def summary_days(policy: NudgePolicy, first: date, last: date) -> Iterator[tuple[date, date]]:
    """(nominal day, sending day) of weekly summaries whose nominal day is in [first, last].

    The nominal day is the configured weekday; a holiday moves the summary to the next
    working day (weekends are never chosen, but a weekend weekday setting is honoured).
    """
    day = first + timedelta(days=(policy.summary_weekday - 1 - first.weekday()) % 7)
    while day <= last:
        sending = day if day.weekday() >= 5 else policy.calendar.on_or_after(day)
        yield day, sending
        day += timedelta(days=7)


def due_summary(
    policy: NudgePolicy, start: datetime, end: datetime, tz: ZoneInfo
) -> date | None:
    """The nominal day of the latest weekly summary due in ``(start, end]``, if any.

    After a long downtime several may have been missed; only the latest is worth sending.
    """
    if end <= start:
        return None
    first = start.astimezone(tz).date() - timedelta(days=14)
    last = end.astimezone(tz).date()
    latest: date | None = None
    for nominal, sending in summary_days(policy, first, last):
        moment = policy.at(sending, tz, policy.summary_hour)
        if start < moment <= end:
            latest = nominal
    return latest


def iso_week(day: date) -> str:
    """``2024-W39``: the week a summary belongs to (part of its dedupe key)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
