"""Storage on a real SQLite file: migrations, pragmas, repositories, backup."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.core.agencies import Agency
from bot.core.clock import ManualClock
from bot.core.models import (
    ChatType,
    DeadlineKind,
    EventKind,
    NewConclusion,
    NewOutboxMessage,
    NewTask,
    OutboxState,
    Role,
    Task,
    TaskStatus,
)
from bot.usecases.services import Services
from config.settings import Settings
from storage.backup import backup
from storage.db import ABSENT, UNKNOWN, Database, migration_files
from storage.repo import Repos


async def test_migrations_are_recorded_and_idempotent(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "nested" / "dir" / "db.sqlite3"
    async with Database(path, clock) as db:
        assert path.is_file()
        version = await db.schema_version()
        assert version == max(number for number, _, _ in migration_files())
        assert await db.fetchval("PRAGMA journal_mode") == "wal"
        assert await db.fetchval("PRAGMA foreign_keys") == 1
        assert await db.fetchval("PRAGMA busy_timeout") == 5000
    async with Database(path, clock) as db:
        assert await db.migrate() == []
        count = await db.fetchval("SELECT count(*) FROM schema_migrations")
        assert count == len(migration_files())


async def test_foreign_keys_are_enforced(services: Services) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        await services.db.execute(
            "INSERT INTO task_agencies(task_id, agency_id, role) VALUES (999, 999, 'lead')"
        )


async def test_transaction_rolls_back_on_error(services: Services) -> None:
    before = await services.repos.conclusions.count()
    with pytest.raises(RuntimeError):
        async with services.db.transaction():
            await services.db.execute(
                "INSERT INTO conclusions(created_at) VALUES ('2024-01-01T00:00:00+00:00')"
            )
            raise RuntimeError("boom")
    assert await services.repos.conclusions.count() == before


async def test_concurrent_writers_do_not_interleave_transactions(services: Services) -> None:
    async def writer(n: int) -> None:
        async with services.db.transaction():
            await services.db.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)", (f"k{n}", "a")
            )
            await asyncio.sleep(0)
            if n % 2:
                raise ValueError(n)

    results = await asyncio.gather(*(writer(n) for n in range(10)), return_exceptions=True)
    assert sum(isinstance(r, ValueError) for r in results) == 5
    keys = {row[0] for row in await services.db.fetchall("SELECT key FROM meta")}
    assert {f"k{n}" for n in range(0, 10, 2)} <= keys
    assert not {f"k{n}" for n in range(1, 10, 2)} & keys


async def test_directory_sync_adds_updates_and_deactivates(
    tmp_path: Path, clock: ManualClock
) -> None:
    async with Database(tmp_path / "db.sqlite3", clock) as db:
        repos = Repos(db, clock)
        first = [
            Agency(code="a", name="Sở A", aliases=("SA",)),
            Agency(code="b", name="Sở B cũ", successor="a", active=False),
            Agency(code="c", name="Ban C"),
        ]
        report = await repos.agencies.sync_directory(first)
        assert (report.added, report.updated, report.deactivated) == (3, 0, 0)
        again = await repos.agencies.sync_directory(first)
        assert (again.added, again.updated, again.deactivated) == (0, 0, 0)
        custom = await repos.agencies.add_custom("Trung tâm X", created_by=5)
        second = [
            Agency(code="a", name="Sở A mới", aliases=("SA", "SAM")),
            Agency(code="b", name="Sở B cũ", successor="a", active=False),
        ]
        report = await repos.agencies.sync_directory(second)
        assert (report.added, report.updated, report.deactivated) == (0, 1, 1)
        listed = {agency.code: agency for agency in await repos.agencies.list_all()}
        assert listed["a"].name == "Sở A mới"
        assert listed["a"].aliases == ("SA", "SAM")
        assert listed["b"].active is False
        assert listed["b"].successor == "a"
        assert listed["c"].active is False  # removed from the file: kept, inactive
        assert listed[custom.code].active is True  # admin-added agencies survive syncs


async def test_conclusion_with_tasks_and_history(services: Services, clock: ManualClock) -> None:
    directory = services.directory
    noi_vu = directory.resolve("Sở Nội vụ")
    tai_chinh = directory.resolve("Sở Tài chính")
    assert noi_vu and tai_chinh and noi_vu.current.id and tai_chinh.current.id
    conclusion, tasks = await services.repos.conclusions.create(
        NewConclusion(number="123/TB-UBND", issued_on=date(2024, 9, 5), title="Kết luận"),
        [
            NewTask(
                text="Tổng kết Đề án", lead_ids=(noi_vu.current.id,),
                support_ids=(tai_chinh.current.id, noi_vu.current.id), ordinal="III.2",
                deadline=date(2025, 12, 31), deadline_text="trong năm 2025",
                deadline_kind=DeadlineKind.DATE,
            ),
            NewTask(text="Cập nhật thường xuyên", lead_ids=(noi_vu.current.id,)),
        ],
        created_by=1001,
    )
    assert conclusion.number == "123/TB-UBND"
    assert [task.position for task in tasks] == [1, 2]
    first = tasks[0]
    # A lead agency listed again as support stays only a lead.
    assert first.lead_ids == (noi_vu.current.id,)
    assert first.support_ids == (tai_chinh.current.id,)

    clock.advance(timedelta(days=3))
    await services.repos.tasks.set_deadline(
        first.id, date(2025, 6, 30), "30/6/2025", DeadlineKind.DATE, None, actor_id=1001,
        note="Lãnh đạo yêu cầu sớm hơn",
    )
    updated = await services.repos.tasks.get(first.id)
    assert updated is not None and updated.deadline == date(2025, 6, 30)
    events = await services.repos.tasks.events(first.id)
    assert [e.kind for e in events] == [EventKind.CREATED, EventKind.DEADLINE]
    assert events[1].data["old"] == "2025-12-31" and events[1].data["new"] == "2025-06-30"
    assert events[1].actor_id == 1001 and events[1].at == clock.now()

    await services.repos.tasks.set_status(
        first.id, TaskStatus.DONE, 1001, EventKind.DONE_CONFIRMED, completed_on=date(2025, 6, 1)
    )
    by_agency = await services.repos.tasks.find(
        agency_ids=[tai_chinh.current.id], statuses=[TaskStatus.DONE]
    )
    assert [task.id for task in by_agency] == [first.id]
    open_tasks = await services.repos.tasks.find(statuses=[TaskStatus.OPEN])
    assert [task.id for task in open_tasks] == [tasks[1].id]


async def test_card_reads_agree_with_the_general_ones(services: Services) -> None:
    """get() and card() make one trip each; they must say what get_many(), events(),
    users.names() and conclusions.get() say (agency order too: the first lead is the main
    one)."""
    repos = services.repos
    ids = [a.id for a in services.directory.agencies if a.id is not None][:5]
    _, (task,) = await repos.conclusions.create(
        NewConclusion(number="9/TB-UBND", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text="Việc nhiều cơ quan", lead_ids=(ids[3], ids[0]),
                 support_ids=(ids[4], ids[1], ids[2]))],
        created_by=1001,
    )
    got = await repos.tasks.get(task.id)
    (found,) = await repos.tasks.get_many([task.id])
    assert got == found and got.lead_ids == (ids[3], ids[0])
    assert got.support_ids == (ids[4], ids[1], ids[2])
    assert await repos.tasks.get(task.id + 1000) is None

    await repos.users.seen(501, "Lê Văn C", "lvc")
    await repos.users.seen(502, "", "chi_username")
    await repos.tasks.add_event(task.id, EventKind.PROGRESS, 501, "Đã họp")
    await repos.tasks.add_event(task.id, EventKind.PROGRESS, 502, "Đang làm")
    await repos.tasks.add_event(task.id, EventKind.PROGRESS, 503, "Người lạ")
    card = await repos.tasks.card(task.id)
    assert card is not None and card.task == got
    events = await repos.tasks.events(task.id)
    assert card.events == events and len(events) == 4  # created + three reports
    assert card.names == await repos.users.names(e.actor_id for e in events if e.actor_id)
    assert card.names[501] == "Lê Văn C" and card.names[502] == "@chi_username"
    assert card.names[503] == "503"
    notice = await repos.conclusions.get(task.conclusion_id)
    assert notice is not None and card.conclusion is not None
    assert card.conclusion == replace(notice, source_text=None)  # the card never shows it
    assert await repos.tasks.card(task.id + 1000) is None


async def test_task_without_lead_is_refused(services: Services) -> None:
    with pytest.raises(ValueError):
        await services.repos.conclusions.create(
            NewConclusion(), [NewTask(text="x", lead_ids=())], created_by=None
        )
    assert await services.repos.conclusions.count() == 0  # the whole save rolled back


async def test_users_roles_and_memberships(services: Services) -> None:
    repos = services.repos
    user = await repos.users.seen(42, "Nguyễn Văn A", "nva")
    assert user.role is Role.USER
    assert (await repos.users.by_username("@NVA")) is not None
    assert await repos.users.set_role(42, Role.ADMIN)
    assert not await repos.users.set_role(999, Role.ADMIN)
    assert [u.telegram_id for u in await repos.users.admins()] == [42]
    agency = services.directory.resolve("Sở Y tế")
    assert agency and agency.current.id
    assert await repos.memberships.add(42, agency.current.id, added_by=1001)
    assert not await repos.memberships.add(42, agency.current.id, added_by=1001)
    assert await repos.memberships.agencies_of(42) == [agency.current.id]
    access = await services.access(42)
    assert access.is_admin and access.is_member and not access.is_super_admin
    assert (await services.access(1001)).is_super_admin


async def test_user_with_agencies_reads_both_in_one_query(services: Services) -> None:
    repos = services.repos
    assert await repos.users.with_agencies(77) == (None, [])
    await repos.users.seen(77, "Trần Thị B", None)
    user, agencies = await repos.users.with_agencies(77)
    assert user is not None and user.full_name == "Trần Thị B" and agencies == []
    ids = sorted(a.id for a in services.directory.agencies[:3] if a.id is not None)
    for agency_id in reversed(ids):
        await repos.memberships.add(77, agency_id, added_by=1001)
    _, agencies = await repos.users.with_agencies(77)
    assert agencies == ids == await repos.memberships.agencies_of(77)
    await repos.memberships.remove(77, ids[1])
    assert (await repos.users.with_agencies(77))[1] == [ids[0], ids[2]]
    access = await services.access(77)
    assert access.agency_ids == frozenset({ids[0], ids[2]}) and not access.is_admin


async def test_group_migration_moves_subscriptions_and_pending_messages(
    services: Services,
) -> None:
    repos = services.repos
    agency = services.directory.resolve("Sở Xây dựng")
    assert agency and agency.current.id
    await repos.chats.upsert(-100, ChatType.GROUP, "Tổ công tác")
    await repos.chats.subscribe(-100, agency.current.id, created_by=1001)
    await repos.outbox.enqueue([NewOutboxMessage("k1", -100, "test", {"text": "x"})])
    await repos.chats.migrate(-100, -1009)
    assert await repos.chats.get(-100) is None
    moved = await repos.chats.get(-1009)
    assert moved is not None and moved.type is ChatType.SUPERGROUP
    subs = await repos.chats.subscribers(agency.current.id)
    assert [s.chat_id for s in subs] == [-1009]
    pending = await repos.outbox.by_key("k1")
    assert pending is not None and pending.chat_id == -1009


async def test_outbox_dedupe_claim_and_outcomes(services: Services) -> None:
    outbox = services.repos.outbox
    messages = [NewOutboxMessage(f"k{i}", 7 + i % 2, "test", {"text": f"m{i}"})
                for i in range(3)]
    assert await outbox.enqueue(messages) == 3
    assert await outbox.enqueue(messages) == 0  # same keys: nothing new
    # One row per chat, oldest first: m0 (chat 7) and m1 (chat 8); m2 waits behind m0.
    due = await outbox.next_per_chat(10)
    assert [m.payload["text"] for m in due] == ["m0", "m1"]
    assert await outbox.claim(due[0].id) and not await outbox.claim(due[0].id)
    assert await outbox.claim(due[1].id)
    # A chat with a message in flight is left out; so is a chat told to wait.
    assert await outbox.next_per_chat(10) == []
    await outbox.mark_sent(due[0].id, 555)
    await outbox.release(due[1].id, "retry_after")
    assert [m.payload["text"] for m in await outbox.next_per_chat(10)] == ["m1", "m2"]
    assert [m.payload["text"] for m in await outbox.next_per_chat(10, skip_chats=[8])] == ["m2"]
    claimed = await outbox.get(due[1].id)
    assert claimed is not None and claimed.attempts == 1 and claimed.last_error == "retry_after"
    assert await outbox.claim(due[1].id)
    assert await outbox.requeue_interrupted() == 1  # "crash": the one in flight goes back
    sent = await outbox.by_key("k0")
    assert sent is not None and sent.state is OutboxState.SENT and sent.sent_message_id == 555


async def test_backup_is_consistent_while_writing(services: Services, tmp_path: Path) -> None:
    for i in range(50):
        await services.repos.meta.set(f"key{i}", "x" * 100)
    dest = tmp_path / "backups" / "copy.sqlite3"

    async def keep_writing() -> None:
        for i in range(50, 100):
            await services.repos.meta.set(f"key{i}", "y")
            await asyncio.sleep(0)

    writer = asyncio.create_task(keep_writing())
    pages = await asyncio.to_thread(backup, services.settings.database_path, dest)
    await writer
    assert pages > 0
    copy = sqlite3.connect(dest)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = copy.execute("SELECT count(*) FROM meta WHERE key LIKE 'key%'").fetchone()[0]
        assert 50 <= count <= 100
        assert copy.execute("SELECT count(*) FROM agencies").fetchone()[0] > 20
    finally:
        copy.close()


async def test_sql_class_counts_agree_with_classify(services: Services) -> None:
    import random

    from bot.core.assignments import unit_view
    from bot.core.status import ClassCounts, StatusClass, classify_task

    rng = random.Random(20241)
    ids = [a.id for a in services.directory.agencies if a.active and a.id is not None][:5]
    today = date(2024, 9, 23)
    new_tasks = []
    for n in range(160):
        deadline = today + timedelta(days=rng.randint(-30, 30)) if rng.random() < 0.8 else None
        # One task in three goes to several leads: one unit each, judged by its own deadline.
        leads = tuple(rng.sample(ids, rng.randint(2, 3))) if n % 3 == 0 else (rng.choice(ids),)
        new_tasks.append(NewTask(
            text=f"t{n}", lead_ids=leads, support_ids=(rng.choice(ids),),
            deadline=deadline, deadline_kind=DeadlineKind.DATE if deadline else DeadlineKind.NONE,
        ))
    _, tasks = await services.repos.conclusions.create(NewConclusion(), new_tasks, None)
    units = services.repos.units
    for task in tasks:
        if len(task.lead_ids) > 1 and rng.random() < 0.8:
            for unit in await units.of_task(task.id):
                if task.deadline is not None and rng.random() < 0.5:  # granted more time
                    await units.set_unit_deadline(
                        task.id, unit.agency_id, task.deadline + timedelta(days=rng.randint(1, 15)))
                state = rng.choice([TaskStatus.OPEN, TaskStatus.REPORTED_DONE, TaskStatus.DONE])
                if state is not TaskStatus.OPEN:
                    await units.set_unit(task.id, unit.agency_id, state, completed_on=(
                        today + timedelta(days=rng.randint(-30, 0))
                        if state is TaskStatus.DONE else None))
            await units.sync_task(task.id)
            if rng.random() < 0.85:
                continue
        status = rng.choice(list(TaskStatus))
        done = status is TaskStatus.DONE
        completed = today + timedelta(days=rng.randint(-40, 0)) if done else None
        if status is not TaskStatus.OPEN:
            await services.repos.tasks.set_status(task.id, status, None, completed_on=completed)
    stored = await services.repos.tasks.find()
    classes = {cls for task in stored if len(task.lead_ids) > 1
               for cls in [classify_task(task, today)]}
    assert classes >= set(StatusClass)  # the tasks of several units take every class
    # Migration 0013's back-fill finds what the writers keep.
    kept = await services.db.fetchall("SELECT id, judged_on FROM tasks ORDER BY id")
    (backfill,) = [sql for number, _, sql in migration_files() if number == 13]
    async with services.db.transaction():
        await services.db.execute("UPDATE tasks SET judged_on = NULL")
        await services.db.execute(backfill[backfill.index("UPDATE tasks SET judged_on"):])
    assert [tuple(row) for row in await services.db.fetchall(
        "SELECT id, judged_on FROM tasks ORDER BY id")] == [tuple(row) for row in kept]
    late = {task.id: await _judged_by_its_units(services, task, today) for task in stored}
    for task in stored:  # /done's "trễ hạn N ngày": the worst unit's days
        if late[task.id] is not None and task.completed_on is not None:
            judged = task.judged_deadline
            assert judged is not None
            assert max((task.completed_on - judged).days, 0) == late[task.id], task
    expected: dict[int, ClassCounts] = {}
    total = ClassCounts()
    for task in stored:
        cls = classify_task(task, today)
        total.add(cls)
        for unit in await units.of_task(task.id):  # each unit against its own deadline
            expected.setdefault(unit.agency_id, ClassCounts()).add(
                classify_task(unit_view(task, unit), today))
    counted = await services.repos.tasks.class_counts(today)
    assert {k: v for k, v in counted.items() if v.total} == {
        k: v for k, v in expected.items() if v.total
    }
    assert await services.repos.tasks.class_totals(today) == total
    assert total.total == sum(1 for t in stored if t.status is not TaskStatus.CANCELLED)


async def _judged_by_its_units(services: Services, task: Task, today: date) -> int | None:
    """The rule for a task of several units, from its units: done late when a unit finished
    after its own deadline (by the worst unit's days), overdue when a unit not done is past
    its own deadline, within its deadline otherwise; no deadline stays so. Returns the
    days a done task is late by (its worst unit's), None for any other."""
    from bot.core.status import StatusClass, classify_task

    cls = classify_task(task, today)
    units = await services.repos.units.of_task(task.id)
    if task.status is TaskStatus.CANCELLED:
        assert cls is None
    elif task.deadline is None:
        assert cls in (StatusClass.NO_DEADLINE, StatusClass.DONE_ON_TIME), task
    elif task.status is TaskStatus.DONE:
        late = max([(u.completed_on - u.deadline).days for u in units
                    if u.completed_on is not None and u.deadline is not None] + [0])
        assert cls is (StatusClass.DONE_LATE if late else StatusClass.DONE_ON_TIME), task
        return late
    else:
        overdue = any(u.deadline < today for u in units
                      if u.status is not TaskStatus.DONE and u.deadline is not None)
        assert cls is (StatusClass.OVERDUE if overdue else StatusClass.IN_PROGRESS), task
    return None


async def _one_task(services: Services) -> int:
    lead = next(a.id for a in services.directory.agencies if a.id is not None)
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(number="5/TB", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text="Việc", lead_ids=(lead,))], created_by=1001,
    )
    return task.id


