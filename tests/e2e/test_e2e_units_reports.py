"""End to end: the weekly summary, /stats, /chuabaocao and /export of a province whose tasks to
every commune hold units in every state, around Tết 2027.

The small province of ``test_e2e_units_chat`` (two communes under "UBND các xã, phường").
The units' states are set through the repositories' actions (reporting, confirming, granting
more time and closing are tested elsewhere through chat); what is read is read through the
real bot and the emulator. Tết 2027 is Thursday 04/02 to Wednesday 10/02 (the ``holidays``
package's statutory days): the summary of Monday 08/02 moves to Thursday 11/02.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.core.access import Access
from bot.core.actions import Refusal
from bot.core.clock import ManualClock
from bot.core.dates import fmt_date
from bot.core.models import DeadlineKind, EventKind, NewConclusion, NewTask, Task, TaskStatus
from bot.texts import plain
from bot.usecases.reminders import LAST_RUN_KEY, run_due
from config.settings import Settings
from emulator import EmuUser
from handlers.context import wake_sender
from storage.db import to_db_time
from tests.e2e.test_e2e_units_chat import province_settings
from tests.support.harness import BotHarness
from tests.support.reminder_data import local

QUANG_LA, HONG_GAI = 3101, 3102


@pytest.fixture
def clock() -> ManualClock:
    """Monday 01/02/2027 08:00 in Hanoi."""
    return ManualClock(datetime(2027, 2, 1, 1, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return province_settings(tmp_path)


@dataclass
class World:
    """The province on Thursday 11/02/2027 08:00, the first working day after Tết, when the
    weekly summary due on Monday 08/02 goes out."""

    admin: EmuUser
    quang_la: EmuUser
    hong_gai: EmuUser
    tasks: dict[str, Task]


async def _world(harness: BotHarness, clock: ManualClock) -> World:
    """Seven tasks to "UBND các xã, phường" of notice 12/TB-UBND (25/01/2027):

    ==  ==========  =========================================  ==============================
    ..  deadline    Quảng La                                   Hồng Gai
    ==  ==========  =========================================  ==============================
    A   03/02       done 02/02 (on time)                       done 11/02 (late)
    B   05/02       open (overdue, Tết in between)             given until 19/02 (in time)
    C   02/02       done 01/02 (on time)                       closed by the office 11/02
    D   03/02       the task is cancelled
    E   none        open                                       open
    F   12/02       reported done, waiting for the office      open
    G   03/02       done 02/02 (on time)                       given until 12/02, done 11/02
    ==  ==========  =========================================  ==============================
    """
    services = harness.services
    repos, tz = services.repos, services.settings.tz
    everyone, la, gai = (_id(harness, code) for code in
                         ("ubnd-cac-xa-phuong", "xa-quang-la", "phuong-hong-gai"))
    users = {}
    for user_id, name, unit in ((QUANG_LA, "Cán bộ Quảng La", la),
                                (HONG_GAI, "Cán bộ Hồng Gai", gai)):
        user = harness.person(user_id, name)
        await harness.ask(user, "/start")
        await repos.memberships.add(user_id, unit, added_by=1001)
        await repos.chats.subscribe(user_id, unit, 1001)
        users[unit] = user
    admin = harness.admin()
    await harness.ask(admin, "/start")
    letters = "ABCDEFG"
    dues = (date(2027, 2, 3), date(2027, 2, 5), date(2027, 2, 2), date(2027, 2, 3), None,
            date(2027, 2, 12), date(2027, 2, 3))
    _, saved = await repos.conclusions.create(
        NewConclusion(number="12/TB-UBND", issued_on=date(2027, 1, 25)),
        [NewTask(f"UBND các xã, phường thực hiện nội dung {letter}", (everyone,), deadline=due,
                 deadline_kind=DeadlineKind.DATE if due else DeadlineKind.NONE)
         for letter, due in zip(letters, dues, strict=True)],
        created_by=1001)
    tasks = dict(zip(letters, saved, strict=True))
    office = await services.access(1001)
    acting: dict[int, Access] = {la: await services.access(QUANG_LA),
                                 gai: await services.access(HONG_GAI)}

    async def done(letter: str, unit: int, on: date) -> None:
        report = await repos.actions.report_done(acting[unit], tasks[letter].id, "Xong", unit)
        assert not isinstance(report, Refusal)
        confirmed = await repos.actions.confirm_done(office, tasks[letter].id, report.id, tz, on)
        assert not isinstance(confirmed, Refusal)

    async def more_time(letter: str, unit: int, until: date) -> None:
        asked = await repos.actions.request_extension(
            acting[unit], tasks[letter].id, until, fmt_date(until), "Chờ số liệu", unit)
        assert not isinstance(asked, Refusal)
        granted = await repos.actions.approve_extension(office, tasks[letter].id, asked.id)
        assert not isinstance(granted, Refusal)

    clock.set(local(date(2027, 2, 1), 8))  # Monday
    await done("C", la, date(2027, 2, 1))
    await more_time("B", gai, date(2027, 2, 19))
    await more_time("G", gai, date(2027, 2, 12))
    clock.set(local(date(2027, 2, 2), 8))
    await done("A", la, date(2027, 2, 2))
    await done("G", la, date(2027, 2, 2))
    await repos.tasks.set_status(tasks["D"].id, TaskStatus.CANCELLED, 1001,
                                 event=EventKind.CANCELLED, note="Trùng nhiệm vụ khác")
    clock.set(local(date(2027, 2, 11), 7))  # Thursday, after Tết
    await done("A", gai, date(2027, 2, 11))
    await done("G", gai, date(2027, 2, 11))
    reported = await repos.actions.report_done(acting[la], tasks["F"].id, "Xong", la)
    assert not isinstance(reported, Refusal)
    closed = await repos.actions.close(office, tasks["C"].id, "Đã tổng hợp", date(2027, 2, 11),
                                       tz)
    assert not isinstance(closed, Refusal)
    await repos.meta.set(LAST_RUN_KEY, to_db_time(local(date(2027, 2, 11), 7)))
    clock.set(local(date(2027, 2, 11), 8))
    await harness.emu.wait_idle(timeout=10)
    await asyncio.sleep(1.1)  # the per-chat window of the /start replies
    return World(admin, users[la], users[gai], tasks)


def _id(harness: BotHarness, code: str) -> int:
    agency = harness.services.directory.by_code(code)
    assert agency is not None and agency.id is not None
    return agency.id


def _sheet(document: bytes, key: str) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(document))[plain(key)]
    return [row for row in sheet.iter_rows(values_only=True)
            if any(value is not None for value in row)]


def _tasks_sheet(document: bytes) -> dict[str, tuple[object, ...]]:
    """The task rows by the task's letter."""
    return {str(row[5])[-1]: row for row in _sheet(document, "export.sheet_tasks")[4:]}


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


