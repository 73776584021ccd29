"""Hostile chat input (issue #17): numbers that are not numbers, crafted buttons, texts
long in Telegram's count. Each gets its own clear answer, never the generic error."""

from __future__ import annotations

import pytest

from bot.core.actions import CONFIRM
from bot.core.models import EventKind, NewConclusion, NewTask
from bot.core.textlen import utf16_len
from bot.texts import plain
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, seed

GENERIC = plain("error.generic")


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("/task 99999999999999999999999", "/task &lt;số nhiệm vụ&gt;"),
        ("/task 9223372036854775808", "/task &lt;số nhiệm vụ&gt;"),
        ("/task ²", "/task &lt;số nhiệm vụ&gt;"),
        ("/upcoming ²", "/upcoming [số ngày"),
        ("/upcoming 99999999999999999999999", "/upcoming [số ngày"),
        ("/invite Sở Y tế ² 1", "/invite &lt;cơ quan&gt;"),
    ],
)
async def test_numbers_that_are_not_ascii_or_too_big_get_the_usage_line(
    harness: BotHarness, command: str, usage: str
) -> None:
    reply = await harness.ask(harness.admin(), command)
    assert usage.replace("&lt;", "<").replace("&gt;", ">") in reply.plain_text, reply.plain_text
    assert GENERIC not in reply.plain_text


@pytest.mark.parametrize("data", ["tv:1~ñandú🚀", "x~é", "~", "tv:1~" + "é" * 20])
async def test_a_button_with_a_non_ascii_signature_is_an_invalid_button(
    harness: BotHarness, data: str
) -> None:
    stranger = harness.person(5301, "Tú")
    reply = await harness.ask(stranger, "/start")
    update = harness.emu.press_button(stranger, reply, data=data)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert answer.text == plain("error.bad_button")
    assert answer.show_alert


async def test_a_card_of_4900_utf16_units_arrives_whole_in_parts(harness: BotHarness) -> None:
    seeded = await seed(harness.services)
    text = "Nhiệm vụ: " + "🚀" * 2445  # 2,455 characters, 4,900 UTF-16 units
    assert utf16_len(text) == 4900
    _, (task,) = await harness.services.repos.conclusions.create(
        NewConclusion(number="9/TB"), [NewTask(text, (seeded.a,), (), "1")], created_by=1001
    )
    admin = harness.admin()
    harness.emu.send_text(admin, f"/task {task.id}")
    await harness.emu.wait_idle(timeout=10)
    sent = harness.emu.messages(admin.id)
    assert sent and all(GENERIC not in m.plain_text for m in sent)
    assert all(utf16_len(m.plain_text) <= 4096 for m in sent)
    assert "".join(m.plain_text for m in sent).count("🚀") == 2445
    assert "Cơ quan chủ trì" in sent[-1].plain_text  # the rest of the card came after the text


async def test_a_stranger_pressing_an_admins_button_is_told_it_is_for_the_office(
    harness: BotHarness,
) -> None:
    seeded = await seed(harness.services)
    task = seeded.tasks["digital"]
    stranger = harness.person(5302, "Khách")
    reply = await harness.ask(stranger, "/start")
    data = harness.services.button(CONFIRM, task.id, 1)
    update = harness.emu.press_button(stranger, reply, data=data)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert answer.text == plain("act.refuse.not_admin")
    assert "chưa thuộc cơ quan" not in (answer.text or "")
    # A member of the task's agency gets the same answer: the button is the office's.
    member = harness.person(MEMBER_A, "Hùng")
    reply = await harness.ask(member, "/start")
    update = harness.emu.press_button(member, reply, data=data)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert answer.text == plain("act.refuse.not_admin")


async def test_a_long_paste_split_by_telegram_is_refused_whole(harness: BotHarness) -> None:
    """5,000 characters arrive as 4,096 + 904: the tail must not become the task."""
    from tests.e2e.test_e2e_new import Admin, _details

    admin = Admin(harness)
    await _details(admin)
    paste = ("Giao Sở Nội vụ chủ trì rà soát, sắp xếp tổ chức bộ máy. " * 100)[:5000]
    harness.emu.send_text(admin.user, paste[:4096])
    harness.emu.send_text(admin.user, paste[4096:])
    await harness.emu.wait_idle(timeout=10)
    replies = [m.plain_text for m in harness.emu.messages(admin.user.id)][-2:]
    assert "quá giới hạn 3000 ký tự" in replies[0], replies
    assert "đoạn cuối của nội dung dài" in replies[1], replies
    record = await harness.services.repos.drafts.active_of(admin.user.id)
    assert (record is not None and record.draft.current is None) or (
        record is not None and record.draft.current is not None
        and not record.draft.current.text
    )
    # A task typed afterwards is taken as usual.
    reply = await admin.say("Giao Sở Nội vụ chủ trì rà soát tổ chức bộ máy.")
    assert "đoạn cuối" not in reply.plain_text and "quá giới hạn" not in reply.plain_text


LONG_NAME = "Sở " + "Khoa học và Công nghệ mới " * 160  # ~4,000 characters, no such agency


