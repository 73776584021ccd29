"""End to end: admins edit a saved task from its card; nobody else can, whatever they press."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.core.models import DeadlineKind, NewConclusion, NewTask, TaskStatus
from emulator import CallbackAnswer, EmuUser, SentMessage
from handlers.task_admin import PROMPT
from handlers.tasks import EDIT as CARD
from tests.support.harness import BotHarness

DEADLINE = "⏰ Đổi thời hạn"
TEXT = "✏️ Sửa nội dung"
AGENCIES = "🏢 Đổi cơ quan"
CANCEL = "🚫 Hủy nhiệm vụ"
REOPEN = "↩️ Mở lại nhiệm vụ"
ABORT = "✖️ Thôi, không sửa"


def _agency_id(harness: BotHarness, name: str) -> int:
    found = harness.services.directory.resolve(name)
    assert found is not None and found.current.id is not None
    return found.current.id


async def _make_task(harness: BotHarness) -> int:
    """One saved task: lead Sở Tài chính, support Sở Xây dựng, due 30/09/2024."""
    _, tasks = await harness.services.repos.conclusions.create(
        NewConclusion(number="123/TB-UBND", issued_on=date(2024, 9, 5),
                      title="Kết luận tại cuộc họp giao ban tháng 9"),
        [NewTask(
            text="Rà soát, tham mưu phân bổ vốn cho Sở LĐ-TB&XH.",
            lead_ids=(_agency_id(harness, "Sở Tài chính"),),
            support_ids=(_agency_id(harness, "Sở Xây dựng"),),
            deadline=date(2024, 9, 30), deadline_text="trước ngày 30/9/2024",
            deadline_kind=DeadlineKind.DATE,
        )],
        1001,
    )
    return tasks[0].id


def _chat_messages(harness: BotHarness, user: EmuUser) -> list[SentMessage]:
    return harness.emu.messages(harness.emu.private_chat(user))


async def _say(harness: BotHarness, user: EmuUser, text: str) -> list[SentMessage]:
    """Send ``text`` privately; everything the bot answered."""
    before = len(_chat_messages(harness, user))
    harness.emu.send_text(user, text)
    await harness.emu.wait_for_message(harness.emu.private_chat(user), timeout=10)
    await harness.emu.wait_idle(timeout=10)
    return _chat_messages(harness, user)[before:]


async def _press(harness: BotHarness, user: EmuUser, message: SentMessage,
                 text: str | None = None, data: str | None = None,
                 ) -> tuple[CallbackAnswer, list[SentMessage]]:
    """Press a button (by label, or forged/replayed ``data``); the answer and new messages."""
    before = len(_chat_messages(harness, user))
    update = harness.emu.press_button(user, message, text=text, data=data)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    await harness.emu.wait_idle(timeout=10)
    return answer, _chat_messages(harness, user)[before:]


def _labels(message: SentMessage) -> list[str]:
    return [text for text, _ in message.buttons()]


async def _dump(harness: BotHarness) -> dict[str, list[tuple[Any, ...]]]:
    """The rows an admin action could change (users: only identity and role)."""
    queries = {
        "tasks": "SELECT * FROM tasks ORDER BY id",
        "task_agencies": "SELECT * FROM task_agencies ORDER BY task_id, agency_id",
        "task_events": "SELECT * FROM task_events ORDER BY id",
        "agencies": "SELECT id, code, name, active FROM agencies ORDER BY id",
        "users": "SELECT telegram_id, role, active FROM users ORDER BY telegram_id",
        "admin_audit": "SELECT * FROM admin_audit ORDER BY id",
        "waiting": "SELECT * FROM waiting ORDER BY user_id",
        "conclusions": "SELECT * FROM conclusions ORDER BY id",
    }
    db = harness.services.db
    return {name: [tuple(row) for row in await db.fetchall(sql)] for name, sql in queries.items()}


async def test_admin_changes_a_deadline_and_sees_old_and_new_in_history(
    harness: BotHarness,
) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")
    assert _labels(card) == [TEXT, AGENCIES, DEADLINE, CANCEL]
    _, (prompt,) = await _press(harness, admin, card, DEADLINE)
    assert "Thời hạn hiện tại: 30/09/2024" in prompt.plain_text

    (answer,) = await _say(harness, admin, "31/2/2025")
    assert "không có trên lịch" in answer.plain_text
    (answer,) = await _say(harness, admin, "1/9/2024")
    assert "đã qua" in answer.plain_text and "23/09/2024" in answer.plain_text
    (answer,) = await _say(harness, admin, "ngày mai nhé")
    assert "chưa hiểu" in answer.plain_text
    (answer,) = await _say(harness, admin, "trước ngày 30/9/2024")
    assert "trùng với thời hạn hiện tại" in answer.plain_text

    done, new_card = await _say(harness, admin, "15/10/2024")
    assert "Đã đổi thời hạn nhiệm vụ #1: 30/09/2024 → 15/10/2024" in done.plain_text
    assert "Thời hạn: 15/10/2024" in new_card.plain_text
    assert "Điều chỉnh thời hạn: 30/09/2024 → 15/10/2024 (Lan)" in new_card.plain_text
    assert prompt.buttons() == []  # the answered prompt lost its buttons

    task = await harness.services.repos.tasks.get(task_id)
    assert task is not None and task.deadline == date(2024, 10, 15)
    assert task.deadline_text == "15/10/2024"
    events = await harness.services.repos.tasks.events(task_id)
    assert events[-1].actor_id == 1001
    assert events[-1].data["old"] == "2024-09-30" and events[-1].data["new"] == "2024-10-15"
    assert await harness.services.repos.waiting.get(1001) is None
    # The next text is ordinary chat again, not a deadline.
    (reply,) = await _say(harness, admin, "16/10/2024")
    assert "Bot chưa hiểu tin nhắn này" in reply.plain_text


async def test_deadline_can_become_none_or_recurring(harness: BotHarness) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")
    _, (prompt,) = await _press(harness, admin, card, DEADLINE)
    _, (done, card) = await _press(harness, admin, prompt, "Không có thời hạn")
    assert "30/09/2024 → không có thời hạn" in done.plain_text
    assert "Thời hạn: không có\n" in card.plain_text
    await _press(harness, admin, card, DEADLINE)
    await _say(harness, admin, "hằng tháng")
    task = await harness.services.repos.tasks.get(task_id)
    assert task is not None and task.deadline_kind is DeadlineKind.RECURRING
    assert task.recurrence


async def test_admin_edits_text_agencies_cancels_and_reopens(harness: BotHarness) -> None:
    admin = harness.admin()
    repos = harness.services.repos
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")

    await _press(harness, admin, card, TEXT)
    (answer,) = await _say(harness, admin, "Rà soát, tham mưu phân bổ vốn cho Sở LĐ-TB&XH.")
    assert "giống hệt" in answer.plain_text
    _, card = await _say(harness, admin, "Tham mưu phân bổ vốn <năm 2025> cho Sở LĐ-TB&XH")
    assert "Tham mưu phân bổ vốn <năm 2025> cho Sở LĐ-TB&XH" in card.plain_text
    assert "Điều chỉnh nội dung nhiệm vụ (Lan)" in card.plain_text

    # Agencies: a former name resolves to its successor; an unknown one is added on request.
    _, (prompt,) = await _press(harness, admin, card, AGENCIES)
    assert "Cơ quan chủ trì hiện tại: Sở Tài chính" in prompt.plain_text
    (ask_add,) = await _say(harness, admin, "Sở KH&ĐT; Ban Quản lý Khu kinh tế XYZ")
    assert "«Sở KH&ĐT» là tên cũ" in ask_add.plain_text
    assert "cơ quan hiện nay là Sở Tài chính" in ask_add.plain_text
    assert "«Ban Quản lý Khu kinh tế XYZ»" in ask_add.plain_text
    _, (retyped,) = await _press(harness, admin, ask_add, "✏️ Nhập lại")
    assert "Bước 1/2" in retyped.plain_text
    (ask_add,) = await _say(harness, admin, "Sở KH&ĐT; Ban Quản lý Khu kinh tế XYZ")
    _, added = await _press(harness, admin, ask_add, "➕ Thêm vào danh mục")
    assert "Đã thêm vào danh mục: Ban Quản lý Khu kinh tế XYZ" in added[0].plain_text
    support_prompt = added[-1]
    assert "Bước 2/2" in support_prompt.plain_text
    assert "Cơ quan chủ trì mới: Sở Tài chính, Ban Quản lý Khu kinh tế XYZ" in (
        support_prompt.plain_text)
    done, card = await _say(harness, admin, "Sở Văn hóa, Thể thao và Du lịch; Sở Y tế")
    assert "Đã đổi cơ quan" in done.plain_text
    assert "Cơ quan phối hợp: Sở Văn hóa, Thể thao và Du lịch, Sở Y tế" in card.plain_text
    task = await repos.tasks.get(task_id)
    assert task is not None
    new_agency = harness.services.directory.resolve("Ban Quản lý Khu kinh tế XYZ")
    assert new_agency is not None
    assert task.lead_ids == (_agency_id(harness, "Sở Tài chính"), new_agency.current.id)
    assert task.support_ids == (_agency_id(harness, "Sở Văn hóa, Thể thao và Du lịch"),
                                _agency_id(harness, "Sở Y tế"))

    # Keep the lead, drop every supporting agency.
    _, (prompt,) = await _press(harness, admin, card, AGENCIES)
    _, (support_prompt,) = await _press(harness, admin, prompt, "Giữ nguyên cơ quan chủ trì")
    _, (done, card) = await _press(harness, admin, support_prompt, "Không có cơ quan phối hợp")
    task = await repos.tasks.get(task_id)
    assert task is not None and task.support_ids == ()
    assert "phối hợp:" not in card.plain_text

    # Cancel needs a reason; then only "reopen" is offered.
    await _press(harness, admin, card, CANCEL)
    (asked,) = await _say(harness, admin, "   ")  # whitespace only: asked again
    assert "lý do" in asked.plain_text
    _, card = await _say(harness, admin, "Đã được thay thế bởi Thông báo số 200/TB-UBND")
    assert "Hủy nhiệm vụ: Đã được thay thế bởi Thông báo số 200/TB-UBND (Lan)" in card.plain_text
    assert _labels(card) == [REOPEN]
    task = await repos.tasks.get(task_id)
    assert task is not None and task.status is TaskStatus.CANCELLED

    _, (done, card) = await _press(harness, admin, card, REOPEN)
    assert "Đã mở lại nhiệm vụ #1" in done.plain_text
    assert "Mở lại nhiệm vụ (Lan)" in card.plain_text
    task = await repos.tasks.get(task_id)
    assert task is not None and task.status is TaskStatus.OPEN
    kinds = [e.kind.value for e in await repos.tasks.events(task_id)]
    assert kinds == ["created", "text", "agencies", "agencies", "cancelled", "reopened"]


async def test_stale_buttons_get_a_polite_refusal(harness: BotHarness) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    old_card = await harness.ask(admin, f"/task {task_id}")
    _, (prompt,) = await _press(harness, admin, old_card, CANCEL)
    abort_data = next(d for label, d in prompt.buttons() if label == "✖️ Thôi, không hủy")
    await _say(harness, admin, "Không còn phù hợp")
    assert prompt.buttons() == []  # the answered prompt lost its buttons
    before = await _dump(harness)

    answer, sent = await _press(harness, admin, old_card, CANCEL)
    assert "Nút này đã cũ" in (answer.text or "") and "Đã hủy" in (answer.text or "")
    answer, _ = await _press(harness, admin, old_card, DEADLINE)
    assert "Nút này đã cũ" in (answer.text or "")
    # The finished prompt's "never mind" (replayed with its data) is refused as well.
    answer, _ = await _press(harness, admin, prompt, data=abort_data)
    assert "đã xong" in (answer.text or "")
    assert sent == [] and await _dump(harness) == before

    # A button of an older prompt cannot act on a newer one.
    card = await harness.ask(admin, f"/task {task_id}")
    _, (_reopened, card) = await _press(harness, admin, card, REOPEN)
    _, (first,) = await _press(harness, admin, card, TEXT)
    old_abort = next(d for label, d in first.buttons() if label == ABORT)
    _, (second,) = await _press(harness, admin, card, DEADLINE)
    answer, _ = await _press(harness, admin, first, data=old_abort)
    assert "đã xong" in (answer.text or "")
    pending = await harness.services.repos.waiting.get(1001)
    assert pending is not None and pending.kind == "deadline"
    await _press(harness, admin, second, ABORT)
    assert "Đã thôi, nhiệm vụ #1 không thay đổi" in second.plain_text
    assert await harness.services.repos.waiting.get(1001) is None


async def test_an_edit_survives_a_restart_and_expires_clearly(harness: BotHarness) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")
    await _press(harness, admin, card, DEADLINE)
    await harness.restart()
    done, _ = await _say(harness, admin, "quý IV/2024")
    assert "30/09/2024 → 31/12/2024" in done.plain_text

    card = await harness.ask(admin, f"/task {task_id}")
    await _press(harness, admin, card, TEXT)
    harness.clock.advance(timedelta(minutes=31))
    before = await _dump(harness)
    (answer,) = await _say(harness, admin, "Nội dung mới")
    assert "đã hết hạn" in answer.plain_text
    task = await harness.services.repos.tasks.get(task_id)
    assert task is not None and task.text != "Nội dung mới"
    after = await _dump(harness)
    assert after["waiting"] == [] and after["tasks"] == before["tasks"]

    # Another command abandons an unfinished edit instead of eating its text later.
    card = await harness.ask(admin, f"/task {task_id}")
    await _press(harness, admin, card, TEXT)
    replies = await _say(harness, admin, "/help")
    assert "bỏ dở thao tác sửa nhiệm vụ #1" in replies[0].plain_text
    assert await harness.services.repos.waiting.get(1001) is None
    # So does a button of another feature (here: the card's own "open task" elsewhere).
    card = await harness.ask(admin, f"/task {task_id}")
    _, (prompt,) = await _press(harness, admin, card, TEXT)
    await _press(harness, admin, card, data=harness.services.button("tv", task_id))
    assert await harness.services.repos.waiting.get(1001) is None
    assert prompt.buttons() == []


async def _refused_everywhere(harness: BotHarness, user: EmuUser, card: SentMessage,
                              prompt: SentMessage, task_id: int) -> None:
    """Every admin command and button, as ``user``: refused, database unchanged."""
    before = await _dump(harness)
    for command in ("/admins", "/grant_admin 1001", f"/grant_admin {user.id}",
                    "/revoke_admin 1001", "/grant_admin @lan_vp"):
        replies = await _say(harness, user, command)
        assert "chỉ dành cho quản trị viên" in replies[0].plain_text, command
    own = await harness.ask(user, "/start")
    services = harness.services
    crafted = [services.button(CARD, op, task_id) for op in "tadcr"]
    crafted += [d for _, d in card.buttons() if d] + [d for _, d in prompt.buttons() if d]
    crafted += [services.button(PROMPT, choice, "00000000") for choice in "xynk0"]
    for data in crafted:
        # Signed by the bot, pressed on a message in the user's own chat (forwarded/replayed)
        answer, sent = await _press(harness, user, own, data=data)
        assert "chỉ dành cho quản trị viên" in (answer.text or ""), data
        assert answer.show_alert and sent == []
    # Pressing the admin's real messages (a forwarded card keeps its buttons) too.
    for message in (card, prompt):
        for label, _ in message.buttons():
            answer, _ = await _press(harness, user, message, label)
            assert "chỉ dành cho quản trị viên" in (answer.text or ""), label
    (reply,) = await _say(harness, user, "31/12/2024")  # not taken as anybody's answer
    assert "Đổi thời hạn" not in reply.plain_text
    assert await _dump(harness) == before


async def test_stranger_is_refused_at_every_admin_command_and_button(
    harness: BotHarness,
) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")
    _, (prompt,) = await _press(harness, admin, card, DEADLINE)
    stranger = harness.person(5009, "Khách", username="khach_la")
    await harness.ask(stranger, "/start")
    await _refused_everywhere(harness, stranger, card, prompt, task_id)
    # The admin's own edit was untouched by all that and still works.
    done, _ = await _say(harness, admin, "+14")
    assert "30/09/2024 → 07/10/2024" in done.plain_text


async def test_revoked_admin_is_refused_and_loses_the_unfinished_edit(
    harness: BotHarness,
) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    hoa = harness.person(5002, "Hoa", username="hoa_stc")
    await harness.ask(hoa, "/start")
    await _say(harness, admin, "/grant_admin @hoa_stc")
    card = await harness.ask(hoa, f"/task {task_id}")
    assert _labels(card) == [TEXT, AGENCIES, DEADLINE, CANCEL]
    _, (prompt,) = await _press(harness, hoa, card, CANCEL)
    await _say(harness, admin, "/revoke_admin @hoa_stc")
    assert await harness.services.repos.waiting.get(5002) is None
    await _refused_everywhere(harness, hoa, card, prompt, task_id)
    task = await harness.services.repos.tasks.get(task_id)
    assert task is not None and task.status is TaskStatus.OPEN
    # Not a member of any agency any more than before: the card itself is refused now.
    reply = await harness.ask(hoa, f"/task {task_id}")
    assert not reply.inline_keyboard()


async def test_admin_buttons_in_a_group_are_refused(harness: BotHarness) -> None:
    admin = harness.admin()
    stranger = harness.person(5011, "Khách")
    task_id = await _make_task(harness)
    group = harness.emu.group(-100300, "Văn phòng UBND tỉnh")
    harness.emu.add_bot_to_group(group, admin)
    await harness.emu.wait_idle(timeout=10)
    await harness.ask(stranger, "/start")
    before = await _dump(harness)
    message = await harness.ask(admin, "/help", chat=group)
    for user, expected in ((admin, "tin nhắn riêng"), (stranger, "chỉ dành cho quản trị viên")):
        for op in "tadcr":
            data = harness.services.button(CARD, op, task_id)
            update = harness.emu.press_button(user, message, data=data)
            answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
            assert expected in (answer.text or ""), (user.id, op)
    await harness.emu.wait_idle(timeout=10)
    reply = await harness.ask(admin, "/admins", chat=group)
    assert "tin nhắn riêng" in reply.plain_text
    assert await _dump(harness) == before


async def test_member_of_the_lead_agency_sees_no_admin_buttons_and_is_refused(
    harness: BotHarness,
) -> None:
    admin = harness.admin()
    task_id = await _make_task(harness)
    card = await harness.ask(admin, f"/task {task_id}")
    _, (prompt,) = await _press(harness, admin, card, TEXT)
    await harness.services.repos.memberships.add(
        5010, _agency_id(harness, "Sở Tài chính"), 1001
    )
    member = harness.person(5010, "Phúc", username="phuc_stc")
    own_card = await harness.ask(member, f"/task {task_id}")
    assert "Nhiệm vụ #1" in own_card.plain_text
    assert not set(_labels(own_card)) & {TEXT, AGENCIES, DEADLINE, CANCEL, REOPEN}
    await _refused_everywhere(harness, member, card, prompt, task_id)
