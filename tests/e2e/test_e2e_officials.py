"""End to end: officials list, open, report on and ask about tasks; admins decide.

Members are created through the repositories (joining is another feature); every step
goes through the real bot and the emulator, and the database is checked afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.actions import CONFIRM, DONE, EXTEND, PROGRESS, REJECT, action_button_specs
from bot.core.clock import ManualClock
from bot.core.models import DeadlineKind, EventKind, NewConclusion, NewTask, TaskStatus
from bot.core.status import StatusClass, classify_task
from bot.usecases.acting import OPEN_TASK
from emulator import EmuUser, SentMessage
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, MEMBER_B, MEMBER_C, STRANGER, Seeded, seed

TODAY = date(2024, 9, 23)


async def _card(harness: BotHarness, user: EmuUser, task_id: int) -> SentMessage:
    return await harness.ask(user, f"/task {task_id}")


async def _admin_notice(harness: BotHarness) -> SentMessage:
    return await harness.emu.wait_for_message(harness.admin().id, timeout=10)


async def _setup(harness: BotHarness) -> tuple[Seeded, EmuUser, EmuUser, EmuUser]:
    data = await seed(harness.services)
    await harness.ask(harness.admin(), "/start")  # the admin's private chat exists
    return (data, harness.person(MEMBER_A, "Hùng"), harness.person(MEMBER_B, "Mai"),
            harness.person(MEMBER_C, "Quang"))


async def test_member_lists_open_tasks_most_urgent_first_with_paging(
    harness: BotHarness,
) -> None:
    data, hung, _, _ = await _setup(harness)
    a = data.a
    extra = [NewTask(f"Việc bổ sung số {i}", (a,), (), str(i), TODAY + timedelta(days=40 + i),
                     None, DeadlineKind.DATE) for i in range(6)]
    await harness.services.repos.conclusions.create(NewConclusion(), extra, None)
    first = await harness.ask(hung, "/tasks")
    text = first.plain_text
    assert "12 nhiệm vụ" in text and "Trang 1/2" in text
    t = data.tasks
    order = [text.index(f"#{t[k].id} ") for k in ("land", "digital", "budget", "later")]
    assert order == sorted(order)
    assert "quá hạn 13 ngày" in text and "còn 7 ngày" in text
    assert f"#{t['building'].id} " not in text  # another agency's task
    assert first.button_texts()[:2] == [f"#{t['land'].id}", f"#{t['digital'].id}"]
    await harness.press(hung, first, "Trang sau »")
    assert "Trang 2/2" in first.plain_text
    assert f"#{t['conference'].id} " in first.plain_text  # no deadline comes last
    assert "không có thời hạn" in first.plain_text
    await harness.press(hung, first, "« Trang trước")
    assert "Trang 1/2" in first.plain_text
    harness.emu.press_button(hung, first, text=f"#{t['land'].id}")
    card = await harness.emu.wait_for_message(hung.id)
    assert "Rà soát quy hoạch" in card.plain_text


async def test_card_shows_everything_an_official_needs(harness: BotHarness) -> None:
    data, hung, mai, _ = await _setup(harness)
    card = await _card(harness, hung, data.tasks["digital"].id)
    text = card.plain_text
    for expected in ("Đẩy mạnh chuyển đổi số", "Sở LĐ-TB&XH", "123/TB-UBND", "05/09/2024",
                     "Cơ quan chủ trì: Sở Nội vụ", "Cơ quan phối hợp: Sở Tài chính", "20/09/2024",
                     "trước ngày 20/9/2024", "quá hạn 3 ngày", "Giao nhiệm vụ"):
        assert expected in text, expected
    assert card.button_texts() == [
        "📝 Báo cáo tiến độ", "✅ Báo cáo hoàn thành", "⏳ Đề nghị gia hạn"]
    support_card = await _card(harness, mai, data.tasks["digital"].id)
    assert support_card.button_texts() == ["📝 Báo cáo tiến độ"]


async def test_progress_done_confirm_on_time_and_late(
    harness: BotHarness, clock: ManualClock
) -> None:
    data, hung, mai, _ = await _setup(harness)
    emu = harness.emu
    later, digital = data.tasks["later"].id, data.tasks["digital"].id
    card = await _card(harness, hung, later)
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    assert "Báo cáo tiến độ" in emu.messages(hung.id)[-1].plain_text
    saved = await harness.ask(hung, "Đã dự thảo xong đề án, đang lấy ý kiến")
    assert "Đã ghi nhận" in saved.plain_text
    # With a file: a supporting member may report progress too.
    support_card = await _card(harness, mai, digital)
    await harness.press(mai, support_card, "📝 Báo cáo tiến độ")
    emu.send_document(mai, "bao-cao.pdf", b"%PDF-1.4 test", "application/pdf",
                      caption="Số liệu phối hợp quý III")
    saved = await emu.wait_for_message(mai.id)
    assert "kèm tệp" in saved.plain_text
    progress = await harness.services.repos.tasks.latest_event(digital, EventKind.PROGRESS)
    assert progress is not None and progress.actor_id == MEMBER_B
    assert progress.note == "Số liệu phối hợp quý III" and progress.data["file_id"]
    card = await _card(harness, hung, digital)
    assert "Số liệu phối hợp quý III" in card.plain_text  # latest report on the card
    await harness.press(hung, card, "📎 Tệp kèm báo cáo gần nhất")
    sent = await emu.wait_for_message(hung.id, lambda m: m.document is not None)
    assert sent.document is not None and sent.document.file_id == progress.data["file_id"]
    # A file without caption: the bot asks for the words.
    card = await _card(harness, hung, later)
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    emu.send_document(hung, "du-thao.docx", b"PK test")
    assert "Đã nhận tệp" in (await emu.wait_for_message(hung.id)).plain_text
    assert "kèm tệp" in (await harness.ask(hung, "Dự thảo lần 2")).plain_text

    # Done on time: reported today (deadline 15/10), confirmed days later.
    card = await _card(harness, hung, later)
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    reply = await harness.ask(hung, "Đã trình UBND tỉnh tại Tờ trình số 12/TTr-SNV")
    assert "Văn phòng UBND tỉnh" in reply.plain_text
    notice = await _admin_notice(harness)
    assert "12/TTr-SNV" in notice.plain_text and "Hùng" in notice.plain_text
    task = await harness.services.repos.tasks.get(later)
    assert task is not None and task.status is TaskStatus.REPORTED_DONE
    assert "✅ Báo cáo hoàn thành" not in (await _card(harness, hung, later)).button_texts()
    # The completion report is the card's latest report now, not the older progress one.
    card = await _card(harness, hung, later)
    assert "✅ Báo cáo hoàn thành (" in card.plain_text and "12/TTr-SNV" in card.plain_text
    assert "Báo cáo tiến độ gần nhất" not in card.plain_text
    clock.advance(timedelta(days=30))
    answer = await harness.press(harness.admin(), notice, "✅ Xác nhận hoàn thành")
    assert "xác nhận" in (answer.text or "")
    told = await emu.wait_for_message(hung.id, lambda m: "Đã xác nhận hoàn thành" in m.plain_text)
    assert "đúng hạn" in told.plain_text and "23/09/2024" in told.plain_text
    await emu.wait_for_edit(notice, lambda m: not m.button_texts())
    task = await harness.services.repos.tasks.get(later)
    assert task is not None and task.status is TaskStatus.DONE and task.completed_on == TODAY
    assert classify_task(task, harness.services.today()) is StatusClass.DONE_ON_TIME
    # Pressing again (or another admin's copy) changes nothing.
    again = await harness.press(harness.admin(), notice, "✅ Xác nhận hoàn thành") \
        if notice.button_texts() else None
    assert again is None

    # Done late: the overdue task, reported now.
    card = await _card(harness, hung, digital)
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Đã số hóa toàn bộ hồ sơ")
    notice = await _admin_notice(harness)
    assert "trễ hạn 33 ngày" in notice.plain_text
    await harness.press(harness.admin(), notice, "✅ Xác nhận hoàn thành")
    # The lead's notice comes through the outbox: wait for it, or /done's reply races it.
    await emu.wait_for_message(hung.id, lambda m: "Đã xác nhận hoàn thành" in m.plain_text
                               and f"#{digital}:" in m.plain_text)
    task = await harness.services.repos.tasks.get(digital)
    assert task is not None and task.status is TaskStatus.DONE
    assert classify_task(task, harness.services.today()) is StatusClass.DONE_LATE
    done = await harness.ask(hung, "/done")
    assert f"#{later} " in done.plain_text and f"#{digital} " in done.plain_text
    assert "trễ hạn 33 ngày" in done.plain_text and "đúng hạn" in done.plain_text


async def test_admin_returns_a_done_report_with_a_note(harness: BotHarness) -> None:
    data, hung, _, _ = await _setup(harness)
    emu = harness.emu
    admin = harness.admin()
    land = data.tasks["land"].id
    card = await _card(harness, hung, land)
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Đã rà soát")
    notice = await _admin_notice(harness)
    await harness.press(admin, notice, "↩️ Trả lại")
    assert "Trả lại" in emu.messages(admin.id)[-1].plain_text
    await harness.restart()  # the pending note survives a restart
    reply = await harness.ask(admin, "Chưa có biên bản rà soát của các huyện")
    assert "Đã trả lại" in reply.plain_text
    told = await emu.wait_for_message(hung.id, lambda m: "chưa được xác nhận" in m.plain_text)
    assert "Chưa có biên bản rà soát" in told.plain_text
    # The agency can report again from the notice itself.
    assert "✅ Báo cáo hoàn thành" in told.button_texts()
    task = await harness.services.repos.tasks.get(land)
    assert task is not None and task.status is TaskStatus.OPEN
    returned = await harness.services.repos.tasks.latest_event(land, EventKind.DONE_RETURNED)
    assert returned is not None and returned.note == "Chưa có biên bản rà soát của các huyện"
    answer = await harness.press(admin, notice, "✅ Xác nhận hoàn thành") \
        if notice.button_texts() else None
    assert answer is None  # the notice's buttons were taken off
    # The stale decision button, pressed anyway, is refused and changes nothing.
    data_confirm = harness.services.button(CONFIRM, land, returned.data["report"])
    update = emu.press_button(admin, notice, data=data_confirm)
    answer = await emu.wait_for_callback_answer(update, timeout=10)
    assert "đã được xử lý" in (answer.text or "")
    task = await harness.services.repos.tasks.get(land)
    assert task is not None and task.status is TaskStatus.OPEN


async def test_extension_approved_and_rejected_keep_the_original_deadline(
    harness: BotHarness,
) -> None:
    data, hung, _, _ = await _setup(harness)
    emu = harness.emu
    admin = harness.admin()
    digital, later = data.tasks["digital"].id, data.tasks["later"].id
    card = await _card(harness, hung, digital)
    await harness.press(hung, card, "⏳ Đề nghị gia hạn")
    assert "không có trên lịch" in (await harness.ask(hung, "31/2/2025")).plain_text
    assert "phải sau" in (await harness.ask(hung, "15/9/2024")).plain_text \
        or "đã qua" in emu.messages(hung.id)[-1].plain_text
    assert "lý do" in (await harness.ask(hung, "31/10/2024")).plain_text
    await harness.ask(hung, "Chờ kinh phí số hóa")
    notice = await _admin_notice(harness)
    assert "31/10/2024" in notice.plain_text and "20/09/2024" in notice.plain_text
    await harness.press(admin, notice, "👍 Chấp thuận gia hạn")
    told = await emu.wait_for_message(hung.id, lambda m: "Chấp thuận gia hạn" in m.plain_text)
    assert "31/10/2024" in told.plain_text and "20/09/2024" in told.plain_text
    card = await _card(harness, hung, digital)
    assert "31/10/2024" in card.plain_text
    assert "Chấp thuận gia hạn: 20/09/2024 → 31/10/2024" in card.plain_text
    task = await harness.services.repos.tasks.get(digital)
    assert task is not None and task.deadline == date(2024, 10, 31)

    card = await _card(harness, hung, later)
    await harness.press(hung, card, "⏳ Đề nghị gia hạn")
    await harness.ask(hung, "+60")
    await harness.ask(hung, "Cần thêm thời gian thẩm định")
    notice = await _admin_notice(harness)
    await harness.press(admin, notice, "👎 Không chấp thuận")
    await harness.ask(admin, "Đề án phải trình kỳ họp tháng 10")
    told = await emu.wait_for_message(hung.id, lambda m: "Không chấp thuận" in m.plain_text)
    assert "15/10/2024" in told.plain_text and "kỳ họp tháng 10" in told.plain_text
    task = await harness.services.repos.tasks.get(later)
    assert task is not None and task.deadline == date(2024, 10, 15)
    card = await _card(harness, hung, later)
    assert "Không chấp thuận gia hạn" in card.plain_text
    # Approving the rejected request afterwards (stale button data) is refused.
    events = await harness.services.repos.tasks.events(later)
    request = next(e for e in events if e.kind is EventKind.EXTENSION_REQUESTED)
    update = emu.press_button(admin, notice, data=harness.services.button("oa", later,
                                                                          request.id))
    answer = await emu.wait_for_callback_answer(update, timeout=10)
    assert "đã được xử lý" in (answer.text or "")
    task = await harness.services.repos.tasks.get(later)
    assert task is not None and task.deadline == date(2024, 10, 15)


async def test_recurring_task_rolls_on_after_confirmation(harness: BotHarness) -> None:
    data, hung, _, _ = await _setup(harness)
    monthly = data.tasks["monthly"].id
    card = await _card(harness, hung, monthly)
    assert "⏳ Đề nghị gia hạn" not in card.button_texts()
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Báo cáo tháng 9 số 50/BC-SNV")
    await harness.press(harness.admin(), await _admin_notice(harness), "✅ Xác nhận hoàn thành")
    told = await harness.emu.wait_for_message(hung.id, lambda m: "Kỳ tiếp theo" in m.plain_text)
    assert "31/10/2024" in told.plain_text
    task = await harness.services.repos.tasks.get(monthly)
    assert task is not None and task.status is TaskStatus.OPEN
    assert task.deadline == date(2024, 10, 31)


async def test_find_without_diacritics_and_lists_match_the_database(
    harness: BotHarness,
) -> None:
    data, hung, mai, quang = await _setup(harness)
    services = harness.services
    found = await harness.ask(hung, "/find so hoa ho so")
    assert f"#{data.tasks['digital'].id} " in found.plain_text and "1 nhiệm vụ" in found.plain_text
    assert "Không tìm thấy nhiệm vụ nào" in (await harness.ask(quang, "/find so hoa")).plain_text
    assert "Cách dùng" in (await harness.ask(hung, "/find")).plain_text
    for user, agency in ((hung, data.a), (mai, data.b), (quang, data.c)):
        overdue = await services.repos.queries.overdue([agency], TODAY, 50)
        text = (await harness.ask(user, "/overdue")).plain_text
        assert (f"{overdue.total} nhiệm vụ" if overdue.total else "Không có nhiệm vụ") in text
        assert all(f"#{t.id} " in text for t in overdue.tasks)
        for days in (7, 30):
            upcoming = await services.repos.queries.upcoming(
                [agency], TODAY, TODAY + timedelta(days=days), 50)
            text = (await harness.ask(user, f"/upcoming {days}")).plain_text
            assert (f"{upcoming.total} nhiệm vụ" if upcoming.total else "Không có nhiệm vụ") in text
            assert all(f"#{t.id} " in text for t in upcoming.tasks)
    assert "Chưa có nhiệm vụ nào" in (await harness.ask(hung, "/done")).plain_text
    assert "Cách dùng" in (await harness.ask(hung, "/upcoming mai")).plain_text
    everything = await harness.ask(harness.admin(), "/overdue")
    assert "toàn tỉnh: 2 nhiệm vụ" in everything.plain_text


async def test_strangers_and_other_agencies_are_refused_everywhere(
    harness: BotHarness,
) -> None:
    data, hung, mai, quang = await _setup(harness)
    emu = harness.emu
    services = harness.services
    stranger = harness.person(STRANGER, "Lạ")
    digital = data.tasks["digital"].id
    before = await services.repos.tasks.events(digital)
    for command in ("/tasks", "/overdue", "/upcoming", "/done", "/find so hoa",
                    f"/task {digital}"):
        reply = await harness.ask(stranger, command)
        assert "chưa thuộc cơ quan nào" in reply.plain_text, command
        assert "số hóa" not in reply.plain_text
    reply = await harness.ask(quang, f"/task {digital}")
    assert "không thuộc cơ quan" in reply.plain_text
    # Buttons signed by the bot for another user's context (forwarded or crafted), pressed
    # by the wrong people on a message in their own chat.
    card = await _card(harness, hung, digital)
    presses = {
        PROGRESS: services.button(PROGRESS, digital), DONE: services.button(DONE, digital),
        EXTEND: services.button(EXTEND, digital), OPEN_TASK: services.button(OPEN_TASK, digital),
        CONFIRM: services.button(CONFIRM, digital, 1), REJECT: services.button(REJECT, digital, 1),
        "ol": services.button("ol", "o", 0),
    }
    expected_for = {
        # The office's buttons say they are the office's (issue #17), not "join an agency".
        stranger.id: {**dict.fromkeys(presses, "chưa thuộc cơ quan"),
                      CONFIRM: "quản trị viên", REJECT: "quản trị viên"},
        quang.id: {PROGRESS: "không thuộc cơ quan", DONE: "không thuộc cơ quan",
                   EXTEND: "không thuộc cơ quan", OPEN_TASK: "không thuộc cơ quan",
                   CONFIRM: "quản trị viên", REJECT: "quản trị viên",
                   "ol": "Sở Xây dựng: 1 nhiệm vụ"},  # the presser's own list, nothing else
    }
    for user in (stranger, quang):
        own = await harness.ask(user, "/start")
        for name, data_ in presses.items():
            update = emu.press_button(user, own, data=data_)
            answer = await emu.wait_for_callback_answer(update, timeout=10)
            await emu.wait_idle()
            shown = " ".join([answer.text or "", own.plain_text,
                              *(m.plain_text for m in emu.messages(user.id)[-1:])])
            assert expected_for[user.id][name] in shown, (user.id, name, shown)
            assert "số hóa" not in shown, (user.id, name)
        assert await services.repos.waiting.get(user.id) is None
    # The supporting agency may report progress but not close or extend.
    for action in (DONE, EXTEND):
        update = emu.press_button(mai, card, data=services.button(action, digital))
        answer = await emu.wait_for_callback_answer(update, timeout=10)
        assert "phối hợp" in (answer.text or "")
    # A member may not decide; a forged signature is refused before anything runs.
    update = emu.press_button(hung, card, data=services.button(CONFIRM, digital, 1))
    assert "quản trị viên" in ((await emu.wait_for_callback_answer(update, 10)).text or "")
    update = emu.press_button(hung, card, data=f"{DONE}:{digital}~AAAAAAAA")
    assert "không hợp lệ" in ((await emu.wait_for_callback_answer(update, 10)).text or "")
    update = emu.press_button(hung, card, data=services.button(DONE, 99999))
    assert "Không tìm thấy" in ((await emu.wait_for_callback_answer(update, 10)).text or "")
    await emu.wait_idle()
    assert await services.repos.tasks.events(digital) == before
    task = await services.repos.tasks.get(digital)
    assert task is not None and task.status is TaskStatus.OPEN


async def test_closed_and_cancelled_tasks_refuse_actions(harness: BotHarness) -> None:
    data, hung, _, _ = await _setup(harness)
    services = harness.services
    conference = data.tasks["conference"].id
    card = await _card(harness, hung, conference)
    assert "⏳ Đề nghị gia hạn" not in card.button_texts()  # no deadline
    await services.repos.tasks.set_status(conference, TaskStatus.CANCELLED, 1001, note="Hủy")
    answer = await harness.press(hung, card, "📝 Báo cáo tiến độ")
    assert "đã bị hủy" in (answer.text or "")
    # A pending answer for a task cancelled meanwhile is refused when it arrives.
    land = data.tasks["land"].id
    card = await _card(harness, hung, land)
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    await services.repos.tasks.set_status(land, TaskStatus.CANCELLED, 1001)
    assert "đã bị hủy" in (await harness.ask(hung, "Đang làm")).plain_text
    assert await services.repos.tasks.latest_event(land, EventKind.PROGRESS) is None


async def test_pending_answer_expires_clearly(harness: BotHarness, clock: ManualClock) -> None:
    data, hung, _, _ = await _setup(harness)
    card = await _card(harness, hung, data.tasks["later"].id)
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    clock.advance(timedelta(hours=2))
    reply = await harness.ask(hung, "Báo cáo muộn")
    assert "quá 60 phút" in reply.plain_text
    assert await harness.services.repos.tasks.latest_event(
        data.tasks["later"].id, EventKind.PROGRESS) is None
    # With nothing pending, free text gets the usual help again.
    assert "/help" in (await harness.ask(hung, "xin chào")).plain_text


async def test_action_button_specs_work_from_an_outbox_message(harness: BotHarness) -> None:
    """What a nudge would carry: the same buttons, checked on the server when pressed."""
    from bot.core.models import NewOutboxMessage
    from bot.core.payloads import message_payload
    from handlers.context import wake_sender

    data, hung, mai, _ = await _setup(harness)
    services = harness.services
    specs = action_button_specs(services.button, data.tasks["digital"], "vi")
    for user in (hung, mai):
        await harness.ask(user, "/start")
        await services.repos.outbox.enqueue([NewOutboxMessage(
            f"test:nudge:{user.id}", user.id, "nudge", message_payload("Nhắc việc", specs))])
    assert harness.app is not None
    wake_sender(harness.app)
    nudge = await harness.emu.wait_for_message(mai.id, lambda m: bool(m.buttons()), timeout=10)
    answer = await harness.press(mai, nudge, "✅ Báo cáo hoàn thành")
    assert "phối hợp" in (answer.text or "")
    nudge = next(m for m in harness.emu.messages(hung.id) if m.buttons())
    await harness.press(hung, nudge, "✅ Báo cáo hoàn thành")
    assert "kết quả" in harness.emu.messages(hung.id)[-1].plain_text


async def test_plus_days_on_an_extension_count_from_the_current_deadline(
    harness: BotHarness,
) -> None:
    """"+14" is what the prompt suggests; offices mean "gia hạn thêm 14 ngày" past the
    deadline (counted from today it fell before the deadline and was refused)."""
    data, hung, _, _ = await _setup(harness)
    later = data.tasks["later"]
    assert later.deadline is not None and later.deadline > harness.services.today()
    card = await _card(harness, hung, later.id)
    await harness.press(hung, card, "⏳ Đề nghị gia hạn")
    prompt = harness.emu.messages(hung.id)[-1].plain_text
    wanted = later.deadline + timedelta(days=14)
    assert f"+14 (thêm 14 ngày, tức đến {wanted:%d/%m/%Y})" in prompt
    reply = await harness.ask(hung, "+14")
    assert f"Thời hạn đề nghị cho nhiệm vụ #{later.id}: {wanted:%d/%m/%Y}" in reply.plain_text