async def test_a_communes_export_shows_its_own_part_as_its_stats_count_it(
    harness: BotHarness, clock: ManualClock
) -> None:
    """A commune's own report lists each task as its unit lives it (its own deadline,
    completion date and class), and its summary sheet has its row, equal to /stats."""
    w = await _world(harness, clock)
    stats = await harness.ask(w.hong_gai, "/stats")
    assert ("UBND phường Hồng Gai: 6 nhiệm vụ\n   ✅ 1 · ☑️ 2 · 🟡 2 · 🔴 0 · ⚪ 1"
            in stats.plain_text)
    await asyncio.sleep(1.1)
    reply = await harness.emu.ask(w.hong_gai, "/export", timeout=20)
    assert reply.document is not None
    rows = _tasks_sheet(reply.document.content)
    assert sorted(rows) == ["A", "B", "C", "E", "F", "G"]
    # Given until 19/02: not overdue for Hồng Gai.
    assert _day(rows["B"][9]) == date(2027, 2, 19)
    assert rows["B"][10] == "Chưa hoàn thành, trong hạn"
    # Done on 11/02 within the time it was given.
    assert _day(rows["G"][9]) == date(2027, 2, 12)
    assert (rows["G"][10], _day(rows["G"][12])) == ("Hoàn thành đúng hạn", date(2027, 2, 11))
    assert (rows["A"][10], _day(rows["A"][12])) == ("Hoàn thành quá hạn", date(2027, 2, 11))
    assert rows["C"][10] == "Hoàn thành quá hạn"  # closed with the task on 11/02
    summary = {row[1]: row for row in _sheet(reply.document.content, "export.sheet_summary")}
    own = summary["UBND phường Hồng Gai"]
    total = summary["Tổng cộng (mỗi nhiệm vụ tính một lần)"]
    for row in (own, total):
        assert (row[2], row[3], row[5], row[7], row[9], row[11]) == (6, 1, 2, 2, 0, 1)

    # Quảng La's report: its parts done on time, A and G included; F waits for the office.
    await asyncio.sleep(1.1)
    reply = await harness.emu.ask(w.quang_la, "/export", timeout=20)
    assert reply.document is not None
    rows = _tasks_sheet(reply.document.content)
    for letter, on in (("A", date(2027, 2, 2)), ("C", date(2027, 2, 1)),
                       ("G", date(2027, 2, 2))):
        assert (rows[letter][10], _day(rows[letter][12])) == ("Hoàn thành đúng hạn", on)
    assert rows["B"][10] == "Chưa hoàn thành, quá hạn"
    assert str(rows["F"][10]).startswith("Chưa hoàn thành, trong hạn")
    assert "chờ xác nhận" in str(rows["F"][10])
    summary = {row[1]: row for row in _sheet(reply.document.content, "export.sheet_summary")}
    own = summary["UBND xã Quảng La"]
    assert (own[2], own[3], own[5], own[7], own[9], own[11]) == (6, 3, 0, 1, 1, 1)


