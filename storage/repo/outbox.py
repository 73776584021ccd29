"""The notifications outbox: what must be delivered, survives crashes and restarts.

Producers insert rows with a unique dedupe key (inserting twice is a no-op); one sender
claims due rows, sends them and records the outcome. A row left in 'sending' by a crash
is sent again after restart: at most one duplicate per message in flight, never a loss.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from bot.core.models import NewOutboxMessage, OutboxMessage, OutboxState
from storage.db import from_db_time, to_db_time
from storage.repo.base import Repo


class OutboxRepo(Repo):
    """Typed access to ``outbox``."""

    async def enqueue(
        self, messages: Sequence[NewOutboxMessage], not_before: datetime | None = None
    ) -> int:
        """Insert messages whose dedupe key is new; returns how many were inserted."""
        if not messages:
            return 0
        now = self.now_text()
        due = to_db_time(not_before) if not_before is not None else now
        inserted = 0
        async with self.db.transaction():
            for message in messages:
                inserted += await self.db.execute_rowcount(
                    "INSERT OR IGNORE INTO outbox(dedupe_key, chat_id, kind, payload,"
                    " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (message.dedupe_key, message.chat_id, message.kind,
                     json.dumps(message.payload, ensure_ascii=False), due, now),
                )
        return inserted

    async def mark_sent(self, outbox_id: int, message_id: int | None) -> None:
        """Record a delivery and the id of the message Telegram created."""
        await self.db.execute(
            "UPDATE outbox SET state = 'sent', sent_message_id = ?, sent_at = ?, last_error = NULL"
            " WHERE id = ?",
            (message_id, self.now_text(), outbox_id),
        )

    async def mark_failed(self, outbox_id: int, error: str) -> None:
        """Give up on a row (permanent error such as a blocked user)."""
        await self.db.execute(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
            (error[:500], outbox_id),
        )

    async def cancel_for_chat(self, chat_id: int, reason: str) -> int:
        """Cancel everything still pending for a chat the bot can no longer reach."""
        return await self.db.execute_rowcount(
            "UPDATE outbox SET state = 'cancelled', last_error = ?"
            " WHERE chat_id = ? AND state IN ('pending', 'sending')",
            (reason, chat_id),
        )

    async def requeue_interrupted(self) -> int:
        """After a crash, rows left in 'sending' go back to 'pending'."""
        return await self.db.execute_rowcount(
            "UPDATE outbox SET state = 'pending' WHERE state = 'sending'"
        )

    async def next_per_chat(
        self, limit: int, skip_chats: Sequence[int] = ()
    ) -> list[OutboxMessage]:
        """The oldest pending row of each chat, if due, oldest first.

        One row per chat keeps a chat's messages in order (a later one never overtakes an
        earlier one that is waiting for a retry) and lets one busy chat not starve the
        others. Chats with a message in flight, or in ``skip_chats`` (paced or told to
        wait by Telegram), are left out.
        """
        rows = await self.db.fetchall(
            "SELECT o.* FROM outbox o WHERE o.id IN ("
            "  SELECT min(id) FROM outbox WHERE state = 'pending' GROUP BY chat_id)"
            " AND o.next_attempt_at <= ?"
            " AND o.chat_id NOT IN (SELECT chat_id FROM outbox WHERE state = 'sending')"
            " AND o.chat_id NOT IN (SELECT value FROM json_each(?))"
            " ORDER BY o.next_attempt_at, o.id LIMIT ?",
            (self.now_text(), json.dumps(list(skip_chats)), limit),
        )
        return [_message(row) for row in rows]

    async def claim(self, outbox_id: int) -> bool:
        """Mark one pending row as in flight, just before sending it; False if it changed."""
        return await self.db.execute_rowcount(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1"
            " WHERE id = ? AND state = 'pending'",
            (outbox_id,),
        ) > 0

    async def release(self, outbox_id: int, error: str) -> None:
        """Back to 'pending' after a temporary failure; the sender decides when to retry."""
        await self.db.execute(
            "UPDATE outbox SET state = 'pending', last_error = ?"
            " WHERE id = ? AND state = 'sending'",
            (error[:500], outbox_id),
        )

    async def put_file(self, content: bytes, file_name: str) -> str:
        """Store an attachment once (by content hash); returns the reference for payloads."""
        digest = hashlib.sha256(content).hexdigest()
        await self.db.execute(
            "INSERT OR IGNORE INTO outbox_files(sha256, content, file_name, created_at)"
            " VALUES (?, ?, ?, ?)",
            (digest, content, file_name, self.now_text()),
        )
        return digest

    async def get_file(self, digest: str) -> tuple[bytes, str, str | None] | None:
        """(content, file name, Telegram file_id once uploaded) of a stored attachment."""
        row = await self.db.fetchone(
            "SELECT content, file_name, telegram_file_id FROM outbox_files WHERE sha256 = ?",
            (digest,),
        )
        if row is None:
            return None
        return bytes(row["content"]), row["file_name"], row["telegram_file_id"]

    async def set_file_id(self, digest: str, file_id: str) -> None:
        """Remember Telegram's id of an uploaded attachment, to send it again without bytes."""
        await self.db.execute(
            "UPDATE outbox_files SET telegram_file_id = ? WHERE sha256 = ?", (file_id, digest)
        )

    async def get(self, outbox_id: int) -> OutboxMessage | None:
        """One row."""
        row = await self.db.fetchone("SELECT * FROM outbox WHERE id = ?", (outbox_id,))
        return None if row is None else _message(row)

    async def known_keys(self, dedupe_keys: Sequence[str]) -> set[str]:
        """Which of these dedupe keys are already in the outbox (whatever their state)."""
        found: set[str] = set()
        for start in range(0, len(dedupe_keys), 900):
            chunk = list(dedupe_keys[start:start + 900])
            rows = await self.db.fetchall(
                f"SELECT dedupe_key FROM outbox WHERE dedupe_key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update(row[0] for row in rows)
        return found

    async def by_key(self, dedupe_key: str) -> OutboxMessage | None:
        """One row by its dedupe key."""
        row = await self.db.fetchone("SELECT * FROM outbox WHERE dedupe_key = ?", (dedupe_key,))
        return None if row is None else _message(row)

    async def count(self, state: OutboxState | None = None) -> int:
        """Rows in a state (or all)."""
        if state is None:
            return int(await self.db.fetchval("SELECT count(*) FROM outbox") or 0)
        return int(
            await self.db.fetchval("SELECT count(*) FROM outbox WHERE state = ?", (state.value,))
            or 0
        )

    async def for_chat(self, chat_id: int) -> list[OutboxMessage]:
        """All rows for a chat, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_message(row) for row in rows]


def _message(row: sqlite3.Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        dedupe_key=row["dedupe_key"],
        chat_id=row["chat_id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        state=OutboxState(row["state"]),
        attempts=row["attempts"],
        next_attempt_at=from_db_time(row["next_attempt_at"]),
        last_error=row["last_error"],
        sent_message_id=row["sent_message_id"],
        created_at=from_db_time(row["created_at"]),
        sent_at=from_db_time(row["sent_at"]) if row["sent_at"] else None,
    )
