"""The office's digest of progress reports: the reports of a period, who wants the digest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.core.models import EventKind, TaskEvent
from storage.db import to_db_time
from storage.repo.base import Repo
from storage.repo.tasks import _event


class DigestRepo(Repo):
    """Typed access to progress reports by time and to ``users.report_digest``."""

    async def reports_between(
        self, after: datetime, until: datetime, limit: int
    ) -> list[TaskEvent]:
        """Progress reports made in ``(after, until]``, oldest first, at most ``limit``
        (the ``task_events (kind, at)`` index)."""
        rows = await self.db.fetchall(
            "SELECT * FROM task_events WHERE kind = ? AND at > ? AND at <= ?"
            " ORDER BY at, id LIMIT ?",
            (EventKind.PROGRESS.value, to_db_time(after), to_db_time(until), limit),
        )
        return [_event(row) for row in rows]

    async def count_between(self, after: datetime, until: datetime) -> int:
        """How many progress reports were made in ``(after, until]``."""
        value = await self.db.fetchval(
            "SELECT count(*) FROM task_events WHERE kind = ? AND at > ? AND at <= ?",
            (EventKind.PROGRESS.value, to_db_time(after), to_db_time(until)),
        )
        return int(value or 0)

    async def wanted_by(self, user_ids: Iterable[int]) -> set[int]:
        """Those of ``user_ids`` who did not turn the digest off (unknown users want it:
        a super-admin from ADMIN_IDS may never have been stored)."""
        ids = sorted(set(user_ids))
        if not ids:
            return set()
        rows = await self.db.fetchall(
            f"SELECT telegram_id FROM users WHERE report_digest = 0"
            f" AND telegram_id IN ({','.join('?' * len(ids))})",
            ids,
        )
        off = {int(row["telegram_id"]) for row in rows}
        return set(ids) - off

    async def set_wanted(self, user_id: int, wanted: bool) -> None:
        """Turn one admin's digest on or off."""
        now = self.now_text()
        await self.db.execute(
            "INSERT INTO users(telegram_id, created_at, updated_at, report_digest)"
            " VALUES (?, ?, ?, ?) ON CONFLICT(telegram_id) DO UPDATE SET"
            " report_digest = excluded.report_digest, updated_at = excluded.updated_at",
            (user_id, now, now, int(wanted)),
        )
