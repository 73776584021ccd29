"""What a task's card and its list of units say about the units. Pure.

A task to "UBND các xã, phường" holds one unit per commune (:mod:`bot.core.assignments`).
Its card shows how many units are done, what the office has to decide (each unit's done
report and extension request), and to an official the task as their own unit lives it;
its list of units says where each unit not done stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.core.actions import pending_extension
from bot.core.models import (
    Assignment,
    DeadlineKind,
    EventKind,
    Task,
    TaskEvent,
    TaskStatus,
)

_EXTENSION_KINDS = (EventKind.EXTENSION_REQUESTED, EventKind.EXTENSION_APPROVED,
                    EventKind.EXTENSION_REJECTED, EventKind.EXTENSION_CLOSED)


def of_unit(events: Iterable[TaskEvent], agency_id: int, only_unit: bool) -> list[TaskEvent]:
    """The entries about one unit; for a task's only unit also those written before units
    existed (``agency_id`` None), which were about it."""
    return [e for e in events
            if e.agency_id == agency_id or (only_unit and e.agency_id is None)]


def unit_pending_extension(
    events: Sequence[TaskEvent], agency_id: int, only_unit: bool
) -> TaskEvent | None:
    """The unit's undecided extension request (events oldest first)."""
    return pending_extension([e for e in of_unit(events, agency_id, only_unit)
                              if e.kind in _EXTENSION_KINDS])


@dataclass(frozen=True, slots=True)
class UnitDecision:
    """What one unit waits for the office to decide: its done report (confirm or return)
    or its extension request (approve or reject)."""

    agency_id: int
    event: TaskEvent

    @property
    def is_report(self) -> bool:
        """A done report (otherwise an extension request)."""
        return self.event.kind is EventKind.DONE_REPORTED


def waiting_decisions(
    task: Task, units: Sequence[Assignment], events: Sequence[TaskEvent]
) -> list[UnitDecision]:
    """Every unit's done report waiting for confirmation and undecided extension request,
    oldest first (the office answers in the order they came)."""
    if task.status is TaskStatus.CANCELLED:
        return []
    only = len(units) == 1
    by_unit: dict[int | None, list[TaskEvent]] = {}
    for event in events:
        by_unit.setdefault(event.agency_id, []).append(event)
    found: list[UnitDecision] = []
    for unit in units:
        if unit.status is TaskStatus.DONE:
            continue
        own = by_unit.get(unit.agency_id, [])
        if only:
            own = sorted(own + by_unit.get(None, []), key=lambda e: e.id)
        if unit.status is TaskStatus.REPORTED_DONE:
            report = next((e for e in reversed(own) if e.kind is EventKind.DONE_REPORTED), None)
            if report is not None:
                found.append(UnitDecision(unit.agency_id, report))
        request = pending_extension([e for e in own if e.kind in _EXTENSION_KINDS])
        if request is not None:
            found.append(UnitDecision(unit.agency_id, request))
    found.sort(key=lambda d: d.event.id)
    return found


class UnitState(StrEnum):
    """Where a unit not yet done stands, as its line in the list of units says."""

    NOT_REPORTED = "not_reported"  # no progress report yet
    REPORTED = "reported"  # a progress report, the latest on ``reported_on``
    AWAITING = "awaiting"  # reported done, waiting for the office's confirmation


@dataclass(frozen=True, slots=True)
class UnitLine:
    """One unit of the list: its state, its own deadline when the office moved it, and
    how far past its deadline it is."""

    agency_id: int
    state: UnitState
    reported_on: date | None
    extended_to: date | None
    overdue_days: int


def unit_lines(
    task: Task, units: Iterable[Assignment], last_progress: Mapping[int, datetime],
    today: date, to_local: Mapping[int, date] | None = None,
) -> list[UnitLine]:
    """The list's lines for these units (not done), in the order given.

    ``last_progress`` is each unit's latest progress report; ``to_local`` the same as the
    province's calendar days (the caller converts time zones). A unit's deadline later than
    the task's (a dated task) is an extension the office granted it.
    """
    days = to_local or {}
    lines: list[UnitLine] = []
    for unit in units:
        if unit.status is TaskStatus.REPORTED_DONE:
            state = UnitState.AWAITING
        elif unit.agency_id in last_progress:
            state = UnitState.REPORTED
        else:
            state = UnitState.NOT_REPORTED
        extended = None
        if (task.deadline_kind is DeadlineKind.DATE and unit.deadline is not None
                and task.deadline is not None and unit.deadline > task.deadline):
            extended = unit.deadline
        overdue = 0
        if (unit.status is TaskStatus.OPEN and unit.deadline is not None
                and unit.deadline < today):
            overdue = (today - unit.deadline).days
        lines.append(UnitLine(unit.agency_id, state, days.get(unit.agency_id), extended,
                              overdue))
    return lines
