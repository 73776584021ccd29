"""Start-up and operations of the real process (issue #17): every failure is one line and a
clean exit, a network that is down is waited for, one bot per database, no secret in any
output. Each test runs ``python -m bot run`` against the emulator on loopback."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from emulator import BotAPIEmulator
from tests.e2e.test_e2e_foundation import ROOT, _env


@asynccontextmanager
async def bot_process(env: dict[str, str], log: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """``python -m bot run``, its stderr into ``log``; killed if the test leaves it running."""
    with log.open("ab") as sink:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL, stderr=sink,
        )
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def _exit_code(proc: asyncio.subprocess.Process, seconds: float = 30) -> int:
    return await asyncio.wait_for(proc.wait(), timeout=seconds)


def _lines(log: Path) -> list[str]:
    return [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


async def _until(check: object, seconds: float) -> None:
    async with asyncio.timeout(seconds):
        while not check():  # type: ignore[operator]  # noqa: ASYNC110 (a file, polled)
            await asyncio.sleep(0.05)


async def test_a_rejected_token_at_start_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        emu.revoke_token()
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
                   LOG_LEVEL="WARNING")
        log = tmp_path / "bot.log"
        async with bot_process(env, log) as proc:
            assert await _exit_code(proc) == 2
    lines = _lines(log)
    assert len(lines) == 1 and "401" in lines[0] and "@BotFather" in lines[0], lines
    assert emu.token not in log.read_text() and emu.token.split(":")[1] not in log.read_text()


async def test_a_token_revoked_while_running_stops_the_bot_with_one_line(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
                   LOG_LEVEL="WARNING", ADMIN_IDS="1001")
        log = tmp_path / "bot.log"
        async with bot_process(env, log) as proc:
            await emu.wait_for_poll(timeout=30)
            reply = await emu.ask(emu.user(1001, "Lan"), "/start", timeout=15)
            assert "quản trị viên" in reply.plain_text
            emu.revoke_token()
            emu.send_text(emu.user(1001, "Lan"), "/help")  # wake the long poll
            assert await _exit_code(proc) == 2
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and emu.token.split(":")[1] not in text, text[-3000:]
    assert _lines(log)[-1].startswith("Telegram từ chối mã bot (401")
    assert len(_lines(log)) <= 3, text


async def test_telegram_down_at_start_is_waited_for_then_answered(tmp_path: Path) -> None:
    """A closed port, then 500s: retried with back-off, logged once, then the bot works."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    emu = BotAPIEmulator(port=port)
    env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token,
               TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="WARNING",
               ADMIN_IDS="1001")
    log = tmp_path / "bot.log"
    async with bot_process(env, log) as proc:
        await _until(lambda: "Chưa kết nối được Telegram" in log.read_text(), 30)
        assert proc.returncode is None
        # Then two answers of 500 before the third try gets through: three failed tries
        # (1 s, 2 s, 4 s apart), one line of log.
        emu.inject_fault("getMe", "server_error", times=2)
        async with emu:
            await emu.wait_for_poll(timeout=60)
            reply = await emu.ask(emu.user(1001, "Lan"), "/start", timeout=15)
            assert "quản trị viên" in reply.plain_text
            proc.send_signal(signal.SIGTERM)
            assert await _exit_code(proc) == 0
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text, text
    assert text.count("Chưa kết nối được Telegram") == 1, text  # once a minute, not per try
    assert "Đã kết nối được Telegram" in text