@pytest.mark.parametrize("command", ["/stats", "/export", "/find", "/join", "/invite", "/members"])
async def test_a_name_of_4000_characters_is_echoed_cut_in_one_line(
    harness: BotHarness, command: str
) -> None:
    """A name pasted by mistake (a whole paragraph) is answered with one short line that
    quotes its beginning, not the generic error (too long for Telegram) nor two messages."""
    await seed(harness.services)
    user = harness.admin() if command in ("/invite", "/members") else harness.person(
        MEMBER_A, "Hùng")
    harness.emu.send_text(user, f"{command} {LONG_NAME}"[:4096])
    await harness.emu.wait_idle(timeout=10)
    sent = harness.emu.messages(user.id)
    assert len(sent) == 1, [m.plain_text[:80] for m in sent]
    assert GENERIC not in sent[0].plain_text
    assert "Sở Khoa học và Công nghệ mới" in sent[0].plain_text
    assert "…" in sent[0].plain_text
    assert utf16_len(sent[0].plain_text) < 1000


async def test_a_long_name_to_unlink_in_a_group_is_echoed_cut(harness: BotHarness) -> None:
    admin = harness.admin()
    group = harness.emu.group(-100300, "Nhóm Sở Nội vụ")
    harness.emu.add_bot_to_group(group, admin)
    harness.emu.set_member_status(group, admin, "creator")
    await harness.emu.wait_idle(timeout=10)
    for command in ("/unlink", "/link"):
        before = len(harness.emu.messages(group.id))
        harness.emu.send_text(admin, f"{command} {LONG_NAME}"[:4096], chat=group)
        await harness.emu.wait_idle(timeout=10)
        sent = harness.emu.messages(group.id)[before:]
        assert len(sent) == 1, [m.plain_text[:80] for m in sent]
        assert "…" in sent[0].plain_text and utf16_len(sent[0].plain_text) < 1000


async def test_an_edited_message_is_not_taken_as_the_answer_the_bot_waits_for(
    harness: BotHarness,
) -> None:
    """Correcting an older message while the bot waits for a progress report must not file
    the corrected text as the report: an edit gets one line and changes nothing."""
    seeded = await seed(harness.services)
    task = seeded.tasks["digital"]
    hung = harness.person(MEMBER_A, "Hùng")
    note = harness.emu.send_text(hung, "Ghi chú riêng: họp lúc 14h")
    await harness.emu.wait_idle(timeout=10)
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    harness.emu.edited_message(hung, note, "Ghi chú riêng: họp lúc 15h")
    await harness.emu.wait_idle(timeout=10)
    assert harness.emu.messages(hung.id)[-1].plain_text == plain("error.edited")
    events = await harness.services.repos.tasks.events(task.id)
    assert not [e for e in events if e.kind is EventKind.PROGRESS]
    # The question still waits: the next new message is the report.
    reply = await harness.ask(hung, "Đã số hóa 60% hồ sơ")
    assert "Đã ghi nhận báo cáo tiến độ" in reply.plain_text
    events = await harness.services.repos.tasks.events(task.id)
    assert [e.note for e in events if e.kind is EventKind.PROGRESS] == ["Đã số hóa 60% hồ sơ"]


async def test_an_edited_command_is_not_run_again(harness: BotHarness) -> None:
    """Telegram sends an edited '/grant_admin 123' with its command entity: it must not
    run (twice, or for someone else) — in a private chat one line says so, in a group the
    bot stays silent."""
    admin = harness.admin()
    sent = harness.emu.send_text(admin, "/grant_admin 424242")
    await harness.emu.wait_idle(timeout=10)
    harness.emu.edited_message(admin, sent, "/grant_admin 434343")
    await harness.emu.wait_idle(timeout=10)
    assert harness.emu.messages(admin.id)[-1].plain_text == plain("error.edited")
    assert not (await harness.services.access(434343)).is_admin
    group = harness.emu.group(-100400, "Nhóm giao ban")
    harness.emu.add_bot_to_group(group, admin)
    await harness.emu.wait_idle(timeout=10)
    said = harness.emu.send_text(admin, "/help", chat=group)
    await harness.emu.wait_idle(timeout=10)
    before = len(harness.emu.messages(group.id))
    harness.emu.edited_message(admin, said, "/tasks")
    await harness.emu.wait_idle(timeout=10)
    assert len(harness.emu.messages(group.id)) == before


async def test_direction_overrides_in_a_note_or_a_name_do_not_reach_other_readers(
    harness: BotHarness,
) -> None:
    """U+202E (right-to-left override) in a report or a Telegram name would show the rest of
    the card's line reversed — the author's name included — to the office. Vietnamese needs
    none of the direction controls: they are dropped from whatever the bot quotes."""
    seeded = await seed(harness.services)
    task = seeded.tasks["digital"]
    hung = harness.emu.user(MEMBER_A, "Hùng\u202e", language_code="vi", last_name="Lê\u2067")
    card = await harness.ask(hung, f"/task {task.id}")
    await harness.press(hung, card, "📝 Báo cáo tiến độ")
    reply = await harness.ask(hung, "Đã xong\u202e 60% <b>hồ sơ</b>\u2066 &amp;")
    assert "Đã ghi nhận" in reply.plain_text
    harness.emu.send_text(harness.admin(), f"/task {task.id}")
    await harness.emu.wait_idle(timeout=10)
    shown = "".join(m.plain_text for m in harness.emu.messages(harness.admin().id))
    assert "Đã xong 60% <b>hồ sơ</b> &amp;" in shown
    assert not set(shown) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
