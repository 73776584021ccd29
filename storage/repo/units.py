"""A task's units (``assignments``, migration 0010) and the task kept in step with them.

Every writer of tasks comes through here: saving a task, changing its leads or deadline,
an official reporting for a unit, the office confirming, extending, closing, reopening.
Callers hold the transaction (only the start-up's :meth:`UnitRepo.expand_collectives`
opens its own, one per task), so a unit can never disagree with its task.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from bot.core.assignments import judged_on, task_state
from bot.core.models import Assignment, DeadlineKind, TaskStatus
from storage.db import from_db_date, to_db_date
from storage.repo.base import Repo

Units = list[tuple[int, int | None]]
"""(unit agency id, the collective lead it stands under, or None when named itself)."""


class UnitRepo(Repo):
    """Typed access to ``assignments`` and the rules that tie a task to its units."""

    async def of_task(self, task_id: int) -> list[Assignment]:
        """A task's units, in the order they were added."""
        rows = await self.db.fetchall(
            "SELECT * FROM assignments WHERE task_id = ? ORDER BY id", (task_id,)
        )
        return [assignment(row) for row in rows]

    async def get(self, task_id: int, agency_id: int) -> Assignment | None:
        """One unit of a task."""
        row = await self.db.fetchone(
            "SELECT * FROM assignments WHERE task_id = ? AND agency_id = ?", (task_id, agency_id)
        )
        return None if row is None else assignment(row)

    async def expand(
        self, lead_ids: Sequence[int], members: Mapping[int, Sequence[int]] | None = None
    ) -> Units:
        """The units of these leads, in order: a collective lead stands for the members
        ticked in ``members`` (all of its members when it is not listed there); any other
        lead, and a collective whose members are unknown, is a unit itself."""
        chosen = dict(members or {})
        groups: dict[int, list[int]] = {}
        if lead_ids:
            marks = ",".join("?" * len(lead_ids))
            for row in await self.db.fetchall(
                "SELECT m.group_id, m.member_id FROM agency_members m"
                f" JOIN agencies a ON a.id = m.member_id WHERE m.group_id IN ({marks})"
                " ORDER BY a.name, a.id",
                list(lead_ids),
            ):
                groups.setdefault(row[0], []).append(row[1])
        units: dict[int, int | None] = {}
        for lead in dict.fromkeys(lead_ids):
            ticked = chosen.get(lead)
            if ticked is not None and not ticked:
                raise ValueError(f"no member ticked for collective {lead}")
            if ticked is not None or lead in groups:
                for member in ticked if ticked is not None else groups[lead]:
                    units.setdefault(member, lead)
            else:
                units.setdefault(lead, None)
        return list(units.items())

    async def reconcile(self, task_id: int, units: Units, deadline: date | None) -> None:
        """Make the task's units these: units kept keep their state, new ones start open with
        ``deadline``, units no longer assigned are removed (the history keeps the change)."""
        existing = {a.agency_id: a for a in await self.of_task(task_id)}
        wanted = dict(units)
        gone = [agency for agency in existing if agency not in wanted]
        if gone:
            await self.db.executemany(
                "DELETE FROM assignments WHERE task_id = ? AND agency_id = ?",
                [(task_id, agency) for agency in gone],
            )
        now = self.now_text()
        for agency, via in units:
            old = existing.get(agency)
            if old is None:
                await self.db.execute(
                    "INSERT INTO assignments(task_id, agency_id, via_id, deadline, created_at,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (task_id, agency, via, to_db_date(deadline), now, now),
                )
            elif old.via_id != via:
                await self.db.execute(
                    "UPDATE assignments SET via_id = ?, updated_at = ? WHERE task_id = ?"
                    " AND agency_id = ?",
                    (via, now, task_id, agency),
                )
        await self.judge(task_id)

    async def set_unit(
        self, task_id: int, agency_id: int, status: TaskStatus, *,
        completed_on: date | None = None, deadline: Any = ...,
    ) -> None:
        """One unit's status and completion date (and deadline, when given)."""
        sql = "UPDATE assignments SET status = ?, completed_on = ?, updated_at = ?"
        params: list[Any] = [status.value, to_db_date(completed_on), self.now_text()]
        if deadline is not ...:
            sql += ", deadline = ?"
            params.append(to_db_date(deadline))
        await self.db.execute(sql + " WHERE task_id = ? AND agency_id = ?",
                              [*params, task_id, agency_id])

    async def set_unit_deadline(self, task_id: int, agency_id: int, deadline: date) -> None:
        """An extension granted to one unit of a task with several (the task is judged
        against it from now on, :meth:`judge`)."""
        await self.db.execute(
            "UPDATE assignments SET deadline = ?, updated_at = ? WHERE task_id = ?"
            " AND agency_id = ?",
            (deadline.isoformat(), self.now_text(), task_id, agency_id),
        )
        await self.judge(task_id)

    async def follow_status(
        self, task_id: int, status: TaskStatus, completed_on: date | None
    ) -> None:
        """The office set the task's status itself: its units follow.

        Done (the office closes the task, with a note or on a report): every unit not yet
        done is done on that day. Open again (reopened): every unit is open again. Waiting
        for the office: the open units wait too. Cancelled: units keep their state (see
        :meth:`reopen_cancelled`).
        """
        now = self.now_text()
        if status is TaskStatus.DONE:
            await self.db.execute(
                "UPDATE assignments SET status = 'done', completed_on = ?, updated_at = ?"
                " WHERE task_id = ? AND status <> 'done'",
                (to_db_date(completed_on), now, task_id),
            )
        elif status is TaskStatus.OPEN:
            await self.db.execute(
                "UPDATE assignments SET status = 'open', completed_on = NULL, updated_at = ?"
                " WHERE task_id = ? AND status <> 'open'",
                (now, task_id),
            )
        elif status is TaskStatus.REPORTED_DONE:
            await self.db.execute(
                "UPDATE assignments SET status = 'reported_done', updated_at = ?"
                " WHERE task_id = ? AND status = 'open'",
                (now, task_id),
            )
        await self.judge(task_id)

    async def reopen_only(
        self, task_id: int, agency_ids: Collection[int], awaiting: Collection[int] = ()
    ) -> None:
        """A task the office closed is open again: the units its closing swept up are open
        again, those whose done report it took wait for the office again; the others keep
        their state and completion date."""
        now = self.now_text()
        await self.db.executemany(
            "UPDATE assignments SET status = ?, completed_on = NULL, updated_at = ?"
            " WHERE task_id = ? AND agency_id = ?",
            [(TaskStatus.OPEN.value, now, task_id, agency) for agency in agency_ids]
            + [(TaskStatus.REPORTED_DONE.value, now, task_id, agency) for agency in awaiting],
        )
        await self.sync_task(task_id)

    async def reopen_cancelled(self, task_id: int) -> None:
        """A cancelled task is open again: units keep their state (a unit done keeps its
        date, a done report waiting for the office waits again) and the task follows them;
        if every unit was done, all reopen."""
        if not await self.db.fetchval(
                "SELECT count(*) FROM assignments WHERE task_id = ? AND status <> 'done'",
                (task_id,)):
            await self.follow_status(task_id, TaskStatus.OPEN, None)
        await self.sync_task(task_id)

    async def follow_deadline(self, task_id: int, old: date | None, new: date | None) -> None:
        """The task's deadline moved from ``old`` to ``new``: its units follow, except a
        unit the office gave a later deadline of its own, which keeps it unless ``new`` is
        later still."""
        await self.db.execute(
            "UPDATE assignments SET deadline = ?1, updated_at = ?2 WHERE task_id = ?3"
            " AND (deadline IS ?4 OR ?1 IS NULL OR deadline IS NULL OR deadline < ?1)",
            (to_db_date(new), self.now_text(), task_id, to_db_date(old)),
        )
        await self.judge(task_id)

    async def expand_collectives(self) -> int:
        """Replace, in every open task, a unit that is a collective with known members by
        those members, in the collective's state (start-up, after the directory sync).

        Tasks saved before collectives had members (migration 0010 back-fills a collective
        lead as a unit of its own) reach the units they were meant for; a closed task keeps
        its history as it was. Returns how many tasks changed.
        """
        rows = await self.db.fetchall(
            "SELECT a.* FROM assignments a WHERE a.is_open = 1 AND a.agency_id IN"
            " (SELECT DISTINCT group_id FROM agency_members) ORDER BY a.task_id, a.id"
        )
        tasks: set[int] = set()
        for row in rows:
            async with self.db.transaction():
                task_id, group = row["task_id"], row["agency_id"]
                members = [r[0] for r in await self.db.fetchall(
                    "SELECT m.member_id FROM agency_members m JOIN agencies a"
                    " ON a.id = m.member_id WHERE m.group_id = ? ORDER BY a.name, a.id",
                    (group,))]
                await self.db.executemany(
                    "INSERT OR IGNORE INTO assignments(task_id, agency_id, via_id, status,"
                    " deadline, completed_on, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(task_id, member, group, row["status"], row["deadline"],
                      row["completed_on"], row["created_at"], self.now_text())
                     for member in members],
                )
                await self.db.execute("DELETE FROM assignments WHERE id = ?", (row["id"],))
                await self.sync_task(task_id)
                tasks.add(task_id)
        return len(tasks)

    async def judge(self, task_id: int) -> None:
        """Set the date the task is judged against (``tasks.judged_on``, migration 0013)
        from its units, each judged against its own deadline
        (:func:`bot.core.assignments.judged_on`); called whenever they change."""
        task = await self.db.fetchone(
            "SELECT status, deadline, completed_on, judged_on FROM tasks WHERE id = ?",
            (task_id,),
        )
        if task is None:
            return
        judged = judged_on(await self.of_task(task_id), from_db_date(task["deadline"]),
                           TaskStatus(task["status"]), from_db_date(task["completed_on"]))
        if to_db_date(judged) != task["judged_on"]:
            await self.db.execute("UPDATE tasks SET judged_on = ? WHERE id = ?",
                                  (to_db_date(judged), task_id))

    async def sync_task(self, task_id: int) -> None:
        """Set the task's status and completion date from its units (and a recurring task's
        deadline to the earliest period a unit still owes, and the date it is judged
        against, :meth:`judge`); a cancelled task stays so."""
        task = await self.db.fetchone(
            "SELECT status, deadline, deadline_kind, completed_on, judged_on FROM tasks"
            " WHERE id = ?",
            (task_id,),
        )
        units = await self.of_task(task_id)
        if task is None or task["status"] == TaskStatus.CANCELLED.value or not units:
            return
        status, completed_on = task_state(units)
        deadline = from_db_date(task["deadline"])
        if task["deadline_kind"] == DeadlineKind.RECURRING.value:
            dates = [unit.deadline for unit in units if unit.deadline is not None]
            deadline = min(dates) if dates else deadline
        judged = to_db_date(judged_on(units, deadline, status, completed_on))
        if (status.value, to_db_date(completed_on), to_db_date(deadline)) != (
            task["status"], task["completed_on"], task["deadline"]
        ):
            await self.db.execute(
                "UPDATE tasks SET status = ?, completed_on = ?, deadline = ?, judged_on = ?,"
                " updated_at = ? WHERE id = ?",
                (status.value, to_db_date(completed_on), to_db_date(deadline), judged,
                 self.now_text(), task_id),
            )
        elif judged != task["judged_on"]:
            await self.db.execute("UPDATE tasks SET judged_on = ? WHERE id = ?",
                                  (judged, task_id))


def assignment(row: sqlite3.Row) -> Assignment:
    """An ``assignments`` row as a record."""
    return Assignment(
        task_id=row["task_id"],
        agency_id=row["agency_id"],
        via_id=row["via_id"],
        status=TaskStatus(row["status"]),
        deadline=from_db_date(row["deadline"]),
        completed_on=from_db_date(row["completed_on"]),
        task_live=bool(row["task_live"]),
    )
