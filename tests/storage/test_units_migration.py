"""A database from before units (schema 9) is upgraded without changing what it means.

Migration 0012 makes every lead of every task a unit in the task's state and tells whose
each report was; at start-up, after the directory sync, an open task addressed to a
collective gets one unit per member. The old rows are written in the SQL of schema 9.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.clock import ManualClock
from bot.core.models import AgencyRole, TaskStatus
from bot.core.status import ClassCounts, classify
from bot.usecases.services import Services
from config.settings import Settings
from storage.db import Database, from_db_date
from tests.support.reminder_data import HANOI

NOW = "2024-09-20T01:00:00.000000+00:00"
FINANCE_MEMBER, HEALTH_MEMBER, ADMIN = 5001, 5002, 1001
# (id, leads, supports, status, deadline, completed_on)
TASKS: tuple[tuple[int, list[str], list[str], str, str, str | None], ...] = (
    (1, ["so-tai-chinh"], ["so-y-te"], "done", "2024-09-15", "2024-09-10"),
    (2, ["ubnd-cac-xa-phuong"], ["so-y-te"], "open", "2024-10-01", None),
    (3, ["ubnd-cac-xa-phuong"], [], "done", "2024-08-15", "2024-08-01"),
    (4, ["so-tai-chinh", "so-y-te"], [], "reported_done", "2024-09-30", None),
    (5, ["so-y-te"], ["so-tai-chinh"], "cancelled", "2024-09-30", None),
    (6, ["so-y-te"], [], "open", "2024-09-18", None),
)
# (task, kind, actor)
EVENTS = (
    (1, "progress", FINANCE_MEMBER), (1, "progress", HEALTH_MEMBER),
    (1, "done_reported", FINANCE_MEMBER), (1, "done_confirmed", ADMIN),
    (4, "done_reported", FINANCE_MEMBER), (5, "progress", FINANCE_MEMBER),
    (6, "extension_requested", HEALTH_MEMBER),
)


async def _schema_9(db: Database) -> None:
    """Agencies as an older directory had them (no commune), people, tasks and history."""
    codes = sorted({code for _, leads, supports, *_ in TASKS for code in leads + supports})
    for number, code in enumerate(codes, start=1):
        await db.execute(
            "INSERT INTO agencies(id, code, name, kind, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (number, code, code, "group" if code.startswith("ubnd") else "department", NOW,
             NOW))
    ids = {code: number for number, code in enumerate(codes, start=1)}
    for user, code in ((FINANCE_MEMBER, "so-tai-chinh"), (HEALTH_MEMBER, "so-y-te")):
        await db.execute("INSERT INTO users(telegram_id, created_at, updated_at)"
                         " VALUES (?, ?, ?)", (user, NOW, NOW))
        await db.execute("INSERT INTO memberships(user_id, agency_id, created_at)"
                         " VALUES (?, ?, ?)", (user, ids[code], NOW))
    await db.execute("INSERT INTO conclusions(id, number, created_at) VALUES (1, '1/TB', ?)",
                     (NOW,))
    for task_id, leads, supports, status, deadline, completed in TASKS:
        await db.execute(
            "INSERT INTO tasks(id, conclusion_id, text, deadline, deadline_kind, status,"
            " completed_on, created_at, updated_at) VALUES (?, 1, ?, ?, 'date', ?, ?, ?, ?)",
            (task_id, f"Việc {task_id}", deadline, status, completed, NOW, NOW))
        for role, group in (("lead", leads), ("support", supports)):
            for code in group:
                await db.execute("INSERT INTO task_agencies(task_id, agency_id, role)"
                                 " VALUES (?, ?, ?)", (task_id, ids[code], role))
    for task_id, kind, actor in EVENTS:
        await db.execute("INSERT INTO task_events(task_id, kind, actor_id, at, note)"
                         " VALUES (?, ?, ?, ?, 'ghi chú')", (task_id, kind, actor, NOW))


def _old_counts(rows: list[tuple[int, str, str | None, str | None]], today: date
                ) -> dict[int, ClassCounts]:
    """Per lead agency in the task's class: what /stats said before units."""
    counts: dict[int, ClassCounts] = {}
    for agency_id, status, deadline, completed in rows:
        cls = classify(TaskStatus(status), from_db_date(deadline), from_db_date(completed),
                       today)
        counts.setdefault(agency_id, ClassCounts()).add(cls)
    return counts


