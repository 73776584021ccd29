"""Online backup with SQLite's backup API: consistent even while the bot writes.

A backup must never be what destroys the data it protects. Replacing the live database
(``backup X`` with X the database itself, or its ``-wal``) while the bot wrote left it
corrupt; a device given as destination was "backed up" into. So the destination is
checked before anything is written, the copy goes to a fresh temporary file next to it,
is checked with ``integrity_check`` and only then renamed over the destination; any
failure removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

SIDECARS = ("", "-wal", "-shm", "-journal")
"""Suffixes of the files that make up a live SQLite database."""


class BackupRefused(Exception):
    """The backup was not made (nothing was replaced); ``code`` says why, ``detail`` adds
    the system's reason. Codes: ``source_missing``, ``source_not_regular``,
    ``source_not_database``, ``dest_is_database``, ``dest_directory``,
    ``dest_not_regular``, ``dest_unwritable``, ``write_failed``, ``check_failed``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_destination(source: Path, dest: Path) -> None:
    """Refuse a destination that is (a link to) the database or one of its files, a
    directory, or anything but a regular file."""
    live = [Path(f"{source}{suffix}") for suffix in SIDECARS]
    resolved = dest.resolve()
    if any(resolved == path.resolve() for path in live):
        raise BackupRefused("dest_is_database")
    try:
        info = os.stat(dest)  # follows links: what a write would reach
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BackupRefused("dest_unwritable", exc.strerror or str(exc)) from None
    for path in live:
        with contextlib.suppress(OSError):
            if _same_file(info, os.stat(path)):  # a hard link to a file of the database
                raise BackupRefused("dest_is_database")
    if stat.S_ISDIR(info.st_mode):
        raise BackupRefused("dest_directory")
    if not stat.S_ISREG(info.st_mode):
        raise BackupRefused("dest_not_regular")


def _check_source(source: Path) -> None:
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise BackupRefused("source_missing") from None
    except OSError as exc:
        raise BackupRefused("source_not_database", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise BackupRefused("source_not_regular")


def backup(source: Path, dest: Path, pages_per_step: int = 1024) -> int:
    """Copy the live database at ``source`` to ``dest``; returns the number of pages.

    Raises :class:`BackupRefused`; then ``dest`` is as it was and no temporary file is
    left behind.
    """
    _check_source(source)
    check_destination(source, dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
        os.close(fd)
    except OSError as exc:
        raise BackupRefused("dest_unwritable", exc.strerror or str(exc)) from None
    partial = Path(name)
    try:
        pages = _copy(source, partial, pages_per_step)
        check_destination(source, dest)  # nothing moved under our feet meanwhile
        os.replace(partial, dest)
    except OSError as exc:
        raise BackupRefused("write_failed", exc.strerror or str(exc)) from None
    finally:
        for suffix in SIDECARS:
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return pages


def _copy(source: Path, partial: Path, pages_per_step: int) -> int:
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BackupRefused("source_not_database", str(exc)) from None
    try:
        try:
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupRefused("source_not_database", str(exc)) from None
        out = sqlite3.connect(partial)
        try:
            try:
                src.backup(out, pages=pages_per_step)
                out.execute("PRAGMA journal_mode = DELETE")
                pages = int(out.execute("PRAGMA page_count").fetchone()[0])
            except sqlite3.Error as exc:
                raise BackupRefused("write_failed", str(exc)) from None
            try:
                problems = [row[0] for row in out.execute("PRAGMA integrity_check")]
            except sqlite3.DatabaseError as exc:
                raise BackupRefused("check_failed", str(exc)) from None
            if problems != ["ok"]:
                raise BackupRefused("check_failed", "; ".join(problems[:3]))
        finally:
            out.close()
        with open(partial, "rb") as copy:
            os.fsync(copy.fileno())  # on disk before it takes the destination's name
    finally:
        src.close()
    return pages