async def test_memo_of_pending_questions_follows_writes(
    services: Services, clock: ManualClock
) -> None:
    """A user known to have nothing waiting costs no read, yet every write is seen."""
    from bot.core.actions import InputKind
    from bot.core.waiting import Flow

    repos, db = services.repos, services.db
    task_id = await _one_task(services)
    await repos.users.seen(61, "Phạm D", None)
    assert await repos.waiting.get(61) is None
    assert db.recall(("waiting", 61)) is ABSENT
    await repos.waiting.put(61, Flow.ACT, InputKind.PROGRESS.value, task_id, {},
                            expires_at=clock.now() + timedelta(hours=1))
    assert db.recall(("waiting", 61)) is UNKNOWN
    found = await repos.waiting.get(61)
    assert found is not None and found.kind == InputKind.PROGRESS.value

    # A rollback brings the row back: what was read inside the transaction is not kept.
    with pytest.raises(RuntimeError):
        async with db.transaction():
            assert await repos.waiting.clear(61)
            assert await repos.waiting.get(61) is None
            raise RuntimeError("roll back")
    assert await repos.waiting.get(61) is not None
    assert await repos.waiting.clear(61) and await repos.waiting.get(61) is None

    # A read that began before a write may not note what it saw.
    key = ("waiting", 62)
    token = db.memo_token(key)
    db.forget(key)
    db.remember(key, ABSENT, token)
    assert db.recall(key) is UNKNOWN


