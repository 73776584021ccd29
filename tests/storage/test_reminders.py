"""The reminder job over the database: a month of time travel, downtime, dry runs."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.cli.reminders import html_to_text
from bot.core.clock import ManualClock
from bot.core.models import ChatType
from bot.usecases.reminders import LAST_RUN_KEY, run_due
from bot.usecases.services import Services
from config.settings import Settings
from tests.cli.test_cli import run_cli
from tests.support.reminder_data import (
    GROUP_BUILD,
    GROUP_FIN,
    HOA,
    HOLIDAY,
    Month,
    fin_done,
    local,
    seed,
    weekly_report_done,
)
from tests.unit.test_nudges import EXPECTED

ADMIN = 1001


@pytest.fixture
async def month_services(settings: Settings, clock: ManualClock) -> AsyncIterator[Services]:
    clock.set(local(date(2024, 9, 23), 7))
    configured = settings.model_copy(update={"holidays": frozenset({HOLIDAY})})
    opened = await Services.open(configured, clock)
    await opened.repos.chats.upsert(ADMIN, ChatType.PRIVATE, None)
    try:
        yield opened
    finally:
        await opened.close()


async def outbox_rows(services: Services) -> list[tuple[str, int, str, dict[str, object]]]:
    rows = await services.db.fetchall("SELECT dedupe_key, chat_id, kind, payload FROM outbox"
                                      " ORDER BY id")
    return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def expected_nudges(names: list[str], chat: int, month: Month) -> set[tuple[int, str, int]]:
    ids = {"fin": month.fin, "build": month.build, "plan": month.plan, "late": month.late}
    return {(ids[name], day, chat) for name in names for day in EXPECTED[name]}


async def test_a_month_through_the_job(month_services: Services, clock: ManualClock) -> None:
    services = month_services
    month = await seed(services)
    assert (await run_due(services)).start is None  # first run only records the time
    end = local(date(2024, 10, 23), 7)
    while clock.now() < end:
        clock.advance(timedelta(hours=3))
        await run_due(services)
        now = clock.now()
        if now == local(date(2024, 9, 26), 10):
            await weekly_report_done(services, month)
        if now == local(date(2024, 10, 4), 10):
            await fin_done(services, month, date(2024, 10, 4))
    # Run again at the same moment: nothing new.
    assert (await run_due(services)).enqueued == 0

    rows = await outbox_rows(services)
    assert len({key for key, *_ in rows}) == len(rows)
    nudges = set()
    for key, chat, kind, _ in rows:
        if kind == "nudge":
            _, task_id, _, on, _ = key.split(":")
            nudges.add((int(task_id), date.fromisoformat(on).strftime("%d/%m"), chat))
    assert {kind for _, _, kind, _ in rows} == {"nudge", "summary", "province",
                                                "province_chart"}
    fin_tasks = ["fin", "plan", "late"]
    assert nudges == (
        expected_nudges(fin_tasks, GROUP_FIN, month)
        | expected_nudges([*fin_tasks, "build"], HOA, month)
        | expected_nudges(["build"], GROUP_BUILD, month)
    )
    # Weekly summaries on each Monday: per subscribed (agency, chat), plus the admin's.
    summaries = Counter(key.split(":")[2] for key, _, kind, _ in rows if kind == "summary")
    assert summaries == {w: 4 for w in ("2024-W39", "2024-W40", "2024-W41", "2024-W42",
                                        "2024-W43")}
    charts = [p for _, chat, kind, p in rows if kind == "province_chart"]
    assert len(charts) == 5 and all(isinstance(p["photo"], str) for p in charts)
    # No message ever mentions the weekly report of Sở Nội vụ: it has no chat.
    assert not any(f"#{month.weekly} " in str(p.get("text", "")) for *_, kind, p in rows
                   if kind == "nudge")


async def test_three_days_down_gives_one_merged_message_per_chat(
    month_services: Services, clock: ManualClock
) -> None:
    services = month_services
    month = await seed(services)
    await run_due(services)
    clock.set(local(date(2024, 10, 4), 10))
    await run_due(services)
    await fin_done(services, month, date(2024, 10, 4))
    before = len(await outbox_rows(services))
    clock.set(local(date(2024, 10, 7), 11))  # down Fri 10:00 → Mon 11:00: today's are normal
    await run_due(services)
    monday = (await outbox_rows(services))[before:]
    assert {kind for _, _, kind, _ in monday} == {"nudge", "summary", "province",
                                                  "province_chart"}
    clock.set(local(date(2024, 10, 11), 9))  # down Mon 11:00 → Fri 09:00, over the holiday
    await run_due(services)
    friday = (await outbox_rows(services))[before + len(monday):]
    per_chat = Counter(chat for _, chat, _, _ in friday)
    assert per_chat == {GROUP_FIN: 1, HOA: 1, GROUP_BUILD: 1}
    assert {kind for _, _, kind, _ in friday} == {"nudge_catchup"}
    text = {chat: html_to_text(str(p["text"])) for _, chat, _, p in friday}
    assert "từ ngày 08/10/2024" in text[HOA]
    for task_id in (month.plan, month.late, month.build):
        assert f"#{task_id} " in text[HOA]
    assert f"#{month.build} " not in text[GROUP_FIN]
    assert f"#{month.fin} " not in text[HOA]  # done on 04/10: nothing to catch up
    hoa = next(p for _, chat, _, p in friday if chat == HOA)
    rows = hoa["buttons"]
    assert isinstance(rows, list) and sum(len(row) for row in rows) == 3


async def test_missed_weekly_summaries_are_sent_once(
    month_services: Services, clock: ManualClock
) -> None:
    services = month_services
    await seed(services)
    await run_due(services)
    clock.set(local(date(2024, 9, 24), 9))
    await run_due(services)
    clock.set(local(date(2024, 10, 15), 9))  # two Mondays missed
    await run_due(services)
    clock.advance(timedelta(minutes=2))
    await run_due(services)
    rows = await outbox_rows(services)
    weeks = Counter(key.split(":")[2] for key, _, kind, _ in rows if kind == "summary")
    assert weeks == {"2024-W39": 4, "2024-W42": 4}


async def test_crash_before_recording_the_run_repeats_nothing(
    month_services: Services, clock: ManualClock
) -> None:
    services = month_services
    await seed(services)
    await run_due(services)
    clock.set(local(date(2024, 9, 24), 9))
    first = await run_due(services)
    # As if the process died right after enqueueing: the mark goes back, the run repeats.
    await services.repos.meta.set(LAST_RUN_KEY, str(first.start.isoformat()) if first.start
                                  else "")
    again = await run_due(services)
    assert first.enqueued > 0 and again.planned == first.planned and again.enqueued == 0


def _cli_env(settings: Settings) -> dict[str, str]:
    return {"DATABASE_PATH": str(settings.database_path), "ADMIN_IDS": "1001",
            "HOLIDAYS": "10/10/2024"}


async def test_plan_dry_run_lists_unreachable_agencies(
    month_services: Services, settings: Settings, tmp_path: Path
) -> None:
    month = await seed(month_services)
    await month_services.close()
    result = run_cli("plan", "--at", "2024-09-27 08:00", "--json", env=_cli_env(settings),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    got = {(i["kind"], i["task_id"], i["chat_id"]) for i in items}
    assert got == {
        ("due", month.fin, GROUP_FIN), ("due", month.fin, HOA),
        ("before", month.build, HOA), ("before", month.build, GROUP_BUILD),
        ("due", month.weekly, None),  # Sở Nội vụ has no chat: nobody would be reached
    }
    assert {i["due"] for i in items if i["task_id"] == month.fin} == {"2024-09-27"}
    assert {i["agency"] for i in items if i["chat_id"] is None} == {"Sở Nội vụ"}
    text = run_cli("plan", "--at", "27/09/2024 08:00", env=_cli_env(settings), cwd=tmp_path)
    assert "KHÔNG CÓ NHÓM/NGƯỜI NHẬN" in text.stdout and "Sở Nội vụ" in text.stdout
    # A dry run sends nothing and does not move the job's mark.
    reopened = await Services.open(settings, ManualClock(local(date(2024, 9, 27))))
    try:
        assert await reopened.repos.outbox.count() == 0
    finally:
        await reopened.close()
    bad = run_cli("plan", "--at", "hôm qua", env=_cli_env(settings), cwd=tmp_path)
    assert bad.returncode == 2 and "2024-09-27 08:00" in bad.stderr


async def test_summary_dry_run_prints_what_a_chat_reads(
    month_services: Services, settings: Settings, tmp_path: Path
) -> None:
    month = await seed(month_services)
    await fin_done(month_services, month, date(2024, 9, 26))
    await month_services.close()
    result = run_cli("summary", "--agency", "Sở TC", "--at", "2024-10-01 08:00",
                     env=_cli_env(settings), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Tổng hợp tuần 30/09–06/10/2024 — Sở Tài chính" in out
    assert "Hoàn thành đúng hạn: 1" in out and "Chưa hoàn thành, quá hạn: 1" in out
    # Overdue first, then due within 7 days, then what was done last week.
    assert out.index(f"#{month.late} ") < out.index(f"#{month.fin} ")
    assert "dự án trọng điểm & dự án" in out and "<b>" not in out
    unknown = run_cli("summary", "--agency", "Sở Không Có", env=_cli_env(settings), cwd=tmp_path)
    assert unknown.returncode == 1 and "Sở Không Có" in unknown.stderr
