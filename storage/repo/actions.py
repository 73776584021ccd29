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
)
from bot.core.models import EventKind, TaskEvent, TaskStatus
from storage.db import to_db_date
from storage.repo.base import Repo
from storage.repo.tasks import TaskRepo, _event

_EXTENSION_KINDS = (
    EventKind.EXTENSION_REQUESTED.value,
    EventKind.EXTENSION_APPROVED.value,
    EventKind.EXTENSION_REJECTED.value,
)


@dataclass(frozen=True)
class Confirmed:
    """A confirmed done report: when the task counts as done and, if it recurs, what next."""

    report: TaskEvent
    deadline: date | None  # the deadline the report answered (a recurring task's period)
    completed_on: date
    next_deadline: date | None


class TaskActionRepo(Repo):
    """Atomic, re-checked task actions and decisions."""

    @property
    def _tasks(self) -> TaskRepo:
        return TaskRepo(self.db, self.clock)

    async def event(self, event_id: int) -> TaskEvent | None:
        """One history entry by id."""
        row = await self.db.fetchone("SELECT * FROM task_events WHERE id = ?", (event_id,))
        return None if row is None else _event(row)

    async def latest_report_id(self, task_id: int) -> int | None:
        """Id of the newest done report of a task."""
        value = await self.db.fetchval(
            "SELECT max(id) FROM task_events WHERE task_id = ? AND kind = ?",
            (task_id, EventKind.DONE_REPORTED.value),
        )
        return None if value is None else int(value)

    async def pending_extension(self, task_id: int) -> TaskEvent | None:
        """The undecided extension request of a task, if any."""
        rows = await self.db.fetchall(
            "SELECT * FROM task_events WHERE task_id = ? AND kind IN (?, ?, ?) ORDER BY id",
            (task_id, *_EXTENSION_KINDS),
        )
        return pending_extension([_event(row) for row in rows])

    async def _set_status(
        self, task_id: int, status: TaskStatus, completed_on: date | None = None
    ) -> None:
        await self.db.execute(
            "UPDATE tasks SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
            (status.value, to_db_date(completed_on), self.now_text(), task_id),
        )

    async def _added(
        self, task_id: int, kind: EventKind, actor_id: int, note: str | None,
        data: dict[str, Any],
    ) -> TaskEvent:
        event_id = await self._tasks.add_event(task_id, kind, actor_id, note, data)
        event = await self.event(event_id)
        assert event is not None
        return event

    async def report_progress(
        self, access: Access, task_id: int, note: str, attachment: dict[str, Any] | None = None
    ) -> TaskEvent | Refusal:
        """A progress report (optionally with a Telegram file) from a lead or support member."""
        async with self.db.transaction():
            refusal = may_report_progress(access, await self._tasks.get(task_id))
            if refusal is not None:
                return refusal
            return await self._added(
                task_id, EventKind.PROGRESS, access.user_id, note, dict(attachment or {})
            )

    async def report_done(self, access: Access, task_id: int, result: str) -> TaskEvent | Refusal:
        """A lead member says the task is done; it waits for an admin's confirmation."""
        async with self.db.transaction():
            task = await self._tasks.get(task_id)
            refusal = may_report_done(access, task)
            if refusal is not None or task is None:
                return refusal or Refusal.NOT_FOUND
            await self._set_status(task_id, TaskStatus.REPORTED_DONE)
            return await self._added(
                task_id, EventKind.DONE_REPORTED, access.user_id, result,
                {"old": task.status.value, "new": TaskStatus.REPORTED_DONE.value},
            )

    async def request_extension(
        self, access: Access, task_id: int, due: date, phrase: str, reason: str
    ) -> TaskEvent | Refusal:
        """A lead member asks to move the deadline to ``due``."""
        async with self.db.transaction():
            task = await self._tasks.get(task_id)
            refusal = may_request_extension(access, task, await self.pending_extension(task_id))
            if refusal is not None or task is None:
                return refusal or Refusal.NOT_FOUND
            return await self._added(
                task_id, EventKind.EXTENSION_REQUESTED, access.user_id, reason,
                {"old": to_db_date(task.deadline), "old_text": task.deadline_text,
                 "new": due.isoformat(), "new_text": phrase},
            )

    async def _check_report(
        self, access: Access, task_id: int, report_id: int
    ) -> TaskEvent | Refusal:
        task = await self._tasks.get(task_id)
        report = await self.event(report_id)
        refusal = may_decide_report(access, task, report, await self.latest_report_id(task_id))
        if refusal is not None or report is None:
            return refusal or Refusal.STALE
        return report

    async def confirm_done(
        self, access: Access, task_id: int, report_id: int, tz: ZoneInfo,
        completed_on: date | None = None,
    ) -> Confirmed | Refusal:
        """Done as of ``completed_on`` (the office's word; by default the report's date);
        a recurring task rolls on to its next deadline."""
        async with self.db.transaction():
            report = await self._check_report(access, task_id, report_id)
            if isinstance(report, Refusal):
                return report
            task = await self._tasks.get(task_id)
            assert task is not None
            completed_on = completed_on or local_date(report.at, tz)
            following = next_deadline(task, completed_on)
            await self._added(
                task_id, EventKind.DONE_CONFIRMED, access.user_id, None,
                {"report": report.id, "completed_on": completed_on.isoformat(),
                 "deadline": to_db_date(task.deadline)},
            )
            if following is None:
                await self._set_status(task_id, TaskStatus.DONE, completed_on)
            else:
                await self.db.execute(
                    "UPDATE tasks SET status = 'open', completed_on = NULL, deadline = ?,"
                    " updated_at = ? WHERE id = ?",
                    (following.isoformat(), self.now_text(), task_id),
                )
                await self._added(
                    task_id, EventKind.RECURRED, access.user_id, None,
                    {"old": to_db_date(task.deadline), "new": following.isoformat(),
                     "completed_on": completed_on.isoformat()},
                )
            return Confirmed(report, task.deadline, completed_on, following)

    async def return_done(
        self, access: Access, task_id: int, report_id: int, note: str
    ) -> TaskEvent | Refusal:
        """Not done after all: the task is open again, with the admin's note."""
        async with self.db.transaction():
            report = await self._check_report(access, task_id, report_id)
            if isinstance(report, Refusal):
                return report
            await self._set_status(task_id, TaskStatus.OPEN)
            return await self._added(
                task_id, EventKind.DONE_RETURNED, access.user_id, note,
                {"report": report.id, "old": TaskStatus.REPORTED_DONE.value,
                 "new": TaskStatus.OPEN.value},
            )

    async def _check_request(
        self, access: Access, task_id: int, request_id: int
    ) -> TaskEvent | Refusal:
        task = await self._tasks.get(task_id)
        request = await self.event(request_id)
        refusal = may_decide_extension(
            access, task, request, await self.pending_extension(task_id)
        )
        if refusal is not None or request is None:
            return refusal or Refusal.STALE
        return request

    async def approve_extension(
        self, access: Access, task_id: int, request_id: int,
        granted: tuple[date, str] | None = None, note: str | None = None,
    ) -> TaskEvent | Refusal:
        """Move the deadline as asked, or to ``granted`` (the date and phrase the office
        chose), with the office's ``note``; the history keeps the original one."""
        async with self.db.transaction():
            request = await self._check_request(access, task_id, request_id)
            if isinstance(request, Refusal):
                return request
            task = await self._tasks.get(task_id)
            assert task is not None
            due, phrase = granted or (date.fromisoformat(str(request.data["new"])),
                                      request.data.get("new_text"))
            await self._tasks.set_deadline(
                task_id, due, phrase, task.deadline_kind, task.recurrence,
                access.user_id, note, EventKind.EXTENSION_APPROVED,
                {"request": request.id, "asked": request.data.get("new")},
            )
            return request

    async def reject_extension(
        self, access: Access, task_id: int, request_id: int, note: str
    ) -> TaskEvent | Refusal:
        """Keep the deadline; the agency is told why."""
        async with self.db.transaction():
            request = await self._check_request(access, task_id, request_id)
            if isinstance(request, Refusal):
                return request
            await self._added(
                task_id, EventKind.EXTENSION_REJECTED, access.user_id, note,
                {"request": request.id, "new": request.data.get("new")},
            )
            return request
