"""Reaching every unit: who has not reported, "Nhắc ngay", supporters' nudges, the units
nobody follows, and what weekly summaries and the export say about them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook

from bot.adapters.excel import HEADER_ROWS
from bot.cli.reminders import html_to_text
from bot.core.actions import Refusal
from bot.core.clock import ManualClock
from bot.core.models import ChatType, TaskEvent
from bot.core.reports import province_scope
from bot.texts import plain
from bot.usecases.export import export_report
from bot.usecases.followup import (
    UnreportedScope,
    remind_unreported,
    unreported,
    unreported_text,
)
from bot.usecases.reminders import (
    day_start,
    plan,
    summary_messages,
    unreached,
    weekly_summary_text,
)
from bot.usecases.services import Services
from config.settings import Settings
from tests.cli.test_cli import run_cli
from tests.support.reminder_data import local
from tests.support.units_data import (
    ADMIN,
    CAI_CHIEN,
    FINANCE,
    HONG_GAI,
    QUANG_LA,
    TODAY,
    World,
    admin,
    agency,
    dated,
    save,
    world,
)

GROUP_HONG_GAI = -700


async def _three_communes(services: Services) -> tuple[World, dict[str, int]]:
    """Tasks to three communes (a qualified collective, ticked), one near, one far, one
    overdue; Quảng La reported two days ago, Cái Chiên reported done, Hồng Gai never."""
    w = await world(services)
    qualified = agency(services, "ubnd-cac-xa-phuong-co-cum-cong-nghiep")
    three = ((qualified, (w.quang_la, w.hong_gai, w.cai_chien)),)
    clock = services.clock
    assert isinstance(clock, ManualClock)
    now = clock.now()
    clock.set(now - timedelta(days=12))
    near, far, overdue = await save(
        services,
        dated("Thống kê cơ sở sản xuất trong cụm công nghiệp", (qualified,), date(2024, 9, 26),
              members=three),
        dated("Quy hoạch mở rộng cụm công nghiệp", (qualified,), date(2024, 10, 30),
              members=three),
        dated("Giải phóng mặt bằng đường ven sông", (w.hong_gai, w.cai_chien), date(2024, 9, 16)),
    )
    actions = services.repos.actions
    clock.set(now - timedelta(days=10))
    assert isinstance(await actions.report_progress(await services.access(HONG_GAI), overdue.id,
                                                    "Đã họp dân lần 1"), TaskEvent)
    clock.set(now - timedelta(days=2))
    assert isinstance(await actions.report_progress(await services.access(QUANG_LA), near.id,
                                                    "Đã thống kê 8/12 cơ sở"), TaskEvent)
    assert isinstance(await actions.report_done(await services.access(CAI_CHIEN), near.id,
                                                "Xong"), TaskEvent)
    clock.set(now)
    return w, {"near": near.id, "far": far.id, "overdue": overdue.id}


async def test_who_has_not_reported(services: Services) -> None:
    w, ids = await _three_communes(services)
    office = await admin(services)
    groups = await unreported(services, office)
    assert not isinstance(groups, Refusal)
    found = [(g.agency_id, [(i.task_id, i.last_report is not None) for i in g.items])
             for g in groups]
    # Hồng Gai: the overdue task (reported 10 days ago: too long), the near one (never).
    # Cái Chiên: the overdue one (its "done" on the near one waits for the office).
    # Quảng La reported 2 days ago; nobody is chased about the far task yet.
    assert found == [
        (w.hong_gai, [(ids["overdue"], True), (ids["near"], False)]),
        (w.cai_chien, [(ids["overdue"], False)]),
    ]
    one_task = await unreported(services, office, UnreportedScope(task_id=ids["near"]))
    assert not isinstance(one_task, Refusal)
    assert [(g.agency_id, [i.task_id for i in g.items]) for g in one_task] == [
        (w.hong_gai, [ids["near"]])]
    # A member sees their own agency only; nobody else's.
    mine = await unreported(services, await services.access(HONG_GAI))
    assert not isinstance(mine, Refusal) and [g.agency_id for g in mine] == [w.hong_gai]
    assert await unreported(services, await services.access(HONG_GAI),
                            UnreportedScope(agency_ids=(w.cai_chien,))) is Refusal.NO_ACCESS
    assert await unreported(services, await services.access(4242)) is Refusal.NO_ACCESS
    rendered = await unreported_text(services, office)
    assert not isinstance(rendered, Refusal)
    text = html_to_text(rendered[0])
    assert "2 đơn vị, 3 nhiệm vụ" in text and "UBND phường Hồng Gai (2)" in text
    assert "chưa báo cáo lần nào" in text and "quá hạn 7 ngày" in text
    assert "báo cáo gần nhất 13/09/2024" in text


async def test_remind_now_queues_one_message_per_chat_once_a_day(
    services: Services, clock: ManualClock
) -> None:
    w, ids = await _three_communes(services)
    repos = services.repos
    await repos.chats.upsert(HONG_GAI, ChatType.PRIVATE, None)
    await repos.chats.upsert(GROUP_HONG_GAI, ChatType.GROUP, "Tổ công tác Hồng Gai")
    await repos.chats.subscribe(HONG_GAI, w.hong_gai, ADMIN)
    await repos.chats.subscribe(GROUP_HONG_GAI, w.hong_gai, ADMIN)
    office = await admin(services)
    done = await remind_unreported(services, office)
    assert not isinstance(done, Refusal)
    assert (done.agencies, done.queued, done.already, done.unreached) == (2, 2, 0, (w.cai_chien,))
    rows = await services.db.fetchall("SELECT dedupe_key, chat_id, kind, payload FROM outbox")
    assert sorted(r["chat_id"] for r in rows) == [GROUP_HONG_GAI, HONG_GAI]
    assert {r["kind"] for r in rows} == {"unreported"}
    text = json.loads(rows[0]["payload"])["text"]
    assert "UBND phường Hồng Gai" in text and f"#{ids['overdue']}" in text
    assert f"#{ids['near']}" in text and f"#{ids['far']}" not in text
    # Pressed again the same day (by the office, or the commune's own official): nothing new.
    again = await remind_unreported(services, await services.access(HONG_GAI))
    assert not isinstance(again, Refusal) and (again.queued, again.already) == (0, 2)
    assert await services.repos.outbox.count() == 2
    assert await remind_unreported(services, await services.access(FINANCE),
                                   UnreportedScope(agency_ids=(w.hong_gai,))) is (
        Refusal.NO_ACCESS)
    clock.advance(timedelta(days=1))
    next_day = await remind_unreported(services, office)
    assert not isinstance(next_day, Refusal) and next_day.queued == 2
    assert await services.repos.outbox.count() == 4


async def test_units_nobody_follows_are_listed_to_the_office(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    w = await world(services)
    repos = services.repos
    await save(services, dated("Kiểm tra trường học", (agency(services, "ubnd-cac-xa-phuong"),),
                               date(2024, 9, 26)))
    await repos.chats.upsert(HONG_GAI, ChatType.PRIVATE, None)
    await repos.chats.subscribe(HONG_GAI, w.hong_gai, ADMIN)
    nobody = await unreached(services)
    names = [name for name, _ in nobody]
    assert len(nobody) == 53 and "UBND phường Hồng Gai" not in names
    assert "UBND xã Cái Chiên" in names and all(count == 1 for _, count in nobody)
    # The admins' weekly table ends with them and the /invite to send.
    await repos.chats.upsert(ADMIN, ChatType.PRIVATE, None)  # ADMIN_IDS has 1001
    planned = await plan(services, day_start(services.clock.now(), services),
                         services.clock.now())
    sent = await summary_messages(services, planned.summaries(), TODAY, TODAY)
    table = html_to_text("".join(str(m.payload.get("text", "")) for m in sent
                                 if m.kind == "province"))
    assert "Đơn vị chưa có ai nhận nhắc việc (53)" in table
    assert "• UBND đặc khu Cô Tô — 1 nhiệm vụ: /invite UBND đặc khu Cô Tô" in table
    assert "… và 38 đơn vị khác." in table
    await services.close()
    env = {"DATABASE_PATH": str(settings.database_path), "ADMIN_IDS": "1001"}
    text = run_cli("plan", "--at", "2024-09-23 08:00", env=env, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "chưa có ai nhận nhắc việc (53)" in text.stdout
    assert "- UBND xã Cái Chiên — 1 nhiệm vụ · mời: /invite UBND xã Cái Chiên" in text.stdout


async def test_nudges_go_to_each_unit_and_to_supporters_on_the_due_day(
    services: Services, clock: ManualClock
) -> None:
    w = await world(services)
    repos = services.repos
    everyone = agency(services, "ubnd-cac-xa-phuong")
    # Due Thursday 26/09: its 3-day nudge is today (Monday 23/09), the due-day one Thursday.
    (task,) = await save(services, dated("Ra quân tổng vệ sinh môi trường", (everyone,),
                                         date(2024, 9, 26), support_ids=(w.finance,)))
    for chat, unit in ((QUANG_LA, w.quang_la), (HONG_GAI, w.hong_gai), (FINANCE, w.finance)):
        await repos.chats.upsert(chat, ChatType.PRIVATE, None)
        await repos.chats.subscribe(chat, unit, ADMIN)

    def at(day: date) -> list[tuple[str, int | None, int | None]]:
        return sorted((p.kind, p.agency_id, p.chat_id) for p in planned
                      if p.task_id == task.id)

    planned = list(await plan(services, day_start(clock.now(), services), clock.now()))
    monday = at(TODAY)
    assert ("before", w.quang_la, QUANG_LA) in monday
    assert ("before", w.hong_gai, HONG_GAI) in monday
    assert ("before", w.cai_chien, None) in monday  # nobody follows Cái Chiên
    assert len(monday) == 54 and not any(p[0].startswith("support") for p in monday)
    # Quảng La reports done: its own nudges stop, the others' go on.
    report = await repos.actions.report_done(await services.access(QUANG_LA), task.id, "Xong")
    assert isinstance(report, TaskEvent)
    clock.set(local(date(2024, 9, 26)))
    planned = list(await plan(services, day_start(clock.now(), services), clock.now()))
    thursday = at(date(2024, 9, 26))
    assert ("due", w.hong_gai, HONG_GAI) in thursday
    assert all(agency_id != w.quang_la for _, agency_id, _ in thursday)
    assert ("support_due", w.finance, FINANCE) in thursday
    # The supporter's switch off: no supporter nudge, its chat still gets the rest.
    await repos.chats.set_switches(FINANCE, w.finance, support_nudges=False)
    planned = list(await plan(services, day_start(clock.now(), services), clock.now()))
    assert ("support_due", w.finance, None) in at(date(2024, 9, 26))


async def test_weekly_summary_lists_the_tasks_an_agency_supports(services: Services) -> None:
    w = await world(services)
    own, supported = await save(
        services,
        dated("Quyết toán ngân sách xã", (w.finance,), date(2024, 9, 25)),
        dated("Phòng chống sốt xuất huyết", (w.health,), date(2024, 10, 4),
              support_ids=(w.finance,)),
    )
    text, task_ids = await weekly_summary_text(services, w.finance, TODAY)
    plain_text = html_to_text(text)
    assert "Tổng hợp tuần 23/09–29/09/2024 — Sở Tài chính" in plain_text
    assert "Phối hợp thực hiện, chưa hoàn thành (1):" in plain_text
    assert f"#{supported.id}" in plain_text and task_ids == [own.id, supported.id]
    # A commune that holds a unit of a collective task reads it as its own.
    (collective,) = await save(services, dated(
        "Rà soát hộ nghèo", (agency(services, "ubnd-cac-xa-phuong"),), date(2024, 9, 20)))
    text, task_ids = await weekly_summary_text(services, w.cai_chien, TODAY)
    assert "Chưa hoàn thành, quá hạn: 1" in html_to_text(text) and task_ids == [collective.id]


async def test_the_export_counts_units_and_lists_who_has_not_reported(
    services: Services, tmp_path: Path
) -> None:
    _, ids = await _three_communes(services)
    out = tmp_path / "bao-cao.xlsx"
    await export_report(services, province_scope("vi"), out)
    book = load_workbook(out)
    tasks = book[plain("export.sheet_tasks")]
    headers = [cell.value for cell in tasks[HEADER_ROWS]]
    column = headers.index(plain("export.col.units_done"))
    by_task = {row[1]: row[column] for row in tasks.iter_rows(
        min_row=HEADER_ROWS + 1, values_only=True) if row[1] is not None}
    assert by_task == {ids["near"]: "0/3 đơn vị", ids["far"]: "0/3 đơn vị",
                       ids["overdue"]: "0/2 đơn vị"}
    sheet = book[plain("export.sheet_unreported")]
    rows = [row for row in sheet.iter_rows(min_row=HEADER_ROWS + 1, values_only=True)
            if isinstance(row[0], int)]
    assert [(row[1], row[2]) for row in rows] == [
        ("UBND phường Hồng Gai", ids["overdue"]), ("UBND phường Hồng Gai", ids["near"]),
        ("UBND xã Cái Chiên", ids["overdue"])]
    assert rows[0][5] == "quá hạn 7 ngày" and rows[0][6].date() == date(2024, 9, 13)
    assert rows[1][6] is None