async def test_the_weekly_summary_and_stats_count_each_unit_once_after_tet(
    harness: BotHarness, clock: ManualClock
) -> None:
    """The summary of Monday 08/02 (Tết) goes out on Thursday 11/02, titled by its week;
    each commune's units are counted once in their class, as /stats counts them, and the
    province's totals (each task once) are the same in the office's summary, /stats and
    the export. /stats of the collective lists its members, not the collective itself."""
    w = await _world(harness, clock)
    await run_due(harness.services)
    assert harness.app is not None
    wake_sender(harness.app)
    emu = harness.emu
    la = await emu.wait_for_message(emu.private_chat(w.quang_la),
                                    lambda m: "Tổng hợp tuần" in m.plain_text, timeout=15)
    assert la.plain_text.startswith("📊 Tổng hợp tuần 08/02–14/02/2027 — UBND xã Quảng La")
    assert ("✅ Hoàn thành đúng hạn: 3\n☑️ Hoàn thành quá hạn: 0\n🟡 Chưa hoàn thành, trong hạn: 1\n"
            "🔴 Chưa hoàn thành, quá hạn: 1\n⚪ Không có thời hạn: 1\nTổng số: 6 nhiệm vụ"
            in la.plain_text)
    assert "05/02/2027, quá hạn 6 ngày" in la.plain_text  # B, due on a day of Tết
    assert "Hoàn thành tuần trước (01/02–07/02/2027): 3" in la.plain_text
    assert "nội dung D" not in la.plain_text  # cancelled
    gai = await emu.wait_for_message(emu.private_chat(w.hong_gai),
                                     lambda m: "Tổng hợp tuần" in m.plain_text, timeout=15)
    assert ("✅ Hoàn thành đúng hạn: 1\n☑️ Hoàn thành quá hạn: 2\n🟡 Chưa hoàn thành, trong hạn: 2\n"
            "🔴 Chưa hoàn thành, quá hạn: 0\n⚪ Không có thời hạn: 1\nTổng số: 6 nhiệm vụ"
            in gai.plain_text)
    assert "Quá hạn" not in gai.plain_text  # B was given until 19/02
    office = await emu.wait_for_message(emu.private_chat(w.admin),
                                        lambda m: "Tổng hợp toàn tỉnh" in m.plain_text,
                                        timeout=15)
    assert "1. UBND xã Quảng La (6): 🔴 1 · 🟡 1 · ✅ 3 · ☑️ 0 · ⚪ 1" in office.plain_text
    assert "2. UBND phường Hồng Gai (6): 🔴 0 · 🟡 2 · ✅ 1 · ☑️ 2 · ⚪ 1" in office.plain_text
    assert "Tổng số: 6 nhiệm vụ" in office.plain_text
    await harness.settle()

    stats = await harness.ask(w.admin, "/stats")
    assert "UBND xã Quảng La: 6 nhiệm vụ\n   ✅ 3 · ☑️ 0 · 🟡 1 · 🔴 1 · ⚪ 1" in stats.plain_text
    assert ("UBND phường Hồng Gai: 6 nhiệm vụ\n   ✅ 1 · ☑️ 2 · 🟡 2 · 🔴 0 · ⚪ 1"
            in stats.plain_text)
    assert "Toàn tỉnh: 6 nhiệm vụ — hoàn thành 3 (50%), quá hạn 1" in stats.plain_text
    await asyncio.sleep(1.1)
    stats = await harness.ask(w.admin, "/stats UBND các xã, phường")
    assert "UBND xã Quảng La: 6 nhiệm vụ" in stats.plain_text
    assert "UBND phường Hồng Gai: 6 nhiệm vụ" in stats.plain_text
    assert "UBND các xã, phường:" not in stats.plain_text
    await asyncio.sleep(1.1)
    reply = await emu.ask(w.admin, "/export", timeout=20)
    assert reply.document is not None
    summary = {row[1]: row for row in _sheet(reply.document.content, "export.sheet_summary")}
    total = summary["Tổng cộng (mỗi nhiệm vụ tính một lần)"]
    # The same totals as the office's summary (each task once).
    assert (f"✅ Hoàn thành đúng hạn: {total[3]}\n☑️ Hoàn thành quá hạn: {total[5]}\n"
            f"🟡 Chưa hoàn thành, trong hạn: {total[7]}\n🔴 Chưa hoàn thành, quá hạn: "
            f"{total[9]}\n⚪ Không có thời hạn: {total[11]}\nTổng số: {total[2]} nhiệm vụ"
            in office.plain_text)

    # Who has not reported: B for Quảng La (overdue), F for Hồng Gai (due tomorrow); not
    # Hồng Gai's B (given until 19/02, beyond the week) nor Quảng La's F (reported done).
    await asyncio.sleep(1.1)
    unreported = await harness.ask(w.admin, "/chuabaocao")
    assert "2 đơn vị, 2 nhiệm vụ" in unreported.plain_text
    assert ("🏢 UBND xã Quảng La (1):\n• #2 UBND các xã, phường thực hiện nội dung B\n"
            "     hạn 05/02/2027, quá hạn 6 ngày" in unreported.plain_text)
    assert ("🏢 UBND phường Hồng Gai (1):\n• #6 UBND các xã, phường thực hiện nội dung F\n"
            "     hạn 12/02/2027, còn 1 ngày" in unreported.plain_text)


