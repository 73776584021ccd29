"""End to end: what officials tripped over in issue #14, each as it happened in chat."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.clock import ManualClock
from bot.core.drafts import Step
from bot.core.models import DeadlineKind, EventKind, NewConclusion, NewTask
from bot.usecases.reminders import LAST_RUN_KEY, run_due
from handlers.context import wake_sender
from storage.db import to_db_time
from tests.e2e.test_e2e_import import NOTICE
from tests.e2e.test_e2e_new import Admin
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, MEMBER_B, STRANGER, seed
from tests.support.reminder_data import local


async def test_a_nudge_offers_only_buttons_that_work(
    harness: BotHarness, clock: ManualClock
) -> None:
    """An overdue recurring task cannot be extended (each period has its own deadline), so
    its nudge has no "⏳ Đề nghị gia hạn"; an overdue dated task's nudge has it, and it works."""
    services = harness.services
    data = await seed(services)
    hung = harness.person(MEMBER_A, "Hùng")
    await harness.ask(hung, "/start")
    await services.repos.chats.subscribe(hung.id, data.a, 1001)
    _, (dated,) = await services.repos.conclusions.create(
        NewConclusion(number="7/TB-UBND"),
        [NewTask("Hoàn thành báo cáo rà soát biên chế", (data.a,), (), "1", date(2024, 9, 30),
                 None, DeadlineKind.DATE)], 1001)
    # Thursday 03/10: the monthly report (due 30/09) and the dated task are 3 days overdue.
    clock.set(local(date(2024, 10, 3), 8))
    await services.repos.meta.set(LAST_RUN_KEY, to_db_time(local(date(2024, 10, 3), 7)))
    await run_due(services)
    assert harness.app is not None
    wake_sender(harness.app)
    monthly = data.tasks["monthly"].id
    emu = harness.emu
    recurring = await emu.wait_for_message(
        hung.id, lambda m: f"nhiệm vụ #{monthly} đã quá hạn" in m.plain_text, timeout=10)
    plain = await emu.wait_for_message(
        hung.id, lambda m: f"nhiệm vụ #{dated.id} đã quá hạn" in m.plain_text, timeout=10)
    assert "⏳ Đề nghị gia hạn" not in recurring.button_texts()
    assert "✅ Báo cáo hoàn thành" in recurring.button_texts()
    assert "⏳ Đề nghị gia hạn" in plain.button_texts()
    for label in recurring.button_texts()[1:]:  # every button offered works
        answer = await harness.press(hung, recurring, label)
        assert not answer.show_alert, (label, answer.text)
        await harness.ask(hung, "/cancel")
    answer = await harness.press(hung, plain, "⏳ Đề nghị gia hạn")
    assert not answer.show_alert


async def test_in_a_group_another_agencys_member_is_told_the_task_is_not_theirs(
    harness: BotHarness,
) -> None:
    """Mai belongs to Sở Tài chính; in Sở Nội vụ's group she presses a button on one of its
    cards. She does belong to an agency: the answer says the task is not hers."""
    data = await seed(harness.services)
    emu = harness.emu
    admin = harness.admin()
    hung = harness.person(MEMBER_A, "Hùng")
    mai = harness.person(MEMBER_B, "Mai")
    group = emu.group(-100777, "Giao ban Sở Nội vụ")
    emu.add_bot_to_group(group, admin)
    await emu.wait_for_message(group.id, timeout=10)
    await harness.ask(admin, "/link Sở Nội vụ", chat=group)
    land = data.tasks["land"].id
    card = await harness.ask(hung, f"/task {land}", chat=group)
    assert "📝 Báo cáo tiến độ" in card.button_texts()
    for label in ("📝 Báo cáo tiến độ", "✅ Báo cáo hoàn thành"):
        answer = await harness.press(mai, card, label)
        assert answer.show_alert and answer.text is not None
        assert "chưa thuộc cơ quan nào" not in answer.text
        assert f"#{land} không thuộc cơ quan của anh/chị" in answer.text
    stranger = harness.person(STRANGER, "Khách")
    answer = await harness.press(stranger, card, "📝 Báo cáo tiến độ")
    assert answer.text is not None and "chưa thuộc cơ quan nào" in answer.text


