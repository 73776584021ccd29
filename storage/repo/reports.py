"""Report queries: the export annex streamed page by page, never the whole table at once.

A page is one query (keyset-paginated on the ``tasks_conclusion`` index) that also brings
each task's agencies and latest progress or completion report through correlated
subqueries on indexed columns, so 50,000 tasks are 50 short queries and memory stays flat;
the database lock is released between pages, so the bot keeps answering while a big export runs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.models import (
    DeadlineKind,
    EventKind,
    OwnUnit,
    ReportFilter,
    ReportRow,
    TaskStatus,
)
from storage.db import from_db_date, from_db_time, to_db_time
from storage.repo.base import Repo

PAGE_SIZE = 1000

_ROW_SQL = """
SELECT t.id, t.conclusion_id, t.position, t.ordinal, t.text, t.status, t.deadline,
       t.deadline_kind, t.completed_on, t.judged_on, c.number, c.issued_on, c.signer,
       (SELECT group_concat(agency_id) FROM task_agencies
         WHERE task_id = t.id AND role = 'lead') AS lead_ids,
       (SELECT group_concat(agency_id) FROM task_agencies
         WHERE task_id = t.id AND role = 'support') AS support_ids,
       (SELECT note FROM task_events WHERE task_id = t.id AND kind IN (:progress, :done)
         ORDER BY id DESC LIMIT 1) AS report_note,
       (SELECT at FROM task_events WHERE task_id = t.id AND kind IN (:progress, :done)
         ORDER BY id DESC LIMIT 1) AS report_at,
       (SELECT count(*) FROM assignments WHERE task_id = t.id) AS units_total,
       (SELECT count(*) FROM assignments WHERE task_id = t.id AND status = 'done')
         AS units_done,
       {own} AS own_unit
FROM tasks t JOIN conclusions c ON c.id = t.conclusion_id
WHERE t.status <> 'cancelled' AND (t.conclusion_id, t.position, t.id) > (:c, :p, :i)
"""


class ReportRepo(Repo):
    """Read-only queries behind /export and the CLI export."""

    async def pages(
        self, scope: ReportFilter, tz: ZoneInfo, page_size: int = PAGE_SIZE
    ) -> AsyncIterator[list[ReportRow]]:
        """The filtered tasks in document order (notice, then position), page by page."""
        sql, params = _filtered(scope, tz)
        sql += " ORDER BY t.conclusion_id, t.position, t.id LIMIT :limit"
        params.update(c=-1, p=-1, i=-1, limit=page_size, progress=EventKind.PROGRESS.value,
                      done=EventKind.DONE_REPORTED.value)
        while True:
            rows = await self.db.fetchall(sql, params)
            if not rows:
                return
            yield [_row(row) for row in rows]
            if len(rows) < page_size:
                return
            last = rows[-1]
            params.update(c=last["conclusion_id"], p=last["position"], i=last["id"])

    async def explain(self, scope: ReportFilter, tz: ZoneInfo) -> list[str]:
        """SQLite's query plan of one page (tests check that indexes are used)."""
        sql, params = _filtered(scope, tz)
        sql += " ORDER BY t.conclusion_id, t.position, t.id LIMIT :limit"
        params.update(c=-1, p=-1, i=-1, limit=PAGE_SIZE, progress=EventKind.PROGRESS.value,
                      done=EventKind.DONE_REPORTED.value)
        rows = await self.db.fetchall("EXPLAIN QUERY PLAN " + sql, params)
        return [str(row["detail"]) for row in rows]


def _filtered(scope: ReportFilter, tz: ZoneInfo) -> tuple[str, dict[str, Any]]:
    sql = _ROW_SQL.replace("{own}", "NULL")
    params: dict[str, Any] = {}
    if scope.agency_ids is not None:
        names = [f"a{n}" for n in range(len(scope.agency_ids))]
        marks = ", ".join(f":{name}" for name in names) or "NULL"
        # The agency's own unit of the task, when it holds exactly one: its part is what
        # its report shows ("agency,status,deadline,completed_on").
        sql = _ROW_SQL.replace("{own}", (
            "(SELECT CASE WHEN count(*) = 1 THEN max(agency_id) || ',' || max(status) || ','"
            " || ifnull(max(deadline), '') || ',' || ifnull(max(completed_on), '') END"
            f" FROM assignments WHERE task_id = t.id AND agency_id IN ({marks}))"))
        # Tasks it leads or supports, and those where it is a unit of a collective lead.
        sql += (
            " AND t.id IN (SELECT task_id FROM task_agencies"
            f" WHERE agency_id IN ({marks}) UNION SELECT task_id FROM assignments"
            f" WHERE agency_id IN ({marks}))"
        )
        params.update(zip(names, scope.agency_ids, strict=True))
    if scope.start is not None or scope.end is not None:
        # The notice's date when it has one, else the local day the task was recorded.
        first = scope.start.isoformat() if scope.start else "0000-01-01"
        last = scope.end.isoformat() if scope.end else "9999-12-31"
        since = _utc_text(scope.start, tz) if scope.start else "0000"
        until = _utc_text(scope.end + timedelta(days=1), tz) if scope.end else "9999"
        sql += (
            " AND (t.deadline BETWEEN :first AND :last"
            " OR c.issued_on BETWEEN :first AND :last"
            " OR (c.issued_on IS NULL AND t.created_at >= :since AND t.created_at < :until))"
        )
        params.update(first=first, last=last, since=since, until=until)
    return sql, params


def _utc_text(day: date, tz: ZoneInfo) -> str:
    """Local midnight of ``day`` as stored UTC text (created_at is UTC)."""
    return to_db_time(datetime.combine(day, time(), tzinfo=tz))


def _ids(text: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",")) if text else ()


def _row(row: Any) -> ReportRow:
    return ReportRow(
        task_id=row["id"],
        ordinal=row["ordinal"],
        text=row["text"],
        status=TaskStatus(row["status"]),
        deadline=from_db_date(row["deadline"]),
        deadline_kind=DeadlineKind(row["deadline_kind"]),
        completed_on=from_db_date(row["completed_on"]),
        doc_number=row["number"],
        doc_date=from_db_date(row["issued_on"]),
        doc_signer=row["signer"],
        lead_ids=_ids(row["lead_ids"]),
        support_ids=_ids(row["support_ids"]),
        report_note=row["report_note"],
        report_at=from_db_time(row["report_at"]) if row["report_at"] else None,
        units_done=row["units_done"],
        units_total=row["units_total"],
        own=_own(row["own_unit"]),
        judged_on=from_db_date(row["judged_on"]),
    )


def _own(text: str | None) -> OwnUnit | None:
    if not text:
        return None
    agency, status, deadline, completed = text.split(",")
    return OwnUnit(int(agency), TaskStatus(status), from_db_date(deadline or None),
                   from_db_date(completed or None))
