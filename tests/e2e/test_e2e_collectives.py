"""End to end: a task to "UBND các xã, phường" reaches each commune, and only them.

Two communes of the sample province (xã Quảng La, phường Hồng Gai) and a department (Sở
Tài chính) each have an official who opened the bot. Members are made through the
repositories (joining is another feature); everything else goes through the real bot,
its reminder job and outbox sender, and the emulator.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bot.core.clock import ManualClock
from bot.core.models import DeadlineKind, NewConclusion, NewTask, TaskStatus
from bot.core.normalize import vi_sort_key
from bot.usecases import digests
from bot.usecases.followup import remind_unreported
from bot.usecases.reminders import LAST_RUN_KEY, run_due
from emulator import EmuUser, SentMessage
from handlers.context import wake_sender
from storage.db import to_db_time
from tests.support.harness import BotHarness
from tests.support.reminder_data import local

QUANG_LA, HONG_GAI, FINANCE = 3101, 3102, 3201


async def _people(harness: BotHarness) -> dict[str, tuple[EmuUser, int]]:
    """Officials who opened the bot, each a member of their unit, following it."""
    services, emu = harness.services, harness.emu
    people: dict[str, tuple[EmuUser, int]] = {}
    for user_id, name, code in ((QUANG_LA, "Quảng La", "xa-quang-la"),
                                (HONG_GAI, "Hồng Gai", "phuong-hong-gai"),
                                (FINANCE, "Tài chính", "so-tai-chinh")):
        agency = services.directory.by_code(code)
        assert agency is not None and agency.id is not None
        user = harness.person(user_id, f"Cán bộ {name}")
        await harness.ask(user, "/start")
        await services.repos.memberships.add(user_id, agency.id, added_by=1001)
        await services.repos.chats.subscribe(user_id, agency.id, 1001)
        people[code] = (user, agency.id)
    await harness.ask(harness.admin(), "/start")
    await emu.wait_idle(timeout=10)
    await asyncio.sleep(1.1)  # the per-chat window of the /start replies
    return people


async def _task_to_every_commune(harness: BotHarness, due: date) -> int:
    services = harness.services
    everyone = services.directory.by_code("ubnd-cac-xa-phuong")
    assert everyone is not None and everyone.id is not None
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(number="88/TB-UBND", issued_on=date(2024, 9, 20)),
        [NewTask("UBND các xã, phường rà soát, báo cáo số hộ nghèo, hộ cận nghèo năm 2024",
                 (everyone.id,), deadline=due, deadline_kind=DeadlineKind.DATE)],
        created_by=1001,
    )
    return task.id


def _nudges(messages: list[SentMessage], task_id: int) -> list[SentMessage]:
    return [m for m in messages
            if "Nhắc việc: nhiệm vụ" in m.plain_text and f"#{task_id}" in m.plain_text]


async def test_each_commune_gets_its_own_nudge_and_a_department_none(
    harness: BotHarness,
) -> None:
    emu, services = harness.emu, harness.services
    people = await _people(harness)
    task_id = await _task_to_every_commune(harness, date(2024, 9, 26))  # 3 days from Monday
    await services.repos.meta.set(LAST_RUN_KEY, to_db_time(local(date(2024, 9, 23), 7)))
    report = await run_due(services)  # the clock stands at Monday 23/09 08:00
    assert report.planned >= 54  # one nudge per unit, reached or not
    assert harness.app is not None
    wake_sender(harness.app)
    for code in ("xa-quang-la", "phuong-hong-gai"):
        user, _ = people[code]
        nudge = await emu.wait_for_message(
            emu.private_chat(user), lambda m: "Nhắc việc: nhiệm vụ" in m.plain_text, timeout=15,
            after=0)
        assert f"nhiệm vụ #{task_id} còn 3 ngày đến hạn" in nudge.plain_text
        unit = services.directory.by_code(code)
        assert unit is not None and f"Cơ quan chủ trì: {unit.name}" in nudge.plain_text
        assert "✅ Báo cáo hoàn thành" in nudge.button_texts()
    await harness.settle()
    for code in ("xa-quang-la", "phuong-hong-gai"):
        user, _ = people[code]
        assert len(_nudges(emu.messages(emu.private_chat(user)), task_id)) == 1
    finance, _ = people["so-tai-chinh"]
    assert _nudges(emu.messages(emu.private_chat(finance)), task_id) == []


async def test_communes_see_report_and_close_the_task_and_nhac_ngay_reaches_the_silent_one(
    harness: BotHarness, clock: ManualClock
) -> None:
    emu, services = harness.emu, harness.services
    people = await _people(harness)
    quang_la, hong_gai = people["xa-quang-la"][0], people["phuong-hong-gai"][0]
    finance = people["so-tai-chinh"][0]
    qualified = services.directory.by_code("ubnd-cac-xa-phuong-co-cum-cong-nghiep")
    assert qualified is not None and qualified.id is not None
    # The admin ticked two communes of the qualified collective at the review.
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(number="90/TB-UBND", issued_on=date(2024, 9, 20)),
        [NewTask("UBND các xã, phường có cụm công nghiệp kiểm tra phòng cháy chữa cháy",
                 (qualified.id,), deadline=date(2024, 9, 27), deadline_kind=DeadlineKind.DATE,
                 members=((qualified.id, (people["xa-quang-la"][1],
                                          people["phuong-hong-gai"][1])),))],
        created_by=1001,
    )
    # Officials of each commune see it; the department's do not.
    listed = await harness.ask(hong_gai, "/tasks")
    assert f"#{task.id}" in listed.plain_text
    assert "kiểm tra phòng cháy" in (await harness.ask(quang_la, f"/task {task.id}")).plain_text
    refused = await harness.ask(finance, f"/task {task.id}")
    assert "kiểm tra phòng cháy" not in refused.plain_text
    assert f"#{task.id}" not in (await harness.ask(finance, "/tasks")).plain_text

    # Quảng La reports done; the office confirms; Hồng Gai has not reported at all.
    card = await harness.ask(quang_la, f"/task {task.id}")
    await harness.press(quang_la, card, "✅ Báo cáo hoàn thành")
    await harness.ask(quang_la, "Đã kiểm tra 6/6 cơ sở trong cụm công nghiệp Quảng La")
    notice = await emu.wait_for_message(harness.admin().id, timeout=10)
    assert "6/6 cơ sở" in notice.plain_text
    await harness.press(harness.admin(), notice, "✅ Xác nhận hoàn thành")
    stored = await services.repos.tasks.get(task.id)
    assert stored is not None and stored.status is TaskStatus.OPEN  # Hồng Gai still owes it

    # "Nhắc ngay": the office reminds whoever has not reported; Hồng Gai's chat, once.
    office = await services.access(1001)
    done = await remind_unreported(services, office)
    assert not isinstance(done, str) and done.queued == 1
    again = await remind_unreported(services, office)
    assert not isinstance(again, str) and (again.queued, again.already) == (0, 1)
    assert harness.app is not None
    wake_sender(harness.app)
    chat = emu.private_chat(hong_gai)
    reminder = await emu.wait_for_message(
        chat, lambda m: "Đề nghị báo cáo tiến độ" in m.plain_text, timeout=15, after=0)
    assert f"#{task.id}" in reminder.plain_text and "chưa báo cáo lần nào" in reminder.plain_text
    await harness.settle()
    assert sum("Đề nghị báo cáo tiến độ" in m.plain_text for m in emu.messages(chat)) == 1
    assert not any("Đề nghị báo cáo tiến độ" in m.plain_text
                   for m in emu.messages(emu.private_chat(quang_la)))

    # Hồng Gai reports two days later; once confirmed, the task is done.
    clock.advance(timedelta(days=2))
    card = await harness.ask(hong_gai, f"/task {task.id}")
    await harness.press(hong_gai, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hong_gai, "Đã kiểm tra xong")
    notice = await emu.wait_for_message(
        harness.admin().id, lambda m: "Đã kiểm tra xong" in m.plain_text, timeout=10)
    await harness.press(harness.admin(), notice, "✅ Xác nhận hoàn thành")
    stored = await services.repos.tasks.get(task.id)
    assert stored is not None and stored.status is TaskStatus.DONE
    assert stored.completed_on == date(2024, 9, 25)  # the day the last commune was done


async def test_the_offices_digest_names_the_commune_that_reported(
    harness: BotHarness, clock: ManualClock
) -> None:
    """Out of a hundred communes, the office must see which one reported (the digest said
    only the collective's name)."""
    emu, services = harness.emu, harness.services
    people = await _people(harness)
    task_id = await _task_to_every_commune(harness, date(2024, 9, 30))
    await digests.run(services)  # the job's first run: Monday 23/09/2024 08:00
    clock.set(local(date(2024, 9, 23), 9))
    quang_la = people["xa-quang-la"][0]
    card = await harness.ask(quang_la, f"/task {task_id}")
    await harness.press(quang_la, card, "📝 Báo cáo tiến độ")
    await harness.ask(quang_la, "Đã rà soát 3/7 thôn")
    clock.set(local(date(2024, 9, 23), 16, 31))
    await digests.run(services)
    assert harness.app is not None
    wake_sender(harness.app)
    digest = await emu.wait_for_message(
        emu.private_chat(harness.admin()), lambda m: "Báo cáo tiến độ mới" in m.plain_text,
        timeout=15, after=0)
    unit = services.directory.by_code("xa-quang-la")
    assert unit is not None
    assert f"Cán bộ Quảng La ({unit.short_name or unit.name}): Đã rà soát 3/7 thôn" \
        in digest.plain_text


async def test_units_nobody_follows_are_named_in_vietnamese_order(harness: BotHarness) -> None:
    """«Nhắc ngay» names the units it could not reach as the office reads a list."""
    services = harness.services
    await _people(harness)
    await _task_to_every_commune(harness, date(2024, 9, 24))
    done = await remind_unreported(services, await services.access(1001))
    assert not isinstance(done, str) and len(done.unreached) > 40
    names = [services.directory.by_id(a).name for a in done.unreached]  # type: ignore[union-attr]
    assert names == sorted(names, key=vi_sort_key)


async def test_stats_of_one_agency_or_a_collective_and_only_ones_own_for_members(
    harness: BotHarness,
) -> None:
    """"/stats Quảng La" showed the whole province: the name typed after it was ignored."""
    people = await _people(harness)
    await _task_to_every_commune(harness, date(2024, 9, 30))
    admin = harness.admin()
    one = (await harness.ask(admin, "/stats xã Quảng La")).plain_text
    assert "UBND xã Quảng La" in one and "UBND phường Hồng Gai" not in one
    assert "Toàn tỉnh" not in one
    every = (await harness.ask(admin, "/stats UBND các xã, phường")).plain_text
    assert every.startswith("📊 Tình hình thực hiện nhiệm vụ — UBND các xã, phường")
    assert "UBND phường" in every and "Sở Tài chính" not in every  # its members, one each
    unknown = (await harness.ask(admin, "/stats Sở Không Có")).plain_text
    assert "Không tìm thấy" in unknown
    finance = people["so-tai-chinh"][0]
    refused = (await harness.ask(finance, "/stats xã Quảng La")).plain_text
    assert refused.startswith("Anh/chị chỉ xem được thống kê của cơ quan mình")
    assert "📊" not in refused
