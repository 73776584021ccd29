"""Delivery faults (issue #17): replies meeting 429s in a big fan-out are retried and go
first, with no ERROR traceback; a send answered after PTB's default timeout is waited for
instead of sent twice."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

import pytest

from bot.core.models import NewOutboxMessage
from bot.core.payloads import message_payload
from handlers.context import wake_sender
from tests.support.harness import BotHarness

GROUPS = 150


async def test_replies_during_a_fan_out_are_all_answered(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    emu = harness.emu
    founder = emu.user(1001, "Lan")
    for index in range(GROUPS):
        emu.add_bot_to_group(emu.group(-7000 - index, f"Tổ {index}"), founder)
    await emu.wait_idle(timeout=20)
    emu.enforce_rate_limits()
    await harness.services.repos.outbox.enqueue([
        NewOutboxMessage(f"fan:{g}", -7000 - g, "test", message_payload(f"Tin {g}"))
        for g in range(GROUPS)
    ])
    assert harness.app is not None
    wake_sender(harness.app)
    await asyncio.sleep(0.5)  # the fan-out is under way
    people = [harness.person(5500 + i, f"Người {i}") for i in range(40)]
    with caplog.at_level(logging.INFO):
        for person in people:
            emu.send_text(person, "/help")
        for person in people:
            await emu.wait_for_message(person.id, timeout=30, after=0)
        await asyncio.wait_for(_all_fanned_out(harness), timeout=60)
    fan = Counter(m.plain_text for m in emu.sent if m.plain_text.startswith("Tin "))
    assert len(fan) == GROUPS and max(fan.values()) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text[-2000:]
    assert emu.stats.rate_limited < 40  # replies waited for room rather than hitting 429s


async def _all_fanned_out(harness: BotHarness) -> None:
    while sum(m.plain_text.startswith("Tin ") for m in harness.emu.sent) < GROUPS:  # noqa: ASYNC110
        await asyncio.sleep(0.1)


async def test_a_send_answered_late_is_waited_for_not_repeated(harness: BotHarness) -> None:
    """The emulator processes the send, then answers after 7 s (PTB's default read
    timeout was 5 s: the sender took it for lost and sent it again)."""
    emu = harness.emu
    group = emu.group(-7999, "Tổ chậm")
    emu.add_bot_to_group(group, emu.user(1001, "Lan"))
    await emu.wait_idle(timeout=10)
    emu.inject_fault("sendMessage", "slow", delay=7.0, chat_id=group.id)
    await harness.services.repos.outbox.enqueue(
        [NewOutboxMessage("slow:1", group.id, "test", message_payload("Tin chậm"))]
    )
    assert harness.app is not None
    wake_sender(harness.app)
    await emu.wait_for_message(group.id, lambda m: m.plain_text == "Tin chậm", timeout=10,
                               after=0)
    await asyncio.sleep(9)  # room for a second copy, had the first been taken for lost
    assert [m.plain_text for m in emu.messages(group.id)].count("Tin chậm") == 1
    row = await harness.services.db.fetchone(
        "SELECT state FROM outbox WHERE dedupe_key = 'slow:1'")
    assert row is not None and row["state"] == "sent"
