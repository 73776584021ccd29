"""The reminder job plans on the official working calendar without any setting (issue #14).

Before, HOLIDAYS was empty by default and the job nudged on 01/01/2027.
"""

from __future__ import annotations

from datetime import date

from bot.core.clock import ManualClock
from bot.core.models import ChatType, DeadlineKind, NewConclusion, NewTask
from bot.usecases.reminders import day_start, plan
from bot.usecases.services import Services
from config.settings import Settings
from tests.support.reminder_data import local

GROUP = -300


async def test_the_job_skips_new_years_day_2027_by_default(settings: Settings) -> None:
    assert not settings.holidays and not settings.workdays
    clock = ManualClock(local(date(2026, 12, 7), 9))
    services = await Services.open(settings, clock)
    try:
        agency = services.directory.lookup("Sở Tài chính")
        assert agency is not None and agency.id is not None
        _, (task,) = await services.repos.conclusions.create(
            NewConclusion(number="45/TB-UBND", issuer="UBND tỉnh"),
            [NewTask(text="Báo cáo quyết toán ngân sách năm 2026", lead_ids=(agency.id,),
                     ordinal="1", deadline=date(2027, 1, 4), deadline_kind=DeadlineKind.DATE)],
            created_by=1001)
        await services.repos.chats.upsert(GROUP, ChatType.GROUP, "Tổ theo dõi STC")
        await services.repos.chats.subscribe(GROUP, agency.id, 1001)

        async def nudged(day: date) -> list[int | None]:
            at = local(day, 8)
            clock.set(at)
            return [item.task_id for item in await plan(services, day_start(at, services), at)
                    if item.chat_id == GROUP and item.kind != "summary"]

        # Monday 04/01/2027 is due; 3 days before is Friday 01/01, a public holiday: the
        # nudge comes on Thursday 31/12/2026 instead, and nothing is sent on New Year's Day.
        assert await nudged(date(2027, 1, 1)) == []
        assert await nudged(date(2026, 12, 31)) == [task.id]
        assert await nudged(date(2027, 1, 4)) == [task.id]
    finally:
        await services.close()
