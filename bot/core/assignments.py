"""One assignment per unit: who acts for which unit, and what a task's units add up to. Pure.

A task addressed to a collective ("UBND các xã, phường") or to several leads holds one
:class:`~bot.core.models.Assignment` per unit. Each unit reports, is confirmed and may be
granted more time on its own; the rules of :mod:`bot.core.actions` are applied to the task
*as the unit lives it* (:func:`unit_view`), so a task with a single lead, whose one unit
mirrors it, meets exactly the rules it always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.core.access import Access
from bot.core.actions import Refusal
from bot.core.agencies import Agency, AgencyDirectory
from bot.core.models import Assignment, DeadlineKind, EventKind, Task, TaskEvent, TaskStatus

_ACT_ORDER = {TaskStatus.OPEN: 0, TaskStatus.REPORTED_DONE: 1, TaskStatus.DONE: 2}


def unit_view(task: Task, unit: Assignment) -> Task:
    """The task as one unit lives it: the unit's status, deadline and completion date, and
    the unit as its only lead (a cancelled task stays cancelled for every unit); a dated
    task's unit given a later deadline says what the task's was (``extended_from``)."""
    status = TaskStatus.CANCELLED if task.status is TaskStatus.CANCELLED else unit.status
    extended = (task.deadline_kind is DeadlineKind.DATE and task.deadline is not None
                and unit.deadline is not None and unit.deadline > task.deadline)
    return replace(task, status=status, deadline=unit.deadline, completed_on=unit.completed_on,
                   lead_ids=(unit.agency_id,), unit_ids=(unit.agency_id,),
                   extended_from=task.deadline if extended else None, judged_on=unit.deadline)


def acting_unit(
    access: Access, task: Task, units: Sequence[Assignment], wanted: int | None = None
) -> Assignment | Refusal:
    """The unit a member acts for: ``wanted`` if given and theirs, otherwise their unit
    with something left to do (open, then waiting for the office, then done).

    A member of two units of one task (rare) acts for the first open one unless the caller
    names the unit; a member of a supporting agency only is told so (NOT_LEAD).
    """
    mine = [u for u in units if u.agency_id in access.agency_ids
            and (wanted is None or u.agency_id == wanted)]
    if not mine:
        if wanted is None and access.is_support_of(task):
            return Refusal.NOT_LEAD
        return Refusal.NO_ACCESS
    return min(mine, key=lambda u: (_ACT_ORDER.get(u.status, 3), u.agency_id))


def task_state(units: Iterable[Assignment]) -> tuple[TaskStatus, date | None]:
    """A task's status and completion date from its units.

    Done when every unit is done, on the day the last one was (the real completion date);
    waiting for the office when no unit is open but some wait; open otherwise.
    """
    statuses: set[TaskStatus] = set()
    last: date | None = None
    for unit in units:
        statuses.add(unit.status)
        if unit.completed_on is not None and (last is None or unit.completed_on > last):
            last = unit.completed_on
    if not statuses or TaskStatus.OPEN in statuses:
        return TaskStatus.OPEN, None
    if TaskStatus.REPORTED_DONE in statuses:
        return TaskStatus.REPORTED_DONE, None
    return TaskStatus.DONE, last


def judged_on(
    units: Iterable[Assignment], deadline: date | None, status: TaskStatus,
    completed_on: date | None,
) -> date | None:
    """The date a task (``status``, ``completed_on`` as :func:`task_state` makes them) is
    judged against, from its units, each against its own deadline; None without a deadline.

    Open: the earliest deadline of a unit not done (overdue once that one is). Done: late
    by its worst unit's lateness (the date that many days before its completion), else on
    time (the latest unit deadline, or its completion day when the office closed it after
    every unit had finished on time). A task's only unit mirrors it: its deadline.
    """
    if deadline is None:
        return None
    ends: list[date] = []
    worst = 0
    pending: list[date] = []
    for unit in units:
        if unit.deadline is None:
            continue
        ends.append(unit.deadline)
        if unit.status is not TaskStatus.DONE:
            pending.append(unit.deadline)
        elif unit.completed_on is not None:
            worst = max(worst, (unit.completed_on - unit.deadline).days)
    if not ends:
        return deadline
    if status is not TaskStatus.DONE:
        return min(pending) if pending else min(ends)
    if completed_on is None:
        return max(ends)
    if worst > 0:
        return completed_on - timedelta(days=worst)
    return max(max(ends), completed_on)


@dataclass(frozen=True, slots=True)
class UnitProgress:
    """How many of a task's units are done ("12/99 đơn vị đã hoàn thành"), and how many the
    office closed with the task without their reporting it done (stored as done)."""

    done: int
    total: int
    closed: int = 0

    @property
    def left(self) -> int:
        """Units still to do (neither done nor closed by the office)."""
        return self.total - self.done - self.closed

    @property
    def label(self) -> str:
        """"12/99"."""
        return f"{self.done}/{self.total}"


def progress(units: Iterable[Assignment], closed: Iterable[int] = ()) -> UnitProgress:
    """Done units of all units; a unit the office ``closed`` (:func:`closed_by_office`) is
    counted apart, not as done."""
    by_office = set(closed)
    done = total = shut = 0
    for unit in units:
        total += 1
        if unit.status is TaskStatus.DONE:
            if unit.agency_id in by_office:
                shut += 1
            else:
                done += 1
    return UnitProgress(done, total, shut)


def closing_in_force(events: Sequence[TaskEvent]) -> TaskEvent | None:
    """The office's latest closing of the task ("✅ Đóng nhiệm vụ"; history oldest first),
    unless the task was reopened since."""
    for event in reversed(events):
        if event.kind is EventKind.REOPENED:
            break
        if event.kind is EventKind.CLOSED:
            return event
    return None


def closed_by_office(events: Sequence[TaskEvent]) -> frozenset[int]:
    """The units the office closed with the task ("✅ Đóng nhiệm vụ") while they were not
    done: those its latest closing names, unless the task was reopened since."""
    closing = closing_in_force(events)
    if closing is None:
        return frozenset()
    return frozenset(int(unit) for unit in closing.data.get("units") or ())


# ----------------------------------------------------------------------- recording a task


@dataclass(frozen=True)
class MembersToTick:
    """A qualified collective lead ("… có cụm công nghiệp") and the members the admin may
    tick at the /new or /import review (all ticked by default)."""

    collective: Agency
    members: tuple[Agency, ...]


def members_to_tick(directory: AgencyDirectory, lead_ids: Iterable[int]) -> list[MembersToTick]:
    """The leads of a proposed task whose members the admin chooses; any other collective
    stands for all of its members without asking."""
    found: list[MembersToTick] = []
    for lead_id in dict.fromkeys(lead_ids):
        agency = directory.by_id(lead_id)
        if agency is not None and agency.qualified and agency.is_collective:
            members = tuple(directory.members_of(agency))
            if members:
                found.append(MembersToTick(agency, members))
    return found


def ticked_members(
    directory: AgencyDirectory, lead_id: int, ticked: Iterable[int]
) -> tuple[int, ...]:
    """The members of collective ``lead_id`` the admin ticked, in the directory's order, for
    :attr:`bot.core.models.NewTask.members`; ValueError when none is ticked or a ticked id is
    not a member (a stale or forged button)."""
    agency = directory.by_id(lead_id)
    members = [m.id for m in directory.members_of(agency)] if agency is not None else []
    chosen = set(ticked)
    if not chosen:
        raise ValueError("tick at least one member")
    if not chosen <= set(members):
        raise ValueError(f"not members of {lead_id}: {sorted(chosen - set(members))}")
    return tuple(m for m in members if m is not None and m in chosen)


# ----------------------------------------------------------------------- who has not reported


@dataclass(frozen=True, slots=True)
class Unreported:
    """An open unit near or past its deadline that sent no report for a while."""

    agency_id: int
    task_id: int
    deadline: date
    last_report: datetime | None  # the unit's latest progress or done report, if any
    text: str = ""


@dataclass(frozen=True)
class UnreportedGroup:
    """One agency's units that have not reported, most urgent first."""

    agency_id: int
    items: tuple[Unreported, ...]

    @property
    def earliest(self) -> date:
        """The deadline of its most urgent unit."""
        return self.items[0].deadline


def group_unreported(rows: Iterable[Unreported]) -> list[UnreportedGroup]:
    """Rows grouped by agency: the agency with the longest-overdue unit first; within an
    agency, by deadline then task."""
    by_agency: dict[int, list[Unreported]] = {}
    for row in rows:
        by_agency.setdefault(row.agency_id, []).append(row)
    groups = [
        UnreportedGroup(agency_id, tuple(sorted(items, key=lambda r: (r.deadline, r.task_id))))
        for agency_id, items in by_agency.items()
    ]
    groups.sort(key=lambda g: (g.earliest, -len(g.items), g.agency_id))
    return groups