async def test_old_tasks_keep_their_meaning_and_collectives_reach_their_members(
    settings: Settings, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.db

    every = storage.db.migration_files()
    monkeypatch.setattr(storage.db, "migration_files", lambda: [m for m in every if m[0] < 10])
    async with Database(settings.database_path, clock) as old:
        assert await old.schema_version() == 9
        await _schema_9(old)
        before = await old.fetchall(
            "SELECT ta.agency_id, t.status, t.deadline, t.completed_on FROM tasks t"
            " JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'"
            " JOIN agencies a ON a.id = ta.agency_id AND a.kind = 'department'"
            " WHERE t.status <> 'cancelled'")
        statuses = {r[0]: r[1] for r in await old.fetchall("SELECT id, status FROM tasks")}
    monkeypatch.setattr(storage.db, "migration_files", lambda: every)

    services = await Services.open(settings, clock)
    try:
        repos, directory = services.repos, services.directory
        assert await services.db.schema_version() >= 10
        finance, health = (directory.by_code(c).id or 0 for c in ("so-tai-chinh", "so-y-te"))  # type: ignore[union-attr]
        collective = directory.by_code("ubnd-cac-xa-phuong")
        assert collective is not None and collective.id is not None
        # Nothing changes status; every single-lead task has its lead as its one unit.
        assert {r[0]: r[1] for r in await services.db.fetchall(
            "SELECT id, status FROM tasks")} == statuses
        (unit,) = await repos.units.of_task(1)
        assert (unit.agency_id, unit.status, unit.deadline, unit.completed_on) == (
            finance, TaskStatus.DONE, from_db_date("2024-09-15"), from_db_date("2024-09-10"))
        (unit,) = await repos.units.of_task(5)
        assert unit.agency_id == health and not unit.task_live and not unit.is_open
        # Each report now says whose it was: the lead's, unless a supporter wrote it.
        reporters = [(e.kind.value, e.agency_id) for e in await repos.tasks.events(1)]
        assert reporters == [("progress", finance), ("progress", None),
                             ("done_reported", finance), ("done_confirmed", finance)]
        assert [(e.kind.value, e.agency_id) for e in await repos.tasks.events(5)] == [
            ("progress", None)]  # written by a supporter's member
        assert [e.agency_id for e in await repos.tasks.events(6)] == [health]
        # The open task to "UBND các xã, phường" reaches every commune from this start on.
        units = await repos.units.of_task(2)
        members = {m.id for m in directory.members_of(collective)}
        assert len(members) == 54 and {u.agency_id for u in units} == members
        assert all(u.via_id == collective.id and u.status is TaskStatus.OPEN
                   and str(u.deadline) == "2024-10-01" for u in units)
        task = await repos.tasks.get(2)
        assert task is not None and task.lead_ids == (collective.id,)
        assert task.status is TaskStatus.OPEN and task.support_ids == (health,)
        # The closed one keeps its history as it was: one unit, the collective itself.
        assert [u.agency_id for u in await repos.units.of_task(3)] == [collective.id]
        # Two leads, reported done before units: both wait; the office's confirmation of
        # that report confirms both, and the task is done as before.
        units = await repos.units.of_task(4)
        assert {u.status for u in units} == {TaskStatus.REPORTED_DONE} and len(units) == 2
        report = await repos.actions.latest_report_id(4)
        assert report is not None
        confirmed = await repos.actions.confirm_done(await services.access(ADMIN), 4, report,
                                                     HANOI)
        assert not isinstance(confirmed, str)
        assert (await repos.tasks.get(4)).status is TaskStatus.DONE  # type: ignore[union-attr]
        # /stats of each department counts what it counted before (task 4 is done now).
        today = services.today()
        earlier = _old_counts([(r[0], r[1], r[2], r[3]) for r in before], today)
        now = await repos.tasks.class_counts(today, agency_ids=[finance, health])
        for agency_id in (finance, health):
            expected = earlier[agency_id]
            expected.in_progress -= 1  # task 4: was waiting (not done), is done now
            expected.done_on_time += 1
            assert now[agency_id] == expected, agency_id
        mine = await repos.tasks.find(agency_ids=[health], role=AgencyRole.SUPPORT)
        assert {t.id for t in mine} == {1, 2}
    finally:
        await services.close()

    # A second start finds nothing left to expand.
    again = await Services.open(settings, clock)
    try:
        assert len(await again.repos.units.of_task(2)) == 54
        assert await again.repos.units.expand_collectives() == 0
    finally:
        await again.close()
