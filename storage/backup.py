"""Online backup with SQLite's backup API: consistent even while the bot writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup(source: Path, dest: Path, pages_per_step: int = 1024) -> int:
    """Copy the live database at ``source`` to ``dest``; returns the number of pages.

    The copy goes to a temporary file next to ``dest`` and is renamed at the end, so a
    failed backup never leaves a half-written file under the final name.
    """
    if not source.is_file():
        raise FileNotFoundError(source)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        out = sqlite3.connect(partial)
        try:
            src.backup(out, pages=pages_per_step)
            out.execute("PRAGMA journal_mode = DELETE")
            pages = int(out.execute("PRAGMA page_count").fetchone()[0])
            check = out.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"backup integrity check failed: {check}")
        finally:
            out.close()
    finally:
        src.close()
    partial.replace(dest)
    return pages
