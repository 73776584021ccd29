"""Officials acting on tasks, admins deciding, and the inputs the bot waits for.

Each action re-reads the task and applies the pure rule of :mod:`bot.actions` inside the
transaction that writes, so two presses racing (two admins, a stale button) cannot both
succeed: the second sees the first's result and gets a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.access import Access
from bot.core.actions import (
    Refusal,
    local_date,
    may_decide_extension,
    may_decide_report,
    may_report_done,
    may_report_progress,
    may_request_extension,
    next_deadline,
    pending_extension,
    settled,
)
from bot.core.assignments import acting_unit, unit_view
from bot.core.models import Assignment, EventKind, Task, TaskEvent, TaskStatus
from storage.db import to_db_date
from storage.repo.base import Repo
from storage.repo.tasks import TaskRepo, _event
from storage.repo.units import UnitRepo

_EXTENSION_KINDS = (
    EventKind.EXTENSION_REQUESTED.value,
    EventKind.EXTENSION_APPROVED.value,
    EventKind.EXTENSION_REJECTED.value,
    EventKind.EXTENSION_CLOSED.value,
)


@dataclass(frozen=True)
class Confirmed:
    """A confirmed done report: when the task counts as done and, if it recurs, what next."""

    report: TaskEvent
    deadline: date | None  # the deadline the report answered (a recurring task's period)
    completed_on: date
    next_deadline: date | None
    settled: tuple[TaskEvent, ...] = ()  # the unit's extension requests closed with it


class TaskActionRepo(Repo):
    """Atomic, re-checked task actions and decisions, each on one unit of the task.

    An official acts for their own unit (:func:`bot.core.assignments.acting_unit`, or the
    unit the caller names); the office decides on the unit a report or request came from.
    The rules are those of :mod:`bot.core.actions`, applied to the task as that unit lives
    it, and the task follows its units (:meth:`UnitRepo.sync_task`).
    """

    @property
    def _tasks(self) -> TaskRepo:
        return TaskRepo(self.db, self.clock)

    @property
    def _units(self) -> UnitRepo:
        return UnitRepo(self.db, self.clock)

    async def event(self, event_id: int) -> TaskEvent | None:
        """One history entry by id."""
        row = await self.db.fetchone("SELECT * FROM task_events WHERE id = ?", (event_id,))
        return None if row is None else _event(row)

    async def latest_report_id(self, task_id: int, agency_id: int | None = None) -> int | None:
        """Id of the newest done report of a task (of one of its units, when named)."""
        sql = "SELECT max(id) FROM task_events WHERE task_id = ? AND kind = ?"
        params: list[Any] = [task_id, EventKind.DONE_REPORTED.value]
        if agency_id is not None:
            sql += " AND agency_id = ?"
            params.append(agency_id)
        value = await self.db.fetchval(sql, params)
        return None if value is None else int(value)

    async def pending_extension(
        self, task_id: int, agency_id: int | None = None
    ) -> TaskEvent | None:
        """The undecided extension request of a task (of one of its units, when named)."""
        return pending_extension(await self._extension_events(task_id, agency_id))

    async def _extension_events(
        self, task_id: int, agency_id: int | None = None
    ) -> list[TaskEvent]:
        """A task's extension requests and decisions (of one unit, when named), oldest first."""
        sql = (f"SELECT * FROM task_events WHERE task_id = ?"
               f" AND kind IN ({','.join('?' * len(_EXTENSION_KINDS))})")
        params: list[Any] = [task_id, *_EXTENSION_KINDS]
        if agency_id is not None:
            sql += " AND agency_id = ?"
            params.append(agency_id)
        return [_event(row) for row in await self.db.fetchall(sql + " ORDER BY id", params)]

    async def _added(
        self, task_id: int, kind: EventKind, actor_id: int, note: str | None,
        data: dict[str, Any], agency_id: int | None = None,
    ) -> TaskEvent:
        event_id = await self._tasks.add_event(task_id, kind, actor_id, note, data, agency_id)
        event = await self.event(event_id)
        assert event is not None
        return event

    async def _acting(
        self, access: Access, task: Task | None, agency_id: int | None
    ) -> tuple[Task, Assignment] | Refusal:
        """The task and the unit this member acts for, or why not."""
        if task is None:
            return Refusal.NOT_FOUND
        unit = acting_unit(access, task, await self._units.of_task(task.id), agency_id)
        if isinstance(unit, Refusal):
            return unit
        return task, unit

    async def acting(
        self, access: Access, task_id: int, agency_id: int | None = None
    ) -> tuple[Task, Assignment] | Refusal:
        """The task as the unit this member acts for lives it (:func:`unit_view`), and that
        unit (``agency_id``: the unit a button named), or why not: what a button checks
        before asking the member to type."""
        acting = await self._acting(access, await self._tasks.get(task_id), agency_id)
        if isinstance(acting, Refusal):
            return acting
        task, unit = acting
        return unit_view(task, unit), unit

    async def report_refusal(
        self, access: Access, task_id: int, report_id: int
    ) -> Refusal | None:
        """Why this admin may not decide this done report now (on the unit it came
        from), or None."""
        checked = await self._check_report(access, task_id, report_id)
        return checked if isinstance(checked, Refusal) else None

    async def request_refusal(
        self, access: Access, task_id: int, request_id: int
    ) -> Refusal | None:
        """Why this admin may not decide this extension request now (on the unit it came
        from), or None."""
        checked = await self._check_request(access, task_id, request_id)
        return checked if isinstance(checked, Refusal) else None

    async def report_progress(
        self, access: Access, task_id: int, note: str, attachment: dict[str, Any] | None = None,
        agency_id: int | None = None,
    ) -> TaskEvent | Refusal:
        """A progress report (optionally with a Telegram file) from a member of one of the
        task's units, or of a supporting agency; recorded as that agency's."""
        async with self.db.transaction():
            task = await self._tasks.get(task_id)
            refusal = may_report_progress(access, task)
            if refusal is not None or task is None:
                return refusal or Refusal.NOT_FOUND
            acting = await self._acting(access, task, agency_id)
            if isinstance(acting, Refusal):
                # A supporting agency reports as itself.
                mine = [a for a in task.support_ids if a in access.agency_ids
                        and (agency_id is None or a == agency_id)]
                if not mine:
                    return acting
                reporter = mine[0]
            else:
                reporter = acting[1].agency_id
            return await self._added(
                task_id, EventKind.PROGRESS, access.user_id, note, dict(attachment or {}),
                reporter,
            )

    async def report_done(
        self, access: Access, task_id: int, result: str, agency_id: int | None = None
    ) -> TaskEvent | Refusal:
        """A member says their unit's part is done; it waits for the office's confirmation."""
        async with self.db.transaction():
            acting = await self._acting(access, await self._tasks.get(task_id), agency_id)
            if isinstance(acting, Refusal):
                return acting
            task, unit = acting
            refusal = may_report_done(access, unit_view(task, unit))
            if refusal is not None:
                return refusal
            await self._units.set_unit(task_id, unit.agency_id, TaskStatus.REPORTED_DONE)
            await self._units.sync_task(task_id)
            return await self._added(
                task_id, EventKind.DONE_REPORTED, access.user_id, result,
                {"old": unit.status.value, "new": TaskStatus.REPORTED_DONE.value},
                unit.agency_id,
            )

    async def request_extension(
        self, access: Access, task_id: int, due: date, phrase: str, reason: str,
        agency_id: int | None = None,
    ) -> TaskEvent | Refusal:
        """A member asks to move their unit's deadline to ``due``."""
        async with self.db.transaction():
            acting = await self._acting(access, await self._tasks.get(task_id), agency_id)
            if isinstance(acting, Refusal):
                return acting
            task, unit = acting
            view = unit_view(task, unit)
            pending = await self.pending_extension(task_id, unit.agency_id)
            refusal = may_request_extension(access, view, pending)
            if refusal is not None:
                return refusal
            return await self._added(
                task_id, EventKind.EXTENSION_REQUESTED, access.user_id, reason,
                {"old": to_db_date(view.deadline), "old_text": task.deadline_text,
                 "new": due.isoformat(), "new_text": phrase},
                unit.agency_id,
            )

    async def _decided_on(
        self, task: Task | None, event: TaskEvent | None
    ) -> tuple[Task | None, Assignment | None]:
        """The task as the unit an event is about lives it (the whole task for an entry of
        no unit, written before units existed), and that unit."""
        if task is None or event is None or event.agency_id is None:
            return task, None
        unit = await self._units.get(task.id, event.agency_id)
        return (None if unit is None else unit_view(task, unit)), unit

    async def _check_report(
        self, access: Access, task_id: int, report_id: int
    ) -> tuple[TaskEvent, Task, Assignment | None] | Refusal:
        report = await self.event(report_id)
        task = await self._tasks.get(task_id)
        view, unit = await self._decided_on(task, report)
        if view is None and task is not None:
            return Refusal.STALE  # the unit is no longer assigned
        latest = await self.latest_report_id(
            task_id, report.agency_id if report is not None else None)
        refusal = may_decide_report(access, view, report, latest)
        if refusal is not None or report is None or view is None:
            return refusal or Refusal.STALE
        return report, view, unit

    async def confirm_done(
        self, access: Access, task_id: int, report_id: int, tz: ZoneInfo,
        completed_on: date | None = None,
    ) -> Confirmed | Refusal:
        """The unit is done as of ``completed_on`` (the office's word; by default the
        report's date); a recurring duty rolls on to its next deadline; the task is done
        when its last unit is."""
        async with self.db.transaction():
            checked = await self._check_report(access, task_id, report_id)
            if isinstance(checked, Refusal):
                return checked
            report, view, unit = checked
            completed_on = completed_on or local_date(report.at, tz)
            following = next_deadline(view, completed_on)
            agency = unit.agency_id if unit is not None else None
            await self._added(
                task_id, EventKind.DONE_CONFIRMED, access.user_id, None,
                {"report": report.id, "completed_on": completed_on.isoformat(),
                 "deadline": to_db_date(view.deadline)},
                agency,
            )
            closed: list[TaskEvent] = []
            only = len(await self._units.of_task(task_id)) == 1
            for agency_id in await self._decided_units(task_id, unit):
                if following is None:
                    await self._units.set_unit(task_id, agency_id, TaskStatus.DONE,
                                               completed_on=completed_on)
                    # Its part done, its request for more time is no longer needed.
                    request = await self.pending_extension(task_id, None if only else agency_id)
                    if request is not None:
                        await self._added(
                            task_id, EventKind.EXTENSION_CLOSED, access.user_id, None,
                            {"request": request.id, "new": request.data.get("new"),
                             "report": report.id}, request.agency_id)
                        closed.append(request)
                else:
                    await self._units.set_unit(task_id, agency_id, TaskStatus.OPEN,
                                               deadline=following)
            await self._units.sync_task(task_id)
            if following is not None:
                await self._added(
                    task_id, EventKind.RECURRED, access.user_id, None,
                    {"old": to_db_date(view.deadline), "new": following.isoformat(),
                     "completed_on": completed_on.isoformat()},
                    agency,
                )
            return Confirmed(report, view.deadline, completed_on, following, tuple(closed))

    async def _decided_units(self, task_id: int, unit: Assignment | None) -> list[int]:
        """The unit a decision is about, or (a report of the whole task, written before
        units existed) every unit waiting for the office."""
        if unit is not None:
            return [unit.agency_id]
        return [u.agency_id for u in await self._units.of_task(task_id)
                if u.status is TaskStatus.REPORTED_DONE]

    async def return_done(
        self, access: Access, task_id: int, report_id: int, note: str
    ) -> TaskEvent | Refusal:
        """Not done after all: the unit is open again, with the admin's note."""
        async with self.db.transaction():
            checked = await self._check_report(access, task_id, report_id)
            if isinstance(checked, Refusal):
                return checked
            report, _, unit = checked
            for agency_id in await self._decided_units(task_id, unit):
                await self._units.set_unit(task_id, agency_id, TaskStatus.OPEN)
            await self._units.sync_task(task_id)
            return await self._added(
                task_id, EventKind.DONE_RETURNED, access.user_id, note,
                {"report": report.id, "old": TaskStatus.REPORTED_DONE.value,
                 "new": TaskStatus.OPEN.value},
                unit.agency_id if unit is not None else None,
            )

    async def _check_request(
        self, access: Access, task_id: int, request_id: int
    ) -> tuple[TaskEvent, Task, Assignment | None] | Refusal:
        request = await self.event(request_id)
        task = await self._tasks.get(task_id)
        view, unit = await self._decided_on(task, request)
        if view is None and task is not None:
            return Refusal.STALE
        events = await self._extension_events(
            task_id, request.agency_id if request is not None else None)
        refusal = may_decide_extension(access, view, request, pending_extension(events))
        if refusal is Refusal.DECIDED and request is not None and settled(events, request.id):
            return Refusal.SETTLED
        if refusal is not None or request is None or view is None:
            return refusal or Refusal.STALE
        return request, view, unit

    async def approve_extension(
        self, access: Access, task_id: int, request_id: int,
        granted: tuple[date, str] | None = None, note: str | None = None,
    ) -> TaskEvent | Refusal:
        """Move the unit's deadline as asked, or to ``granted`` (the date and phrase the
        office chose), with the office's ``note``; the history keeps the original one.

        A task's only unit (and a request written before units existed) moves the task's
        deadline, as it always did; one unit among several gets a deadline of its own.
        """
        async with self.db.transaction():
            checked = await self._check_request(access, task_id, request_id)
            if isinstance(checked, Refusal):
                return checked
            request, view, unit = checked
            new, phrase = granted or (date.fromisoformat(str(request.data["new"])),
                                      request.data.get("new_text"))
            units = await self._units.of_task(task_id)
            if unit is None or len(units) == 1:
                await self._tasks.set_deadline(
                    task_id, new, phrase, view.deadline_kind,
                    view.recurrence, access.user_id, note, EventKind.EXTENSION_APPROVED,
                    {"request": request.id, "asked": request.data.get("new")},
                    unit.agency_id if unit is not None else None,
                )
            else:
                await self._units.set_unit_deadline(task_id, unit.agency_id, new)
                await self._added(
                    task_id, EventKind.EXTENSION_APPROVED, access.user_id, note,
                    {"old": to_db_date(view.deadline), "new": new.isoformat(),
                     "new_text": phrase, "request": request.id,
                     "asked": request.data.get("new")},
                    unit.agency_id,
                )
            return request

    async def reject_extension(
        self, access: Access, task_id: int, request_id: int, note: str
    ) -> TaskEvent | Refusal:
        """Keep the deadline; the unit is told why."""
        async with self.db.transaction():
            checked = await self._check_request(access, task_id, request_id)
            if isinstance(checked, Refusal):
                return checked
            request, _, unit = checked
            await self._added(
                task_id, EventKind.EXTENSION_REJECTED, access.user_id, note,
                {"request": request.id, "new": request.data.get("new")},
                unit.agency_id if unit is not None else None,
            )
            return request

    async def close(
        self, access: Access, task_id: int, note: str, today: date, tz: ZoneInfo
    ) -> TaskEvent | Refusal:
        """The office closes a task with a note, whatever its units say: done today, and
        every unit not yet done with it (the history names them, ``units``). A unit whose
        done report waits for the office is done on the day it reported (``reported``):
        the office's delay does not count against it."""
        async with self.db.transaction():
            if not access.is_admin:
                return Refusal.NOT_ADMIN
            task = await self._tasks.get(task_id)
            if task is None:
                return Refusal.NOT_FOUND
            if task.status is TaskStatus.CANCELLED:
                return Refusal.CANCELLED
            if task.status is TaskStatus.DONE:
                return Refusal.CLOSED
            units = await self._units.of_task(task_id)
            reported = [u.agency_id for u in units if u.status is TaskStatus.REPORTED_DONE]
            for agency_id in reported:
                report = await self.latest_report_id(task_id, agency_id)
                event = await self.event(report) if report is not None else None
                await self._units.set_unit(
                    task_id, agency_id, TaskStatus.DONE,
                    completed_on=local_date(event.at, tz) if event is not None else today)
            unfinished = [u.agency_id for u in units
                          if u.status not in (TaskStatus.DONE, TaskStatus.REPORTED_DONE)]
            await self._tasks.set_status(
                task_id, TaskStatus.DONE, access.user_id, EventKind.CLOSED, note, today,
                {"units": unfinished, "reported": reported},
            )
            closed = await self.db.fetchval(
                "SELECT max(id) FROM task_events WHERE task_id = ? AND kind = ?",
                (task_id, EventKind.CLOSED.value),
            )
            event = await self.event(int(closed))
            assert event is not None
            return event

