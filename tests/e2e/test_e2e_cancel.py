"""/cancel ends whatever the bot waits for, in every flow, and says what was dropped.

One question waits per person (handlers/waiting.py): an official's report, an admin's
edit of a task, a /new draft's step, an agency name after /join. Each is cancelled here
through the real bot, in Vietnamese and in English, and the database is checked after.
"""

from __future__ import annotations

from bot.core.drafts import DraftState
from emulator import EmuUser
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, seed


async def _waiting(harness: BotHarness, user: EmuUser) -> str | None:
    await harness.emu.wait_idle(timeout=10)  # the bot stores its question after asking it
    found = await harness.services.repos.waiting.get(user.id)
    return None if found is None else found.flow.value


async def test_cancel_an_officials_report_then_text_is_not_recorded(harness: BotHarness) -> None:
    data = await seed(harness.services)
    hung = harness.person(MEMBER_A, "Hùng")
    task = data.tasks["digital"]
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    prompt = harness.emu.messages(hung.id)[-1]
    assert "Báo cáo tiến độ" in prompt.plain_text or "tiến độ" in prompt.plain_text
    assert await _waiting(harness, hung) == "act"
    reply = await harness.ask(hung, "/cancel")
    assert f"Đã hủy báo cáo tiến độ nhiệm vụ #{task.id}" in reply.plain_text
    assert await _waiting(harness, hung) is None
    after = await harness.ask(hung, "Đã hoàn thành 80% khối lượng")
    assert "chưa ghi nhận" in after.plain_text  # not taken as a report
    events = await harness.services.repos.actions.latest_report_id(task.id)
    assert events is None
    card = await harness.ask(hung, f"/task {task.id}")
    assert "80%" not in card.plain_text


async def test_cancel_an_admin_edit_keeps_the_task_and_closes_the_prompt(
    harness: BotHarness,
) -> None:
    data = await seed(harness.services)
    admin = harness.admin()
    task = data.tasks["land"]
    card = await harness.ask(admin, f"/task {task.id}")
    await harness.press(admin, card, "✏️ Sửa nội dung")
    prompt = harness.emu.messages(admin.id)[-1]
    assert prompt.buttons()
    assert await _waiting(harness, admin) == "edit"
    reply = await harness.ask(admin, "/huy")  # the Vietnamese alias
    assert f"Đã hủy thao tác sửa nhiệm vụ #{task.id}" in reply.plain_text
    assert prompt.buttons() == []
    assert await _waiting(harness, admin) is None
    await harness.ask(admin, "Nội dung hoàn toàn mới")
    stored = await harness.services.repos.tasks.get(task.id)
    assert stored is not None and stored.text == task.text


async def test_cancel_a_draft_drops_it_and_says_how_many_tasks(harness: BotHarness) -> None:
    admin = harness.admin()
    await harness.ask(admin, "/new")
    await harness.ask(admin, "12/TB-UBND")
    assert await _waiting(harness, admin) == "new"
    reply = await harness.ask(admin, "/cancel")
    assert "Đã hủy bản nháp thông báo kết luận (0 nhiệm vụ đã nhập)" in reply.plain_text
    assert await _waiting(harness, admin) is None
    draft = await harness.services.repos.drafts.get(1)
    assert draft is not None and draft.state is DraftState.CANCELLED
    assert await harness.services.repos.drafts.active_of(admin.id) is None
    # The draft's old question no longer takes answers; /new starts afresh.
    fresh = await harness.ask(admin, "/new")
    assert "bản nháp chưa xong" not in fresh.plain_text


async def test_cancel_a_join_search_and_nothing_to_cancel(harness: BotHarness) -> None:
    stranger = harness.person(5301, "Tú")
    await harness.ask(stranger, "/join")
    assert await _waiting(harness, stranger) == "join"
    reply = await harness.ask(stranger, "/cancel")
    assert "Đã dừng tìm cơ quan" in reply.plain_text
    assert await _waiting(harness, stranger) is None
    again = await harness.ask(stranger, "/cancel")
    assert "không có thao tác nào đang chờ" in again.plain_text


async def test_cancel_speaks_english_to_an_english_user(harness: BotHarness) -> None:
    data = await seed(harness.services)
    await harness.services.repos.users.set_language(MEMBER_A, "en")
    hung = harness.person(MEMBER_A, "Hùng")
    task = data.tasks["digital"]
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, card.button_texts()[0])
    reply = await harness.ask(hung, "/cancel")
    assert f"The progress report for task #{task.id} was cancelled" in reply.plain_text
    nothing = await harness.ask(hung, "/cancel")
    assert "nothing to cancel" in nothing.plain_text


