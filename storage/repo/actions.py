"""Officials acting on tasks, admins deciding, and the inputs the bot waits for.

Each action re-reads the task and applies the pure rule of :mod:`bot.actions` inside the
transaction that writes, so two presses racing (two admins, a stale button) cannot both
succeed: the second sees the first's result and gets a refusal.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.access import Access
from bot.core.actions import (
    InputKind,
    PendingInput,
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
from storage.db import ABSENT, from_db_time, to_db_date, to_db_time
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


class PendingInputRepo(Repo):
    """Typed access to ``pending_inputs`` (one question per user)."""

    async def put(
        self, user_id: int, kind: InputKind, task_id: int, data: dict[str, Any],
        expires_at: datetime,
    ) -> None:
        """Wait for ``kind`` from the user, replacing whatever was asked before."""
        self.db.forget(("pending_inputs", user_id))
        await self.db.execute(
            "INSERT INTO pending_inputs(user_id, kind, task_id, data, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET kind = excluded.kind,"
            " task_id = excluded.task_id, data = excluded.data,"
            " created_at = excluded.created_at, expires_at = excluded.expires_at",
            (user_id, kind.value, task_id, json.dumps(data, ensure_ascii=False),
             self.now_text(), to_db_time(expires_at)),
        )

    async def get(self, user_id: int) -> PendingInput | None:
        """What the bot waits for from this user (possibly expired: the caller says so).

        Asked on every private message and command; a user known to have nothing pending
        costs no read (see :class:`storage.db.Database` on the memo).
        """
        key = ("pending_inputs", user_id)
        if self.db.recall(key) is ABSENT:
            return None
        token = self.db.memo_token(key)
        row = await self.db.fetchone(
            "SELECT * FROM pending_inputs WHERE user_id = ?", (user_id,)
        )
        if row is None:
            self.db.remember(key, ABSENT, token)
            return None
        return _pending(row)

    async def clear(self, user_id: int) -> bool:
        """Stop waiting; False when nothing was pending."""
        self.db.forget(("pending_inputs", user_id))
        return await self.db.execute_rowcount(
            "DELETE FROM pending_inputs WHERE user_id = ?", (user_id,)
        ) > 0


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
        self, access: Access, task_id: int, report_id: int, tz: ZoneInfo
    ) -> Confirmed | Refusal:
        """Done as of the report's date; a recurring task rolls on to its next deadline."""
        async with self.db.transaction():
            report = await self._check_report(access, task_id, report_id)
            if isinstance(report, Refusal):
                return report
            task = await self._tasks.get(task_id)
            assert task is not None
            completed_on = local_date(report.at, tz)
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
        self, access: Access, task_id: int, request_id: int
    ) -> TaskEvent | Refusal:
        """Move the deadline as asked; the history keeps the original one."""
        async with self.db.transaction():
            request = await self._check_request(access, task_id, request_id)
            if isinstance(request, Refusal):
                return request
            task = await self._tasks.get(task_id)
            assert task is not None
            await self._tasks.set_deadline(
                task_id, date.fromisoformat(str(request.data["new"])),
                request.data.get("new_text"), task.deadline_kind, task.recurrence,
                access.user_id, None, EventKind.EXTENSION_APPROVED, {"request": request.id},
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


def _pending(row: sqlite3.Row) -> PendingInput:
    return PendingInput(
        user_id=row["user_id"],
        kind=InputKind(row["kind"]),
        task_id=row["task_id"],
        data=json.loads(row["data"] or "{}"),
        expires_at=from_db_time(row["expires_at"]),
    )
