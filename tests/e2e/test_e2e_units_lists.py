"""End to end: lists and the list of units, for a task to all 54 units of tỉnh Quảng Ninh.

Officials of three communes (the sample directory's) hold their units in different states:
xã Quảng La reported progress, phường Hồng Gai reported done, xã Cái Chiên was granted
more time. The states are set through the repositories' actions (what the buttons call,
tested in test_e2e_units_chat); what each person then reads goes through the real bot.
"""

from __future__ import annotations

import asyncio
from datetime import date

from bot.core.actions import Refusal
from bot.core.models import DeadlineKind, NewConclusion, NewTask
from emulator import EmuUser, SentMessage
from tests.support.harness import BotHarness
from tests.support.units_data import CAI_CHIEN, HONG_GAI, QUANG_LA, World, world

DUE = date(2024, 9, 20)  # three days before the clock's Monday 23/09/2024


async def _setup(harness: BotHarness) -> tuple[World, int, dict[int, EmuUser]]:
    services = harness.services
    w = await world(services)
    users = {}
    for user_id, name in ((QUANG_LA, "Cán bộ Quảng La"), (HONG_GAI, "Cán bộ Hồng Gai"),
                          (CAI_CHIEN, "Cán bộ Cái Chiên")):
        users[user_id] = harness.person(user_id, name)
        await harness.ask(users[user_id], "/start")
    await harness.ask(harness.admin(), "/start")
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(number="88/TB-UBND", issued_on=date(2024, 9, 10)),
        [NewTask("UBND các xã, phường tổng rà soát hộ nghèo năm 2024", (w.everyone,),
                 deadline=DUE, deadline_kind=DeadlineKind.DATE)],
        created_by=1001)
    actions = services.repos.actions
    admin = await services.access(1001)
    assert not isinstance(await actions.report_progress(
        await services.access(QUANG_LA), task.id, "Đã rà soát 6/9 thôn"), Refusal)
    assert not isinstance(await actions.report_done(
        await services.access(HONG_GAI), task.id, "Xong"), Refusal)
    request = await actions.request_extension(
        await services.access(CAI_CHIEN), task.id, date(2024, 10, 15), "15/10/2024",
        "Đảo xa, chờ tàu")
    assert not isinstance(request, Refusal)
    assert not isinstance(await actions.approve_extension(admin, task.id, request.id), Refusal)
    await harness.emu.wait_idle(timeout=10)
    await asyncio.sleep(1.1)
    return w, task.id, users


def _row(listing: SentMessage, task_id: int) -> str:
    """The two lines of a list's entry for the task."""
    lines = listing.plain_text.split("\n")
    at = next(i for i, line in enumerate(lines) if f"#{task_id} " in line)
    return "\n".join(lines[at:at + 2])


async def test_each_commune_reads_the_task_as_its_own_unit_lives_it(
    harness: BotHarness,
) -> None:
    _, task_id, users = await _setup(harness)
    quang_la, hong_gai, cai_chien = users[QUANG_LA], users[HONG_GAI], users[CAI_CHIEN]

    row = _row(await harness.ask(quang_la, "/tasks"), task_id)
    assert row.startswith("🔴") and "20/09/2024, quá hạn 3 ngày" in row
    assert _row(await harness.ask(hong_gai, "/tasks"), task_id).startswith("🕓")
    row = _row(await harness.ask(cai_chien, "/tasks"), task_id)
    assert row.startswith("🟡") and "15/10/2024, còn 22 ngày" in row
    assert "UBND các xã, phường" in row  # the lead the notice named

    assert f"#{task_id}" in (await harness.ask(quang_la, "/overdue")).plain_text
    assert f"#{task_id}" not in (await harness.ask(cai_chien, "/overdue")).plain_text
    row = _row(await harness.ask(cai_chien, "/upcoming 30"), task_id)
    assert "15/10/2024, còn 22 ngày" in row
    row = _row(await harness.ask(cai_chien, "/find ra soat ho ngheo"), task_id)
    assert row.startswith("🟡") and "15/10/2024" in row
    stats = await harness.ask(cai_chien, "/stats")
    assert "UBND xã Cái Chiên: 1 nhiệm vụ" in stats.plain_text
    assert "🟡 1 · 🔴 0" in stats.plain_text

    # The office reads the task's own state and how many units are done.
    row = _row(await harness.ask(harness.admin(), "/tasks"), task_id)
    assert row.startswith("🔴") and "UBND các xã, phường · 0/54 đơn vị xong" in row
    # A department's official does not see it at all.
    finance = harness.person(3201, "Cán bộ Tài chính")
    assert f"#{task_id}" not in (await harness.ask(finance, "/find ho ngheo")).plain_text


