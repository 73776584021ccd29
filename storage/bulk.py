"""Bulk loading of a whole data set: the benchmark's synthetic province, large imports.

The repositories write one task (and its history) per transaction, which is right for a
chat command and far too slow for 100,000 tasks. Here rows arrive as plain tuples with
their ids already chosen, and each call writes one batch in one transaction with
``executemany``. Nothing is validated beyond what the schema enforces: callers build
consistent data (the benchmark generator does, deterministically), every task with its
units (an :class:`AssignmentRow` per lead agency, per member of a collective lead).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from storage.db import Database


class UserRow(NamedTuple):
    """One ``users`` row."""

    telegram_id: int
    full_name: str
    username: str | None
    role: str
    language: str
    created_at: str


class MembershipRow(NamedTuple):
    """One ``memberships`` row."""

    user_id: int
    agency_id: int
    added_by: int | None
    created_at: str


class ChatRow(NamedTuple):
    """One ``chats`` row."""

    chat_id: int
    type: str
    title: str | None
    created_at: str


class SubscriptionRow(NamedTuple):
    """One ``subscriptions`` row."""

    chat_id: int
    agency_id: int
    nudges: int
    summaries: int
    created_by: int | None
    created_at: str


class ConclusionRow(NamedTuple):
    """One ``conclusions`` row, id included."""

    id: int
    number: str | None
    issuer: str | None
    signer: str | None
    issued_on: str | None
    meeting_on: str | None
    title: str | None
    source_text: str | None
    created_by: int | None
    created_at: str


class TaskRow(NamedTuple):
    """One ``tasks`` row, id included; ``search_text`` is ``bot.normalize.fold(text)``."""

    id: int
    conclusion_id: int
    ordinal: str
    position: int
    text: str
    search_text: str
    deadline: str | None
    deadline_text: str | None
    deadline_kind: str
    recurrence: str | None
    status: str
    completed_on: str | None
    created_at: str
    updated_at: str


class TaskAgencyRow(NamedTuple):
    """One ``task_agencies`` row."""

    task_id: int
    agency_id: int
    role: str


class AssignmentRow(NamedTuple):
    """One ``assignments`` row: a unit of a task (migration 0010).

    ``task_live`` (the task is not cancelled) and ``is_open`` (live and not done) are what
    the triggers would compute; given right, the loader pays no correction.
    """

    task_id: int
    agency_id: int
    via_id: int | None
    status: str
    deadline: str | None
    completed_on: str | None
    task_live: int
    is_open: int
    created_at: str
    updated_at: str


class EventRow(NamedTuple):
    """One ``task_events`` row (the id is assigned by SQLite, in insertion order)."""

    task_id: int
    kind: str
    actor_id: int | None
    at: str
    note: str | None
    data: str
    agency_id: int | None = None  # the unit it is about


_SQL = {
    "users": "INSERT INTO users(telegram_id, full_name, username, role, language, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?6)",
    "memberships": "INSERT INTO memberships(user_id, agency_id, added_by, created_at)"
    " VALUES (?, ?, ?, ?)",
    "chats": "INSERT INTO chats(chat_id, type, title, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?4)",
    "subscriptions": "INSERT INTO subscriptions(chat_id, agency_id, nudges, summaries,"
    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    "conclusions": "INSERT INTO conclusions(id, number, issuer, signer, issued_on, meeting_on,"
    " title, source_text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "tasks": "INSERT INTO tasks(id, conclusion_id, ordinal, position, text, search_text,"
    " deadline, deadline_text, deadline_kind, recurrence, status, completed_on, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "task_agencies": "INSERT INTO task_agencies(task_id, agency_id, role) VALUES (?, ?, ?)",
    "assignments": "INSERT INTO assignments(task_id, agency_id, via_id, status, deadline,"
    " completed_on, task_live, is_open, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "task_events": "INSERT INTO task_events(task_id, kind, actor_id, at, note, data, agency_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
}


class BulkBatch(NamedTuple):
    """Rows of every table, written together; any list may be empty."""

    users: Sequence[UserRow] = ()
    memberships: Sequence[MembershipRow] = ()
    chats: Sequence[ChatRow] = ()
    subscriptions: Sequence[SubscriptionRow] = ()
    conclusions: Sequence[ConclusionRow] = ()
    tasks: Sequence[TaskRow] = ()
    task_agencies: Sequence[TaskAgencyRow] = ()
    assignments: Sequence[AssignmentRow] = ()
    task_events: Sequence[EventRow] = ()


class BulkLoader:
    """Writes batches of prepared rows, one transaction per batch, in dependency order."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def write(self, batch: BulkBatch) -> None:
        """Insert every row of ``batch`` atomically (parents before children)."""
        async with self.db.transaction():
            for table in BulkBatch._fields:
                rows: Sequence[tuple[object, ...]] = getattr(batch, table)
                if rows:
                    await self.db.executemany(_SQL[table], rows)

