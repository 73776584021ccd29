"""The questions the bot waits for typed answers to (table ``waiting``, one per person)."""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime
from typing import Any

from bot.core.waiting import TTL, Flow, Waiting
from storage.db import ABSENT, from_db_time, to_db_time
from storage.repo.base import Repo


class WaitingRepo(Repo):
    """Typed access to ``waiting``: at most one question per person, whatever the flow."""

    async def put(
        self, user_id: int, flow: Flow, kind: str, task_id: int | None = None,
        data: dict[str, Any] | None = None, *, expires_at: datetime | None = None,
        nonce: str | None = None,
    ) -> Waiting:
        """Ask (or re-ask) a question, replacing whatever this person was asked before."""
        now = self.now()
        expires = expires_at or now + TTL[flow]
        nonce = nonce or secrets.token_hex(4)
        self.db.forget(("waiting", user_id))
        await self.db.execute(
            "INSERT INTO waiting(user_id, flow, kind, task_id, nonce, data, created_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET"
            " flow = excluded.flow, kind = excluded.kind, task_id = excluded.task_id,"
            " nonce = excluded.nonce, data = excluded.data, created_at = excluded.created_at,"
            " expires_at = excluded.expires_at",
            (user_id, flow.value, kind, task_id, nonce, json.dumps(data or {}, ensure_ascii=False),
             to_db_time(now), to_db_time(expires)),
        )
        return Waiting(user_id, flow, kind, task_id, nonce, now, expires, dict(data or {}))

    async def get(self, user_id: int) -> Waiting | None:
        """What the bot waits for from this person, expired or not (the caller says so).

        Asked on every private message and command; a person known to have nothing waiting
        costs no read (see :class:`storage.db.Database` on the memo).
        """
        key = ("waiting", user_id)
        if self.db.recall(key) is ABSENT:
            return None
        token = self.db.memo_token(key)
        row = await self.db.fetchone("SELECT * FROM waiting WHERE user_id = ?", (user_id,))
        if row is None:
            self.db.remember(key, ABSENT, token)
            return None
        return _waiting(row)

    async def clear(
        self, user_id: int, *, nonce: str | None = None, flow: Flow | None = None
    ) -> bool:
        """Stop waiting; only for the question with ``nonce`` (or of ``flow``) when given.

        False when nothing (or something else) was waiting, so of two racing answers only
        one ends the question.
        """
        self.db.forget(("waiting", user_id))
        sql = "DELETE FROM waiting WHERE user_id = ?"
        params: list[object] = [user_id]
        if nonce is not None:
            sql += " AND nonce = ?"
            params.append(nonce)
        if flow is not None:
            sql += " AND flow = ?"
            params.append(flow.value)
        return await self.db.execute_rowcount(sql, tuple(params)) > 0


def _waiting(row: sqlite3.Row) -> Waiting:
    return Waiting(
        user_id=row["user_id"],
        flow=Flow(row["flow"]),
        kind=row["kind"],
        task_id=row["task_id"],
        nonce=row["nonce"],
        created_at=from_db_time(row["created_at"]),
        expires_at=from_db_time(row["expires_at"]),
        data=json.loads(row["data"] or "{}"),
    )