async def test_the_units_not_done_page_by_page_with_where_each_stands(
    harness: BotHarness,
) -> None:
    _, task_id, users = await _setup(harness)
    emu = harness.emu
    admin = harness.admin()
    card = await harness.ask(admin, f"/task {task_id}")
    assert "0/54 đơn vị đã hoàn thành · 1 đơn vị chờ xác nhận" in card.plain_text
    await harness.press(admin, card, "📋 Đơn vị chưa hoàn thành (54)")
    listing = await emu.wait_for_message(admin.id, lambda m: "Đơn vị chưa hoàn thành" in
                                         m.plain_text, timeout=10, after=0)
    assert listing.plain_text.startswith(f"📋 Nhiệm vụ #{task_id} — UBND các xã, phường tổng")
    assert "Đơn vị chưa hoàn thành: 54/54" in listing.plain_text
    pages = [listing.plain_text]
    while "Trang sau »" in listing.button_texts():
        await harness.press(admin, listing, "Trang sau »")
        pages.append(listing.plain_text)  # the same message, edited in place
    assert [page.count("\n• ") for page in pages] == [15, 15, 15, 9]
    assert "Trang 4/4" in pages[-1]
    text = "\n".join(pages)
    assert "• UBND phường Hồng Gai — đã báo hoàn thành, chờ xác nhận\n" in text
    assert "• UBND xã Quảng La — đã báo cáo tiến độ 23/09 · quá hạn 3 ngày\n" in text
    assert "• UBND xã Cái Chiên — chưa báo cáo · đã gia hạn đến 15/10/2024\n" in text
    assert "• UBND xã Thống Nhất — chưa báo cáo · quá hạn 3 ngày" in text
    names = [line.split(" — ")[0] for line in text.split("\n") if line.startswith("• ")]
    assert len(names) == len(set(names)) == 54
    # In the order Vietnamese readers sort names: "Đông Mai" among the D, "Hà An" before
    # "Hoành Bồ".
    assert (names.index("• UBND phường Cửa Ông") < names.index("• UBND phường Đông Mai")
            < names.index("• UBND phường Hà An") < names.index("• UBND phường Hoành Bồ"))
    await harness.press(admin, listing, "« Trang trước")
    assert listing.plain_text == pages[-2]
    assert all(len((data or "").encode()) <= 64 for _, data in listing.buttons())

    # A commune's official may read it too; its own unit is one line among the others.
    quang_la = users[QUANG_LA]
    card = await harness.ask(quang_la, f"/task {task_id}")
    await harness.press(quang_la, card, "📋 Đơn vị chưa hoàn thành (54)")
    theirs = await emu.wait_for_message(emu.private_chat(quang_la), lambda m: "Đơn vị chưa"
                                        in m.plain_text, timeout=10)
    assert theirs.plain_text.split("\n")[3:] == pages[0].split("\n")[3:]


async def test_the_card_carries_four_units_decisions_and_says_how_many_more_wait(
    harness: BotHarness,
) -> None:
    services = harness.services
    w = await world(services)
    everyone = services.directory.by_id(w.everyone)
    assert everyone is not None
    communes = [a for a in services.directory.members_of(everyone) if a.id is not None][:5]
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(number="91/TB-UBND"),
        [NewTask("UBND các xã, phường kiểm kê đất công", (w.everyone,), deadline=DUE,
                 deadline_kind=DeadlineKind.DATE)],
        created_by=1001)
    for number, commune in enumerate(communes):
        assert commune.id is not None
        await services.repos.memberships.add(4000 + number, commune.id, added_by=1001)
        done = await services.repos.actions.report_done(
            await services.access(4000 + number), task.id, f"Xong {number}")
        assert not isinstance(done, Refusal)
    admin = harness.admin()
    card = await harness.ask(admin, f"/task {task.id}")
    confirms = [b for b in card.button_texts() if b.startswith("✅ Xác nhận hoàn thành — ")]
    returns = [b for b in card.button_texts() if b.startswith("↩️ Trả lại — ")]
    assert confirms == [f"✅ Xác nhận hoàn thành — {c.name}" for c in communes[:4]]
    assert returns == [f"↩️ Trả lại — {c.name}" for c in communes[:4]]
    assert "Còn 1 báo cáo hoàn thành hoặc đề nghị gia hạn khác" in card.plain_text
    await harness.press(admin, card, confirms[0])
    card = await harness.ask(admin, f"/task {task.id}")
    assert [b for b in card.button_texts() if b.startswith("✅ Xác nhận")] == [
        f"✅ Xác nhận hoàn thành — {c.name}" for c in communes[1:]]
    assert "Còn " not in card.plain_text
    assert "1/54 đơn vị đã hoàn thành · 4 đơn vị chờ xác nhận" in card.plain_text