async def test_memo_of_chats_sees_deactivation_and_migration(services: Services) -> None:
    repos = services.repos
    await repos.chats.upsert(-100, ChatType.SUPERGROUP, "Sở Y tế")
    await repos.chats.deactivate(-100, "kicked")
    await repos.chats.upsert(-100, ChatType.SUPERGROUP, "Sở Y tế")  # talks again
    chat = await repos.chats.get(-100)
    assert chat is not None and chat.active
    await repos.chats.upsert(-100, ChatType.SUPERGROUP, "Sở Y tế (mới)")
    chat = await repos.chats.get(-100)
    assert chat is not None and chat.title == "Sở Y tế (mới)"
    await repos.chats.upsert(-5, ChatType.GROUP, "Nhóm")
    await repos.chats.migrate(-5, -1005)
    await repos.chats.upsert(-5, ChatType.GROUP, "Nhóm")  # the old id again: recorded again
    assert await repos.chats.get(-5) is not None


_OPEN_FLAG_CHECK = (
    "SELECT count(*) FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id"
    " WHERE ta.task_open IS NOT (t.status IN ('open', 'reported_done'))"
)


async def _tasks_in_every_status(services: Services) -> list[int]:
    ids = [a.id for a in services.directory.agencies if a.id is not None][:3]
    _, tasks = await services.repos.conclusions.create(
        NewConclusion(number="8/TB", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text=f"Việc {i}", lead_ids=(ids[i % 3],), support_ids=(ids[(i + 1) % 3],))
         for i in range(8)],
        created_by=1001,
    )
    statuses = [TaskStatus.DONE, TaskStatus.CANCELLED, TaskStatus.REPORTED_DONE]
    for task, status in zip(tasks, statuses, strict=False):
        await services.repos.tasks.set_status(task.id, status, 1001)
    return [task.id for task in tasks]


