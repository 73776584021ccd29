"""The lists officials ask for: open, overdue, upcoming, recently done, and search.

A province holds about 100,000 tasks, so every list is one indexed query that returns a
page and a count — nothing loads all tasks into Python. Members see the tasks of their
agencies (lead, unit of a collective lead, or supporting: :func:`agency_scope`; done: their
own unit done, see :meth:`TaskQueryRepo.done_since`);
``agency_ids=None`` means the whole province (admins).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.core.models import TaskPage
from bot.core.normalize import search_words
from storage.repo.base import Repo
from storage.repo.tasks import LINKS_COLUMN, task_with_links

_OPEN = "t.status IN ('open', 'reported_done')"
# The date a task is judged against: its units' (migration 0013), or its deadline.
_JUDGED = "coalesce({t}.judged_on, {t}.deadline)"
# Must match the expression of the partial index tasks_open_urgency (migration 0014): the
# date a task is judged against (its units', migration 0013), as its list row shows it.
_URGENCY = "coalesce(t.judged_on, t.deadline, '9999-12-31'), t.id"
MAX_SEARCH_WORDS = 12


def fts_query(text: str) -> str | None:
    """FTS5 expression requiring every folded word ("số hóa" -> '"so" "hoa"'), or None.

    Folded words hold only ``[a-z0-9]``, so quoting them cannot inject FTS syntax.
    """
    words = search_words(text)[:MAX_SEARCH_WORDS]
    return " ".join(f'"{word}"' for word in words) or None


Clause = tuple[str, list[Any]]
"""A piece of SQL and its parameters."""


def agency_scope(agency_ids: Sequence[int], *, open_only: bool, deadline: Clause | None = None
                 ) -> Clause:
    """A subquery of the ids of the tasks of these agencies (an id may come twice).

    An agency's tasks are those where it holds a unit (it leads the task, or it is a
    member of a collective lead: migration 0010), those it supports, and — for a
    collective itself — those naming it as lead (its members hold the units). ``open_only``
    keeps what is still open *for that agency*: its own unit not done yet, or the task it
    supports not closed. ``deadline`` (``"{d} < ?"`` and its parameters) is tested on the
    unit's own deadline (an extension granted to one unit counts), or on the date the task
    is judged against (by its units) for a supporting agency.

    Each branch reads one covering index (``assignments_agency_open``,
    ``task_agencies_open_role``); the collectives' branch reads nothing unless one of the
    agencies is a collective with members.
    """
    marks = ",".join("?" * len(agency_ids))
    ids = list(agency_ids)
    cond_sql, cond_params = deadline if deadline is not None else ("", [])
    task_deadline = f"(SELECT {_JUDGED.format(t='tl')} FROM tasks tl WHERE tl.id = ta.task_id)"
    unit_cond = f" AND {cond_sql.format(d='a.deadline')}" if cond_sql else ""
    link_cond = f" AND {cond_sql.format(d=task_deadline)}" if cond_sql else ""
    unit_open = " AND a.is_open = 1" if open_only else ""
    link_open = " AND ta.task_open = 1" if open_only else ""
    return (
        f"SELECT a.task_id FROM assignments a WHERE a.agency_id IN ({marks}){unit_open}"
        f"{unit_cond}"
        f" UNION ALL SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id IN ({marks})"
        f" AND ta.role = 'support'{link_open}{link_cond}"
        " UNION ALL SELECT ta.task_id FROM task_agencies ta WHERE ta.agency_id IN"
        f" (SELECT DISTINCT m.group_id FROM agency_members m WHERE m.group_id IN ({marks}))"
        f" AND ta.role = 'lead'{link_open}{link_cond}",
        ids + cond_params + ids + cond_params + ids + cond_params,
    )


class TaskQueryRepo(Repo):
    """Paged, indexed task lists."""

    async def _page(
        self,
        agency_ids: Sequence[int] | None,
        where: list[str],
        params: list[Any],
        order: str,
        limit: int,
        offset: int,
        order_params: Sequence[Any] = (),
        open_list: bool = False,
        deadline: Clause | None = None,
    ) -> TaskPage:
        """One page of the tasks matching ``where`` (and the agencies), with the list's size.

        ``open_list`` (from :meth:`_open_page` only) reads what is open for the agencies
        only; ``deadline`` is a condition on the deadline (see :func:`agency_scope`).
        """
        where = list(where)
        params = list(params)
        prefix = ""
        prefix_params: list[Any] = []
        count: tuple[str, list[Any]] | None = None
        if agency_ids is not None:
            if not agency_ids:
                return TaskPage([], 0)
            # The agencies' task ids, worked out once for the page and its count.
            scope, prefix_params = agency_scope(agency_ids, open_only=open_list,
                                                deadline=deadline)
            prefix = f"WITH scope(task_id) AS MATERIALIZED ({scope}) "
            if open_list:
                # Open for the agencies implies open (units and links carry the flags).
                count = ("SELECT count(DISTINCT task_id) FROM scope", [])
            else:
                # Each of the agencies' tasks looked up: "t.id IN (…)" made SQLite scan
                # every task of the province to count a few hundred.
                count = ("SELECT count(*) FROM (SELECT DISTINCT task_id FROM scope) s"
                         " CROSS JOIN tasks t ON t.id = s.task_id"
                         + (" WHERE " + " AND ".join(where) if where else ""), list(params))
            where.append("t.id IN scope")
        elif deadline is not None:
            where.append(deadline[0].format(d=_JUDGED.format(t="t")))
            params.extend(deadline[1])
        clause = " WHERE " + " AND ".join(where) if where else ""
        if count is None:
            count = (f"SELECT count(*) FROM tasks t{clause}", params)
        source = "tasks t INDEXED BY tasks_open_urgency" if open_list else "tasks t"
        # The page, its tasks' agencies and the list's size in one trip to the database
        # thread; the count subquery does not depend on the row, so it runs once.
        rows = await self.db.fetchall(
            f"{prefix}SELECT ({count[0]}) AS list_total, t.*, {LINKS_COLUMN} FROM {source}"
            f"{clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*prefix_params, *count[1], *params, *order_params, limit, offset],
        )
        if not rows:  # an empty list, or a page past its end: only the count is left to say
            total = await self.db.fetchval(prefix + count[0], [*prefix_params, *count[1]])
            return TaskPage([], int(total or 0))
        return TaskPage([task_with_links(row) for row in rows], int(rows[0]["list_total"]))

    async def _open_page(
        self, agency_ids: Sequence[int] | None, deadline: Clause | None, limit: int, offset: int,
    ) -> TaskPage:
        """One page of the open tasks (for the agencies), most urgent first.

        Reads what is open for the agencies only (units and links flagged open, migrations
        0008 and 0010) and walks the urgency index, stopping at the page's end: SQLite's own
        plan sorted every open task of the province for each page (5-11 ms at 100,000
        tasks, now 0.3-0.7 ms).
        """
        return await self._page(agency_ids, [_OPEN], [], _URGENCY, limit, offset,
                                open_list=True, deadline=deadline)

    async def open_tasks(
        self, agency_ids: Sequence[int] | None, limit: int, offset: int = 0
    ) -> TaskPage:
        """Open tasks (including done-awaiting-confirmation), most urgent first.

        Overdue tasks come first, the longest overdue at the top (earliest deadline), then
        the rest by deadline, then tasks without a deadline; a task of several units by the
        date it is judged against (a unit granted a later date counts, migration 0013).
        """
        return await self._open_page(agency_ids, None, limit, offset)

    async def overdue(
        self, agency_ids: Sequence[int] | None, today: date, limit: int, offset: int = 0
    ) -> TaskPage:
        """Open tasks whose deadline has passed, the longest overdue first."""
        # Urgency is deadline order here: every one of these tasks has a deadline.
        return await self._open_page(
            agency_ids, ("{d} < ?", [today.isoformat()]), limit, offset
        )

    async def upcoming(
        self, agency_ids: Sequence[int] | None, today: date, until: date, limit: int,
        offset: int = 0,
    ) -> TaskPage:
        """Open tasks due between today and ``until`` (both included), soonest first."""
        return await self._open_page(
            agency_ids, ("{d} BETWEEN ? AND ?", [today.isoformat(), until.isoformat()]),
            limit, offset,
        )

    async def done_since(
        self, agency_ids: Sequence[int] | None, since: date, limit: int, offset: int = 0
    ) -> TaskPage:
        """Tasks confirmed done on or after ``since``, the most recent first.

        For agencies, what is done *for them*: their own unit confirmed done in the window
        (the task may still wait for other units), or a task they support done in it; the
        order is by that day (index ``assignments_done``).
        """
        if agency_ids is None:
            return await self._page(
                agency_ids, ["t.status = 'done'", "t.completed_on >= ?"], [since.isoformat()],
                "t.completed_on DESC, t.id DESC", limit, offset,
            )
        if not agency_ids:
            return TaskPage([], 0)
        marks = ",".join("?" * len(agency_ids))
        day = since.isoformat()
        scope = (
            "WITH scope(task_id, done_on) AS MATERIALIZED ("
            "SELECT a.task_id, a.completed_on FROM assignments a"
            f" WHERE a.agency_id IN ({marks}) AND a.status = 'done' AND a.completed_on >= ?"
            " AND a.task_live = 1"
            " UNION ALL SELECT ta.task_id, tl.completed_on FROM task_agencies ta"
            " JOIN tasks tl ON tl.id = ta.task_id"
            f" WHERE ta.agency_id IN ({marks}) AND ta.role = 'support'"
            " AND tl.status = 'done' AND tl.completed_on >= ?),"
            " done(task_id, done_on) AS (SELECT task_id, max(done_on) FROM scope"
            " GROUP BY task_id) "
        )
        params = [*agency_ids, day, *agency_ids, day]
        rows = await self.db.fetchall(
            f"{scope}SELECT (SELECT count(*) FROM done) AS list_total, t.*, {LINKS_COLUMN}"
            " FROM done d CROSS JOIN tasks t ON t.id = d.task_id"
            " ORDER BY d.done_on DESC, t.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if not rows:
            total = await self.db.fetchval(f"{scope}SELECT count(*) FROM done", params)
            return TaskPage([], int(total or 0))
        return TaskPage([task_with_links(row) for row in rows], int(rows[0]["list_total"]))

    async def search(
        self, agency_ids: Sequence[int] | None, text: str, limit: int, offset: int = 0
    ) -> TaskPage:
        """Tasks (not cancelled) containing every word of ``text``, diacritics ignored.

        Tasks containing the words as one phrase come first, then open before closed,
        then the newest.
        """
        query = fts_query(text)
        if query is None:
            return TaskPage([], 0)
        phrase = " " + " ".join(search_words(text)[:MAX_SEARCH_WORDS]) + " "
        return await self._page(
            agency_ids,
            ["t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)",
             "t.status <> 'cancelled'"],
            [query],
            "instr(' ' || t.search_text || ' ', ?) = 0, t.status NOT IN ('open', 'reported_done'),"
            " t.id DESC",
            limit, offset, order_params=[phrase],
        )