async def test_a_task_of_several_units_is_judged_by_each_units_own_deadline(
    harness: BotHarness, clock: ManualClock
) -> None:
    """Task G (due 03/02): Quảng La finished 02/02, Hồng Gai was granted until 12/02 and
    finished 11/02 — every unit on time, so the task is done on time in the totals, /done,
    the card and the export (they said "trễ hạn 8 ngày"). H: Quảng La finished 05/02, two
    days late, Hồng Gai on time within its extension: late by two days, not eight. I: the
    only unit still open was granted until 19/02: within its deadline, not overdue."""
    w = await _world(harness, clock)
    services = harness.services
    repos, tz = services.repos, services.settings.tz
    everyone, la, gai = (_id(harness, code) for code in
                         ("ubnd-cac-xa-phuong", "xa-quang-la", "phuong-hong-gai"))
    _, (h, i) = await repos.conclusions.create(
        NewConclusion(number="13/TB-UBND", issued_on=date(2027, 1, 26)),
        [NewTask(f"UBND các xã, phường thực hiện nội dung {letter}", (everyone,),
                 deadline=date(2027, 2, 3), deadline_kind=DeadlineKind.DATE)
         for letter in "HI"],
        created_by=1001)
    office = await services.access(1001)
    acting = {la: await services.access(QUANG_LA), gai: await services.access(HONG_GAI)}
    for task, unit, until in ((h, gai, date(2027, 2, 12)), (i, gai, date(2027, 2, 19))):
        asked = await repos.actions.request_extension(
            acting[unit], task.id, until, fmt_date(until), "Chờ số liệu", unit)
        assert not isinstance(asked, Refusal)
        assert not isinstance(await repos.actions.approve_extension(office, task.id, asked.id),
                              Refusal)
    for task, unit, on in ((h, la, date(2027, 2, 5)), (h, gai, date(2027, 2, 11)),
                           (i, la, date(2027, 2, 2))):
        report = await repos.actions.report_done(acting[unit], task.id, "Xong", unit)
        assert not isinstance(report, Refusal)
        assert not isinstance(
            await repos.actions.confirm_done(office, task.id, report.id, tz, on), Refusal)
    await harness.emu.wait_idle(timeout=10)
    await asyncio.sleep(1.1)
    g = w.tasks["G"]

    # The totals: A, C (Hồng Gai closed late by the office) and H late, G on time; B
    # overdue (Quảng La); F and I within their deadlines; E without one; D cancelled.
    today = date(2027, 2, 11)
    totals = await repos.tasks.class_totals(today)
    assert (totals.done_on_time, totals.done_late, totals.in_progress, totals.overdue,
            totals.no_deadline) == (1, 3, 2, 1, 1)
    stats = await harness.ask(w.admin, "/stats")
    assert "Toàn tỉnh: 8 nhiệm vụ — hoàn thành 4 (50%), quá hạn 1" in stats.plain_text

    await asyncio.sleep(1.1)
    done = (await harness.ask(w.admin, "/done")).plain_text
    assert "hoàn thành 11/02/2027 (đúng hạn)" in _entry(done, g.id)
    assert "hoàn thành 11/02/2027 (trễ hạn 2 ngày)" in _entry(done, h.id)

    await asyncio.sleep(1.1)
    card = (await harness.ask(w.admin, f"/task {g.id}")).plain_text
    assert "Hoàn thành đúng hạn" in card.split("\n")[0]
    assert "⏰ Thời hạn: 03/02/2027 (đơn vị được gia hạn muộn nhất đến 12/02/2027)" in card
    await asyncio.sleep(1.1)
    card = (await harness.ask(w.admin, f"/task {i.id}")).plain_text
    assert "🟡" in card.split("\n")[0]
    assert ("⏰ Thời hạn: 03/02/2027 (đơn vị chưa hoàn thành được gia hạn, hạn gần nhất"
            " 19/02/2027) — còn 8 ngày") in card
    await asyncio.sleep(1.1)
    overdue = (await harness.ask(w.admin, "/overdue")).plain_text
    assert f"#{w.tasks['B'].id} " in overdue and f"#{i.id} " not in overdue

    await asyncio.sleep(1.1)
    reply = await harness.emu.ask(w.admin, "/export", timeout=20)
    assert reply.document is not None
    rows = _tasks_sheet(reply.document.content)
    # The deadline column keeps the notice's date (03/02); the class says why a task done
    # or open after it is within its deadline, as the card does.
    assert _day(rows["G"][9]) == _day(rows["I"][9]) == date(2027, 2, 3)
    assert rows["G"][10] == "Hoàn thành đúng hạn (đơn vị được gia hạn muộn nhất đến 12/02/2027)"
    assert rows["H"][10] == "Hoàn thành quá hạn"
    assert rows["I"][10] == ("Chưa hoàn thành, trong hạn (đơn vị chưa hoàn thành được gia hạn,"
                             " hạn gần nhất 19/02/2027)")
    summary = {row[1]: row for row in _sheet(reply.document.content, "export.sheet_summary")}
    total = summary["Tổng cộng (mỗi nhiệm vụ tính một lần)"]
    assert (total[2], total[3], total[5], total[7], total[9], total[11]) == (8, 1, 3, 2, 1, 1)


def _entry(listing: str, task_id: int) -> str:
    """A list's two lines for the task."""
    lines = listing.split("\n")
    at = next(n for n, line in enumerate(lines) if f"#{task_id} " in line)
    return "\n".join(lines[at:at + 2])
