"""End to end: people are told when it concerns them (issue #14).

The office gets one digest of progress reports instead of one message per report, and can
turn it off; an agency's chats are told when the office changes its task, agencies taken
off the task included; /tasks and /overdue work in a linked group, for its agencies.
"""

from __future__ import annotations

from datetime import date

from bot.texts import plain
from bot.usecases import digests
from emulator import EmuChat, EmuUser, SentMessage
from handlers.context import wake_sender
from handlers.prefs import PREF_DIGEST
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, MEMBER_B, MEMBER_C, Seeded, seed
from tests.support.reminder_data import local

GROUP = -4300


async def _linked_group(harness: BotHarness, agency: str, chat_id: int = GROUP) -> EmuChat:
    emu, admin = harness.emu, harness.admin()
    group = emu.group(chat_id, f"{agency} — điều hành")
    emu.add_bot_to_group(group, admin)
    await emu.wait_for_message(group, timeout=10)
    await harness.ask(admin, f"/link {agency}", chat=group)
    return group


def _last_seq(harness: BotHarness, chat: EmuChat | int) -> int:
    messages = harness.emu.messages(chat)
    return messages[-1].seq if messages else 0


async def _told_message(
    harness: BotHarness, chat: EmuChat | int, after: int, words: str
) -> SentMessage:
    """The first message in ``chat`` after ``after`` that contains ``words``."""
    return await harness.emu.wait_for_message(
        chat, lambda m: words in m.plain_text, timeout=10, after=after)


async def _told(harness: BotHarness, chat: EmuChat | int, after: int, words: str) -> str:
    return (await _told_message(harness, chat, after, words)).plain_text


def _said_since(harness: BotHarness, chat: EmuChat | int, after: int) -> list[str]:
    return [m.plain_text for m in harness.emu.messages(chat) if m.seq > after]


async def _answer(harness: BotHarness, user: EmuUser, text: str) -> list[SentMessage]:
    chat = harness.emu.private_chat(user)
    after = _last_seq(harness, chat)
    harness.emu.send_text(user, text)
    await harness.emu.wait_for_message(chat, timeout=10, after=after)
    await harness.emu.wait_idle(timeout=10)
    return [m for m in harness.emu.messages(chat) if m.seq > after]


# ----------------------------------------------------------------------------- groups


async def test_tasks_and_overdue_in_a_linked_group_show_its_agencies_only(
    harness: BotHarness,
) -> None:
    data = await seed(harness.services)
    admin, hung = harness.admin(), harness.person(MEMBER_A, "Hùng")
    group = await _linked_group(harness, "Sở Nội vụ")
    land, building = data.tasks["land"].id, data.tasks["building"].id
    budget = data.tasks["budget"].id  # led by Sở Tài chính, Sở Nội vụ supports it

    for user in (hung, admin):  # the admin too: a group shows its agencies, not the province
        listing = (await harness.ask(user, "/tasks", chat=group)).plain_text
        assert f"#{land} " in listing and f"#{budget} " in listing
        assert f"#{building} " not in listing
    overdue = (await harness.ask(hung, "/overdue", chat=group)).plain_text
    assert f"#{land} " in overdue and f"#{budget} " not in overdue

    stranger = harness.person(3999, "Khách")
    refused = (await harness.ask(stranger, "/tasks", chat=group)).plain_text
    assert "chỉ hiển thị cho cán bộ" in refused and "#" not in refused
    assert (await harness.ask(hung, "/upcoming", chat=group)).plain_text == plain(
        "error.private_only", "vi")
    other = harness.emu.group(-4301, "Nhóm chưa liên kết")
    harness.emu.add_bot_to_group(other, admin)
    await harness.emu.wait_for_message(other, timeout=10)
    assert (await harness.ask(hung, "/tasks", chat=other)).plain_text == plain(
        "group.not_linked", "vi")


# ----------------------------------------------------------------------------- changes


async def _setup_changes(harness: BotHarness) -> tuple[Seeded, EmuChat, EmuUser]:
    """Sở Nội vụ's group, and Quang's private chat following Sở Xây dựng."""
    data = await seed(harness.services)
    group = await _linked_group(harness, "Sở Nội vụ")
    quang = harness.person(MEMBER_C, "Quang")
    await harness.ask(quang, "/start")
    xay_dung = harness.services.directory.resolve("Sở Xây dựng")
    assert xay_dung is not None and xay_dung.current.id is not None
    await harness.services.repos.chats.subscribe(MEMBER_C, xay_dung.current.id, 1001)
    return data, group, quang


