"""Chats the bot talks in and their subscriptions to agencies."""

from __future__ import annotations

import sqlite3

from bot.core.models import Chat, ChatType, Subscription
from storage.repo.base import Repo


class ChatRepo(Repo):
    """Typed access to ``chats`` and ``subscriptions``."""

    async def upsert(self, chat_id: int, chat_type: ChatType, title: str | None) -> None:
        """Record a chat (reactivating it: the bot can talk there again).

        Runs on every update, so a chat already recorded as it is costs no write (one read,
        and none once this process has seen it so: the memo of :class:`storage.db.Database`;
        the benchmark's handler latency, see bench/RESULTS.md).
        """
        key, state = ("chat", chat_id), (chat_type.value, title)
        if self.db.recall(key) == state:
            return
        token = self.db.memo_token(key)
        row = await self.db.fetchone(
            "SELECT 1 FROM chats WHERE chat_id = ? AND type = ? AND title IS ? AND active = 1",
            (chat_id, chat_type.value, title),
        )
        if row is None:
            await self._write(chat_id, chat_type, title)
        self.db.remember(key, state, token)

    async def _write(self, chat_id: int, chat_type: ChatType, title: str | None) -> None:
        now = self.now_text()
        await self.db.execute(
            "INSERT INTO chats(chat_id, type, title, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET"
            " type = excluded.type, title = excluded.title, active = 1,"
            " inactive_reason = NULL, updated_at = excluded.updated_at"
            " WHERE type IS NOT excluded.type OR title IS NOT excluded.title OR active = 0",
            (chat_id, chat_type.value, title, now, now),
        )

    async def get(self, chat_id: int) -> Chat | None:
        """One chat."""
        row = await self.db.fetchone("SELECT * FROM chats WHERE chat_id = ?", (chat_id,))
        return None if row is None else _chat(row)

    async def deactivate(self, chat_id: int, reason: str) -> None:
        """Stop sending to a chat (blocked, kicked, deleted) without losing its settings."""
        self.db.forget(("chat", chat_id))
        await self.db.execute(
            "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?",
            (reason, self.now_text(), chat_id),
        )

    async def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: move the chat and its subscriptions to the new id."""
        self.db.forget(("chat", old_chat_id))
        self.db.forget(("chat", new_chat_id))
        async with self.db.transaction():
            row = await self.db.fetchone("SELECT 1 FROM chats WHERE chat_id = ?", (new_chat_id,))
            if row is None:
                await self.db.execute(
                    "UPDATE chats SET chat_id = ?, type = 'supergroup', updated_at = ?"
                    " WHERE chat_id = ?",
                    (new_chat_id, self.now_text(), old_chat_id),
                )
            else:
                await self.db.execute(
                    "INSERT OR IGNORE INTO subscriptions(chat_id, agency_id, nudges, summaries,"
                    " support_nudges, created_by, created_at) SELECT ?, agency_id, nudges,"
                    " summaries, support_nudges, created_by, created_at FROM subscriptions"
                    " WHERE chat_id = ?",
                    (new_chat_id, old_chat_id),
                )
                await self.db.execute("DELETE FROM chats WHERE chat_id = ?", (old_chat_id,))
            await self.db.execute(
                "UPDATE outbox SET chat_id = ? WHERE chat_id = ?"
                " AND state IN ('pending', 'sending')",
                (new_chat_id, old_chat_id),
            )

    async def subscribe(
        self, chat_id: int, agency_id: int, created_by: int | None,
        nudges: bool = True, summaries: bool = True,
    ) -> bool:
        """Subscribe a chat to an agency; False when it already was (settings kept)."""
        changed = await self.db.execute_rowcount(
            "INSERT OR IGNORE INTO subscriptions(chat_id, agency_id, nudges, summaries,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, agency_id, int(nudges), int(summaries), created_by, self.now_text()),
        )
        return changed > 0

    async def unsubscribe(self, chat_id: int, agency_id: int) -> bool:
        """Remove a subscription; False when there was none."""
        changed = await self.db.execute_rowcount(
            "DELETE FROM subscriptions WHERE chat_id = ? AND agency_id = ?", (chat_id, agency_id)
        )
        return changed > 0

    async def set_switches(
        self, chat_id: int, agency_id: int, *, nudges: bool | None = None,
        summaries: bool | None = None, support_nudges: bool | None = None,
    ) -> None:
        """Turn an agency's nudges, summaries and/or supporting-task nudges on or off for a
        chat."""
        if nudges is not None:
            await self.db.execute(
                "UPDATE subscriptions SET nudges = ? WHERE chat_id = ? AND agency_id = ?",
                (int(nudges), chat_id, agency_id),
            )
        if summaries is not None:
            await self.db.execute(
                "UPDATE subscriptions SET summaries = ? WHERE chat_id = ? AND agency_id = ?",
                (int(summaries), chat_id, agency_id),
            )
        if support_nudges is not None:
            await self.db.execute(
                "UPDATE subscriptions SET support_nudges = ? WHERE chat_id = ? AND agency_id = ?",
                (int(support_nudges), chat_id, agency_id),
            )

    async def subscriptions_of_chat(self, chat_id: int) -> list[Subscription]:
        """What a chat is subscribed to."""
        rows = await self.db.fetchall(
            "SELECT * FROM subscriptions WHERE chat_id = ? ORDER BY agency_id", (chat_id,)
        )
        return [_subscription(row) for row in rows]

    async def subscribers(
        self, agency_id: int, *, nudges: bool = False, summaries: bool = False,
        support_nudges: bool = False,
    ) -> list[Subscription]:
        """Active chats subscribed to an agency, optionally only those with switches on
        (``support_nudges``: nudges about the tasks it supports; the nudge switch too)."""
        sql = (
            "SELECT s.* FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id"
            " WHERE s.agency_id = ? AND c.active = 1"
        )
        if nudges:
            sql += " AND s.nudges = 1"
        if summaries:
            sql += " AND s.summaries = 1"
        if support_nudges:
            sql += " AND s.nudges = 1 AND s.support_nudges = 1"
        rows = await self.db.fetchall(sql + " ORDER BY s.chat_id", (agency_id,))
        return [_subscription(row) for row in rows]


def _chat(row: sqlite3.Row) -> Chat:
    return Chat(
        chat_id=row["chat_id"],
        type=ChatType(row["type"]),
        title=row["title"],
        active=bool(row["active"]),
        inactive_reason=row["inactive_reason"],
    )


def _subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(
        chat_id=row["chat_id"],
        agency_id=row["agency_id"],
        nudges=bool(row["nudges"]),
        summaries=bool(row["summaries"]),
        support_nudges=bool(row["support_nudges"]),
    )
