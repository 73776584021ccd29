"""End to end: the per-chat command menu speaks the language chosen in /settings."""

from __future__ import annotations

import re

from bot.texts import plain
from tests.support.harness import BotHarness


def _descriptions(harness: BotHarness, user_id: int) -> dict[str, str]:
    user = harness.emu.user(user_id, "x", language_code="vi")
    return {c["command"]: c["description"] for c in harness.emu.commands_for(user)}


async def test_admin_menu_follows_the_chosen_language_across_restarts(
    harness: BotHarness,
) -> None:
    admin = harness.admin()  # a Vietnamese Telegram client
    settings = await harness.ask(admin, "/settings")
    menu = _descriptions(harness, 1001)
    assert menu["settings"] == plain("cmd.settings_admin", "vi")
    assert len(menu) > len(_descriptions(harness, 9999))  # the admin menu, not the default

    await harness.press(admin, settings, "English")
    menu = _descriptions(harness, 1001)
    english = plain("cmd.settings_admin", "en")
    assert menu["settings"] == english != plain("cmd.settings_admin", "vi")
    assert menu["help"] == plain("cmd.help", "en")

    # Start-up republishes every admin's menu: from the stored language, not Vietnamese.
    await harness.restart()
    assert _descriptions(harness, 1001)["settings"] == plain("cmd.settings_admin", "en")

    settings = await harness.ask(admin, "/settings")
    await harness.press(admin, settings, "Tiếng Việt")
    assert _descriptions(harness, 1001)["settings"] == plain("cmd.settings_admin", "vi")


async def test_a_member_choosing_english_gets_the_member_menu_in_english(
    harness: BotHarness,
) -> None:
    invite = await harness.ask(harness.admin(), "/invite Sở Ngoại vụ")
    token = re.search(r"\?start=([A-Za-z0-9_-]+)", invite.plain_text)
    assert token is not None, invite.plain_text
    member = harness.person(5031, "Vy")  # a Vietnamese Telegram client
    await harness.ask(member, f"/start {token.group(1)}")
    before = _descriptions(harness, 5031)
    assert before["settings"] == plain("cmd.settings", "vi")

    settings = await harness.ask(member, "/settings")
    await harness.press(member, settings, "English")
    after = _descriptions(harness, 5031)
    assert set(after) == set(before)  # the same commands: no admin ones
    assert after["settings"] == plain("cmd.settings", "en")

    await harness.press(member, settings, "Tiếng Việt")
    assert _descriptions(harness, 5031)["settings"] == plain("cmd.settings", "vi")


async def test_granted_admin_gets_the_admin_menu_in_their_language(harness: BotHarness) -> None:
    minh = harness.person(5032, "Minh")  # a Vietnamese Telegram client, English chosen
    await harness.ask(minh, "/start")
    await harness.services.repos.users.set_language(5032, "en")
    await harness.ask(harness.admin(), "/grant_admin 5032")
    await harness.emu.wait_idle(timeout=10)
    menu = _descriptions(harness, 5032)
    assert "admins" in menu
    assert menu["admins"] == plain("cmd.admins", "en") != plain("cmd.admins", "vi")