async def _old_tasks_in_every_status(db: Database) -> None:
    """What :func:`_tasks_in_every_status` writes, in the SQL of a schema-7 database."""
    now = "2024-09-23T01:00:00.000000+00:00"
    for n in range(3):
        await db.execute(
            "INSERT INTO agencies(id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (n + 1, f"a{n}", f"Sở {n}", now, now))
    await db.execute("INSERT INTO conclusions(id, number, created_at) VALUES (1, '8/TB', ?)",
                     (now,))
    statuses = ["done", "cancelled", "reported_done"] + ["open"] * 5
    for i, status in enumerate(statuses):
        await db.execute(
            "INSERT INTO tasks(id, conclusion_id, text, status, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, ?)", (i + 1, f"Việc {i}", status, now, now))
        await db.execute("INSERT INTO task_agencies(task_id, agency_id, role)"
                         " VALUES (?, ?, 'lead'), (?, ?, 'support')",
                         (i + 1, i % 3 + 1, i + 1, (i + 1) % 3 + 1))


async def test_open_flag_back_filled_by_migration_8(
    settings: Settings, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database made before migration 0008 gets every task_agencies row's flag right."""
    import storage.db

    every = storage.db.migration_files()
    monkeypatch.setattr(storage.db, "migration_files",
                        lambda: [m for m in every if m[0] < 8])
    # The rows as the bot of that time wrote them (today's repositories write columns and
    # tables of later migrations, so they cannot write a schema-7 database).
    async with Database(settings.database_path, clock) as old:
        assert await old.schema_version() == 7
        await _old_tasks_in_every_status(old)
    monkeypatch.setattr(storage.db, "migration_files", lambda: every)
    new = await Services.open(settings, clock)
    try:
        assert await new.db.schema_version() >= 8
        assert await new.db.fetchval(_OPEN_FLAG_CHECK) == 0
        assert await new.db.fetchval("SELECT count(*) FROM task_agencies WHERE task_open = 0") == 4
    finally:
        await new.close()


async def test_open_flag_follows_status_changes_and_lists_agree(services: Services) -> None:
    repos = services.repos
    task_ids = await _tasks_in_every_status(services)
    assert await services.db.fetchval(_OPEN_FLAG_CHECK) == 0
    await repos.tasks.set_status(task_ids[0], TaskStatus.OPEN, 1001)  # reopened
    await repos.tasks.set_status(task_ids[5], TaskStatus.DONE, 1001)
    assert await services.db.fetchval(_OPEN_FLAG_CHECK) == 0
    ids = [a.id for a in services.directory.agencies if a.id is not None][:3]
    everything = await repos.tasks.find(statuses=[TaskStatus.OPEN, TaskStatus.REPORTED_DONE])
    for agencies in ([ids[0]], [ids[1], ids[2]], ids):
        expected = [t.id for t in everything if set(t.agency_ids) & set(agencies)]
        page = await repos.queries.open_tasks(agencies, limit=3)
        rest = await repos.queries.open_tasks(agencies, limit=50, offset=3)
        assert page.total == rest.total == len(expected)
        assert sorted(t.id for t in page.tasks + rest.tasks) == sorted(expected)
    past_end = await repos.queries.open_tasks([ids[0]], limit=3, offset=100)
    assert past_end.tasks == [] and past_end.total > 0


async def test_questions_waiting_before_migration_10_still_wait(
    settings: Settings, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Officials' questions, admins' edits and on-screen drafts move to ``waiting``."""
    import storage.db
    from bot.core.waiting import Flow

    every = storage.db.migration_files()
    monkeypatch.setattr(storage.db, "migration_files", lambda: [m for m in every if m[0] < 10])
    # Rows as schema 9 had them, in plain SQL (today's repositories write later columns).
    async with Database(settings.database_path, clock) as old:
        expires = "2024-09-23T02:00:00.000000+00:00"
        now = "2024-09-23T01:00:00.000000+00:00"
        conclusion = await old.execute(
            "INSERT INTO conclusions (number, created_at) VALUES ('5/TB', ?)", (now,))
        task_id = await old.execute(
            "INSERT INTO tasks (conclusion_id, text, created_at, updated_at)"
            " VALUES (?, 'Việc', ?, ?)", (conclusion, now, now))
        await old.execute(
            "INSERT INTO pending_inputs VALUES (61, 'progress', ?, '{\"file\": null}', ?, ?)",
            (task_id, now, expires))
        await old.execute(
            "INSERT INTO pending_inputs VALUES (62, 'done_result', ?, '{}', ?, ?)",
            (task_id, now, expires))
        await old.execute(  # 62 then started an edit: the edit wins
            "INSERT INTO admin_pending_edits VALUES (62, 'deadline', ?, 'n0nce', '{}', ?, ?)",
            (task_id, now, expires))
        shown = await old.execute(
            "INSERT INTO drafts (owner_id, data, prompt_message_id, created_at, updated_at)"
            " VALUES (63, '{}', 77, ?, ?)", (now, now))
        await old.execute(  # paused: no question on screen
            "INSERT INTO drafts (owner_id, data, created_at, updated_at)"
            " VALUES (64, '{}', ?, ?)", (now, now))
    monkeypatch.setattr(storage.db, "migration_files", lambda: every)
    new = await Services.open(settings, clock)
    try:
        waiting = new.repos.waiting
        act = await waiting.get(61)
        assert act is not None and (act.flow, act.kind, act.task_id) == (Flow.ACT, "progress",
                                                                       task_id)
        assert act.data == {"file": None} and not act.expired(clock.now())
        edit = await waiting.get(62)
        assert edit is not None and (edit.flow, edit.kind, edit.nonce) == (Flow.EDIT,
                                                                         "deadline", "n0nce")
        draft = await waiting.get(63)
        assert draft is not None and draft.flow is Flow.NEW and draft.data == {"draft": shown}
        assert draft.expires_at > clock.now() + timedelta(days=29)
        assert await waiting.get(64) is None
        tables = {row[0] for row in await new.db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not {"pending_inputs", "admin_pending_edits"} & tables
    finally:
        await new.close()
