"""One assignment per unit, on a real SQLite file: saving, acting, deciding, listing, counting.

The sample directory's "UBND các xã, phường" stands for the 54 communes, wards and special
zones of tỉnh Quảng Ninh; the clock says Monday 23/09/2024 08:00 in Hanoi.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.core.actions import Refusal
from bot.core.assignments import members_to_tick, ticked_members
from bot.core.clock import ManualClock
from bot.core.models import (
    AgencyRole,
    DeadlineKind,
    EventKind,
    NewTask,
    TaskEvent,
    TaskStatus,
)
from bot.core.status import StatusClass, classify
from bot.usecases.services import Services
from tests.support.reminder_data import HANOI
from tests.support.units_data import (
    ADMIN,
    CAI_CHIEN,
    FINANCE,
    HONG_GAI,
    QUANG_LA,
    TODAY,
    admin,
    agency,
    dated,
    save,
    world,
)


async def test_a_task_to_a_collective_holds_one_unit_per_member(services: Services) -> None:
    w = await world(services)
    (task,) = await save(services, dated("Rà soát hộ nghèo", (w.everyone,), date(2024, 10, 15),
                                         support_ids=(w.health,)))
    units = await services.repos.units.of_task(task.id)
    members = services.directory.members_of(services.directory.by_id(w.everyone))  # type: ignore[arg-type]
    assert len(units) == len(members) == 54
    assert {u.agency_id for u in units} == {m.id for m in members}
    assert all(u.via_id == w.everyone and u.status is TaskStatus.OPEN
               and u.deadline == date(2024, 10, 15) for u in units)
    # The notice's own words stay: the collective leads, Sở Y tế supports.
    assert task.lead_ids == (w.everyone,) and task.support_ids == (w.health,)
    assert len(task.unit_ids) == 54 and w.hong_gai in task.unit_ids
    # Officials of a commune see it and act on it; a department's do not.
    assert (await services.access(HONG_GAI)).may_view(task)
    assert (await services.access(HONG_GAI)).is_lead_of(task)
    assert not (await services.access(FINANCE)).may_view(task)


async def test_a_qualified_collective_holds_the_ticked_members(services: Services) -> None:
    w = await world(services)
    directory = services.directory
    qualified = agency(services, "ubnd-cac-xa-phuong-co-cum-cong-nghiep")
    (offer,) = members_to_tick(directory, [w.finance, qualified, w.everyone])
    assert offer.collective.id == qualified and len(offer.members) == 54
    ticked = ticked_members(directory, qualified, [w.cai_chien, w.quang_la])
    with pytest.raises(ValueError, match="tick at least one"):
        ticked_members(directory, qualified, [])
    with pytest.raises(ValueError, match="not members"):
        ticked_members(directory, qualified, [w.finance])
    (task,) = await save(services, NewTask(
        "Báo cáo tình hình cụm công nghiệp", (qualified, w.finance),
        members=((qualified, ticked),)))
    units = await services.repos.units.of_task(task.id)
    assert sorted((u.agency_id, u.via_id) for u in units) == sorted(
        [(w.cai_chien, qualified), (w.quang_la, qualified), (w.finance, None)])
    with pytest.raises(ValueError):
        await save(services, NewTask("x", (qualified,), members=((qualified, ()),)))


async def test_each_unit_reports_and_the_task_is_done_with_its_last_unit(
    services: Services, clock: ManualClock
) -> None:
    w = await world(services)
    qualified = agency(services, "ubnd-cac-xa-phuong-co-cum-cong-nghiep")
    (task,) = await save(services, dated(
        "Kiểm tra an toàn cháy nổ", (qualified,), date(2024, 9, 30),
        members=((qualified, (w.quang_la, w.hong_gai)),)))
    actions = services.repos.actions
    office = await admin(services)
    a = await actions.report_done(await services.access(QUANG_LA), task.id, "Đã kiểm tra 12 cơ sở")
    assert isinstance(a, TaskEvent) and a.agency_id == w.quang_la
    # The same unit cannot report twice; the other unit is still open, so is the task.
    again = await actions.report_done(await services.access(QUANG_LA), task.id, "Lần nữa")
    assert again is Refusal.AWAITING
    assert (await services.repos.tasks.get(task.id)).status is TaskStatus.OPEN  # type: ignore[union-attr]
    # A department has no unit here; nobody else may report for Hồng Gai.
    assert await actions.report_done(await services.access(FINANCE), task.id, "x") is (
        Refusal.NO_ACCESS)
    assert await actions.report_done(await services.access(QUANG_LA), task.id, "x",
                                      agency_id=w.hong_gai) is Refusal.NO_ACCESS
    confirmed = await actions.confirm_done(office, task.id, a.id, HANOI)
    assert not isinstance(confirmed, Refusal) and confirmed.completed_on == TODAY
    assert (await services.repos.tasks.get(task.id)).status is TaskStatus.OPEN  # type: ignore[union-attr]

    clock.advance(timedelta(days=9))  # Hồng Gai reports after the deadline
    b = await actions.report_done(await services.access(HONG_GAI), task.id, "Xong")
    assert isinstance(b, TaskEvent)
    assert (await services.repos.tasks.get(task.id)).status is TaskStatus.REPORTED_DONE  # type: ignore[union-attr]
    assert await actions.confirm_done(office, task.id, a.id, HANOI) is Refusal.DECIDED
    confirmed = await actions.confirm_done(office, task.id, b.id, HANOI)
    assert not isinstance(confirmed, Refusal) and confirmed.completed_on == date(2024, 10, 2)
    done = await services.repos.tasks.get(task.id)
    assert done is not None and done.status is TaskStatus.DONE
    assert done.completed_on == date(2024, 10, 2)  # the real date: when the last unit was done
    units = {u.agency_id: u for u in await services.repos.units.of_task(task.id)}
    assert units[w.quang_la].completed_on == TODAY
    verdicts = {a: classify(u.status, u.deadline, u.completed_on, date(2024, 10, 2))
                for a, u in units.items()}
    assert [verdicts[w.quang_la], verdicts[w.hong_gai]] == [
        StatusClass.DONE_ON_TIME, StatusClass.DONE_LATE]


async def test_a_unit_is_returned_and_gets_more_time_on_its_own(services: Services) -> None:
    w = await world(services)
    (task,) = await save(services, dated("Tổng hợp số liệu", (w.everyone,), date(2024, 9, 30)))
    actions, office = services.repos.actions, await admin(services)
    quang_la = await services.access(QUANG_LA)
    report = await actions.report_done(quang_la, task.id, "Xong")
    assert isinstance(report, TaskEvent)
    returned = await actions.return_done(office, task.id, report.id, "Thiếu biểu mẫu")
    assert isinstance(returned, TaskEvent) and returned.agency_id == w.quang_la
    unit = await services.repos.units.get(task.id, w.quang_la)
    assert unit is not None and unit.status is TaskStatus.OPEN

    asked = await actions.request_extension(quang_la, task.id, date(2024, 10, 15),
                                            "15/10/2024", "Chờ số liệu thôn")
    assert isinstance(asked, TaskEvent) and asked.agency_id == w.quang_la
    # One unit's pending request does not stop another unit's.
    other = await actions.request_extension(await services.access(HONG_GAI), task.id,
                                            date(2024, 10, 5), "5/10", "Lý do khác")
    assert isinstance(other, TaskEvent)
    assert await actions.request_extension(quang_la, task.id, date(2024, 10, 20), "20/10",
                                           "Thêm") is Refusal.EXTENSION_PENDING
    approved = await actions.approve_extension(office, task.id, asked.id)
    assert isinstance(approved, TaskEvent)
    assert (await services.repos.units.get(task.id, w.quang_la)).deadline == date(2024, 10, 15)  # type: ignore[union-attr]
    assert (await services.repos.units.get(task.id, w.hong_gai)).deadline == date(2024, 9, 30)  # type: ignore[union-attr]
    # The directive's deadline stays: the task is the province's, the extension the unit's.
    assert (await services.repos.tasks.get(task.id)).deadline == date(2024, 9, 30)  # type: ignore[union-attr]
    rejected = await actions.reject_extension(office, task.id, other.id, "Không đủ lý do")
    assert isinstance(rejected, TaskEvent)
    # The office then moves the directive: units follow, the extended one keeps its own.
    await services.repos.tasks.set_deadline(task.id, date(2024, 10, 10), "10/10",
                                            DeadlineKind.DATE, None, ADMIN)
    assert (await services.repos.units.get(task.id, w.quang_la)).deadline == date(2024, 10, 15)  # type: ignore[union-attr]
    assert (await services.repos.units.get(task.id, w.hong_gai)).deadline == date(2024, 10, 10)  # type: ignore[union-attr]


async def test_the_office_closes_a_task_with_a_note(services: Services) -> None:
    w = await world(services)
    (task,) = await save(services, dated("Tuyên truyền", (w.everyone,), date(2024, 9, 30)))
    actions, office = services.repos.actions, await admin(services)
    report = await actions.report_done(await services.access(CAI_CHIEN), task.id, "Xong")
    assert isinstance(report, TaskEvent)
    await actions.confirm_done(office, task.id, report.id, HANOI)
    assert await actions.close(await services.access(CAI_CHIEN), task.id, "x", TODAY, HANOI) is (
        Refusal.NOT_ADMIN)
    closed = await actions.close(office, task.id, "Đã đạt mục tiêu chung của tỉnh",
                                 date(2024, 10, 3), HANOI)
    assert isinstance(closed, TaskEvent) and closed.kind is EventKind.CLOSED
    assert len(closed.data["units"]) == 53 and w.cai_chien not in closed.data["units"]
    done = await services.repos.tasks.get(task.id)
    assert done is not None and done.status is TaskStatus.DONE
    assert done.completed_on == date(2024, 10, 3)
    units = await services.repos.units.of_task(task.id)
    assert all(u.status is TaskStatus.DONE for u in units)
    assert {u.completed_on for u in units} == {TODAY, date(2024, 10, 3)}
    assert await actions.close(office, task.id, "lần hai", TODAY, HANOI) is Refusal.CLOSED
    # Reopened by the office: every unit is open again.
    await services.repos.tasks.set_status(task.id, TaskStatus.OPEN, ADMIN, EventKind.REOPENED)
    assert {u.status for u in await services.repos.units.of_task(task.id)} == {TaskStatus.OPEN}


async def test_recurring_duty_rolls_per_unit(services: Services) -> None:
    w = await world(services)
    qualified = agency(services, "ubnd-cac-xa-phuong-co-cum-cong-nghiep")
    (task,) = await save(services, NewTask(
        "Báo cáo định kỳ hằng tháng", (qualified,), deadline=date(2024, 9, 30),
        deadline_kind=DeadlineKind.RECURRING, recurrence="monthly:last",
        members=((qualified, (w.quang_la, w.hong_gai)),)))
    actions, office = services.repos.actions, await admin(services)
    report = await actions.report_done(await services.access(QUANG_LA), task.id, "Tháng 9")
    assert isinstance(report, TaskEvent)
    confirmed = await actions.confirm_done(office, task.id, report.id, HANOI)
    assert not isinstance(confirmed, Refusal) and confirmed.next_deadline == date(2024, 10, 31)
    units = {u.agency_id: u for u in await services.repos.units.of_task(task.id)}
    assert units[w.quang_la].deadline == date(2024, 10, 31)
    assert units[w.quang_la].status is TaskStatus.OPEN
    task_now = await services.repos.tasks.get(task.id)
    assert task_now is not None and task_now.deadline == date(2024, 9, 30)  # Hồng Gai owes it
    report = await actions.report_done(await services.access(HONG_GAI), task.id, "Tháng 9")
    assert isinstance(report, TaskEvent)
    await actions.confirm_done(office, task.id, report.id, HANOI)
    task_now = await services.repos.tasks.get(task.id)
    assert task_now is not None and task_now.deadline == date(2024, 10, 31)
    assert task_now.status is TaskStatus.OPEN


async def test_changing_the_leads_keeps_the_state_of_units_that_stay(services: Services) -> None:
    w = await world(services)
    (task,) = await save(services, dated("Việc hai sở", (w.finance, w.health), date(2024, 10, 1)))
    report = await services.repos.actions.report_done(await services.access(FINANCE), task.id,
                                                      "Xong phần tài chính")
    assert isinstance(report, TaskEvent)
    await services.repos.tasks.set_agencies(task.id, [w.finance, w.quang_la], [], ADMIN)
    units = {u.agency_id: u.status for u in await services.repos.units.of_task(task.id)}
    assert units == {w.finance: TaskStatus.REPORTED_DONE, w.quang_la: TaskStatus.OPEN}


async def test_a_single_lead_unit_mirrors_its_task_through_everything(services: Services) -> None:
    """Whatever is done to a task with one lead, its unit says what the task says: such a
    task behaves as before units existed (random walks over every writer)."""
    w = await world(services)
    rng = random.Random(15)
    office = await admin(services)
    finance = await services.access(FINANCE)
    tasks = await save(services, *[
        dated(f"Việc {i}", (w.finance,), TODAY + timedelta(days=rng.randint(-5, 20)))
        if i % 3 else NewTask(f"Việc định kỳ {i}", (w.finance,), deadline=TODAY,
                              deadline_kind=DeadlineKind.RECURRING, recurrence="weekly:4")
        for i in range(24)])
    seen: set[TaskStatus] = set()
    for task in tasks:
        for _ in range(12):
            step = rng.randrange(7)
            current = await services.repos.tasks.get(task.id)
            assert current is not None
            if step == 0:
                await services.repos.actions.report_done(finance, task.id, "xong")
            elif step == 1:
                last = await services.repos.actions.latest_report_id(task.id)
                if last is not None:
                    await services.repos.actions.confirm_done(office, task.id, last, HANOI)
            elif step == 2:
                last = await services.repos.actions.latest_report_id(task.id)
                if last is not None:
                    await services.repos.actions.return_done(office, task.id, last, "chưa")
            elif step == 3 and current.deadline is not None:
                asked = await services.repos.actions.request_extension(
                    finance, task.id, current.deadline + timedelta(days=7), "sau", "bận")
                if isinstance(asked, TaskEvent):
                    await services.repos.actions.approve_extension(office, task.id, asked.id)
            elif step == 4:
                status = rng.choice([TaskStatus.CANCELLED, TaskStatus.OPEN, TaskStatus.DONE])
                await services.repos.tasks.set_status(task.id, status, ADMIN,
                                                      completed_on=TODAY)
            elif step == 5:
                await services.repos.tasks.set_deadline(
                    task.id, TODAY + timedelta(days=rng.randint(0, 30)), None,
                    current.deadline_kind, current.recurrence, ADMIN)
            else:
                await services.repos.actions.close(office, task.id, "đóng", TODAY, HANOI)
            after = await services.repos.tasks.get(task.id)
            (unit,) = await services.repos.units.of_task(task.id)
            assert after is not None and unit.agency_id == w.finance
            assert unit.deadline == after.deadline, (task.id, step)
            if after.status is not TaskStatus.CANCELLED:
                assert unit.status is after.status, (task.id, step)
                assert unit.completed_on == (after.completed_on if after.status is
                                             TaskStatus.DONE else None), (task.id, step)
            assert unit.task_live is (after.status is not TaskStatus.CANCELLED)
            # ... and the task is judged as before: against its own deadline.
            assert after.judged_deadline == after.deadline, (task.id, step)
            seen.add(after.status)
    assert seen == set(TaskStatus)  # the walk went through every state


async def test_lists_show_a_member_its_own_units(services: Services) -> None:
    w = await world(services)
    queries = services.repos.queries
    overdue_task, soon_task = await save(
        services,
        dated("Báo cáo chuyển đổi số cấp xã", (w.everyone,), date(2024, 9, 20)),
        dated("Kế hoạch phòng chống bão số 4", (w.everyone,), date(2024, 9, 26),
              support_ids=(w.finance,)),
    )
    hong_gai, quang_la = [w.hong_gai], [w.quang_la]
    assert {t.id for t in (await queries.open_tasks(hong_gai, 10)).tasks} == {
        overdue_task.id, soon_task.id}
    assert [t.id for t in (await queries.overdue(hong_gai, TODAY, 10)).tasks] == [
        overdue_task.id]
    upcoming = await queries.upcoming(hong_gai, TODAY, TODAY + timedelta(days=7), 10)
    assert [t.id for t in upcoming.tasks] == [soon_task.id]
    assert [t.id for t in (await queries.search(hong_gai, "chuyen doi so", 10)).tasks] == [
        overdue_task.id]
    # The supporting department sees the second task only; another department nothing.
    assert [t.id for t in (await queries.open_tasks([w.finance], 10)).tasks] == [soon_task.id]
    assert (await queries.open_tasks([w.health], 10)).total == 0
    # Quảng La's part is done: it leaves Quảng La's open list, not Hồng Gai's.
    office = await admin(services)
    report = await services.repos.actions.report_done(await services.access(QUANG_LA),
                                                      overdue_task.id, "Xong")
    assert isinstance(report, TaskEvent)
    await services.repos.actions.confirm_done(office, overdue_task.id, report.id, HANOI)
    assert {t.id for t in (await queries.open_tasks(quang_la, 10)).tasks} == {soon_task.id}
    assert overdue_task.id in {t.id for t in (await queries.open_tasks(hong_gai, 10)).tasks}
    # An extension for Hồng Gai takes the task out of its overdue list, into upcoming.
    asked = await services.repos.actions.request_extension(
        await services.access(HONG_GAI), overdue_task.id, date(2024, 9, 27), "27/9", "Bão")
    assert isinstance(asked, TaskEvent)
    await services.repos.actions.approve_extension(office, overdue_task.id, asked.id)
    assert (await queries.overdue(hong_gai, TODAY, 10)).total == 0
    upcoming = await queries.upcoming(hong_gai, TODAY, TODAY + timedelta(days=7), 10)
    assert {t.id for t in upcoming.tasks} == {overdue_task.id, soon_task.id}
    assert (await queries.overdue(None, TODAY, 10)).total == 1  # the office: the directive
    # The collective itself (a group linked to it before collectives had members) still
    # sees what is addressed to it; a department's list does not grow by it.
    assert {t.id for t in (await queries.open_tasks([w.everyone], 10)).tasks} == {
        overdue_task.id, soon_task.id}
    assert (await queries.open_tasks([w.health], 10)).total == 0


async def test_counts_are_per_unit_in_the_official_classes(services: Services) -> None:
    w = await world(services)
    office = await admin(services)
    (task, own) = await save(
        services, dated("Việc các xã", (w.everyone,), date(2024, 9, 20)),
        dated("Việc riêng", (w.quang_la,), None),  # type: ignore[arg-type]
    )
    report = await services.repos.actions.report_done(await services.access(QUANG_LA),
                                                      task.id, "Xong")
    assert isinstance(report, TaskEvent)
    await services.repos.actions.confirm_done(office, task.id, report.id, HANOI)
    counts = await services.repos.tasks.class_counts(TODAY)
    assert w.everyone not in counts  # the collective is no unit: its members are
    assert counts[w.quang_la].done_late == 1 and counts[w.quang_la].no_deadline == 1
    assert counts[w.hong_gai].overdue == 1 and counts[w.hong_gai].total == 1
    assert sum(c.total for c in counts.values()) == 54 + 1
    assert (await services.repos.tasks.class_totals(TODAY)).total == 2  # each task once
    # The agency's own duties, as it lives them (the weekly summary reads these).
    mine = await services.repos.tasks.find(agency_ids=[w.quang_la], role=AgencyRole.LEAD)
    assert {(t.id, t.status) for t in mine} == {(task.id, TaskStatus.DONE),
                                               (own.id, TaskStatus.OPEN)}
    progress = await services.repos.assignments.progress([task.id, own.id])
    assert progress[task.id].label == "1/54" and progress[own.id].label == "0/1"
    rest = await services.repos.assignments.page(task.id, done=False, limit=10)
    assert rest.total == 53 and len(rest.units) == 10
    assert w.quang_la not in {u.agency_id for u in rest.units}


async def test_lists_sort_a_task_of_several_units_by_the_date_it_is_judged_against(
    services: Services,
) -> None:
    """A directive due 20/09 whose only unit still open was granted until 10/10 is within
    its deadline (its row says "10/10/2024, còn 17 ngày"): the office's /tasks listed it
    first, above a task overdue since 21/09, and /upcoming above one due on 25/09."""
    w = await world(services)
    office = await admin(services)
    directive, overdue, soon, own = await save(
        services,
        dated("Rà soát hộ nghèo", (w.quang_la, w.hong_gai), date(2024, 9, 20)),
        dated("Bố trí kinh phí", (w.finance,), date(2024, 9, 21)),
        dated("Báo cáo giải ngân", (w.finance,), date(2024, 9, 25)),
        dated("Báo cáo phòng chống bão", (w.hong_gai,), date(2024, 9, 30)),
    )
    report = await services.repos.actions.report_done(await services.access(QUANG_LA),
                                                      directive.id, "Xong")
    assert isinstance(report, TaskEvent)
    await services.repos.actions.confirm_done(office, directive.id, report.id, HANOI,
                                              date(2024, 9, 20))
    asked = await services.repos.actions.request_extension(
        await services.access(HONG_GAI), directive.id, date(2024, 10, 10), "10/10", "Bão")
    assert isinstance(asked, TaskEvent)
    await services.repos.actions.approve_extension(office, directive.id, asked.id)
    stored = await services.repos.tasks.get(directive.id)
    assert stored is not None and stored.judged_deadline == date(2024, 10, 10)

    queries = services.repos.queries
    assert [t.id for t in (await queries.open_tasks(None, 10)).tasks] == [
        overdue.id, soon.id, own.id, directive.id]
    upcoming = await queries.upcoming(None, TODAY, TODAY + timedelta(days=30), 10)
    assert [t.id for t in upcoming.tasks] == [soon.id, own.id, directive.id]
    # Hồng Gai's own list: its part of the directive is due 10/10, after its task of 30/09.
    assert [t.id for t in (await queries.open_tasks([w.hong_gai], 10)).tasks] == [
        own.id, directive.id]
    page = await queries.open_tasks(None, 2, offset=2)
    assert [t.id for t in page.tasks] == [own.id, directive.id] and page.total == 4
