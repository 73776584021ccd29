"""End to end: Telegram's conventions (issue #14) — the bot's description, command menus
per scope, and errors reported to the super-admins without personal data."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.runtime.jobs import MENU_JOB_ID
from bot.texts import plain
from bot.usecases import menus
from emulator import EmuChat, EmuUser
from handlers.menu import menus_fingerprint
from tests.support.harness import BotHarness
from tests.support.officials_data import MEMBER_A, seed

STRANGER_MENU = ["start", "help", "cancel", "join"]
GROUP_MENU = ["help", "task", "tasks", "overdue", "stats"]


def _menu(harness: BotHarness, user: EmuUser, chat: EmuChat | None = None) -> list[str]:
    return [c["command"] for c in harness.emu.commands_for(user, chat)]


def _described(harness: BotHarness, method: str, field: str) -> dict[str, str]:
    return {call.params.get("language_code") or "": call.params[field]
            for call in harness.emu.requests_for(method)}


async def test_descriptions_are_set_in_vietnamese_and_english_once(harness: BotHarness) -> None:
    assert _described(harness, "setMyDescription", "description") == {
        "": plain("bot.description", "vi"), "en": plain("bot.description", "en")}
    assert _described(harness, "setMyShortDescription", "short_description") == {
        "": plain("bot.short_description", "vi"), "en": plain("bot.short_description", "en")}
    for lang in ("vi", "en"):  # Telegram's limits
        assert len(plain("bot.description", lang)) <= 512
        assert len(plain("bot.short_description", lang)) <= 120
    # Unchanged at the next start: not set again (the methods are rate-limited).
    calls = len(harness.emu.requests_for("setMyDescription"))
    await harness.restart()
    assert len(harness.emu.requests_for("setMyDescription")) == calls
    assert harness.emu.requests_for("getMyDescription")


async def test_menus_follow_the_role_and_the_chat(harness: BotHarness) -> None:
    emu, admin = harness.emu, harness.admin()
    stranger = harness.person(5001, "Minh")
    await harness.ask(stranger, "/start")
    assert _menu(harness, stranger) == STRANGER_MENU

    invite = await harness.ask(admin, "/invite Sở Ngoại vụ")
    token = re.search(r"\?start=([A-Za-z0-9_-]+)", invite.plain_text)
    assert token is not None, invite.plain_text
    await harness.ask(stranger, f"/start {token.group(1)}")
    member_menu = _menu(harness, stranger)
    assert {"tasks", "overdue", "settings", "cancel", "join"} <= set(member_menu)
    assert "new" not in member_menu and "link" not in member_menu

    admin_menu = _menu(harness, admin)
    assert {"new", "import", "link", "grant_admin"} <= set(admin_menu)
    assert "join" not in admin_menu

    group = emu.group(-4200, "Sở Ngoại vụ — điều hành")
    emu.add_bot_to_group(group, admin)
    await emu.wait_idle(timeout=10)
    emu.set_member_status(group, stranger, "member")
    assert _menu(harness, stranger, group) == GROUP_MENU
    emu.set_member_status(group, admin, "creator")
    assert _menu(harness, admin, group) == [*GROUP_MENU, "link", "unlink"]
    # English clients get every shared menu in English.
    english = harness.emu.user(5099, "Ann", language_code="en")
    emu.set_member_status(group, english, "administrator")
    for chat, names in ((None, STRANGER_MENU), (group, [*GROUP_MENU, "link", "unlink"])):
        assert {c["command"]: c["description"] for c in emu.commands_for(english, chat)} == {
            name: plain(f"cmd.{name}", "en") for name in names}


async def test_members_from_before_get_their_menu_in_the_background(
    harness: BotHarness,
) -> None:
    await seed(harness.services)  # members added without a menu, as before this version
    hung = harness.person(MEMBER_A, "Hùng")
    assert _menu(harness, hung) == STRANGER_MENU
    meta = harness.services.repos.meta
    await meta.set(menus.DONE_KEY, "the menus of an older version")
    await harness.restart()
    app = harness.app
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(MENU_JOB_ID)
    await job.run(app)
    await harness.emu.wait_idle(timeout=10)
    assert {"tasks", "settings"} <= set(_menu(harness, hung))
    await job.run(app)  # nothing left: the walk is recorded as done
    assert await harness.services.repos.meta.get(menus.DONE_KEY) == menus_fingerprint()
    await harness.restart()
    assert not harness.app.job_queue.get_jobs_by_name(MENU_JOB_ID)  # type: ignore[union-attr]


async def test_errors_reach_the_super_admins_once_per_kind_per_hour(
    harness: BotHarness,
) -> None:
    emu = harness.emu
    await seed(harness.services)
    admin = harness.admin()
    await harness.ask(admin, "/start")
    admin_chat = emu.private_chat(admin)
    hung = harness.person(MEMBER_A, "Hùng", username="hung_snv")
    await harness.ask(hung, "/start")

    async def failing_tasks() -> str:
        """/tasks failing on its reply; the report queued for the admin ("" if none)."""
        queued = await harness.services.repos.outbox.count()
        after = emu.messages(admin_chat)[-1].seq
        emu.inject_fault("sendMessage", "bad_request", chat_id=MEMBER_A,
                         description="Bad Request: can't parse entities")
        told = await harness.ask(hung, "/tasks thủ tục của Hùng")
        assert told.plain_text == plain("error.generic", "vi")
        # The report is queued before the person is answered.
        if await harness.services.repos.outbox.count() == queued:
            return ""
        report = await emu.wait_for_message(admin_chat, timeout=10, after=after)
        return report.plain_text

    first = await failing_tasks()
    assert "BadRequest" in first and "handlers/queries.py" in first
    assert "lệnh /tasks, trong tin nhắn riêng" in first
    for personal in ("Hùng", "hung_snv", str(MEMBER_A), "thủ tục"):
        assert personal not in first
    assert await failing_tasks() == ""  # the same kind within the hour: counted, not sent
    harness.clock.advance(timedelta(minutes=61))
    again = await failing_tasks()
    assert "BadRequest" in again and "lặp lại 1 lần" in again