async def test_sigterm_while_waiting_for_telegram_exits_cleanly(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = _env(tmp_path, TELEGRAM_BOT_TOKEN="123456:abcdef",
               TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="WARNING")
    log = tmp_path / "bot.log"
    async with bot_process(env, log) as proc:
        await _until(lambda: "Chưa kết nối được Telegram" in log.read_text(), 30)
        proc.send_signal(signal.SIGTERM)
        assert await _exit_code(proc, 10) == 0
    assert "abcdef" not in log.read_text() and "Traceback" not in log.read_text()


def _damaged(path: Path) -> None:
    """A database whose index page is broken (what a torn copy leaves)."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
        db.execute("CREATE INDEX t_x ON t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(2000)])
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 't_x'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as file:
        file.seek(size * (root - 1))
        file.write(b"\x01")  # not a b-tree page type


@pytest.mark.parametrize("kind", ["text", "devnull", "header", "directory", "empty", "damaged"])
async def test_a_bad_database_path_is_one_line_naming_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "db.sqlite3"
    if kind == "text":
        path.write_text("Danh sách nhiệm vụ\n" * 200, encoding="utf-8")
    elif kind == "devnull":
        path = Path("/dev/null")
    elif kind == "header":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    elif kind == "directory":
        path.mkdir()
    elif kind == "damaged":
        _damaged(path)
    value = "" if kind == "empty" else str(path)
    env = {**_env(tmp_path, TELEGRAM_BOT_TOKEN="123456:abcdef",
                  TELEGRAM_API_BASE_URL="http://127.0.0.1:9"), "DATABASE_PATH": value}
    log = tmp_path / "bot.log"
    async with bot_process(env, log) as proc:
        code = await _exit_code(proc, 30)
    lines = _lines(log)
    assert code in (1, 2) and len(lines) == 1, lines
    assert ("DATABASE_PATH" if kind == "empty" else str(path)) in lines[0]
    if kind == "damaged":
        assert "bị hỏng" in lines[0]
    assert "abcdef" not in lines[0]


async def test_a_second_bot_on_the_same_database_refuses_to_start(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
                   LOG_LEVEL="WARNING", ADMIN_IDS="1001")
        async with bot_process(env, tmp_path / "first.log") as first:
            await emu.wait_for_poll(timeout=30)
            second_log = tmp_path / "second.log"
            async with bot_process(env, second_log) as second:
                assert await _exit_code(second) == 2
            lines = _lines(second_log)
            assert len(lines) == 1 and "đang chạy" in lines[0] and str(first.pid) in lines[0]
            reply = await emu.ask(emu.user(1001, "Lan"), "/start", timeout=15)
            assert "quản trị viên" in reply.plain_text  # the first one goes on
            first.kill()  # a crash: the lock must not outlive it
            await first.wait()
        async with bot_process(env, tmp_path / "third.log") as third:
            await emu.wait_for_poll(timeout=30)
            third.send_signal(signal.SIGTERM)
            assert await _exit_code(third) == 0


async def test_a_full_disk_is_logged_once_told_to_users_and_recovered(tmp_path: Path) -> None:
    """The running bot's files may not grow (RLIMIT_FSIZE set from outside with prlimit,
    as a full disk would refuse them), then may again."""
    async with BotAPIEmulator() as emu:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
                   LOG_LEVEL="WARNING", ADMIN_IDS="1001")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )
        assert proc.stderr is not None
        log_task = asyncio.ensure_future(proc.stderr.read())  # a pipe: not size-limited
        try:
            await emu.wait_for_poll(timeout=30)
            admin = emu.user(1001, "Lan")
            assert "quản trị viên" in (await emu.ask(admin, "/start", timeout=15)).plain_text
            await emu.wait_idle(timeout=10)
            with sqlite3.connect(tmp_path / "db.sqlite3") as db:  # an empty WAL to grow
                assert db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
            resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (1024, resource.RLIM_INFINITY))
            for attempt in range(3):
                reply = await emu.ask(admin, f"/invite Sở Y tế {attempt + 1} 7", timeout=15)
                assert "không lưu được dữ liệu" in reply.plain_text, reply.plain_text
            stranger = emu.user(5601, "Khách")
            assert "/join" in (await emu.ask(stranger, "/help", timeout=15)).plain_text
            resource.prlimit(proc.pid, resource.RLIMIT_FSIZE,
                             (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            reply = await emu.ask(admin, "/invite Sở Y tế 5 7", timeout=15)
            assert "t.me/" in reply.plain_text, reply.plain_text
            proc.send_signal(signal.SIGTERM)
            assert await _exit_code(proc) == 0
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        text = (await log_task).decode("utf-8")
    assert text.count("Không ghi được cơ sở dữ liệu") == 1, text
    assert text.count("Đã ghi lại được") == 1 and "Traceback" not in text, text
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM invites").fetchone()[0] == 1


async def test_no_log_level_shows_the_token(tmp_path: Path) -> None:
    """At DEBUG too: PTB's InvalidToken message carries the token; it is masked."""
    async with BotAPIEmulator() as emu:
        emu.revoke_token()
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_API_BASE_URL=emu.root_url,
                   LOG_LEVEL="DEBUG")
        log = tmp_path / "bot.log"
        async with bot_process(env, log) as proc:
            assert await _exit_code(proc) == 2
    text = log.read_text(encoding="utf-8")
    assert "getMe" in text  # DEBUG did log the calls
    assert emu.token.split(":")[1] not in text, text[-2000:]
