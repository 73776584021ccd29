"""End to end: invitations, join requests, members, groups and /settings through the emulator."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.models import NewConclusion, NewOutboxMessage, NewTask, Role
from bot.core.payloads import message_payload
from emulator import EmuUser, SentMessage
from handlers.context import wake_sender
from tests.support.harness import ADMIN_ID, BotHarness


def _token(message: SentMessage) -> str:
    found = re.search(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)", message.plain_text)
    assert found is not None, message.plain_text
    return found.group(1)


async def _agency(harness: BotHarness, name: str) -> int:
    resolution = harness.services.directory.resolve(name)
    assert resolution is not None and resolution.current.id is not None
    return resolution.current.id


async def _invite(harness: BotHarness, args: str) -> SentMessage:
    reply = await harness.ask(harness.admin(), f"/invite {args}")
    assert "Link mời tham gia" in reply.plain_text, reply.plain_text
    return reply


async def _subscribers(harness: BotHarness, agency: int, **switches: bool) -> list[int]:
    subs = await harness.services.repos.chats.subscribers(agency, **switches)
    return [s.chat_id for s in subs]


async def test_invite_link_makes_a_member_who_is_greeted_as_one(harness: BotHarness) -> None:
    reply = await _invite(harness, "Sở LĐ-TB&XH")
    # A former name leads to the successor, and the admin is told so.
    assert "Sở Nội vụ" in reply.plain_text and "nay là Sở Nội vụ" in reply.plain_text
    token = _token(reply)
    assert f"t.me/{harness.emu.bot.username}?start=" in reply.plain_text
    noivu = await _agency(harness, "Sở Nội vụ")
    # Only the hash is stored.
    assert token not in str(await harness.services.db.fetchall("SELECT * FROM invites"))

    minh = harness.person(5001, "Minh")
    welcome = await harness.ask(minh, f"/start {token}")
    assert "Anh/chị đã tham gia Sở Nội vụ" in welcome.plain_text
    assert "/settings" in welcome.plain_text
    assert await harness.services.repos.memberships.agencies_of(5001) == [noivu]
    assert await _subscribers(harness, noivu, nudges=True, summaries=True) == [5001]
    # The admin learns who used the link.
    told = await harness.emu.wait_for_message(ADMIN_ID, lambda m: "Minh" in m.plain_text)
    assert "link #1" in told.plain_text

    again = await harness.ask(minh, "/start")
    assert "đang theo dõi nhiệm vụ của: Sở Nội vụ" in again.plain_text


async def test_expired_forged_used_up_and_revoked_invites_give_no_access(
    harness: BotHarness,
) -> None:
    repos = harness.services.repos
    short = _token(await _invite(harness, "Sở Y tế 5 1"))
    harness.clock.advance(timedelta(days=1, minutes=1))
    late = harness.person(5002, "Lan Anh")
    reply = await harness.ask(late, f"/start {short}")
    assert "đã hết hạn" in reply.plain_text
    reply = await harness.ask(late, "/start Zm9yZ2VkLXRva2VuLXRoYXQtZG9lcy1ub3QtZXhpc3Q")
    assert "không hợp lệ" in reply.plain_text
    reply = await harness.ask(late, "/start <b>")
    assert "không hợp lệ" in reply.plain_text

    once = _token(await _invite(harness, "Sở Y tế 1"))
    assert "đã tham gia" in (await harness.ask(harness.person(5003, "Bình"), f"/start {once}"))\
        .plain_text
    reply = await harness.ask(late, f"/start {once}")
    assert "dùng hết" in reply.plain_text
    await harness.emu.wait_idle(timeout=10)  # the admin's "joined" notice comes after

    created = await _invite(harness, "Sở Y tế")
    revoked = _token(created)
    listing = await harness.ask(harness.admin(), "/invites")
    assert "Sở Y tế" in listing.plain_text
    answer = await harness.press(harness.admin(), listing, "🚫 Thu hồi link #3")
    assert "Đã thu hồi" in (answer.text or "")
    reply = await harness.ask(late, f"/start {revoked}")
    assert "thu hồi" in reply.plain_text
    # Pressing the Revoke button on the link message afterwards changes nothing more.
    answer = await harness.press(harness.admin(), created, "🚫 Thu hồi link #3")
    assert "trước đó" in (answer.text or "")

    assert await repos.memberships.agencies_of(5002) == []
    assert (await harness.services.access(5002)).audience.value == "stranger"


async def test_only_admins_invite_and_see_invites(harness: BotHarness) -> None:
    stranger = harness.person(5004, "Tú")
    for command in ("/invite Sở Y tế", "/invites", "/members Sở Y tế"):
        reply = await harness.ask(stranger, command)
        assert "chỉ dành cho quản trị viên" in reply.plain_text
    assert await harness.services.db.fetchval("SELECT count(*) FROM invites") == 0
    # A stolen Revoke button does not work for a non-admin.
    created = await _invite(harness, "Sở Y tế")
    answer = await harness.press(stranger, created, "🚫 Thu hồi link #1")
    assert "quản trị viên" in (answer.text or "")
    assert len(await harness.services.repos.invites.active()) == 1


async def _request(harness: BotHarness, user: EmuUser, typed: str) -> SentMessage:
    """The user sends /join, types an agency and presses the first result."""
    picker = await harness.ask(user, "/join")
    assert "cơ quan nào" in picker.plain_text
    results = await harness.ask(user, typed)
    label = results.inline_keyboard()[0][0]["text"]
    await harness.press(user, results, label)
    assert "Đã gửi yêu cầu" in results.plain_text
    return results


async def test_join_requests_approved_rejected_and_forged_approvals(harness: BotHarness) -> None:
    repos = harness.services.repos
    emu = harness.emu
    admin = harness.admin()
    second = harness.person(2002, "Quang")
    await harness.ask(second, "/start")
    await repos.users.set_role(2002, Role.ADMIN)
    await harness.ask(admin, "/start")

    hoa = harness.person(5005, "Hoa")
    await _request(harness, hoa, "tai chinh")
    first_copy = await emu.wait_for_message(ADMIN_ID, lambda m: "Yêu cầu tham gia" in m.plain_text)
    second_copy = await emu.wait_for_message(2002, lambda m: "Yêu cầu tham gia" in m.plain_text)
    assert "Hoa" in first_copy.plain_text and "Sở Tài chính" in first_copy.plain_text
    taichinh = await _agency(harness, "Sở Tài chính")

    # The requester presses a copy of the approve button (forwarded or crafted): refused.
    data = first_copy.inline_keyboard()[0][0]["callback_data"]
    update = emu.press_button(hoa, (await harness.ask(hoa, "/help")), data=data)
    answer = await emu.wait_for_callback_answer(update, timeout=10)
    assert "quản trị viên" in (answer.text or "")
    assert await repos.memberships.agencies_of(5005) == []

    answer = await harness.press(admin, first_copy, "✅ Duyệt")
    assert "Đã duyệt" in (answer.text or "")
    assert await repos.memberships.agencies_of(5005) == [taichinh]
    assert await _subscribers(harness, taichinh) == [5005]
    welcome = await emu.wait_for_message(5005, lambda m: "đã tham gia" in m.plain_text)
    assert "Sở Tài chính" in welcome.plain_text
    # Both admins' copies now show the outcome, without buttons.
    for copy in (first_copy, second_copy):
        assert "Đã duyệt bởi Lan" in copy.plain_text and not copy.inline_keyboard()
    # The second admin pressing a stale Reject is told it is decided; nothing changes.
    data = second_copy.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    update = emu.press_button(second, second_copy, data=data)
    answer = await emu.wait_for_callback_answer(update, timeout=10)
    assert "Đã duyệt" in (answer.text or "")
    assert await repos.memberships.agencies_of(5005) == [taichinh]

    khoa = harness.person(5006, "Khoa")
    await _request(harness, khoa, "Sở Y tế")
    copy = await emu.wait_for_message(2002, lambda m: "Khoa" in m.plain_text)
    answer = await harness.press(second, copy, "❌ Từ chối")
    assert "Đã từ chối" in (answer.text or "")
    told = await emu.wait_for_message(5006, lambda m: "chưa được chấp thuận" in m.plain_text)
    assert "Sở Y tế" in told.plain_text
    assert await repos.memberships.agencies_of(5006) == []


async def test_join_picker_pages_and_refuses_duplicates(harness: BotHarness) -> None:
    user = harness.person(5007, "Dũng")
    picker = await harness.ask(user, "/join")
    first_page = [row[0]["text"] for row in picker.inline_keyboard()[:-1]]
    assert "UBND các xã, phường" not in first_page  # addressees are not workplaces
    await harness.press(user, picker, "Trang sau ▶")
    assert "trang 2/" in picker.plain_text
    assert [row[0]["text"] for row in picker.inline_keyboard()[:-1]] != first_page
    reply = await harness.ask(user, "/join xyzzy khong co")
    assert "Không tìm thấy" in reply.plain_text
    results = await harness.ask(user, "/join Sở TT&TT")  # former name -> successor
    assert "Sở Khoa học và Công nghệ" in results.plain_text
    await harness.press(user, results, "Sở Khoa học và Công nghệ")
    again = await harness.ask(user, "/join Sở KH&CN")
    answer = await harness.press(user, again, "Sở Khoa học và Công nghệ")
    assert "đang chờ duyệt" in (answer.text or "")
    assert len(await harness.services.repos.join_requests.pending_of(5007)) == 1


async def test_members_list_and_remove_with_confirmation(harness: BotHarness) -> None:
    repos = harness.services.repos
    admin = harness.admin()
    token = _token(await _invite(harness, "Sở Xây dựng"))
    tuan = harness.person(5008, "Tuấn", username="tuan_sxd")
    await harness.ask(tuan, f"/start {token}")
    await harness.emu.wait_idle(timeout=10)  # the admin's "joined" notice comes after
    xaydung = await _agency(harness, "Sở Xây dựng")

    listing = await harness.ask(admin, "/members xây dựng")
    assert "Tuấn @tuan_sxd" in listing.plain_text
    stale = listing.inline_keyboard()[0][0]["callback_data"]
    await harness.press(admin, listing, "🗑 Xóa Tuấn")
    assert "Xóa Tuấn khỏi Sở Xây dựng?" in listing.plain_text
    assert await repos.memberships.is_member(5008, xaydung)  # nothing yet: needs confirming
    await harness.press(admin, listing, "🗑 Xóa khỏi cơ quan")
    assert "Đã xóa Tuấn" in listing.plain_text
    assert not await repos.memberships.is_member(5008, xaydung)
    assert await _subscribers(harness, xaydung) == []
    await harness.emu.wait_for_message(5008, lambda m: "không còn là thành viên" in m.plain_text)

    # Remove pressed again on a non-member (stale button): a clear answer, nothing changes.
    update = harness.emu.press_button(admin, listing, data=stale)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "không còn là thành viên" in (answer.text or "")


async def test_group_link_receives_agency_messages_across_migration_and_removal(
    harness: BotHarness,
) -> None:
    emu = harness.emu
    admin = harness.admin()
    repos = harness.services.repos
    outsider = harness.person(5010, "Phúc")
    group = emu.group(-4001, "Sở Y tế — điều hành")
    emu.add_bot_to_group(group, admin)
    hello = await emu.wait_for_message(group)
    assert "/link" in hello.plain_text
    yte = await _agency(harness, "Sở Y tế")

    refused = await harness.ask(outsider, "/link Sở Y tế", chat=group)
    assert "Chỉ quản trị viên" in refused.plain_text
    assert await _subscribers(harness, yte) == []
    linked = await harness.ask(admin, "/link y tế", chat=group)
    assert "Đã liên kết nhóm với Sở Y tế" in linked.plain_text
    assert await _subscribers(harness, yte, nudges=True) == [group.id]

    async def fan_out(key: str) -> None:
        messages = [
            NewOutboxMessage(f"{key}:{chat}", chat, "test", message_payload(f"Nhắc việc {key}"))
            for chat in await _subscribers(harness, yte, nudges=True)
        ]
        await repos.outbox.enqueue(messages)
        assert harness.app is not None
        wake_sender(harness.app)

    await fan_out("before")
    await emu.wait_for_message(group, lambda m: "Nhắc việc before" in m.plain_text, timeout=10)

    supergroup = emu.migrate_group(group, -1004001)
    await emu.wait_idle(timeout=10)
    assert await _subscribers(harness, yte, nudges=True) == [supergroup.id]
    await fan_out("after")
    await emu.wait_for_message(supergroup, lambda m: "Nhắc việc after" in m.plain_text, timeout=10)

    emu.remove_bot_from_group(supergroup, admin)
    await emu.wait_idle(timeout=10)
    chat = await repos.chats.get(supergroup.id)
    assert chat is not None and not chat.active
    assert await _subscribers(harness, yte) == []


async def test_group_commands_never_leak_and_unlink(harness: BotHarness) -> None:
    emu = harness.emu
    admin = harness.admin()
    group = emu.group(-4002, "Phòng họp")
    emu.add_bot_to_group(group, admin)
    await emu.wait_for_message(group)
    for command in ("/invite Sở Y tế", "/members Sở Y tế", "/settings", "/join"):
        reply = await harness.ask(admin, command, chat=group)
        assert "tin nhắn riêng" in reply.plain_text, command
    assert "chưa được liên kết" in (await harness.ask(admin, "/unlink", chat=group)).plain_text
    await harness.ask(admin, "/link Sở Tư pháp", chat=group)
    await harness.ask(admin, "/link Sở Ngoại vụ", chat=group)
    reply = await harness.ask(admin, "/unlink Sở Tư pháp", chat=group)
    assert "Sở Tư pháp" in reply.plain_text
    subs = await harness.services.repos.chats.subscriptions_of_chat(group.id)
    assert [s.agency_id for s in subs] == [await _agency(harness, "Sở Ngoại vụ")]
    reply = await harness.ask(admin, "/link Sở Y tế")
    assert "trong nhóm" in reply.plain_text  # linking a private chat makes no sense


async def test_settings_switches_change_who_receives_and_language(harness: BotHarness) -> None:
    token = _token(await _invite(harness, "Sở Ngoại vụ"))
    user = harness.person(5011, "Vy")
    await harness.ask(user, f"/start {token}")
    ngoaivu = await _agency(harness, "Sở Ngoại vụ")
    settings = await harness.ask(user, "/settings")
    assert "nhắc hạn bật; tổng hợp tuần bật" in settings.plain_text

    await harness.press(user, settings, "🔔 Nhắc hạn Sở Ngoại vụ: đang bật — bấm để tắt")
    assert "nhắc hạn tắt" in settings.plain_text
    assert await _subscribers(harness, ngoaivu, nudges=True) == []
    assert await _subscribers(harness, ngoaivu, summaries=True) == [5011]
    await harness.press(user, settings, "📊 Tổng hợp tuần Sở Ngoại vụ: đang bật — bấm để tắt")
    assert await _subscribers(harness, ngoaivu, summaries=True) == []
    await harness.press(user, settings, "🔕 Nhắc hạn Sở Ngoại vụ: đang tắt — bấm để bật")
    assert await _subscribers(harness, ngoaivu, nudges=True) == [5011]

    # A switch for an agency the person does not belong to (crafted) changes nothing.
    other = await _agency(harness, "Sở Y tế")
    crafted = harness.services.button("pfs", other, "n")
    update = harness.emu.press_button(user, settings, data=crafted)
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "không còn là thành viên" in (answer.text or "")
    assert await harness.services.repos.chats.subscriptions_of_chat(5011) != []
    assert other not in [
        s.agency_id for s in await harness.services.repos.chats.subscriptions_of_chat(5011)
    ]

    await harness.press(user, settings, "English")
    assert "Notification settings" in settings.plain_text
    assert (await harness.services.repos.users.get(5011)).language == "en"  # type: ignore[union-attr]
    help_text = await harness.ask(user, "/help")
    assert "Your commands" in help_text.plain_text
    await harness.press(user, settings, "Tiếng Việt")
    assert "Cài đặt thông báo" in settings.plain_text


async def test_task_data_reaches_only_groups_linked_to_its_agency(harness: BotHarness) -> None:
    emu = harness.emu
    admin = harness.admin()
    yte = await _agency(harness, "Sở Y tế")
    _, (task,) = await harness.services.repos.conclusions.create(
        NewConclusion(number="12/TB-UBND"),
        [NewTask(text="Rà soát trạm y tế xã bí mật", lead_ids=(yte,))],
        ADMIN_ID,
    )
    token = _token(await _invite(harness, "Sở Y tế"))
    member = harness.person(5012, "Hạnh")
    await harness.ask(member, f"/start {token}")
    await emu.wait_idle(timeout=10)

    other = emu.group(-4003, "Nhóm Sở Tư pháp")
    emu.add_bot_to_group(other, admin)
    await emu.wait_for_message(other)
    await harness.ask(admin, "/link Sở Tư pháp", chat=other)
    for who in (admin, member):  # neither an admin nor a member leaks it into the wrong group
        reply = await harness.ask(who, f"/task {task.id}", chat=other)
        assert "bí mật" not in reply.plain_text
    assert not any("bí mật" in m.plain_text for m in emu.messages(other))

    own = emu.group(-4004, "Nhóm Sở Y tế")
    emu.add_bot_to_group(own, admin)
    await emu.wait_for_message(own)
    await harness.ask(admin, "/link Sở Y tế", chat=own)
    card = await harness.ask(member, f"/task {task.id}", chat=own)
    assert "bí mật" in card.plain_text
    private = await harness.ask(member, f"/task {task.id}")
    assert "bí mật" in private.plain_text
