"""End to end: the real bot against the emulator (start, roles, restart, bad input)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.core.clock import ManualClock
from bot.core.models import Role
from config.settings import Settings
from emulator import BotAPIEmulator
from tests.support.harness import BotHarness, start_harness

ROOT = Path(__file__).resolve().parents[2]


async def test_stranger_is_told_how_to_join_and_sees_no_admin_menu(harness: BotHarness) -> None:
    stranger = harness.person(5001, "Minh")
    reply = await harness.ask(stranger, "/start")
    assert "Văn phòng UBND tỉnh" in reply.plain_text
    assert "5001" in reply.plain_text
    assert "quản trị viên" not in reply.plain_text
    menu = [c["command"] for c in harness.emu.commands_for(stranger)]
    assert "start" in menu and "help" in menu
    assert "admins" not in menu and "new" not in menu


async def test_admin_from_settings_is_greeted_as_admin(harness: BotHarness) -> None:
    reply = await harness.ask(harness.admin(), "/start")
    assert "quản trị viên" in reply.plain_text
    user = await harness.services.repos.users.get(1001)
    # Super-admins live in ADMIN_IDS, not in the users table.
    assert user is not None and user.role is Role.USER
    assert (await harness.services.access(1001)).is_super_admin


async def test_unknown_command_and_free_text_get_a_vietnamese_hint(harness: BotHarness) -> None:
    stranger = harness.person(5002, "Hoa")
    reply = await harness.ask(stranger, "/khongcolenhnay")
    assert "/help" in reply.plain_text
    reply = await harness.ask(stranger, "xin chào bot")
    assert reply.plain_text  # answered politely, not ignored
    assert "Traceback" not in reply.plain_text


async def test_forged_button_is_refused_and_changes_nothing(harness: BotHarness) -> None:
    stranger = harness.person(5003, "Tú")
    reply = await harness.ask(stranger, "/start")
    update = harness.emu.press_button(stranger, reply, data="tv:1~deadbeef")
    answer = await harness.emu.wait_for_callback_answer(update, timeout=10)
    assert "không hợp lệ" in (answer.text or "")


async def test_restart_keeps_users_and_roles(
    settings: Settings, clock: ManualClock
) -> None:
    async with BotAPIEmulator() as emu, start_harness(settings, clock, emu=emu) as harness:
        await harness.ask(harness.person(5004, "An", username="an_so"), "/start")
        await harness.restart()
        user = await harness.services.repos.users.by_username("an_so")
        assert user is not None and user.telegram_id == 5004
        reply = await harness.ask(harness.admin(), "/start")
        assert "quản trị viên" in reply.plain_text


def _run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True, text=True, env=env, timeout=60,
        cwd=ROOT,
    )


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ADMIN_"))}
    env.update(DATABASE_PATH=str(tmp_path / "db.sqlite3"), **extra)
    return env


def test_malformed_setting_names_it_and_exits_2(tmp_path: Path) -> None:
    done = _run_cli(_env(tmp_path, TELEGRAM_BOT_TOKEN="123:abc", ADMIN_IDS="lan,1002"))
    assert done.returncode == 2
    assert "ADMIN_IDS" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


async def test_the_real_process_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        env = _env(
            tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
            ADMIN_IDS="1001",
        )
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env,
            cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await emu.wait_for_poll(timeout=30)
            reply = await emu.ask(emu.user(1001, "Lan"), "/start", timeout=15)
            assert "quản trị viên" in reply.plain_text
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
        assert proc.returncode == 0, err.decode()
