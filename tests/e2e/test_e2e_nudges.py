"""Nudges reach Telegram exactly once: faults, flood limits, blocked and migrated chats."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date

from bot.core.models import ChatType, NewConclusion, NewOutboxMessage, NewTask, OutboxState
from bot.core.payloads import message_payload
from bot.usecases.reminders import LAST_RUN_KEY, run_due
from bot.usecases.services import Services
from emulator import EmuUser, SentMessage
from handlers.context import wake_sender
from storage.db import to_db_time
from tests.support.harness import BotHarness
from tests.support.reminder_data import local


async def _officials(harness: BotHarness, count: int, first_id: int = 7000) -> list[EmuUser]:
    """People who have written to the bot (so it may write to them), then a quiet second."""
    users = [harness.person(first_id + i, f"Cán bộ {i}") for i in range(count)]
    for user in users:
        harness.emu.send_text(user, "/start")
    for user in users:
        await harness.emu.wait_for_message(harness.emu.private_chat(user), timeout=10, after=0)
    await harness.emu.wait_idle(timeout=10)
    await asyncio.sleep(1.1)  # let the per-chat window of the /start replies pass
    return users


async def _three_tasks_for(services: Services, agency_name: str) -> tuple[int, list[int]]:
    agency = services.directory.lookup(agency_name)
    assert agency is not None and agency.id is not None
    deadlines = [date(2024, 9, 30), date(2024, 9, 26), date(2024, 9, 24)]  # 7, 3, 1 days
    _, tasks = await services.repos.conclusions.create(
        NewConclusion(number="9/TB-UBND"),
        [NewTask(text=f"Nhiệm vụ thử {i} của Sở LĐ-TB&XH", lead_ids=(agency.id,), deadline=d)
         for i, d in enumerate(deadlines)],
        created_by=1001,
    )
    return agency.id, [task.id for task in tasks]


def _nudged_tasks(messages: list[SentMessage]) -> Counter[str]:
    found: Counter[str] = Counter()
    for message in messages:
        text = message.plain_text
        if text.startswith(("⏰ Nhắc việc", "🔔 Nhắc việc", "🔴 Nhắc việc")):
            found[text.split("nhiệm vụ #")[1].split(" ")[0]] += 1
    return found


async def test_faults_and_flood_limits_lose_nothing_and_double_nothing(
    harness: BotHarness,
) -> None:
    emu, services = harness.emu, harness.services
    users = await _officials(harness, 20)
    agency_id, task_ids = await _three_tasks_for(services, "Sở Tài chính")
    for user in users:
        await services.repos.chats.subscribe(user.id, agency_id, 1001)
    emu.enforce_rate_limits()
    # Telegram misbehaves: a 429, two 500s and a slow answer, in that order.
    emu.inject_fault("sendMessage", "retry_after", retry_after=1)
    emu.inject_fault("sendMessage", "server_error", times=2)
    emu.inject_fault("sendMessage", "slow", delay=1.5)
    await services.repos.meta.set(LAST_RUN_KEY, to_db_time(local(date(2024, 9, 23), 7)))
    report = await run_due(services)  # the clock stands at Monday 23/09 08:00
    assert report.enqueued == 4 * len(users)  # 3 nudges each and Monday's weekly summary
    assert harness.app is not None
    wake_sender(harness.app)
    expected = {str(task_id): 1 for task_id in task_ids}
    for user in users:
        chat = emu.private_chat(user)
        await emu.wait_for_messages(chat, 4, timeout=15, after=0,
                                    predicate=lambda m: "Nhắc việc" in m.plain_text
                                    or "Tổng hợp tuần" in m.plain_text)
    await harness.settle()  # anything sent twice would be in by now
    for user in users:
        messages = emu.messages(emu.private_chat(user))
        assert _nudged_tasks(messages) == expected, user.id
        assert sum("Tổng hợp tuần" in m.plain_text for m in messages) == 1
    assert all(fault.triggered == fault.times for fault in emu.faults)
    # The sender paces itself; the only 429s beyond the scripted one can come from a chat's
    # /start reply (sent directly, unknown to the sender) landing within a second of its first
    # nudge on a loaded machine: at most one per chat, each honoured.
    assert emu.stats.rate_limited <= len(users)
    outbox = services.repos.outbox
    assert await outbox.count(OutboxState.SENT) == 4 * len(users)
    row = (await outbox.for_chat(users[0].id))[0]
    assert row.sent_message_id in {m.message_id for m in emu.messages(users[0].id)}


async def test_a_summary_with_chart_reaches_the_admin(harness: BotHarness) -> None:
    emu, services = harness.emu, harness.services
    await harness.ask(harness.admin(), "/start")
    await _three_tasks_for(services, "Sở Xây dựng")
    await services.repos.meta.set(LAST_RUN_KEY, to_db_time(local(date(2024, 9, 23), 7)))
    await run_due(services)
    assert harness.app is not None
    wake_sender(harness.app)
    chart = await emu.wait_for_message(1001, lambda m: m.photo is not None, timeout=10)
    assert chart.photo is not None and chart.photo.content.startswith(b"\x89PNG")
    table = [m for m in emu.messages(1001) if "Tổng hợp toàn tỉnh" in m.plain_text]
    assert len(table) == 1 and "Sở Xây dựng (3)" in table[0].plain_text
    print(table[0].plain_text, "\n---\n", chart.plain_text)


async def test_blocked_user_is_deactivated_and_migrated_group_followed(
    harness: BotHarness,
) -> None:
    emu, services = harness.emu, harness.services
    blocked, reader = harness.person(8001, "An"), harness.person(8002, "Bình")
    await harness.ask(blocked, "/start")
    await harness.ask(reader, "/start")
    group = emu.group(-300, "Tổ công tác")
    emu.add_bot_to_group(group, reader)
    await emu.wait_idle(timeout=10)
    await services.repos.chats.upsert(group.id, ChatType.GROUP, "Tổ công tác")
    emu.block_bot(blocked)
    await emu.wait_idle(timeout=10)
    new_group = emu.migrate_group(group, -1003000)
    await emu.wait_idle(timeout=10)
    await services.repos.outbox.enqueue([
        NewOutboxMessage("t:blocked:1", blocked.id, "test", message_payload("một")),
        NewOutboxMessage("t:blocked:2", blocked.id, "test", message_payload("hai")),
        NewOutboxMessage("t:group", group.id, "test", message_payload("cho cả tổ")),
    ])
    assert harness.app is not None
    wake_sender(harness.app)
    moved = await emu.wait_for_message(new_group, lambda m: m.plain_text == "cho cả tổ",
                                       timeout=10, after=0)
    assert moved.chat_id == -1003000
    await emu.wait_idle(quiet=0.5, timeout=10)
    chat = await services.repos.chats.get(blocked.id)
    assert chat is not None and not chat.active
    states = {m.dedupe_key: m.state for m in await services.repos.outbox.for_chat(blocked.id)}
    assert states == {"t:blocked:1": OutboxState.FAILED, "t:blocked:2": OutboxState.CANCELLED}
    assert (await services.repos.outbox.by_key("t:group")) is not None
    migrated = await services.repos.chats.get(-1003000)
    assert migrated is not None and migrated.type is ChatType.SUPERGROUP
