"""Admin audit trail and the pending-input state of admins' edits."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.core.admin import PENDING_TTL, PendingEdit, PendingKind
from storage.db import ABSENT, from_db_time, to_db_time
from storage.repo.base import Repo


@dataclass(frozen=True)
class AuditEntry:
    """One grant or revocation: who did it to whom, when."""

    actor_id: int
    target_id: int
    action: str
    at: datetime


class AdminAuditRepo(Repo):
    """Typed access to ``admin_audit`` (append-only)."""

    async def record(self, actor_id: int, target_id: int, action: str) -> None:
        """Remember a grant or a revocation."""
        await self.db.execute(
            "INSERT INTO admin_audit(actor_id, target_id, action, at) VALUES (?, ?, ?, ?)",
            (actor_id, target_id, action, self.now_text()),
        )

    async def latest(self, target_id: int) -> AuditEntry | None:
        """The newest entry about a user (e.g. who granted a current admin)."""
        row = await self.db.fetchone(
            "SELECT * FROM admin_audit WHERE target_id = ? ORDER BY id DESC LIMIT 1",
            (target_id,),
        )
        return None if row is None else _audit(row)

    async def history(self) -> list[AuditEntry]:
        """Every entry, oldest first."""
        rows = await self.db.fetchall("SELECT * FROM admin_audit ORDER BY id")
        return [_audit(row) for row in rows]


class PendingEditRepo(Repo):
    """Typed access to ``admin_pending_edits``: at most one unfinished edit per admin."""

    async def put(
        self, user_id: int, kind: PendingKind, task_id: int | None, nonce: str,
        data: dict[str, Any] | None = None, ttl: timedelta = PENDING_TTL,
    ) -> PendingEdit:
        """Start (or replace) the admin's pending edit."""
        now = self.now()
        self.db.forget(("admin_pending_edits", user_id))
        await self.db.execute(
            "INSERT INTO admin_pending_edits(user_id, kind, task_id, nonce, data, created_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET"
            " kind = excluded.kind, task_id = excluded.task_id, nonce = excluded.nonce,"
            " data = excluded.data, created_at = excluded.created_at,"
            " expires_at = excluded.expires_at",
            (user_id, kind.value, task_id, nonce, json.dumps(data or {}, ensure_ascii=False),
             to_db_time(now), to_db_time(now + ttl)),
        )
        found = await self.get(user_id)
        assert found is not None
        return found

    async def get(self, user_id: int) -> PendingEdit | None:
        """The admin's pending edit, expired or not (the caller decides what to say).

        Asked on every private command and button press; a user known to have none costs
        no read (see :class:`storage.db.Database` on the memo).
        """
        key = ("admin_pending_edits", user_id)
        if self.db.recall(key) is ABSENT:
            return None
        token = self.db.memo_token(key)
        row = await self.db.fetchone(
            "SELECT * FROM admin_pending_edits WHERE user_id = ?", (user_id,)
        )
        if row is None:
            self.db.remember(key, ABSENT, token)
            return None
        return _pending(row)

    async def clear(self, user_id: int, nonce: str | None = None) -> bool:
        """Forget the admin's pending edit (only the one with ``nonce`` when given)."""
        self.db.forget(("admin_pending_edits", user_id))
        if nonce is None:
            changed = await self.db.execute_rowcount(
                "DELETE FROM admin_pending_edits WHERE user_id = ?", (user_id,)
            )
        else:
            changed = await self.db.execute_rowcount(
                "DELETE FROM admin_pending_edits WHERE user_id = ? AND nonce = ?", (user_id, nonce)
            )
        return changed > 0


def _audit(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        actor_id=row["actor_id"], target_id=row["target_id"], action=row["action"],
        at=from_db_time(row["at"]),
    )


def _pending(row: sqlite3.Row) -> PendingEdit:
    return PendingEdit(
        user_id=row["user_id"],
        kind=PendingKind(row["kind"]),
        task_id=row["task_id"],
        nonce=row["nonce"],
        created_at=from_db_time(row["created_at"]),
        expires_at=from_db_time(row["expires_at"]),
        data=json.loads(row["data"] or "{}"),
    )
