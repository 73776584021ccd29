"""End to end: the usability fixes from the review walk-through (wording and flow).

Each test drives the real bot through the emulator and reads what a person would read.
"""

from __future__ import annotations

from datetime import time

from bot.core.clock import ManualClock
from bot.core.models import EventKind, NewConclusion, NewTask
from bot.usecases.acting import OPEN_TASK
from bot.usecases.services import Services
from bot.views.render import summary_when
from config.settings import Settings
from emulator import EmuUser, SentMessage
from tests.support.harness import BotHarness, start_harness
from tests.support.officials_data import MEMBER_A, MEMBER_B, Seeded, agency_id, seed


async def _setup(harness: BotHarness) -> tuple[Seeded, EmuUser]:
    data = await seed(harness.services)
    await harness.ask(harness.admin(), "/start")
    return data, harness.person(MEMBER_A, "Hùng")


async def _card(harness: BotHarness, user: EmuUser, task_id: int) -> SentMessage:
    return await harness.ask(user, f"/task {task_id}")


async def test_a_command_while_an_answer_is_awaited_says_the_question_is_dropped(
    harness: BotHarness,
) -> None:
    data, hung = await _setup(harness)
    later = data.tasks["later"].id
    card = await _card(harness, hung, later)
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    harness.emu.send_text(hung, "/tasks")
    texts = [m.plain_text for m in await harness.emu.wait_for_messages(hung, 2, timeout=10)]
    assert texts[0].startswith(f"Đã hủy báo cáo hoàn thành nhiệm vụ #{later}")
    assert "Nhiệm vụ đang thực hiện" in texts[1]  # the command still proceeds
    # The next text is not taken as the done report.
    await harness.ask(hung, "Đã trình UBND tỉnh")
    assert await harness.services.repos.tasks.latest_event(
        later, EventKind.DONE_REPORTED) is None
    # With nothing pending, a command says nothing extra.
    before = len(harness.emu.messages(hung.id))
    await harness.ask(hung, "/tasks")
    await harness.emu.wait_idle(timeout=10)
    assert len(harness.emu.messages(hung.id)) == before + 1


async def test_invite_leaves_out_collective_addressees(harness: BotHarness) -> None:
    admin = harness.admin()
    await harness.ask(admin, "/start")
    picker = await harness.ask(admin, "/invite Sở")
    labels = picker.button_texts()
    assert "Sở Nội vụ" in labels and "Các sở, ban, ngành tỉnh" not in labels
    refused = await harness.ask(admin, "/invite UBND các xã, phường")
    assert "tên gọi chung" in refused.plain_text and "t.me" not in refused.plain_text
    assert await harness.services.repos.invites.active() == []
    renamed = await harness.ask(admin, "/invite Sở LĐ-TB&XH")
    assert ("Sở Lao động – Thương binh và Xã hội nay là Sở Nội vụ (sau sắp xếp bộ máy); "
            "link mời dưới đây dành cho Sở Nội vụ.") in renamed.plain_text


def test_summary_time_follows_the_settings() -> None:
    assert str(summary_when(5, time(16, 30), "vi")) == "16:30 thứ Sáu hằng tuần"
    assert str(summary_when(7, time(7, 0), "en")) == "every Sunday at 07:00"


async def test_start_and_welcome_name_the_configured_summary_time(
    settings: Settings, clock: ManualClock,
) -> None:
    friday = settings.model_copy(update={"summary_weekday": 5, "summary_hour": time(16, 0)})
    async with start_harness(friday, clock) as harness:
        _, hung = await _setup(harness)
        text = (await harness.ask(hung, "/start")).plain_text
        assert "gửi bản tổng hợp vào 16:00 thứ Sáu hằng tuần." in text
        assert "thứ Hai" not in text