async def test_agencies_are_told_when_the_office_changes_their_task(
    harness: BotHarness,
) -> None:
    data, group, quang = await _setup_changes(harness)
    admin = harness.admin()
    land = data.tasks["land"].id  # Sở Nội vụ leads it, due 10/09/2024
    quang_chat = harness.emu.private_chat(quang)

    # The deadline: Sở Nội vụ's group is told, Sở Xây dựng (not on the task) is not.
    card = await harness.ask(admin, f"/task {land}")
    await harness.press(admin, card, "⏰ Đổi thời hạn")
    mark, quiet = _last_seq(harness, group), _last_seq(harness, quang_chat)
    await _answer(harness, admin, "15/10/2024")
    said = await _told(harness, group, mark, "đổi thời hạn")
    assert f"Nhiệm vụ #{land}" in said
    assert "Thời hạn cũ: 10/09/2024\n" in said and "Thời hạn mới: 15/10/2024" in said

    # The agencies: Sở Xây dựng now leads; both the old and the new agency are told.
    card = await harness.ask(admin, f"/task {land}")
    await harness.press(admin, card, "🏢 Đổi cơ quan")
    mark = _last_seq(harness, group)
    asked = await _answer(harness, admin, "Sở Xây dựng")
    await harness.press(admin, asked[-1], "Không có cơ quan phối hợp")
    old = await _told(harness, group, mark, "đổi cơ quan")
    assert "Sở Nội vụ không còn tham gia thực hiện nhiệm vụ này" in old
    new = await _told(harness, quang_chat, quiet, "đổi cơ quan")
    assert "Cơ quan chủ trì: Sở Xây dựng" in new and "không còn tham gia" not in new

    # Cancelled with a reason, then reopened: only the task's agency now.
    card = await harness.ask(admin, f"/task {land}")
    await harness.press(admin, card, "🚫 Hủy nhiệm vụ")
    mark, quiet = _last_seq(harness, group), _last_seq(harness, quang_chat)
    await _answer(harness, admin, "Đã giao trong Thông báo số 200/TB-UBND")
    cancelled = await _told(harness, quang_chat, quiet, "đã hủy")
    assert "Lý do: Đã giao trong Thông báo số 200/TB-UBND" in cancelled
    card = await harness.ask(admin, f"/task {land}")
    quiet = _last_seq(harness, quang_chat)
    await harness.press(admin, card, "↩️ Mở lại nhiệm vụ")
    assert "15/10/2024" in await _told(harness, quang_chat, quiet, "mở lại")
    assert _said_since(harness, group, mark) == []

    card = await harness.ask(admin, f"/task {land}")
    await harness.press(admin, card, "✏️ Sửa nội dung")
    quiet = _last_seq(harness, quang_chat)
    await _answer(harness, admin, "Rà soát quy hoạch sử dụng đất giai đoạn 2026-2030")
    assert "Nội dung mới: Rà soát quy hoạch sử dụng đất giai đoạn 2026-2030" in await _told(
        harness, quang_chat, quiet, "sửa nội dung")


# ----------------------------------------------------------------------------- digest


async def _report(harness: BotHarness, user: EmuUser, task_id: int, text: str) -> None:
    card = await harness.ask(user, f"/task {task_id}")
    await harness.press(user, card, plain("act.btn.progress", "vi"))
    await _answer(harness, user, text)


async def test_the_office_gets_one_digest_of_progress_reports_and_may_turn_it_off(
    harness: BotHarness,
) -> None:
    services, emu, clock = harness.services, harness.emu, harness.clock
    data = await seed(services)
    admin = harness.admin()
    await harness.ask(admin, "/start")
    admin_chat = emu.private_chat(admin)
    await digests.run(services)  # the job's first run: Monday 23/09/2024 08:00
    clock.set(local(date(2024, 9, 23), 9))
    hung, mai = harness.person(MEMBER_A, "Hùng"), harness.person(MEMBER_B, "Mai")
    mark = _last_seq(harness, admin_chat)
    await _report(harness, hung, data.tasks["land"].id, "Đã rà soát xong 5/9 huyện")
    await _report(harness, hung, data.tasks["land"].id, "Đang tổng hợp ý kiến các sở")
    await _report(harness, mai, data.tasks["budget"].id, "Giải ngân đạt 61% kế hoạch vốn")
    assert _said_since(harness, admin_chat, mark) == []  # nothing per report

    clock.set(local(date(2024, 9, 23), 16, 31))
    await digests.run(services)
    assert harness.app is not None
    wake_sender(harness.app)
    message = await _told_message(harness, admin_chat, mark, "Báo cáo tiến độ mới")
    digest = message.plain_text
    assert "3 báo cáo" in digest
    assert digest.index("Đã rà soát xong 5/9 huyện") < digest.index("Đang tổng hợp ý kiến")
    assert digest.count(f"#{data.tasks['land'].id} ") == 1  # a task once, its reports under
    assert "Hùng (" in digest and "Giải ngân đạt 61%" in digest
    assert message.button_texts() == [f"#{data.tasks['land'].id}",
                                      f"#{data.tasks['budget'].id}"]

    # Members cannot switch the office's digest, even with the button's data.
    panel = await harness.ask(hung, "/settings")
    forged = emu.press_button(hung, panel, data=services.button(PREF_DIGEST))
    assert (await emu.wait_for_callback_answer(forged, timeout=10)).show_alert
    # The admin turns it off: the next working day's reports are not sent to them.
    panel = await harness.ask(admin, "/settings")
    assert "Tổng hợp báo cáo tiến độ của các cơ quan (gửi lúc 16:30 ngày làm việc): bật" \
        in panel.plain_text
    await harness.press(admin, panel, plain("prefs.digest_button", "vi"))
    assert plain("prefs.digest_button_off", "vi") in panel.button_texts()
    clock.set(local(date(2024, 9, 24), 9))
    await _report(harness, hung, data.tasks["land"].id, "Đã gửi dự thảo báo cáo")
    mark = _last_seq(harness, admin_chat)
    clock.set(local(date(2024, 9, 24), 16, 31))
    assert await digests.run(services) == 0
    assert _said_since(harness, admin_chat, mark) == []
