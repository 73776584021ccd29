"""Reading the agency directory file (TOML) from disk; parsing is pure, in the core."""

from __future__ import annotations

from pathlib import Path

from bot.core.agencies import Agency, DirectoryError, parse_directory


def load_directory_file(path: Path) -> list[Agency]:
    """Read and parse the directory file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DirectoryError(f"{path}: {exc.strerror}") from exc
    return parse_directory(text, str(path))
