"""End to end: /admins, /grant_admin and /revoke_admin through the emulator."""

from __future__ import annotations

from bot.core.models import Role
from emulator import EmuUser, SentMessage
from tests.support.harness import BotHarness


async def _said(harness: BotHarness, user: EmuUser, text: str, **kwargs: object) -> list[str]:
    """Send ``text`` and return everything the bot wrote back in that chat."""
    chat = harness.emu.private_chat(user)
    before = len(harness.emu.messages(chat))
    harness.emu.send_text(user, text, **kwargs)  # type: ignore[arg-type]
    await harness.emu.wait_for_message(chat, timeout=10)
    await harness.emu.wait_idle(timeout=10)
    return [m.plain_text for m in harness.emu.messages(chat)[before:]]


def _menu(harness: BotHarness, user: EmuUser) -> list[str]:
    return [c["command"] for c in harness.emu.commands_for(user)]


async def _role(harness: BotHarness, user_id: int) -> Role | None:
    user = await harness.services.repos.users.get(user_id)
    return None if user is None else user.role


async def test_grant_by_username_then_revoke_with_menus_and_notices(harness: BotHarness) -> None:
    admin = harness.admin()
    minh = harness.person(5001, "Minh", username="minh_so")
    await harness.ask(minh, "/start")
    assert "admins" not in _menu(harness, minh)

    reply = await _said(harness, admin, "/grant_admin @MINH_SO")
    assert "Đã cấp quyền quản trị cho Minh (@minh_so)" in reply[0]
    assert "đã báo" in reply[0]
    assert await _role(harness, 5001) is Role.ADMIN
    told = harness.emu.messages(harness.emu.private_chat(minh))[-1].plain_text
    assert "cấp quyền quản trị viên" in told and "Lan" in told
    assert "admins" in _menu(harness, minh) and "task" in _menu(harness, minh)
    assert (await harness.services.access(5001)).is_admin

    reply = await _said(harness, admin, "/grant_admin 5001")
    assert "đã là quản trị viên" in reply[0]

    reply = await _said(harness, admin, "/revoke_admin @minh_so")
    assert "Đã thu hồi quyền quản trị của Minh" in reply[0]
    assert await _role(harness, 5001) is Role.USER
    assert "thu hồi" in harness.emu.messages(harness.emu.private_chat(minh))[-1].plain_text
    assert "admins" not in _menu(harness, minh)
    assert not (await harness.services.access(5001)).is_admin

    reply = await _said(harness, admin, "/revoke_admin 5001")
    assert "không phải là quản trị viên" in reply[0]
    history = await harness.services.repos.admin_audit.history()
    assert [(e.actor_id, e.target_id, e.action) for e in history] == [
        (1001, 5001, "grant"), (1001, 5001, "revoke"),
    ]


async def test_grant_by_numeric_id_and_admins_listing(harness: BotHarness) -> None:
    admin = harness.admin()
    await harness.ask(admin, "/start")
    await harness.ask(harness.person(5002, "Hoa", username="hoa_stc"), "/start")
    await harness.ask(harness.person(5003, "Tú"), "/start")
    await _said(harness, admin, "/grant_admin 5002")
    await _said(harness, admin, "/grant_admin 5003")

    listing = (await _said(harness, admin, "/admins"))[0]
    assert "Quản trị viên cấp cao" in listing
    assert "Lan (@lan_vp) — mã 1001" in listing
    assert "Hoa (@hoa_stc) — mã 5002, cấp bởi Lan ngày 23/09/2024" in listing
    assert "Tú — mã 5003" in listing
    # A granted admin may read the list too.
    listing = (await _said(harness, harness.person(5002, "Hoa", username="hoa_stc"),
                           "/admins"))[0]
    assert "Hoa (@hoa_stc)" in listing


