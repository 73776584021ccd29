"""Admin audit trail and the pending-input state of admins' edits."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.db import from_db_time
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


def _audit(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        actor_id=row["actor_id"], target_id=row["target_id"], action=row["action"],
        at=from_db_time(row["at"]),
    )