async def test_lists_name_the_readers_role_and_offer_actions_only_where_they_apply(
    harness: BotHarness,
) -> None:
    data, _ = await _setup(harness)
    mai = harness.person(MEMBER_B, "Mai")
    text = (await harness.ask(mai, "/tasks")).plain_text
    digital = data.tasks["digital"].id
    row = text[text.index(f"#{digital} "):].split("\n")[1]
    assert row.strip().startswith("Chủ trì: Sở Nội vụ · Sở Tài chính phối hợp ·")
    budget = data.tasks["budget"].id  # led by Mai's agency: just the lead
    assert text[text.index(f"#{budget} "):].split("\n")[1].strip().startswith("Sở Tài chính ·")
    assert text.rstrip().endswith("báo cáo tiến độ hoặc đề nghị gia hạn.")
    admin_list = (await harness.ask(harness.admin(), "/tasks")).plain_text
    assert admin_list.rstrip().endswith("Bấm số nhiệm vụ để xem chi tiết.")
    assert "phối hợp ·" not in admin_list


async def test_empty_lists_say_so_in_one_line(harness: BotHarness) -> None:
    _, hung = await _setup(harness)
    assert (await harness.ask(hung, "/find xyz")).plain_text == (
        "Không tìm thấy nhiệm vụ nào có “xyz”. Thử ít từ hơn hoặc từ khác.")


async def test_a_decided_notice_says_so_and_the_admin_gets_one_answer(
    harness: BotHarness,
) -> None:
    data, hung = await _setup(harness)
    admin = harness.admin()
    later = data.tasks["later"].id
    card = await _card(harness, hung, later)
    await harness.press(hung, card, "✅ Báo cáo hoàn thành")
    await harness.ask(hung, "Đã trình UBND tỉnh")
    notice = await harness.emu.wait_for_message(admin.id, timeout=10)
    assert "chờ xác nhận" in notice.plain_text and "Nếu xác nhận" in notice.plain_text
    before = len(harness.emu.messages(admin.id))
    answer = await harness.press(admin, notice, "✅ Xác nhận hoàn thành")
    assert f"#{later}" in (answer.text or "") and not answer.show_alert
    await harness.emu.wait_for_edit(notice, lambda m: not m.button_texts())
    text = notice.plain_text
    assert text.startswith("✅ Đã xác nhận hoàn thành\n")
    assert "chờ xác nhận" not in text and "Nếu xác nhận" not in text
    assert "Đã trình UBND tỉnh" in text and "Người xử lý: Lan" in text
    await harness.emu.wait_idle(timeout=10)
    assert len(harness.emu.messages(admin.id)) == before  # no third answer
    # The agency's notice goes through the outbox, paced per chat after the replies.
    await harness.emu.wait_for_message(hung.id, lambda m: "Đã xác nhận" in m.plain_text,
                                       timeout=10)
    done = (await harness.ask(hung, "/done")).plain_text  # nothing to report on a done list
    assert f"#{later} " in done and done.rstrip().endswith("Bấm số nhiệm vụ để xem chi tiết.")


async def test_cancel_edits_the_prompt_and_prompts_say_who_is_awaited(
    harness: BotHarness,
) -> None:
    data, hung = await _setup(harness)
    card = await _card(harness, hung, data.tasks["later"].id)
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    prompt = harness.emu.messages(hung.id)[-1]
    assert "Bot sẽ chờ câu trả lời của anh/chị trong 60 phút." in prompt.plain_text
    await harness.press(hung, prompt, "Hủy")
    assert prompt.plain_text == "Đã hủy. Không có nội dung nào được ghi nhận."
    assert not prompt.button_texts()
    assert await harness.services.repos.waiting.get(MEMBER_A) is None


async def test_a_bad_button_says_how_to_get_a_fresh_one(harness: BotHarness) -> None:
    _, hung = await _setup(harness)
    listing = await harness.ask(hung, "/tasks")
    update = harness.emu.press_button(hung, listing, data="forged:1")
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "gửi lại lệnh (ví dụ /tasks) để có nút mới" in (answer.text or "")


