"""Drafts of conclusions being recorded in chat, so a half-done /new survives restarts.

Every write names the revision it started from; a write based on an older revision
(a second press of the same button, a replayed update) changes nothing and says so.
"""

from __future__ import annotations

import sqlite3

from bot.core.drafts import Draft, DraftRecord, DraftState
from storage.repo.base import Repo


class DraftRepo(Repo):
    """Typed access to ``drafts``."""

    async def create(self, owner_id: int, draft: Draft, kind: str = "new") -> DraftRecord:
        """Start a draft; an admin's previous active draft must be closed first."""
        now = self.now_text()
        draft_id = await self.db.execute(
            "INSERT INTO drafts(owner_id, kind, data, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (owner_id, kind, draft.to_json(), now, now),
        )
        return DraftRecord(draft_id, owner_id, kind, DraftState.ACTIVE, 1, draft)

    async def get(self, draft_id: int) -> DraftRecord | None:
        """One draft, whatever its state."""
        row = await self.db.fetchone("SELECT * FROM drafts WHERE id = ?", (draft_id,))
        return None if row is None else _record(row)

    async def active_of(self, owner_id: int) -> DraftRecord | None:
        """The admin's unfinished draft, if any."""
        row = await self.db.fetchone(
            "SELECT * FROM drafts WHERE owner_id = ? AND state = 'active'", (owner_id,)
        )
        return None if row is None else _record(row)

    async def save(self, record: DraftRecord, draft: Draft) -> DraftRecord | None:
        """Store a changed draft; None when someone changed or closed it meanwhile."""
        changed = await self.db.execute_rowcount(
            "UPDATE drafts SET data = ?, revision = revision + 1, updated_at = ?"
            " WHERE id = ? AND revision = ? AND state = 'active'",
            (draft.to_json(), self.now_text(), record.id, record.revision),
        )
        if not changed:
            return None
        return DraftRecord(record.id, record.owner_id, record.kind, DraftState.ACTIVE,
                           record.revision + 1, draft)

    async def close(
        self, record: DraftRecord, state: DraftState, conclusion_id: int | None = None
    ) -> bool:
        """Mark a draft saved or cancelled; False when it was no longer active."""
        if state is DraftState.ACTIVE:
            raise ValueError("closing needs a final state")
        changed = await self.db.execute_rowcount(
            "UPDATE drafts SET state = ?, conclusion_id = ?, revision = revision + 1,"
            " updated_at = ? WHERE id = ? AND state = 'active'",
            (state.value, conclusion_id, self.now_text(), record.id),
        )
        return changed > 0

    async def prompt_of(self, draft_id: int) -> int | None:
        """The message holding the draft's current buttons, if one was recorded."""
        value = await self.db.fetchval(
            "SELECT prompt_message_id FROM drafts WHERE id = ?", (draft_id,)
        )
        return None if value is None else int(value)

    async def set_prompt(self, draft_id: int, message_id: int | None) -> None:
        """Remember the message holding the current buttons (not a change of the draft)."""
        await self.db.execute(
            "UPDATE drafts SET prompt_message_id = ? WHERE id = ?", (message_id, draft_id)
        )

    async def agency_usage(self) -> dict[int, int]:
        """How many tasks each agency has (lead or support): pickers list busy ones first."""
        rows = await self.db.fetchall(
            "SELECT agency_id, count(*) FROM task_agencies GROUP BY agency_id"
        )
        return {row[0]: row[1] for row in rows}


def _record(row: sqlite3.Row) -> DraftRecord:
    return DraftRecord(
        id=row["id"],
        owner_id=row["owner_id"],
        kind=row["kind"],
        state=DraftState(row["state"]),
        revision=row["revision"],
        draft=Draft.from_json(row["data"]),
        conclusion_id=row["conclusion_id"],
    )
