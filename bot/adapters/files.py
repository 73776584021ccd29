"""Reading a file named from outside (a setting, a command-line argument): regular files
only, and never more than a bound.

``Path.read_bytes`` on a FIFO named ``x.txt`` waits forever for a writer, and on a link to
/dev/zero reads until memory runs out. Here the file is opened without blocking, checked
to be a regular file on the descriptor itself (no race with a rename), and read up to
``max_bytes`` + 1 bytes, so a larger file is known to be larger without reading it all.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(OSError):
    """The file was not read; ``code`` says why: ``missing``, ``not_regular``,
    ``too_large`` or ``unreadable`` (``detail`` then has the system's reason)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; raises :class:`FileRefused`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileRefused("missing") from None
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("not_regular")
        if info.st_size > max_bytes:
            raise FileRefused("too_large")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            raise FileRefused("too_large")
        return b"".join(chunks)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused("unreadable", exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
