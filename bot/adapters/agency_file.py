"""Reading the agency directory file (TOML) from disk; parsing is pure, in the core.

The file comes from a setting, so it is read like anything from outside: a regular file,
bounded, UTF-8 text; each refusal names the file and says why in one line.
"""

from __future__ import annotations

from pathlib import Path

from bot.adapters.files import FileRefused, read_regular_file
from bot.core.agencies import Agency, DirectoryError, parse_directory
from bot.texts import plain

MAX_DIRECTORY_BYTES = 5_000_000
"""A province's directory is tens of kilobytes; anything this big is not one."""


def load_directory_file(path: Path) -> list[Agency]:
    """Read and parse the directory file; raises DirectoryError with one readable line."""
    try:
        data = read_regular_file(path, MAX_DIRECTORY_BYTES)
    except FileRefused as exc:
        raise DirectoryError(plain(
            f"cli.file.{exc.code}", path=path, detail=exc.detail,
            limit=MAX_DIRECTORY_BYTES // 1_000_000,
        )) from None
    if b"\x00" in data:
        raise DirectoryError(plain("cli.file.binary", path=path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DirectoryError(plain("cli.file.not_utf8", path=path, offset=exc.start)) from None
    agencies = parse_directory(text, str(path))
    if not agencies:
        # Syncing an empty list would mark every agency of the database inactive.
        raise DirectoryError(plain("cli.directory_empty", path=path))
    return agencies