async def test_grant_by_reply_in_a_group(harness: BotHarness) -> None:
    admin = harness.admin()
    an = harness.person(5004, "An", username="an_sxd")
    group = harness.emu.group(-100200, "Giao ban Sở Xây dựng")
    harness.emu.add_bot_to_group(group, admin)
    await harness.emu.wait_idle(timeout=10)
    # Privacy mode: the bot never sees An's message, only the admin's command replying to it.
    said = harness.emu.send_text(an, "Em là chuyên viên Sở Xây dựng ạ", chat=group)
    assert said["update_id"] is None
    harness.emu.send_text(admin, "/grant_admin", chat=group, reply_to=said)
    reply = await harness.emu.wait_for_message(group, timeout=10)
    assert "Đã cấp quyền quản trị cho An (@an_sxd) — mã 5004" in reply.plain_text
    assert await _role(harness, 5004) is Role.ADMIN
    # An never opened a private chat with the bot, so the admin is told that.
    assert "chưa nhắn được" in reply.plain_text


async def test_grant_by_reply_to_a_forwarded_message(harness: BotHarness) -> None:
    admin = harness.admin()
    binh = harness.person(5005, "Bình", username="binh_syt")
    await harness.ask(binh, "/start")
    forwarded = harness.emu.send_text(admin, "Nhờ chị cấp quyền", forward_from=binh)
    await harness.emu.wait_idle(timeout=10)
    reply = await _said(harness, admin, "/grant_admin", reply_to=forwarded)
    assert "Đã cấp quyền quản trị cho Bình" in reply[0]
    assert await _role(harness, 5005) is Role.ADMIN


async def test_unknown_users_bots_and_super_admins(harness: BotHarness) -> None:
    admin = harness.admin()
    reply = await _said(harness, admin, "/grant_admin @chua_gap_bao_gio")
    assert "Bot chưa gặp người dùng @chua_gap_bao_gio" in reply[0]
    reply = await _said(harness, admin, "/grant_admin 777777")
    assert "Bot chưa gặp người dùng 777777" in reply[0]
    reply = await _said(harness, admin, "/grant_admin hello world!")
    assert "Cách cấp quyền quản trị" in reply[0]
    reply = await _said(harness, admin, "/revoke_admin")
    assert "Cách thu hồi quyền quản trị" in reply[0]
    reply = await _said(harness, admin, "/revoke_admin 1001")
    assert "không thu hồi được trong chat" in reply[0]
    reply = await _said(harness, admin, "/grant_admin @lan_vp")
    assert "quản trị viên cấp cao" in reply[0]
    bot_message: SentMessage = await harness.ask(admin, "/help")
    reply = await _said(harness, admin, "/grant_admin", reply_to=bot_message)
    assert "cho một bot" in reply[0]
    assert await harness.services.repos.admin_audit.history() == []
    assert await harness.services.repos.users.admins() == []


async def test_only_super_admins_grant_and_revoke(harness: BotHarness) -> None:
    admin = harness.admin()
    hoa = harness.person(5002, "Hoa", username="hoa_stc")
    tu = harness.person(5003, "Tú", username="tu_snv")
    await harness.ask(hoa, "/start")
    await harness.ask(tu, "/start")
    await _said(harness, admin, "/grant_admin @hoa_stc")
    for text in ("/grant_admin @tu_snv", "/revoke_admin @hoa_stc", "/revoke_admin 1001"):
        reply = await _said(harness, hoa, text)
        assert "Chỉ quản trị viên cấp cao" in reply[0]
    assert await _role(harness, 5003) is Role.USER
    assert await _role(harness, 5002) is Role.ADMIN
    for text in ("/admins", "/grant_admin @tu_snv", "/revoke_admin @hoa_stc"):
        reply = await _said(harness, tu, text)
        assert "chỉ dành cho quản trị viên" in reply[0]
    assert await _role(harness, 5003) is Role.USER
    assert len(await harness.services.repos.admin_audit.history()) == 1
