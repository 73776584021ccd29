"""``python -m bot backup DEST`` never destroys data (issue #17): every refusal is one line
and a non-zero exit, nothing is replaced, no temporary file is left behind, and success
is claimed only for a copy that passed ``integrity_check``."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, run_cli

DB = "data/nhacviec.sqlite3"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """The default database, created by a first command and given some weight."""
    assert run_cli("agencies", cwd=tmp_path).returncode == 0
    path = tmp_path / DB
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE filler (x BLOB)")
        db.executemany("INSERT INTO filler VALUES (randomblob(4000))", [()] * 300)
    return path


def _refused(tmp_path: Path, dest: str, says: str) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run_cli("backup", dest, cwd=tmp_path)
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no .partial, nothing new


def _intact(database: Path) -> None:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM filler").fetchone()[0] == 300


def test_the_database_itself_or_a_link_to_it_is_refused(tmp_path: Path, database: Path) -> None:
    (tmp_path / "soft.sqlite3").symlink_to(database)
    os.link(database, tmp_path / "hard.sqlite3")
    for dest in (DB, "./data/../data/nhacviec.sqlite3", "soft.sqlite3", "hard.sqlite3",
                 f"{DB}-wal", str(database)):
        _refused(tmp_path, dest, "chính là cơ sở dữ liệu đang dùng")
    _intact(database)


def test_a_directory_or_a_non_regular_file_is_refused(tmp_path: Path, database: Path) -> None:
    (tmp_path / "backups").mkdir()
    _refused(tmp_path, "backups", "là một thư mục")
    os.mkfifo(tmp_path / "pipe.sqlite3")
    _refused(tmp_path, "pipe.sqlite3", "không phải tệp thông thường")
    assert (tmp_path / "pipe.sqlite3").is_fifo()


def test_a_source_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("không phải cơ sở dữ liệu\n" * 100, encoding="utf-8")
    result = run_cli("backup", "copy.sqlite3", env={"DATABASE_PATH": "notes.txt"}, cwd=tmp_path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result
    assert "không phải cơ sở dữ liệu SQLite" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    missing = run_cli("backup", "x.sqlite3", env={"DATABASE_PATH": "nope.sqlite3"}, cwd=tmp_path)
    assert missing.returncode == 1 and "không tìm thấy" in missing.stderr


def test_a_copy_that_cannot_be_written_whole_leaves_nothing(
    tmp_path: Path, database: Path
) -> None:
    """RLIMIT_FSIZE makes the copy's writes fail past 256 KB, as a full disk would."""
    (tmp_path / "old.sqlite3").write_bytes(b"previous backup")

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, resource.RLIM_INFINITY))

    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "backup", "old.sqlite3"], cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60,
        preexec_fn=small_files, check=False,
    )
    assert result.returncode == 1, result
    assert len(result.stderr.strip().splitlines()) == 1 and "ghi bản sao thất bại" in result.stderr
    assert (tmp_path / "old.sqlite3").read_bytes() == b"previous backup"
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]
    _intact(database)


def test_a_read_only_folder_is_refused(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        result = run_cli("backup", "ro/copy.sqlite3", cwd=tmp_path)
    else:  # root writes through permissions: a read-only bind mount, in its own namespace
        if shutil.which("unshare") is None:
            pytest.skip("needs unshare to make a read-only folder as root")
        script = (f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} "
                  f"{folder} && exec {sys.executable} -m bot backup ro/copy.sqlite3")
        env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
        result = subprocess.run(
            ["unshare", "-m", "sh", "-c", script], cwd=tmp_path, capture_output=True,
            text=True, timeout=60, env={**env, "PYTHONPATH": str(ROOT)}, check=False,
        )
        if "mount" in result.stderr and "bot" not in result.stderr:
            pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "không ghi được vào thư mục" in lines[0], result.stderr
    assert list(folder.iterdir()) == []


def test_a_good_backup_is_checked_and_replaces_an_old_one(tmp_path: Path, database: Path) -> None:
    (tmp_path / "copy.sqlite3").write_bytes(b"old")
    result = run_cli("backup", "copy.sqlite3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _intact(tmp_path / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "data"]
