"""One running bot per database: an exclusive lock on a file next to it.

Two ``python -m bot`` on one database both polled Telegram (409 conflicts, most commands
unanswered, thousands of log lines a minute). The bot holds ``flock`` on
``<database>.lock`` for as long as it runs; the kernel releases it when the process ends,
however it ends, so a crash leaves no stale lock behind. The file keeps the holder's pid,
for the refusal to name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another process holds the database's lock (``pid`` as it wrote it in the file)."""

    def __init__(self, database: Path, pid: str, lock: Path) -> None:
        super().__init__(f"{database} is used by process {pid} (lock {lock})")
        self.database, self.pid, self.lock = database, pid, lock


class RunLock:
    """The held lock; :meth:`release` (or the end of the process) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, database: Path) -> RunLock:
        """Take the lock of ``database`` or raise :class:`AlreadyRunning`."""
        path = Path(f"{database}.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise AlreadyRunning(database, holder, path) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        return cls(path, fd)

    def release(self) -> None:
        """Give the lock up (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)