async def test_back_then_skip_keeps_what_was_typed(harness: BotHarness) -> None:
    """/new: number → issuer → ↩ Quay lại shows the issuer; the button under it keeps it."""
    admin = Admin(harness)
    await admin.say("/new")
    await admin.say("412/TB-UBND")
    await admin.say("UBND tỉnh Quảng Ngãi")
    await admin.tap("↩ Quay lại")
    question = admin.prompt()
    assert "Cơ quan ban hành" in question.plain_text
    assert "UBND tỉnh Quảng Ngãi" in question.plain_text
    assert "Bỏ qua" not in question.button_texts()
    await admin.tap("Giữ nguyên")
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.issuer == "UBND tỉnh Quảng Ngãi"
    assert "Người ký" in admin.prompt().plain_text
    # A step still empty offers to skip it; typing "-" empties a field that has a value.
    assert "Bỏ qua" in admin.prompt().button_texts()
    await admin.tap("↩ Quay lại")
    await admin.say("-")
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.issuer is None


TWO_LEADS = "Sở Tài chính; Trung tâm Phục vụ hành chính công tỉnh"
NEW_CENTRE = "Trung tâm Phục vụ hành chính công tỉnh"


def _codes(harness: BotHarness, ids: list[int]) -> list[str]:
    codes = []
    for agency_id in ids:
        agency = harness.services.directory.by_id(agency_id)
        assert agency is not None
        codes.append(agency.code if not agency.code.startswith("custom-") else agency.name)
    return codes


async def test_adding_an_unknown_lead_keeps_the_known_one_typed_with_it(
    harness: BotHarness,
) -> None:
    """"Sở Tài chính; <a new centre>" then "➕ Thêm mới": both lead, in /new and in the
    /import review."""
    admin = Admin(harness)
    await admin.say("/new")
    for _ in range(6):
        await admin.tap("Bỏ qua")
    await admin.say("Rà soát, cắt giảm thủ tục hành chính nội bộ.")
    await admin.say(TWO_LEADS)
    await admin.tap(f"➕ Thêm mới: {NEW_CENTRE}")
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.current is not None
    assert record.draft.step is Step.SUPPORT
    assert _codes(harness, record.draft.current.lead_ids) == ["so-tai-chinh", NEW_CENTRE]
    assert f"Cơ quan phối hợp với Sở Tài chính, {NEW_CENTRE}" in admin.prompt().plain_text
    await admin.say("/cancel")

    await admin.say("/import")
    await admin.say(IMPORT_NOTICE)
    await admin.tap("✏️ Sửa")
    await admin.tap("Giữ nguyên")  # the text
    await admin.say(TWO_LEADS)  # the centre is in the directory now: both resolve
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.current is not None
    assert _codes(harness, record.draft.current.lead_ids) == ["so-tai-chinh", NEW_CENTRE]
    await admin.tap("↩ Quay lại")
    await admin.say("Sở Tài chính; Ban Quản lý dự án đầu tư xây dựng tỉnh")
    await admin.tap("➕ Thêm mới: Ban Quản lý dự án đầu tư xây dựng tỉnh")
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.current is not None
    assert _codes(harness, record.draft.current.lead_ids) == [
        "so-tai-chinh", "Ban Quản lý dự án đầu tư xây dựng tỉnh"]


THIRD = "Tăng cường tuyên truyền về chính sách giảm nghèo trên các phương tiện thông tin đại chúng."
IMPORT_NOTICE = NOTICE.replace(
    THIRD,
    "Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Trung tâm Phát triển quỹ đất tỉnh "
    "thực hiện khảo sát nhà ở cho người có công, trong năm 2025.")