async def test_groups_refuse_in_group_terms_alert_on_buttons_and_list_group_commands(
    harness: BotHarness,
) -> None:
    data, hung = await _setup(harness)
    emu = harness.emu
    admin = harness.admin()
    group = emu.group(-4100, "Sở Nội vụ — điều hành")
    emu.add_bot_to_group(group, admin)
    await emu.wait_for_message(group)
    await harness.ask(admin, "/link Sở Nội vụ", chat=group)
    building = data.tasks["building"].id  # Sở Xây dựng's task
    for user in (admin, hung):
        reply = await harness.ask(user, f"/task {building}", chat=group)
        assert reply.plain_text == (
            f"Nhóm này chỉ nhận thông tin của Sở Nội vụ; nhiệm vụ #{building} không hiển thị "
            "ở đây. Vui lòng xem trong tin nhắn riêng với bot.")
    land = data.tasks["land"].id  # Sở Nội vụ's: shown to its member in the group
    assert "Rà soát quy hoạch" in (await harness.ask(hung, f"/task {land}", chat=group)).plain_text
    # A stranger pressing an open-task button in the group gets a pop-up, not a message.
    card = await harness.ask(hung, f"/task {land}", chat=group)
    await emu.wait_idle(timeout=10)
    before = len(emu.messages(group))
    stranger = harness.person(3999, "Khách")
    update = emu.press_button(stranger, card, data=harness.services.button(OPEN_TASK, land))
    answer = await emu.wait_for_callback_answer(update, timeout=10)
    await emu.wait_idle(timeout=10)
    assert answer.show_alert and "chỉ hiển thị cho cán bộ của Sở Nội vụ" in (answer.text or "")
    assert len(emu.messages(group)) == before
    # /help in a group: only what works there, and the way to the private chat.
    help_text = (await harness.ask(hung, "/help", chat=group)).plain_text
    assert "/task" in help_text and "/tasks" in help_text  # lists work in a linked group
    assert "/upcoming" not in help_text and "/settings" not in help_text
    assert f"t.me/{harness.app.bot.username}" in help_text  # type: ignore[union-attr]
    assert "/link" in (await harness.ask(admin, "/help", chat=group)).plain_text


async def test_free_text_says_it_was_not_understood_and_admins_see_no_join(
    harness: BotHarness,
) -> None:
    _, hung = await _setup(harness)
    # One line and /help, not the whole list of commands.
    stranger = (await harness.ask(harness.person(3998, "Khách"), "xin chào")).plain_text
    assert stranger == "Bot chưa hiểu tin nhắn này. Gửi /help để xem các lệnh anh/chị dùng được."
    # A member typing a report outside any question is told how to send it.
    member = (await harness.ask(hung, "Đã tổ chức ra quân, 350 lượt người tham gia")).plain_text
    assert member.startswith("Bot chưa ghi nhận tin nhắn này.")
    assert "/tasks" in member and "📝 Báo cáo tiến độ" in member and "/help" in member
    admin = harness.admin()
    for command in ("/start", "/help"):
        assert "/join" not in (await harness.ask(admin, command)).plain_text
    assert "/join" in (await harness.ask(harness.person(3997, "Lạ"), "/help")).plain_text
    both = await harness.ask(admin, "/invite Sở Y tế 1000 1000")
    assert "Số lần dùng phải từ 1 đến" in both.plain_text
    assert "số ngày hiệu lực phải từ 1 đến" in both.plain_text


async def test_an_agency_leading_nothing_gets_one_line_or_no_summary(
    services: Services,
) -> None:
    from bot.usecases.reminders import agency_summary_text

    data = await seed(services)
    today = services.today()
    # Sở Tài chính leads "budget"; Sở Nội vụ leads several: both get the full summary.
    text, _ = await agency_summary_text(services, data.a, today)
    assert "Tổng số" in text
    yte = agency_id(services, "so-y-te")
    assert await agency_summary_text(services, yte, today) == ("", [])
    _, (task,) = await services.repos.conclusions.create(
        NewConclusion(), [NewTask("Phối hợp kiểm tra an toàn thực phẩm", (data.c,), (yte,))],
        None)
    text, ids = await agency_summary_text(services, yte, today)
    assert ids == [task.id] and "Tổng số" not in text
    assert f"không chủ trì nhiệm vụ nào; đang phối hợp thực hiện 1 nhiệm vụ: #{task.id}." in text
