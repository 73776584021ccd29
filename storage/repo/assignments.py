"""Reading units: what the reminder job nudges, who has not reported, whom nobody reaches.

Writes go through :mod:`storage.repo.units` inside the task's transaction; everything here
reads, on indexes of migration 0010, so that a province with a tenth of its tasks sent to
every commune (a million units) is planned in the time one task per agency took.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.core.assignments import UnitProgress, Unreported
from bot.core.models import Assignment, TaskStatus
from storage.db import from_db_time, to_db_time
from storage.repo.base import Repo
from storage.repo.units import assignment


@dataclass(frozen=True, slots=True)
class NudgeSubject:
    """Units of one task sharing a deadline: the nudge policy decides for them at once.

    It has what :func:`bot.core.nudges.due_nudges` reads of a task (``id`` is the task's),
    and the agencies to nudge.
    """

    id: int
    deadline: date | None
    created_at: datetime
    agency_ids: tuple[int, ...]
    status: TaskStatus = TaskStatus.OPEN


@dataclass(frozen=True, slots=True)
class UnitPage:
    """One page of a task's units and how many there are."""

    units: list[Assignment]
    total: int


def _ids(text: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(part) for part in text.split(","))) if text else ()


class AssignmentRepo(Repo):
    """Read-only queries over units (``assignments``)."""

    async def nudge_subjects(self, until: date) -> list[NudgeSubject]:
        """Open units with a deadline up to ``until``, grouped by (task, deadline, day the
        unit was assigned): what the nudge plan asks the policy about.

        A unit waiting for the office's confirmation is not nudged; nor is a unit of a
        cancelled task (``is_open``). Index ``assignments_due``.
        """
        rows = await self.db.fetchall(
            "SELECT task_id, deadline, created_at, group_concat(agency_id) AS agencies"
            " FROM assignments WHERE is_open = 1 AND status = 'open' AND deadline <= ?"
            " GROUP BY task_id, deadline, created_at ORDER BY task_id, deadline",
            (until.isoformat(),),
        )
        return [NudgeSubject(row[0], date.fromisoformat(row[1]), from_db_time(row[2]),
                             _ids(row[3])) for row in rows]

    async def subjects_between(self, first_task: int, last_task: int) -> list[NudgeSubject]:
        """Every unit of tasks ``first_task``..``last_task``, grouped as the plan groups them,
        in any state (the benchmark times the policy over a whole province with these)."""
        rows = await self.db.fetchall(
            "SELECT a.task_id, a.deadline, a.created_at, group_concat(a.agency_id),"
            " CASE WHEN a.task_live = 0 THEN 'cancelled' ELSE a.status END AS state"
            " FROM assignments a WHERE a.task_id BETWEEN ? AND ?"
            " GROUP BY a.task_id, a.deadline, a.created_at, state ORDER BY a.task_id",
            (first_task, last_task),
        )
        return [NudgeSubject(row[0], date.fromisoformat(row[1]) if row[1] else None,
                             from_db_time(row[2]), _ids(row[3]), TaskStatus(row[4]))
                for row in rows]

    async def support_subjects(self, until: date) -> list[NudgeSubject]:
        """Open dated tasks due up to ``until`` with the agencies that support them."""
        rows = await self.db.fetchall(
            "SELECT t.id, t.deadline, t.created_at, group_concat(ta.agency_id) AS agencies"
            " FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'support'"
            " WHERE t.status = 'open' AND t.deadline <= ? GROUP BY t.id ORDER BY t.id",
            (until.isoformat(),),
        )
        return [NudgeSubject(row[0], date.fromisoformat(row[1]), from_db_time(row[2]),
                             _ids(row[3])) for row in rows]

    async def progress(self, task_ids: Sequence[int]) -> dict[int, UnitProgress]:
        """Done units of all units, per task ("12/99 đơn vị đã hoàn thành")."""
        found: dict[int, UnitProgress] = {}
        for start in range(0, len(task_ids), 900):
            chunk = list(task_ids[start:start + 900])
            marks = ",".join("?" * len(chunk))
            for row in await self.db.fetchall(
                "SELECT task_id, sum(status = 'done'), count(*) FROM assignments"
                f" WHERE task_id IN ({marks}) GROUP BY task_id", chunk,
            ):
                found[row[0]] = UnitProgress(int(row[1]), int(row[2]))
        return found

    async def page(
        self, task_id: int, *, done: bool | None = None, limit: int = 20, offset: int = 0
    ) -> UnitPage:
        """A task's units by agency name (the card's "the rest, on a page"): only those done
        (``done=True``) or not yet done (``False``), or all."""
        where, params = "a.task_id = ?", [task_id]
        if done is not None:
            where += " AND a.status = 'done'" if done else " AND a.status <> 'done'"
        rows = await self.db.fetchall(
            f"SELECT a.*, (SELECT count(*) FROM assignments a WHERE {where}) AS total"
            f" FROM assignments a JOIN agencies g ON g.id = a.agency_id WHERE {where}"
            " ORDER BY g.name, a.agency_id LIMIT ? OFFSET ?",
            [*params, *params, limit, offset],
        )
        if not rows:
            total = await self.db.fetchval(f"SELECT count(*) FROM assignments a WHERE {where}",
                                           params)
            return UnitPage([], int(total or 0))
        return UnitPage([assignment(row) for row in rows], int(rows[0]["total"]))

    async def unreported(
        self, *, since: datetime, near: date, agency_ids: Sequence[int] | None = None,
        task_id: int | None = None, limit: int | None = None,
    ) -> list[Unreported]:
        """Open units due by ``near`` (or overdue) whose agency sent no progress or done
        report for the task since ``since``: who the office chases (``/chuabaocao``).

        Ordered by agency, then deadline; ``agency_ids``/``task_id`` narrow it. A unit that
        reported done and waits for the office is not chased.
        """
        where = ["a.is_open = 1", "a.status = 'open'", "a.deadline <= ?"]
        params: list[Any] = [near.isoformat()]
        if agency_ids is not None:
            if not agency_ids:
                return []
            where.append(f"a.agency_id IN ({','.join('?' * len(agency_ids))})")
            params.extend(agency_ids)
        if task_id is not None:
            where.append("a.task_id = ?")
            params.append(task_id)
        sql = (
            "SELECT a.agency_id, a.task_id, a.deadline, t.text,"
            " (SELECT max(e.at) FROM task_events e WHERE e.task_id = a.task_id"
            "  AND e.agency_id = a.agency_id AND e.kind IN ('progress', 'done_reported'))"
            "  AS last_report"
            " FROM assignments a JOIN tasks t ON t.id = a.task_id"
            f" WHERE {' AND '.join(where)} AND NOT EXISTS (SELECT 1 FROM task_events e"
            "  WHERE e.task_id = a.task_id AND e.agency_id = a.agency_id"
            "  AND e.kind IN ('progress', 'done_reported') AND e.at >= ?)"
            " ORDER BY a.agency_id, a.deadline, a.task_id"
        )
        params.append(to_db_time(since))
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = await self.db.fetchall(sql, params)
        return [
            Unreported(row[0], row[1], date.fromisoformat(row[2]),
                       from_db_time(row[4]) if row[4] else None, row[3])
            for row in rows
        ]

    async def unreached(self) -> list[tuple[int, int]]:
        """(agency, open units) of every agency with something open that no active chat
        follows: nobody gets its nudges. Most open units first."""
        rows = await self.db.fetchall(
            "SELECT a.agency_id, count(*) AS n FROM assignments a WHERE a.is_open = 1"
            " AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN chats c"
            "  ON c.chat_id = s.chat_id WHERE s.agency_id = a.agency_id AND c.active = 1)"
            " GROUP BY a.agency_id ORDER BY n DESC, a.agency_id"
        )
        return [(int(row[0]), int(row[1])) for row in rows]

    async def last_progress(
        self, task_id: int, agency_ids: Sequence[int]
    ) -> dict[int, datetime]:
        """Each of these units' latest progress report on the task (the list of units says
        "đã báo cáo tiến độ dd/mm"); units that never reported are absent. Index
        ``task_events_unit``."""
        if not agency_ids:
            return {}
        marks = ",".join("?" * len(agency_ids))
        rows = await self.db.fetchall(
            "SELECT agency_id, max(at) FROM task_events WHERE task_id = ? AND kind = 'progress'"
            f" AND agency_id IN ({marks}) GROUP BY agency_id",
            [task_id, *agency_ids],
        )
        return {int(row[0]): from_db_time(row[1]) for row in rows}

    async def of_agencies(
        self, task_ids: Sequence[int], agency_ids: Sequence[int]
    ) -> list[Assignment]:
        """The units these agencies hold in these tasks (a list shows each task as the
        reader's unit lives it), by task then agency."""
        if not task_ids or not agency_ids:
            return []
        found: list[Assignment] = []
        agencies = list(agency_ids)
        for start in range(0, len(task_ids), 400):
            chunk = list(task_ids[start:start + 400])
            rows = await self.db.fetchall(
                f"SELECT * FROM assignments WHERE task_id IN ({','.join('?' * len(chunk))})"
                f" AND agency_id IN ({','.join('?' * len(agencies))})"
                " ORDER BY task_id, agency_id",
                [*chunk, *agencies],
            )
            found.extend(assignment(row) for row in rows)
        return found