async def test_a_proposal_shows_and_keeps_every_supporting_agency_it_names(
    harness: BotHarness,
) -> None:
    """The third proposal names Sở Tài chính and a centre the directory lacks as supporting
    agencies: the card shows both, the editor has both ticked, and both are saved."""
    admin = Admin(harness)
    await admin.say("/import")
    await admin.say(IMPORT_NOTICE)
    await admin.tap("⏭ Bỏ qua")
    await admin.tap("⏭ Bỏ qua")
    card = admin.prompt().plain_text
    assert "Đề xuất 3/3" in card
    assert "→ Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Trung tâm Phát triển" in card
    await admin.tap("✏️ Sửa")
    await admin.tap("Giữ nguyên")  # the text
    await admin.tap("Giữ nguyên")  # the lead
    support = admin.prompt()
    assert "✓ Sở Tài chính" in support.button_texts()
    assert any(label.startswith("✓") and "Trung tâm Phát triển quỹ đất tỉnh" in label
               for label in support.button_texts())
    assert "Tiếp tục ▶ (2 đã chọn)" in support.button_texts()
    await admin.tap("Tiếp tục ▶ (2 đã chọn)")
    await admin.tap("Giữ nguyên")  # the deadline
    preview = admin.prompt().plain_text
    assert "→ Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Trung tâm Phát triển" in preview
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    (task,) = await harness.services.repos.tasks.of_conclusion(1)
    assert _codes(harness, list(task.support_ids)) == [
        "so-tai-chinh", "Trung tâm Phát triển quỹ đất tỉnh"]


async def test_a_notice_imported_before_is_pointed_out_as_soon_as_it_is_read(
    harness: BotHarness, clock: ManualClock
) -> None:
    """Without a number the same text is the same notice: the admin learns it right after
    pasting, with the day it was saved and its tasks, not at Save after the whole review."""
    unnumbered = NOTICE.replace("Số: 512/TB-UBND\n", "")
    admin = Admin(harness)
    await admin.say("/import")
    await admin.say(unnumbered)
    await admin.tap("✅ Nhận tất cả 3 đề xuất còn lại")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    clock.advance(timedelta(days=2))
    await admin.say("/import")
    reply = await admin.say(unnumbered)
    text = reply.plain_text
    assert "đã được nhập ngày 23/09/2024" in text, text
    assert "#1, #2, #3" in text and "—" not in text
    assert await harness.services.repos.drafts.active_of(admin.user.id) is None
    assert await harness.services.repos.conclusions.count() == 1


async def test_examples_in_prompts_are_dates_the_prompt_accepts(
    harness: BotHarness, clock: ManualClock
) -> None:
    """In December 2026 the deadline question offers 2027 examples, and typing the first
    one is accepted (a fixed 30/9/2024 was refused by the same step)."""
    clock.set(local(date(2026, 12, 7), 9))
    admin = Admin(harness)
    await admin.say("/new")
    for step in range(6):
        if step == 3:
            assert "Ngày ban hành? (ví dụ: 7/12/2026)" in admin.prompt().plain_text
        await admin.tap("Bỏ qua")
    await admin.say("Tổng kết công tác cải cách hành chính năm 2026.")
    await admin.say("Sở Nội vụ")
    await admin.tap("Không có cơ quan phối hợp")
    hint = admin.prompt().plain_text
    assert "2024" not in hint and "2025" not in hint
    assert "trước ngày 31/1/2027" in hint and "quý I/2027" in hint
    await admin.say("trước ngày 31/1/2027")
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert record is not None and record.draft.tasks[0].deadline == date(2027, 1, 31)


async def test_a_recurring_duty_entered_late_starts_from_the_period_chosen(
    harness: BotHarness, clock: ManualClock
) -> None:
    """A quarterly report recorded on 09/12/2024: /new asks which period it is followed
    from (the current one, 31/12, by default); the office picks the one due 30/09."""
    clock.set(local(date(2024, 12, 9), 9))
    admin = Admin(harness)
    await admin.say("/new")
    for _ in range(6):
        await admin.tap("Bỏ qua")
    await admin.say("Báo cáo định kỳ tình hình giải ngân vốn đầu tư công.")
    await admin.say("Sở Tài chính")
    await admin.tap("Không có cơ quan phối hợp")
    await admin.say("hằng quý")
    question = admin.prompt()
    assert "Kỳ đầu tiên" in question.plain_text and "hạn 31/12/2024" in question.plain_text
    assert question.button_texts()[:4] == [
        "2 kỳ trước · 30/06/2024", "Kỳ trước · 30/09/2024", "✓ Kỳ này · 31/12/2024",
        "Kỳ sau · 31/03/2025"]
    await admin.tap("Kỳ trước · 30/09/2024")
    assert "kỳ đầu hạn 30/09/2024" in admin.prompt().plain_text
    await admin.tap("✅ Xong, xem lại")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    (task,) = await harness.services.repos.tasks.of_conclusion(1)
    assert task.deadline == date(2024, 9, 30) and task.recurrence == "quarterly:last"


