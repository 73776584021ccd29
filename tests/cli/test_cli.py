"""The command line as an operator uses it: real subprocesses, real exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` in ``cwd`` with a clean environment plus ``env``; ``stdin``
    is what the operator types (end of input after it, never the real terminal)."""
    base = {
        key: value for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"}
    }
    base["PYTHONPATH"] = str(ROOT)
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=base, capture_output=True,
        text=True, timeout=60, check=False, input=stdin,
    )


def test_help_lists_every_subcommand(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    for name in ("run", "backup", "agencies"):
        assert name in result.stdout


def test_run_without_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0] and "@BotFather" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("ADMIN_IDS", "1,two"), ("TIMEZONE", "Mars/Olympus"), ("LOG_LEVEL", "chatty")],
)
def test_malformed_setting_exits_2_with_one_line(tmp_path: Path, name: str, value: str) -> None:
    result = run_cli("run", env={"TELEGRAM_BOT_TOKEN": "1:x", name: value}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_setting_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=1:x\nADMIN_IDS=abc\n", encoding="utf-8")
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2 and "ADMIN_IDS" in result.stderr


def test_agencies_resolve_follows_successor_links(tmp_path: Path) -> None:
    result = run_cli("agencies", "resolve", "Sở LĐ-TB&XH", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert "Sở LĐ-TB&XH" in lines[0]
    assert "Sở Lao động – Thương binh và Xã hội" in lines[1] and "tên cũ" in lines[1]
    assert "Sở Nội vụ" in lines[2]
    # The default database was created under data/.
    assert (tmp_path / "data" / "nhacviec.sqlite3").is_file()

    unknown = run_cli("agencies", "resolve", "Sở Vũ trụ", cwd=tmp_path)
    assert unknown.returncode == 1 and "Không tìm thấy" in unknown.stdout


def test_agencies_list(tmp_path: Path) -> None:
    result = run_cli("agencies", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Sở Nội vụ" in result.stdout
    assert "Sở Kế hoạch và Đầu tư (Sở KH&ĐT) → Sở Tài chính" in result.stdout


def test_backup_makes_a_usable_copy(tmp_path: Path) -> None:
    assert run_cli("agencies", cwd=tmp_path).returncode == 0  # creates the database
    missing = run_cli("backup", "x.sqlite3", env={"DATABASE_PATH": "nope.sqlite3"}, cwd=tmp_path)
    assert missing.returncode == 1
    result = run_cli("backup", "backups/copy.sqlite3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copy = sqlite3.connect(tmp_path / "backups" / "copy.sqlite3")
    try:
        assert copy.execute("SELECT count(*) FROM agencies").fetchone()[0] > 20
    finally:
        copy.close()


@pytest.mark.parametrize(
    "content",
    [
        "TELEGRAM_BOT_TOKEN=1:x\nPROVINCE_NAME=tỉnh Quảng Ninh\n".encode("utf-16"),  # Notepad
        b"TELEGRAM_BOT_TOKEN=1:x\nPROVINCE_NAME=t\xec\xd2nh Qu\xe3ng Ninh\n",  # windows-1258
    ],
)
def test_a_dotenv_not_in_utf8_is_one_line_naming_it(tmp_path: Path, content: bytes) -> None:
    (tmp_path / ".env").write_bytes(content)
    for command in ("run", "agencies"):
        result = run_cli(command, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and ".env" in lines[0] and "UTF-8" in lines[0], result.stderr
        assert "Traceback" not in result.stderr
