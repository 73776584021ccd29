"""Conclusions, their tasks, the agencies on each task, and task history.

Every change to a task is written together with its history event in one transaction,
so the history can never disagree with the task. Nothing is deleted: cancelling is a
status change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from bot.core.models import (
    AgencyRole,
    Conclusion,
    DeadlineKind,
    EventKind,
    NewConclusion,
    NewTask,
    Task,
    TaskCard,
    TaskEvent,
    TaskStatus,
)
from bot.core.normalize import fold
from bot.core.status import ClassCounts
from storage.db import from_db_date, from_db_time, to_db_date
from storage.repo.base import Repo
from storage.repo.units import UnitRepo
from storage.repo.users import display_name

_TASK_COLUMNS = "t.*"


class ConclusionRepo(Repo):
    """Typed access to ``conclusions``; saving one saves its tasks too."""

    async def create(
        self, conclusion: NewConclusion, tasks: Sequence[NewTask], created_by: int | None
    ) -> tuple[Conclusion, list[Task]]:
        """Save a conclusion and its tasks atomically, with a 'created' event per task."""
        now = self.now_text()
        async with self.db.transaction():
            conclusion_id = await self.db.execute(
                "INSERT INTO conclusions(number, issuer, signer, issued_on, meeting_on, title,"
                " source_text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conclusion.number, conclusion.issuer, conclusion.signer,
                    to_db_date(conclusion.issued_on), to_db_date(conclusion.meeting_on),
                    conclusion.title, conclusion.source_text, created_by, now,
                ),
            )
            task_repo = TaskRepo(self.db, self.clock)
            task_ids = [
                await task_repo.insert(conclusion_id, position, task, created_by)
                for position, task in enumerate(tasks, start=1)
            ]
            saved = await self.get(conclusion_id)
            assert saved is not None
            saved_tasks = [await task_repo.get(task_id) for task_id in task_ids]
        return saved, [task for task in saved_tasks if task is not None]

    async def get(self, conclusion_id: int) -> Conclusion | None:
        """One conclusion."""
        row = await self.db.fetchone("SELECT * FROM conclusions WHERE id = ?", (conclusion_id,))
        return None if row is None else _conclusion(row)

    async def count(self) -> int:
        """Number of conclusions."""
        return int(await self.db.fetchval("SELECT count(*) FROM conclusions") or 0)

    async def find_same(
        self, number: str | None, issued_on: date | None, issuer: str | None, source_text: str
    ) -> Conclusion | None:
        """A saved conclusion that is this notice again: the same number, issue date and
        issuer when the notice has a number and a date, otherwise the same text."""
        if number and issued_on is not None:
            row = await self.db.fetchone(
                "SELECT * FROM conclusions WHERE number = ? AND issued_on = ? AND issuer IS ?"
                " ORDER BY id LIMIT 1",
                (number, to_db_date(issued_on), issuer),
            )
        else:
            row = await self.db.fetchone(
                "SELECT * FROM conclusions WHERE source_text = ? ORDER BY id LIMIT 1",
                (source_text,),
            )
        return None if row is None else _conclusion(row)


class TaskRepo(Repo):
    """Typed access to ``tasks``, ``task_agencies`` and ``task_events``."""

    @property
    def units(self) -> UnitRepo:
        """The task's units (one assignment per lead agency or collective member)."""
        return UnitRepo(self.db, self.clock)

    async def insert(
        self, conclusion_id: int, position: int, task: NewTask, actor_id: int | None
    ) -> int:
        """Insert one task with its agencies, its units and a 'created' event; returns its id.

        A collective lead stands for the members ticked in ``task.members`` (all of its
        members when it is not listed there): one unit each.
        """
        if not task.lead_ids:
            raise ValueError("a task needs at least one lead agency")
        now = self.now_text()
        async with self.db.transaction():
            task_id = await self.db.execute(
                "INSERT INTO tasks(conclusion_id, ordinal, position, text, search_text, deadline,"
                " deadline_text, deadline_kind, recurrence, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conclusion_id, task.ordinal, position, task.text, fold(task.text),
                    to_db_date(task.deadline), task.deadline_text, task.deadline_kind.value,
                    task.recurrence, now, now,
                ),
            )
            await self._write_agencies(task_id, task.lead_ids, task.support_ids)
            units = self.units
            await units.reconcile(
                task_id, await units.expand(task.lead_ids, dict(task.members)), task.deadline
            )
            await self.add_event(task_id, EventKind.CREATED, actor_id)
        return task_id

    async def _write_agencies(
        self, task_id: int, lead_ids: Iterable[int], support_ids: Iterable[int]
    ) -> None:
        leads = list(dict.fromkeys(lead_ids))
        supports = [a for a in dict.fromkeys(support_ids) if a not in leads]
        await self.db.execute("DELETE FROM task_agencies WHERE task_id = ?", (task_id,))
        await self.db.executemany(
            "INSERT INTO task_agencies(task_id, agency_id, role) VALUES (?, ?, ?)",
            [(task_id, a, AgencyRole.LEAD.value) for a in leads]
            + [(task_id, a, AgencyRole.SUPPORT.value) for a in supports],
        )

    async def get(self, task_id: int) -> Task | None:
        """One task with its agencies, in one trip to the database (every card asks it)."""
        row = await self.db.fetchone(
            f"SELECT t.*, {LINKS_COLUMN} FROM tasks t WHERE t.id = ?", (task_id,)
        )
        return None if row is None else task_with_links(row)

    async def get_many(self, task_ids: Sequence[int]) -> list[Task]:
        """Tasks by id, in the order given (unknown ids are skipped)."""
        if not task_ids:
            return []
        marks = ",".join("?" * len(task_ids))
        rows = await self.db.fetchall(f"SELECT * FROM tasks WHERE id IN ({marks})", task_ids)
        by_id = {task.id: task for task in await self._with_agencies(rows)}
        return [by_id[i] for i in task_ids if i in by_id]

    async def of_conclusion(self, conclusion_id: int) -> list[Task]:
        """The tasks of a conclusion, in document order."""
        rows = await self.db.fetchall(
            "SELECT * FROM tasks WHERE conclusion_id = ? ORDER BY position, id", (conclusion_id,)
        )
        return await self._with_agencies(rows)

    async def find(
        self,
        *,
        agency_ids: Sequence[int] | None = None,
        role: AgencyRole | None = None,
        statuses: Sequence[TaskStatus] | None = None,
        limit: int | None = None,
        offset: int = 0,
        deadline_until: date | None = None,
        completed_between: tuple[date, date] | None = None,
    ) -> list[Task]:
        """Tasks filtered by agency (and role) and status, most urgent deadline first.

        Tasks without a deadline come after dated ones; ``deadline_until`` keeps only
        dated tasks due on or before that day (what the nudge plan can concern), and
        ``completed_between`` tasks completed in that closed range of days.

        ``role=LEAD`` with agencies asks for their own duties: the tasks where they hold a
        unit (lead, or member of a collective lead), each *as its unit lives it* — status,
        deadline and completion date are the unit's, and so are the filters (a task two
        of them hold comes once, as the first of them by id lives it).

        The tasks come without ``unit_ids`` (lists and summaries show them; who may act
        is decided on :meth:`get` and :meth:`card`).
        """
        if role is AgencyRole.LEAD and agency_ids is not None:
            return await self._unit_views(agency_ids, statuses, limit, offset, deadline_until,
                                          completed_between)
        where: list[str] = []
        params: list[Any] = []
        if agency_ids is not None:
            if not agency_ids:
                return []
            marks = ",".join("?" * len(agency_ids))
            clause = f"ta.agency_id IN ({marks})"
            params.extend(agency_ids)
            if role is not None:
                clause += " AND ta.role = ?"
                params.append(role.value)
            where.append(f"t.id IN (SELECT ta.task_id FROM task_agencies ta WHERE {clause})")
        if statuses is not None:
            if not statuses:
                return []
            where.append(f"t.status IN ({','.join('?' * len(statuses))})")
            params.extend(s.value for s in statuses)
        if deadline_until is not None:
            where.append("t.deadline <= ?")
            params.append(deadline_until.isoformat())
        if completed_between is not None:
            where.append("t.completed_on BETWEEN ? AND ?")
            params.extend(day.isoformat() for day in completed_between)
        sql = f"SELECT {_TASK_COLUMNS} FROM tasks t"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t.deadline IS NULL, t.deadline, t.id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        rows = await self.db.fetchall(sql, params)
        return await self._with_agencies(rows, units=False)

    async def unit_states(
        self, agency_id: int, open_until: date, done_between: tuple[date, date]
    ) -> list[tuple[int, TaskStatus, date | None, date | None]]:
        """(task, status, deadline, completion date) of an agency's units that a weekly
        summary may list: open ones due by ``open_until`` (overdue included), and those done
        in ``done_between``; light rows from the units' indexes, no task read."""
        rows = await self.db.fetchall(
            "SELECT task_id, status, deadline, completed_on FROM assignments"
            " WHERE agency_id = ? AND is_open = 1 AND deadline <= ?"
            " UNION ALL SELECT task_id, status, deadline, completed_on FROM assignments"
            " WHERE agency_id = ? AND status = 'done' AND task_live = 1"
            " AND completed_on BETWEEN ? AND ?",
            (agency_id, open_until.isoformat(), agency_id,
             *(day.isoformat() for day in done_between)),
        )
        return [(row[0], TaskStatus(row[1]), from_db_date(row[2]), from_db_date(row[3]))
                for row in rows]

    async def supported_open(self, agency_id: int) -> list[int]:
        """The open tasks an agency supports, most urgent first (no deadline last): ids
        only, from index ``task_agencies_open_role``."""
        rows = await self.db.fetchall(
            "SELECT t.id FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id"
            " WHERE ta.agency_id = ? AND ta.role = 'support' AND ta.task_open = 1"
            " ORDER BY t.deadline IS NULL, t.deadline, t.id",
            (agency_id,),
        )
        return [row[0] for row in rows]

    async def unit_views(self, agency_id: int, task_ids: Sequence[int]) -> list[Task]:
        """These tasks as the agency's units live them (see :meth:`find`), in this order."""
        if not task_ids:
            return []
        found = {task.id: task for task in await self._unit_views(
            [agency_id], None, None, 0, None, None, task_ids)}
        return [found[i] for i in task_ids if i in found]

    async def _unit_views(
        self, agency_ids: Sequence[int], statuses: Sequence[TaskStatus] | None,
        limit: int | None, offset: int, deadline_until: date | None,
        completed_between: tuple[date, date] | None, task_ids: Sequence[int] | None = None,
    ) -> list[Task]:
        """:meth:`find` for ``role=LEAD``: the agencies' units, as tasks seen by the unit."""
        if not agency_ids or (statuses is not None and not statuses):
            return []
        where = [f"u.agency_id IN ({','.join('?' * len(agency_ids))})"]
        params: list[Any] = list(agency_ids)
        if task_ids is not None:
            where.append(f"u.task_id IN ({','.join('?' * len(task_ids))})")
            params.extend(task_ids)
        if statuses is not None:
            if set(statuses) <= {TaskStatus.OPEN, TaskStatus.REPORTED_DONE}:
                where.append("u.is_open = 1")  # the partial index of an agency's open units
            where.append(f"{_VIEW_STATUS} IN ({','.join('?' * len(statuses))})")
            params.extend(s.value for s in statuses)
        if deadline_until is not None:
            where.append("u.deadline <= ?")
            params.append(deadline_until.isoformat())
        if completed_between is not None:
            where.append("u.status = 'done' AND u.completed_on BETWEEN ? AND ?")
            params.extend(day.isoformat() for day in completed_between)
        sql = (
            f"SELECT t.*, {_VIEW_STATUS} AS v_status, u.deadline AS v_deadline,"
            " u.completed_on AS v_completed, min(u.agency_id) AS v_agency"
            " FROM assignments u JOIN tasks t ON t.id = u.task_id"
            f" WHERE {' AND '.join(where)} GROUP BY t.id"
            " ORDER BY v_deadline IS NULL, v_deadline, t.id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        rows = await self.db.fetchall(sql, params)
        views = {row["id"]: row for row in rows}
        return [
            replace(task, status=TaskStatus(views[task.id]["v_status"]),
                    deadline=from_db_date(views[task.id]["v_deadline"]),
                    completed_on=from_db_date(views[task.id]["v_completed"]),
                    judged_on=from_db_date(views[task.id]["v_deadline"]))
            for task in await self._with_agencies(rows, units=False)
        ]

    async def _with_agencies(
        self, rows: Sequence[sqlite3.Row], *, units: bool = True
    ) -> list[Task]:
        """Tasks of these rows with their agencies, and their units unless ``units`` is
        False: a summary lists a commune's hundreds of tasks to every commune, and their
        hundred units each are no part of what it says."""
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        leads: dict[int, list[int]] = {}
        supports: dict[int, list[int]] = {}
        unit_ids: dict[int, list[int]] = {}
        # Chunk to stay under SQLite's bound-parameter limit on big lists.
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks = ",".join("?" * len(chunk))
            for link in await self.db.fetchall(
                f"SELECT task_id, agency_id, role FROM task_agencies WHERE task_id IN ({marks})"
                " ORDER BY rowid",
                chunk,
            ):
                target = leads if link["role"] == AgencyRole.LEAD.value else supports
                target.setdefault(link["task_id"], []).append(link["agency_id"])
            if not units:
                continue
            for unit in await self.db.fetchall(
                f"SELECT task_id, agency_id FROM assignments WHERE task_id IN ({marks})"
                " ORDER BY task_id, agency_id",
                chunk,
            ):
                unit_ids.setdefault(unit[0], []).append(unit[1])
        return [
            _task(row, tuple(leads.get(row["id"], ())), tuple(supports.get(row["id"], ())),
                  tuple(unit_ids.get(row["id"], ())))
            for row in rows
        ]

    async def add_event(
        self,
        task_id: int,
        kind: EventKind,
        actor_id: int | None,
        note: str | None = None,
        data: dict[str, Any] | None = None,
        agency_id: int | None = None,
    ) -> int:
        """Append an entry to a task's history (``agency_id``: the unit it is about)."""
        return await self.db.execute(
            "INSERT INTO task_events(task_id, kind, actor_id, at, note, data, agency_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (task_id, kind.value, actor_id, self.now_text(), note,
             json.dumps(data or {}, ensure_ascii=False), agency_id),
        )

    async def events(self, task_id: int) -> list[TaskEvent]:
        """A task's history, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM task_events WHERE task_id = ? ORDER BY id", (task_id,)
        )
        return [_event(row) for row in rows]

    async def card(self, task_id: int) -> TaskCard | None:
        """Everything a task's card shows, in one trip to the database thread.

        A card was six queries (task, agencies, history, names, notice, and the button
        providers' own reads): six hand-overs to the database thread on every /task N
        and every "open" button, the benchmark's slowest interactions.
        """
        row = await self.db.fetchone(_CARD_SQL, (task_id,))
        if row is None:
            return None
        task = task_with_links(row)
        events: list[TaskEvent] = []
        names: dict[int, str] = {}
        for entry in sorted(json.loads(row["history"] or "[]"), key=lambda e: int(e["id"])):
            events.append(_event({**entry, "task_id": task.id}))
            if entry["actor_id"] is not None:
                names[entry["actor_id"]] = display_name(
                    entry["actor_id"], entry["actor_name"], entry["actor_username"]
                )
        conclusion = None
        if row["c_id"] is not None:
            conclusion = Conclusion(
                id=row["c_id"], number=row["c_number"], issuer=row["c_issuer"],
                signer=row["c_signer"], issued_on=from_db_date(row["c_issued_on"]),
                meeting_on=from_db_date(row["c_meeting_on"]), title=row["c_title"],
                source_text=None, created_by=row["c_created_by"],
                created_at=from_db_time(row["c_created_at"]),
            )
        return TaskCard(task, conclusion, events, names)

    async def latest_event(self, task_id: int, kind: EventKind) -> TaskEvent | None:
        """The newest history entry of one kind (e.g. the latest progress report)."""
        row = await self.db.fetchone(
            "SELECT * FROM task_events WHERE task_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
            (task_id, kind.value),
        )
        return None if row is None else _event(row)

    async def set_deadline(
        self,
        task_id: int,
        deadline: date | None,
        deadline_text: str | None,
        deadline_kind: DeadlineKind,
        recurrence: str | None,
        actor_id: int | None,
        note: str | None = None,
        event: EventKind = EventKind.DEADLINE,
        data: dict[str, Any] | None = None,
        agency_id: int | None = None,
    ) -> None:
        """Change a task's deadline; history keeps the old one (``data`` adds to the event).

        Its units follow (:meth:`UnitRepo.follow_deadline`); ``agency_id`` names the unit
        the change is about (an extension granted to a task's only unit).
        """
        async with self.db.transaction():
            old = await self.get(task_id)
            if old is None:
                raise LookupError(task_id)
            await self.db.execute(
                "UPDATE tasks SET deadline = ?, deadline_text = ?, deadline_kind = ?,"
                " recurrence = ?, updated_at = ? WHERE id = ?",
                (to_db_date(deadline), deadline_text, deadline_kind.value, recurrence,
                 self.now_text(), task_id),
            )
            await self.units.follow_deadline(task_id, old.deadline, deadline)
            await self.add_event(
                task_id, event, actor_id, note,
                {
                    "old": to_db_date(old.deadline), "old_text": old.deadline_text,
                    "new": to_db_date(deadline), "new_text": deadline_text,
                    **(data or {}),
                },
                agency_id,
            )

    async def set_text(self, task_id: int, text: str, actor_id: int | None) -> None:
        """Change a task's text; history keeps the old one."""
        async with self.db.transaction():
            old = await self.get(task_id)
            if old is None:
                raise LookupError(task_id)
            await self.db.execute(
                "UPDATE tasks SET text = ?, search_text = ?, updated_at = ? WHERE id = ?",
                (text, fold(text), self.now_text(), task_id),
            )
            await self.add_event(task_id, EventKind.TEXT, actor_id, None,
                                 {"old": old.text, "new": text})

    async def set_agencies(
        self, task_id: int, lead_ids: Sequence[int], support_ids: Sequence[int],
        actor_id: int | None, members: Mapping[int, Sequence[int]] | None = None,
    ) -> None:
        """Replace a task's lead and supporting agencies; history keeps the old ones.

        Units of leads still there keep their state; a new lead (or collective member)
        starts open; ``members`` as for :meth:`insert`.
        """
        if not lead_ids:
            raise ValueError("a task needs at least one lead agency")
        async with self.db.transaction():
            old = await self.get(task_id)
            if old is None:
                raise LookupError(task_id)
            await self._write_agencies(task_id, lead_ids, support_ids)
            units = self.units
            await units.reconcile(task_id, await units.expand(lead_ids, members), old.deadline)
            await units.sync_task(task_id)
            await self.db.execute(
                "UPDATE tasks SET updated_at = ? WHERE id = ?", (self.now_text(), task_id)
            )
            await self.add_event(
                task_id, EventKind.AGENCIES, actor_id, None,
                {"old_lead": list(old.lead_ids), "old_support": list(old.support_ids),
                 "new_lead": list(lead_ids), "new_support": list(support_ids)},
            )

    async def set_status(
        self,
        task_id: int,
        status: TaskStatus,
        actor_id: int | None,
        event: EventKind = EventKind.STATUS,
        note: str | None = None,
        completed_on: date | None = None,
        data: dict[str, Any] | None = None,
        units: Collection[int] | None = None,
        awaiting: Collection[int] = (),
    ) -> None:
        """Change a task's status (and completion date) with a history entry.

        The units follow (:meth:`UnitRepo.follow_status`): done closes every unit on that
        day, open reopens them all, or only ``units`` when given (a task the office closed
        reopens the units its closing swept up, and its ``awaiting`` units wait for the
        office again, :meth:`UnitRepo.reopen_only`); a cancelled
        task reopened keeps its units as they were (:meth:`UnitRepo.reopen_cancelled`).
        """
        async with self.db.transaction():
            old = await self.get(task_id)
            if old is None:
                raise LookupError(task_id)
            await self.db.execute(
                "UPDATE tasks SET status = ?, completed_on = ?, updated_at = ? WHERE id = ?",
                (status.value, to_db_date(completed_on), self.now_text(), task_id),
            )
            if old.status is TaskStatus.CANCELLED and status is TaskStatus.OPEN:
                await self.units.reopen_cancelled(task_id)
            elif (units or awaiting) and status is TaskStatus.OPEN:
                await self.units.reopen_only(task_id, units or (), awaiting)
            else:
                await self.units.follow_status(task_id, status, completed_on)
            await self.add_event(
                task_id, event, actor_id, note,
                {"old": old.status.value, "new": status.value, **(data or {})},
            )

    async def count(self) -> int:
        """Number of tasks."""
        return int(await self.db.fetchval("SELECT count(*) FROM tasks") or 0)

    async def class_counts(
        self, today: date, role: AgencyRole | None = AgencyRole.LEAD,
        agency_ids: Sequence[int] | None = None,
    ) -> dict[int, ClassCounts]:
        """Tasks per agency in the official classes on ``today`` (SQL twin of ``classify``).

        By default a task counts for its units, as provincial reports do: each lead
        agency, and each member of a collective lead, in the class of its own assignment
        (its own deadline, completion date and status). ``role=None`` counts every link of
        the notice (lead or supporting) in the task's class.
        """
        if role is AgencyRole.LEAD:
            return await self._unit_counts(today, agency_ids)
        sql = (
            f"SELECT ta.agency_id, {_CLASS_SUMS} FROM tasks t"
            " JOIN task_agencies ta ON ta.task_id = t.id"
        )
        params: list[Any] = [today.isoformat(), today.isoformat()]
        where: list[str] = []
        if role is not None:
            where.append("ta.role = ?")
            params.append(role.value)
        if agency_ids is not None:
            if not agency_ids:
                return {}
            where.append(f"ta.agency_id IN ({','.join('?' * len(agency_ids))})")
            params.extend(agency_ids)
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = await self.db.fetchall(sql + " GROUP BY ta.agency_id", params)
        return {row[0]: _counts(row) for row in rows}

    async def _unit_counts(
        self, today: date, agency_ids: Sequence[int] | None
    ) -> dict[int, ClassCounts]:
        sql = f"SELECT a.agency_id, {_UNIT_CLASS_SUMS} FROM assignments a WHERE a.task_live = 1"
        params: list[Any] = [today.isoformat(), today.isoformat()]
        if agency_ids is not None:
            if not agency_ids:
                return {}
            sql += f" AND a.agency_id IN ({','.join('?' * len(agency_ids))})"
            params.extend(agency_ids)
        rows = await self.db.fetchall(sql + " GROUP BY a.agency_id", params)
        return {row[0]: _counts(row) for row in rows}

    async def revision(self) -> int:
        """A number that moves whenever tasks or their agencies change (migration 0009)."""
        return int(await self.db.fetchval("SELECT n FROM task_revision WHERE id = 1") or 0)

    async def class_totals(self, today: date) -> ClassCounts:
        """Province-wide counts in the official classes, each task counted once."""
        row = await self.db.fetchone(
            f"SELECT 0, {_CLASS_SUMS} FROM tasks t", (today.isoformat(), today.isoformat())
        )
        return _counts(row) if row is not None else ClassCounts()


# Must agree with bot.status.classify (a test checks it on random data); {d} is the date
# the row is judged against.
_SUMS = """
    coalesce(sum(t.status = 'done' AND ({d} IS NULL OR t.completed_on IS NULL
                 OR t.completed_on <= {d})), 0),
    coalesce(sum(t.status = 'done' AND {d} IS NOT NULL
                 AND t.completed_on > {d}), 0),
    coalesce(sum(t.status IN ('open', 'reported_done') AND {d} >= ?), 0),
    coalesce(sum(t.status IN ('open', 'reported_done') AND {d} < ?), 0),
    coalesce(sum(t.status IN ('open', 'reported_done') AND {d} IS NULL), 0)
"""
# A task: by its units, each against its own deadline (Task.judged_deadline, migration 0013).
_CLASS_SUMS = _SUMS.replace(
    "{d}", "(CASE WHEN t.deadline IS NOT NULL THEN coalesce(t.judged_on, t.deadline) END)")


# A unit's status as its agency lives the task: the task's when cancelled.
_VIEW_STATUS = "CASE WHEN t.status = 'cancelled' THEN 'cancelled' ELSE u.status END"
# The same for units: their own status, deadline and completion date (migration 0010).
_UNIT_CLASS_SUMS = _SUMS.replace("{d}", "t.deadline").replace("t.", "a.")


def _counts(row: sqlite3.Row) -> ClassCounts:
    return ClassCounts(
        done_on_time=row[1], done_late=row[2], in_progress=row[3], overdue=row[4],
        no_deadline=row[5],
    )


def _conclusion(row: sqlite3.Row) -> Conclusion:
    return Conclusion(
        id=row["id"],
        number=row["number"],
        issuer=row["issuer"],
        signer=row["signer"],
        issued_on=from_db_date(row["issued_on"]),
        meeting_on=from_db_date(row["meeting_on"]),
        title=row["title"],
        source_text=row["source_text"],
        created_by=row["created_by"],
        created_at=from_db_time(row["created_at"]),
    )


LINKS_COLUMN = (
    "(SELECT group_concat(ta.rowid || ':' || ta.agency_id || ':' || ta.role)"
    " FROM task_agencies ta WHERE ta.task_id = t.id) AS links,"
    " (SELECT group_concat(au.agency_id) FROM assignments au WHERE au.task_id = t.id) AS units"
)
"""Select-list columns carrying a task's agencies and units, read by :func:`task_with_links`.

A task and its agencies in the same row spare a second trip to the database thread for
one card or one page (the benchmark's handler latency); long lists use ``_with_agencies``.
"""


_CARD_SQL = f"""
SELECT t.*, {LINKS_COLUMN},
    c.id AS c_id, c.number AS c_number, c.issuer AS c_issuer, c.signer AS c_signer,
    c.issued_on AS c_issued_on, c.meeting_on AS c_meeting_on, c.title AS c_title,
    c.created_by AS c_created_by, c.created_at AS c_created_at,
    (SELECT json_group_array(json_object(
        'id', e.id, 'kind', e.kind, 'actor_id', e.actor_id, 'at', e.at, 'note', e.note,
        'data', e.data, 'agency_id', e.agency_id, 'actor_name', u.full_name,
        'actor_username', u.username))
     FROM task_events e LEFT JOIN users u ON u.telegram_id = e.actor_id
     WHERE e.task_id = t.id) AS history
FROM tasks t LEFT JOIN conclusions c ON c.id = t.conclusion_id
WHERE t.id = ?
"""


def task_with_links(row: sqlite3.Row) -> Task:
    """A task from a row that selected ``t.*`` and :data:`LINKS_COLUMN`."""
    leads: list[tuple[int, int]] = []
    supports: list[tuple[int, int]] = []
    for link in (row["links"] or "").split(","):
        if link:
            rowid, agency_id, role = link.split(":", 2)
            target = leads if role == AgencyRole.LEAD.value else supports
            target.append((int(rowid), int(agency_id)))
    # Insertion order (rowid), as _with_agencies lists them: the first lead is the main one.
    units = tuple(sorted(int(a) for a in (row["units"] or "").split(",") if a))
    return _task(row, tuple(a for _, a in sorted(leads)), tuple(a for _, a in sorted(supports)),
                 units)


def _task(
    row: sqlite3.Row, lead_ids: tuple[int, ...], support_ids: tuple[int, ...],
    unit_ids: tuple[int, ...] = (),
) -> Task:
    return Task(
        id=row["id"],
        conclusion_id=row["conclusion_id"],
        ordinal=row["ordinal"],
        position=row["position"],
        text=row["text"],
        deadline=from_db_date(row["deadline"]),
        deadline_text=row["deadline_text"],
        deadline_kind=DeadlineKind(row["deadline_kind"]),
        recurrence=row["recurrence"],
        status=TaskStatus(row["status"]),
        completed_on=from_db_date(row["completed_on"]),
        judged_on=from_db_date(row["judged_on"]),
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
        lead_ids=lead_ids,
        support_ids=support_ids,
        unit_ids=unit_ids,
    )


def _event(row: sqlite3.Row | Mapping[str, Any]) -> TaskEvent:
    return TaskEvent(
        id=row["id"],
        task_id=row["task_id"],
        kind=EventKind(row["kind"]),
        actor_id=row["actor_id"],
        at=from_db_time(row["at"]),
        note=row["note"],
        data=json.loads(row["data"] or "{}"),
        agency_id=row["agency_id"],
    )