async def test_an_imported_recurring_duty_starts_from_the_current_period(
    harness: BotHarness, clock: ManualClock
) -> None:
    """A notice of June read in December: its quarterly duty is not 'quá hạn 162 ngày' for
    30/06 but due 31/12 unless the office picks an earlier period on the proposal."""
    clock.set(local(date(2024, 12, 9), 9))
    june = NOTICE.replace("16 tháng 9 năm 2024", "16 tháng 6 năm 2024").replace(
        "Ngày 10/9/2024", "Ngày 10/6/2024").replace(
        THIRD, "Giao Sở Tài chính báo cáo định kỳ hằng quý tình hình giải ngân vốn giảm nghèo.")
    admin = Admin(harness)
    await admin.say("/import")
    await admin.say(june)
    await admin.tap("✅ Nhận")
    await admin.tap("✅ Nhận")
    card = admin.prompt()
    assert "Đề xuất 3/3" in card.plain_text
    assert "theo dõi từ kỳ có hạn 31/12/2024" in card.plain_text
    assert "✓ Kỳ này · 31/12/2024" in card.button_texts()
    await admin.tap("Kỳ trước · 30/09/2024")
    assert "✓ Kỳ trước · 30/09/2024" in admin.prompt().button_texts()
    await admin.tap("✅ Nhận")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    tasks = await harness.services.repos.tasks.of_conclusion(1)
    assert tasks[2].deadline == date(2024, 9, 30)


async def test_the_office_confirms_the_real_completion_date(
    harness: BotHarness, clock: ManualClock
) -> None:
    """A task done on 05/09 is reported only on 23/09: the office says when it was really
    done (typed, or one of the days offered), not the day it confirms."""
    services = harness.services
    data = await seed(services)
    emu = harness.emu
    admin = harness.admin()
    hung = harness.person(MEMBER_A, "Hùng")
    await harness.ask(admin, "/start")
    land = data.tasks["land"].id  # due 10/09/2024
    card = await harness.ask(hung, f"/task {land}")
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Đã ban hành báo cáo rà soát số 45/BC-SNV ngày 05/9/2024")
    notice = await emu.wait_for_message(admin.id, lambda m: "chờ xác nhận" in m.plain_text)
    assert "📅 Hoàn thành ngày khác" in notice.button_texts()
    await harness.press(admin, notice, "📅 Hoàn thành ngày khác")
    question = emu.messages(admin.id)[-1]
    assert "Ngày hoàn thành thực tế" in question.plain_text
    assert "Hôm nay · 23/09/2024" in question.button_texts()
    assert "không thể sau hôm nay" in (await harness.ask(admin, "1/10/2024")).plain_text
    assert "chưa hiểu" in (await harness.ask(admin, "hôm kia")).plain_text
    reply = await harness.ask(admin, "5/9/2024")
    assert "ngày hoàn thành 05/09/2024" in reply.plain_text
    told = await emu.wait_for_message(hung.id, lambda m: "Đã xác nhận hoàn thành" in m.plain_text)
    assert "Hoàn thành ngày 05/09/2024 (đúng hạn)" in told.plain_text
    task = await services.repos.tasks.get(land)
    assert task is not None and task.completed_on == date(2024, 9, 5)
    await emu.wait_for_edit(notice, lambda m: not m.button_texts())
    card = await harness.ask(hung, f"/task {land}")
    assert "Xác nhận hoàn thành, ngày hoàn thành 05/09/2024 (Lan)" in card.plain_text

    # A recurring duty reported a day later: the office taps the day it was reported.
    monthly = data.tasks["monthly"].id  # due 30/09/2024
    card = await harness.ask(hung, f"/task {monthly}")
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Đã gửi báo cáo tháng 9")
    notice = await emu.wait_for_message(admin.id, lambda m: "chờ xác nhận" in m.plain_text
                                        and f"#{monthly}:" in m.plain_text)
    clock.advance(timedelta(days=1))
    await harness.press(admin, notice, "📅 Hoàn thành ngày khác")
    question = emu.messages(admin.id)[-1]
    assert question.button_texts()[:2] == ["Hôm nay · 24/09/2024", "Ngày báo cáo · 23/09/2024"]
    answer = await harness.press(admin, question, "Ngày báo cáo · 23/09/2024")
    assert not answer.show_alert
    task = await services.repos.tasks.get(monthly)
    assert task is not None and task.deadline == date(2024, 10, 31)  # rolled on
    confirmed = await services.repos.tasks.latest_event(monthly, EventKind.DONE_CONFIRMED)
    assert confirmed is not None and confirmed.data["completed_on"] == "2024-09-23"
    assert "ngày hoàn thành 23/09/2024" in question.plain_text  # the question says so