async def test_cancel_is_in_every_private_menu(harness: BotHarness) -> None:
    calls = [call for call in harness.emu.requests_for("setMyCommands")
             if call.params.get("scope", {}).get("type", "default") in ("default", "chat")]
    assert calls, "menus were published at start-up"
    for call in calls:
        names = [command["command"] for command in call.params["commands"]]
        assert "cancel" in names, call.params


async def test_the_cancel_button_of_an_answered_question_does_not_say_nothing_was_recorded(
    harness: BotHarness,
) -> None:
    """Pressed after the answer arrived, "Hủy" must not claim the report was lost (the
    official would send it again), nor end a newer question about the same task."""
    data = await seed(harness.services)
    hung = harness.person(MEMBER_A, "Hùng")
    task = data.tasks["digital"]
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    first = harness.emu.messages(hung.id)[-1]
    await harness.ask(hung, "Đã hoàn thành 80% khối lượng")
    # A second question about the same task is waiting when the old button is pressed.
    card = await harness.ask(hung, f"/task {task.id}")
    assert "80%" in card.plain_text
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    answer = await harness.press(hung, first, "Hủy")
    assert "đã kết thúc" in (answer.text or "")
    assert "Không có nội dung nào được ghi nhận" not in first.plain_text
    assert not first.button_texts()
    assert await _waiting(harness, hung) == "act"  # the newer question still waits
    await harness.ask(hung, "Đã hoàn thành 90% khối lượng")
    card = await harness.ask(hung, f"/task {task.id}")
    assert "90%" in card.plain_text


async def test_the_cancel_button_still_ends_a_question_in_its_second_step(
    harness: BotHarness,
) -> None:
    """An extension asks for a date, then a reason: "Hủy" on the first prompt ends the
    whole request (the second step keeps the question's identity)."""
    data = await seed(harness.services)
    hung = harness.person(MEMBER_A, "Hùng")
    task = data.tasks["later"]
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, "⏳ Đề nghị gia hạn")
    prompt = harness.emu.messages(hung.id)[-1]
    assert "lý do" in (await harness.ask(hung, "+14")).plain_text
    answer = await harness.press(hung, prompt, "Hủy")
    assert answer.text == "Đã hủy."
    assert await _waiting(harness, hung) is None
    assert await harness.services.repos.actions.pending_extension(task.id) is None


async def test_cancel_keeps_a_draft_that_holds_work_and_says_how_to_go_on(
    harness: BotHarness,
) -> None:
    """A stray /cancel must not throw away a reviewed notice (the draft's own "Hủy" asks
    first): the question ends, the draft is kept and /new offers it again."""
    from tests.e2e.test_e2e_import import NOTICE
    from tests.e2e.test_e2e_new import Admin

    admin = harness.admin()
    office = Admin(harness)
    await office.say("/import")
    reply = await office.say(NOTICE)
    assert "3 nhiệm vụ đề xuất" in reply.plain_text
    reply = await harness.ask(admin, "/cancel")
    assert "chưa bị xóa" in reply.plain_text and "/new" in reply.plain_text
    assert await _waiting(harness, admin) is None
    draft = await harness.services.repos.drafts.get(1)
    assert draft is not None and draft.state is DraftState.ACTIVE
    again = await harness.ask(admin, "/new")
    assert "bản nháp chưa xong" in again.plain_text


async def test_another_command_says_the_draft_is_paused(harness: BotHarness) -> None:
    """The review's buttons vanish when another command is sent: the bot says the work is
    kept and how to go on."""
    from tests.e2e.test_e2e_import import NOTICE
    from tests.e2e.test_e2e_new import Admin

    admin = harness.admin()
    office = Admin(harness)
    await office.say("/import")
    await office.say(NOTICE)
    before = len(harness.emu.messages(admin.id))
    await harness.ask(admin, "/invites")
    await harness.settle()
    said = [m.plain_text for m in harness.emu.messages(admin.id)[before:]]
    assert any("được tạm dừng (không mất gì)" in text for text in said), said
    again = await harness.ask(admin, "/import")
    assert "bản nháp chưa xong" in again.plain_text
