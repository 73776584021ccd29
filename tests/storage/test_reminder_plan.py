"""The job's compact plan and shared texts say exactly what one entry per chat said.

A Monday in a full-size province is ~200,000 (nudge, chat) entries and ~5,000 chats, so
the plan keeps each nudge once per unit, and a text read by many chats is composed
once (bench/RESULTS.md, ``peak_rss_mb``). These compare both with the plain way, on a
small synthetic province, on time and after four days down (catch-up messages).

The plain way follows the rules of issue #15: each open unit of a task (each commune of a
task to "UBND các xã, phường") is nudged about its own deadline, and supporting agencies
on the due day and after it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bench.province import NOW, Scale, build_province
from bot.core.assignments import unit_view
from bot.core.clock import ManualClock
from bot.core.models import TaskStatus
from bot.core.nudges import due_nudges, due_summary
from bot.usecases.reminders import (
    Plan,
    Planned,
    admin_chats,
    day_start,
    nudge_messages,
    plan,
    policy_of,
)
from bot.usecases.services import Services


async def expanded(services: Services, start: datetime, end: datetime) -> list[Planned]:
    """One entry per (nudge or summary, chat), the plain way: every open task, every unit,
    every supporting agency, every chat."""
    policy, tz = policy_of(services), services.settings.tz
    support_policy = replace(policy, offsets=(0,))
    tasks = await services.repos.tasks.find(statuses=[TaskStatus.OPEN])
    nudges: list[tuple[tuple[object, ...], list[Planned]]] = []
    for task in tasks:
        found = [(unit.agency_id, False, nudge)
                 for unit in await services.repos.units.of_task(task.id)
                 for nudge in due_nudges([unit_view(task, unit)], policy, start, end, tz)]
        found += [(agency_id, True, nudge) for agency_id in task.support_ids
                  for nudge in due_nudges([task], support_policy, start, end, tz)]
        for agency_id, support, nudge in found:
            subs = await services.repos.chats.subscribers(
                agency_id, nudges=not support, support_nudges=support)
            targets: list[int | None] = [sub.chat_id for sub in subs] or [None]
            kind = f"support_{nudge.kind.value}" if support else nudge.kind.value
            nudges.append(((nudge.on, nudge.task_id, support, agency_id), [
                Planned(kind, nudge.task_id, agency_id, chat_id, nudge.deadline, nudge.on)
                for chat_id in targets]))
    entries = [entry for _, planned in sorted(nudges, key=lambda n: n[0]) for entry in planned]
    if due_summary(policy, start, end, tz) is not None:
        on = end.astimezone(tz).date()
        for agency in sorted(services.directory.agencies, key=lambda a: a.name):
            if agency.id is not None and agency.active:
                for sub in await services.repos.chats.subscribers(agency.id, summaries=True):
                    entries.append(Planned("summary", None, agency.id, sub.chat_id, None, on))
        entries += [Planned("province", None, None, chat_id, None, on)
                    for chat_id in await admin_chats(services)]
    return entries


@pytest.fixture
async def province_services(tmp_path: Path) -> AsyncIterator[Services]:
    province = await build_province(tmp_path, Scale.of(0.01), seed=7)
    services = await Services.open(province.settings, ManualClock(NOW))
    try:
        yield services
    finally:
        await services.close()


@pytest.mark.parametrize("down", [timedelta(0), timedelta(days=4)])
async def test_compact_plan_lists_the_same_entries(
    province_services: Services, down: timedelta
) -> None:
    services = province_services
    start = day_start(NOW, services) - down
    planned = await plan(services, start, NOW)
    entries = list(planned)
    assert entries == await expanded(services, start, NOW)
    assert len(planned) == len(entries)
    kinds = {entry.kind for entry in entries}
    assert {"summary", "province"} <= kinds and kinds & {"before", "due", "overdue"}
    assert planned.summaries() == [e for e in entries if e.kind in ("summary", "province")]
    per_chat = planned.nudges_by_chat()
    assert sum(map(len, per_chat.values())) == sum(
        1 for e in entries if e.task_id is not None and e.chat_id is not None)


@pytest.mark.parametrize("down", [timedelta(0), timedelta(days=4)])
async def test_shared_nudge_texts_are_each_chats_own(
    province_services: Services, down: timedelta
) -> None:
    """Every chat gets what composing for that chat alone gives; equal texts are shared."""
    services = province_services
    start = day_start(NOW, services) - down
    today = NOW.astimezone(services.settings.tz).date()
    planned = await plan(services, start, NOW)
    tasks = {task.id: task for task in await services.repos.tasks.get_many(
        sorted({due.nudge.task_id for due in planned.nudges}))}
    together = await nudge_messages(services, planned, tasks, today)
    chats = sorted({message.chat_id for message in together})
    assert len(chats) > 5
    for chat_id in chats:
        alone = Plan(planned.nudges, {agency: [chat_id] for agency, subscribed
                                      in planned.nudge_chats.items() if chat_id in subscribed},
                     support_chats={agency: [chat_id] for agency, subscribed
                                    in planned.support_chats.items() if chat_id in subscribed})
        expected = await nudge_messages(services, alone, tasks, today)
        assert [m for m in together if m.chat_id == chat_id] == expected, chat_id
    kinds = {message.kind for message in together}
    assert kinds & ({"nudge_catchup"} if down else {"nudge", "nudge_digest"})
    # Members of one agency read one text: far fewer payloads than messages.
    assert len({id(message.payload) for message in together}) < len(together) / 2
