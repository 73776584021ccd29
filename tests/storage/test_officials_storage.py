"""Officials' queries and actions on a real SQLite file (no Telegram)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.access import Access
from bot.core.actions import InputKind, Refusal
from bot.core.clock import ManualClock
from bot.core.models import EventKind, NewConclusion, NewTask, TaskStatus
from bot.core.status import StatusClass, classify_task
from bot.core.waiting import Flow
from bot.usecases.services import Services
from storage.repo.actions import Confirmed
from tests.support.officials_data import MEMBER_A, MEMBER_B, MEMBER_C, seed

TODAY = date(2024, 9, 23)


async def _access(services: Services, user_id: int) -> Access:
    return await services.access(user_id)


async def test_open_tasks_most_urgent_first_and_only_own_agencies(services: Services) -> None:
    data = await seed(services)
    page = await services.repos.queries.open_tasks([data.a], limit=50)
    ids = [task.id for task in page.tasks]
    t = data.tasks
    # Longest overdue first, then by deadline, then no deadline; B's task where A supports.
    assert ids == [t["land"].id, t["digital"].id, t["budget"].id, t["monthly"].id,
                   t["later"].id, t["conference"].id]
    assert page.total == 6
    assert t["building"].id not in ids
    second = await services.repos.queries.open_tasks([data.a], limit=4, offset=4)
    assert [task.id for task in second.tasks] == ids[4:]
    everything = await services.repos.queries.open_tasks(None, limit=50)
    assert everything.total == 7
    assert (await services.repos.queries.open_tasks([], limit=5)).total == 0


async def test_overdue_upcoming_done_lists(services: Services, clock: ManualClock) -> None:
    data = await seed(services)
    t = data.tasks
    q = services.repos.queries
    overdue = await q.overdue([data.a], TODAY, 50)
    assert [x.id for x in overdue.tasks] == [t["land"].id, t["digital"].id]
    upcoming = await q.upcoming([data.a], TODAY, TODAY + timedelta(days=7), 50)
    assert [x.id for x in upcoming.tasks] == [t["budget"].id, t["monthly"].id]
    wide = await q.upcoming(None, TODAY, TODAY + timedelta(days=30), 50)
    assert [x.id for x in wide.tasks] == [t["building"].id, t["budget"].id, t["monthly"].id,
                                          t["later"].id]
    member = await _access(services, MEMBER_A)
    admin = await _access(services, 1001)
    report = await services.repos.actions.report_done(member, t["land"].id, "Đã rà soát xong")
    assert not isinstance(report, Refusal)
    confirmed = await services.repos.actions.confirm_done(
        admin, t["land"].id, report.id, services.settings.tz)
    assert isinstance(confirmed, Confirmed)
    done = await q.done_since([data.a], TODAY - timedelta(days=30), 50)
    assert [x.id for x in done.tasks] == [t["land"].id]
    assert (await q.done_since([data.c], TODAY - timedelta(days=30), 50)).total == 0
    # A month later it is no longer "recent".
    assert (await q.done_since([data.a], TODAY + timedelta(days=31), 50)).total == 0


async def test_search_ignores_diacritics_and_follows_text_edits(services: Services) -> None:
    data = await seed(services)
    t = data.tasks
    q = services.repos.queries
    found = await q.search([data.a], "so hoa", 10)
    assert [x.id for x in found.tasks] == [t["digital"].id]
    assert (await q.search([data.a], "SỐ HÓA hồ sơ", 10)).total == 1
    assert (await q.search([data.a], "ld tb&xh", 10)).total == 1
    assert (await q.search([data.c], "so hoa", 10)).total == 0  # not C's task
    assert (await q.search(None, "dat dai", 10)).total == 1
    assert (await q.search(None, "  ,,; ", 10)).total == 0
    assert (await q.search(None, 'hoa" OR "x', 10)).total == 0  # FTS syntax is inert
    await services.repos.tasks.set_text(t["land"].id, "Lập quy hoạch số hóa bản đồ", 1001)
    found = await q.search(None, "so hoa", 10)
    assert {x.id for x in found.tasks} == {t["digital"].id, t["land"].id}
    assert (await q.search(None, "dat dai", 10)).total == 0


async def test_search_prefers_the_exact_phrase(services: Services) -> None:
    data = await seed(services)
    _, tasks = await services.repos.conclusions.create(
        NewConclusion(), [NewTask("Hóa chất tồn đọng ở các sở", (data.a,))], None)
    found = await services.repos.queries.search(None, "so hoa", 10)
    assert [x.id for x in found.tasks] == [data.tasks["digital"].id, tasks[0].id]


async def test_migration_backfills_the_search_column(services: Services) -> None:
    data = await seed(services)
    await services.db.execute("UPDATE tasks SET search_text = ''")
    assert (await services.repos.queries.search(None, "so hoa", 5)).total == 0
    await services.db.execute("UPDATE tasks SET search_text = nv_fold(text)")
    found = await services.repos.queries.search(None, "so hoa", 5)
    assert [x.id for x in found.tasks] == [data.tasks["digital"].id]


async def _report_and_confirm(services: Services, task_id: int) -> Confirmed:
    member = await _access(services, MEMBER_A)
    report = await services.repos.actions.report_done(member, task_id, "Xong")
    assert not isinstance(report, Refusal)
    confirmed = await services.repos.actions.confirm_done(
        await _access(services, 1001), task_id, report.id, services.settings.tz)
    assert isinstance(confirmed, Confirmed)
    return confirmed


async def test_done_on_time_and_late_use_the_report_date(
    services: Services, clock: ManualClock
) -> None:
    data = await seed(services)
    t = data.tasks
    member = await _access(services, MEMBER_A)
    report = await services.repos.actions.report_done(member, t["later"].id, "Đã trình đề án")
    assert not isinstance(report, Refusal)
    clock.advance(timedelta(days=40))  # confirmed long after the deadline
    confirmed = await services.repos.actions.confirm_done(
        await _access(services, 1001), t["later"].id, report.id, services.settings.tz)
    assert isinstance(confirmed, Confirmed) and confirmed.completed_on == TODAY
    later = await services.repos.tasks.get(t["later"].id)
    assert later is not None and later.status is TaskStatus.DONE
    assert classify_task(later, date(2024, 11, 1)) is StatusClass.DONE_ON_TIME
    await _report_and_confirm(services, t["digital"].id)
    digital = await services.repos.tasks.get(t["digital"].id)
    assert digital is not None and digital.completed_on == TODAY + timedelta(days=40)
    assert classify_task(digital, TODAY) is StatusClass.DONE_LATE


async def test_recurring_task_rolls_to_the_next_deadline(services: Services) -> None:
    data = await seed(services)
    task_id = data.tasks["monthly"].id
    confirmed = await _report_and_confirm(services, task_id)
    assert confirmed.next_deadline == date(2024, 10, 31)
    task = await services.repos.tasks.get(task_id)
    assert task is not None and task.status is TaskStatus.OPEN
    assert task.deadline == date(2024, 10, 31) and task.completed_on is None
    kinds = [e.kind for e in await services.repos.tasks.events(task_id)]
    assert kinds[-3:] == [EventKind.DONE_REPORTED, EventKind.DONE_CONFIRMED, EventKind.RECURRED]


async def test_refusals_change_nothing(services: Services) -> None:
    data = await seed(services)
    t = data.tasks
    actions = services.repos.actions
    a, b, c = [await _access(services, u) for u in (MEMBER_A, MEMBER_B, MEMBER_C)]
    admin = await _access(services, 1001)
    before = await services.repos.tasks.events(t["budget"].id)
    assert await actions.report_done(a, t["budget"].id, "x") is Refusal.NOT_LEAD
    assert await actions.report_done(c, t["budget"].id, "x") is Refusal.NO_ACCESS
    assert await actions.report_progress(c, t["budget"].id, "x") is Refusal.NO_ACCESS
    assert await actions.report_done(a, 99999, "x") is Refusal.NOT_FOUND
    assert await actions.request_extension(
        a, t["budget"].id, date(2024, 12, 1), "1/12", "x") is Refusal.NOT_LEAD
    assert await actions.request_extension(
        a, t["conference"].id, date(2024, 12, 1), "1/12", "x") is Refusal.NO_DEADLINE
    assert await actions.request_extension(
        a, t["monthly"].id, date(2024, 12, 1), "1/12", "x") is Refusal.RECURRING
    assert await services.repos.tasks.events(t["budget"].id) == before
    # Support members may report progress.
    assert not isinstance(await actions.report_progress(a, t["budget"].id, "đang làm"), Refusal)
    report = await actions.report_done(b, t["budget"].id, "xong")
    assert not isinstance(report, Refusal)
    assert await actions.report_done(b, t["budget"].id, "xong") is Refusal.AWAITING
    assert await actions.confirm_done(b, t["budget"].id, report.id, services.settings.tz) \
        is Refusal.NOT_ADMIN
    # A report id of another task (a crafted button) is stale.
    assert await actions.confirm_done(admin, t["land"].id, report.id, services.settings.tz) \
        is Refusal.STALE
    returned = await actions.return_done(admin, t["budget"].id, report.id, "Chưa có số liệu")
    assert not isinstance(returned, Refusal)
    assert await actions.confirm_done(admin, t["budget"].id, report.id, services.settings.tz) \
        is Refusal.DECIDED
    task = await services.repos.tasks.get(t["budget"].id)
    assert task is not None and task.status is TaskStatus.OPEN
    await services.repos.tasks.set_status(t["land"].id, TaskStatus.CANCELLED, 1001)
    assert await actions.report_progress(a, t["land"].id, "x") is Refusal.CANCELLED


async def test_extension_approve_and_reject_keep_history(services: Services) -> None:
    data = await seed(services)
    t = data.tasks
    actions = services.repos.actions
    a = await _access(services, MEMBER_A)
    admin = await _access(services, 1001)
    request = await actions.request_extension(
        a, t["digital"].id, date(2024, 10, 31), "31/10", "Chờ kinh phí")
    assert not isinstance(request, Refusal)
    assert await actions.request_extension(
        a, t["digital"].id, date(2024, 11, 30), "30/11", "x") is Refusal.EXTENSION_PENDING
    assert not isinstance(await actions.approve_extension(admin, t["digital"].id, request.id),
                          Refusal)
    assert await actions.reject_extension(admin, t["digital"].id, request.id, "x") \
        is Refusal.DECIDED
    task = await services.repos.tasks.get(t["digital"].id)
    assert task is not None and task.deadline == date(2024, 10, 31)
    approved = await services.repos.tasks.latest_event(t["digital"].id,
                                                       EventKind.EXTENSION_APPROVED)
    assert approved is not None and approved.data["old"] == "2024-09-20"
    assert approved.data["old_text"] == "trước ngày 20/9/2024"
    second = await actions.request_extension(
        a, t["digital"].id, date(2024, 12, 31), "31/12", "Thêm thời gian")
    assert not isinstance(second, Refusal)
    assert not isinstance(
        await actions.reject_extension(admin, t["digital"].id, second.id, "Không đủ lý do"),
        Refusal)
    task = await services.repos.tasks.get(t["digital"].id)
    assert task is not None and task.deadline == date(2024, 10, 31)
    assert await actions.pending_extension(t["digital"].id) is None


async def test_pending_inputs_survive_and_expire(services: Services, clock: ManualClock) -> None:
    pending = services.repos.waiting
    await pending.put(MEMBER_A, Flow.ACT, InputKind.PROGRESS.value, 5, {"x": 1})
    await pending.put(MEMBER_A, Flow.ACT, InputKind.DONE_RESULT.value, 6, {})
    got = await pending.get(MEMBER_A)
    assert got is not None and got.kind == InputKind.DONE_RESULT.value and got.task_id == 6
    assert not got.expired(clock.now())
    assert got.expired(clock.now() + timedelta(hours=2))
    assert await pending.clear(MEMBER_A)
    assert await pending.get(MEMBER_A) is None
    assert not await pending.clear(MEMBER_A)