async def test_the_office_extends_to_a_date_it_chooses_with_a_comment(
    harness: BotHarness,
) -> None:
    services = harness.services
    data = await seed(services)
    emu = harness.emu
    admin = harness.admin()
    hung = harness.person(MEMBER_A, "Hùng")
    await harness.ask(admin, "/start")
    later = data.tasks["later"].id  # due 15/10/2024
    card = await harness.ask(hung, f"/task {later}")
    await harness.press(hung, card, "⏳ Đề nghị gia hạn")
    await harness.ask(hung, "31/10/2024")
    await harness.ask(hung, "Cần thêm thời gian thẩm định")
    notice = await emu.wait_for_message(admin.id, lambda m: "Đề nghị gia hạn" in m.plain_text)
    await harness.press(admin, notice, "📅 Gia hạn đến ngày khác")
    question = emu.messages(admin.id)[-1]
    assert "đề nghị gia hạn đến 31/10/2024" in question.plain_text
    assert "phải sau" in (await harness.ask(admin, "10/10/2024")).plain_text
    reply = await harness.ask(admin, "20/10/2024")
    assert "Thời hạn mới của nhiệm vụ" in reply.plain_text and "20/10/2024" in reply.plain_text
    reply = await harness.ask(admin, "Chỉ gia hạn đến 20/10 để kịp trình kỳ họp HĐND.")
    assert "Đã chấp thuận gia hạn" in reply.plain_text
    told = await emu.wait_for_message(hung.id, lambda m: "Chấp thuận gia hạn" in m.plain_text)
    assert "Thời hạn mới: 20/10/2024 (cơ quan đề nghị: 31/10/2024; thời hạn cũ: 15/10/2024)" in (
        told.plain_text)
    assert "kịp trình kỳ họp HĐND" in told.plain_text
    task = await services.repos.tasks.get(later)
    assert task is not None and task.deadline == date(2024, 10, 20)
    await emu.wait_for_edit(notice, lambda m: not m.button_texts())


async def test_the_admins_help_is_grouped_and_says_how_to_begin(harness: BotHarness) -> None:
    text = (await harness.ask(harness.admin(), "/help")).plain_text
    sections = ["Ghi nhận", "Theo dõi", "Báo cáo", "Người dùng", "Chung"]
    positions = [text.index(section) for section in sections]
    assert positions == sorted(positions)
    record = text[positions[0]:positions[1]]
    assert "/new" in record and "/import" in record and "/tasks" not in record
    assert "/invite" in text[positions[3]:positions[4]]
    assert "Bắt đầu: gửi /import" in text
    await seed(harness.services)
    member = (await harness.ask(harness.person(MEMBER_A, "Hùng"), "/help")).plain_text
    assert "Ghi nhận" not in member and "Người dùng" not in member
    assert "Theo dõi" in member and "Bắt đầu: gửi /tasks" in member


async def test_preview_buttons_use_the_notices_labels_and_nobody_told_is_said(
    harness: BotHarness,
) -> None:
    admin = Admin(harness)
    await admin.say("/import")
    await admin.say(IMPORT_NOTICE)
    await admin.tap("⏭ Bỏ qua")  # item 1 left out: the preview lists items 2 and 3
    await admin.tap("✅ Nhận tất cả 2 đề xuất còn lại")
    await admin.tap("✏️ Sửa một nhiệm vụ")
    grid = admin.prompt()
    assert "Sửa nhiệm vụ nào?" in grid.plain_text
    assert grid.button_texts()[:2] == ["2", "3"]
    await admin.tap("↩ Quay lại")
    await admin.tap("💾 Lưu và giao nhiệm vụ")
    saved = harness.emu.messages(admin.user.id)[-1].plain_text
    assert "tới 0" not in saved
    assert "Chưa có nhóm hay cán bộ nào theo dõi" in saved and "/invite" in saved
