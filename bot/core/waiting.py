"""What the bot waits for a person to type: one question per person, whatever the flow.

An official's progress report, an admin's new deadline for a task, the next answer of a
/new draft, an agency name after /join: each is a :class:`Waiting` row stored in SQLite,
so a question survives a restart and expires clearly. Only one question waits per person:
asking a new one replaces the old, a command or /cancel ends it (see handlers/waiting.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Flow(StrEnum):
    """Which feature asked the question (and so reads the answer)."""

    ACT = "act"  # an official's report, a completion, an extension; an admin's decision note
    EDIT = "edit"  # an admin editing a saved task from its card
    NEW = "new"  # the next answer of a /new or /import draft
    JOIN = "join"  # an agency's name typed after /join


TTL: dict[Flow, timedelta] = {
    Flow.ACT: timedelta(hours=1),
    Flow.EDIT: timedelta(minutes=30),
    # A draft's question waits as long as the draft does: it is data, not a passing prompt.
    Flow.NEW: timedelta(days=30),
    Flow.JOIN: timedelta(minutes=15),
}


@dataclass(frozen=True)
class Waiting:
    """A question the bot asked and the answer it waits for.

    ``kind`` is the flow's own step (e.g. "progress", "deadline"); ``nonce`` ties the
    question's buttons to this question, so a button of an older prompt cannot act on a
    newer one; ``data`` is what the flow needs to read the answer.
    """

    user_id: int
    flow: Flow
    kind: str
    task_id: int | None
    nonce: str
    created_at: datetime
    expires_at: datetime
    data: dict[str, Any] = field(default_factory=dict)

    def expired(self, now: datetime) -> bool:
        """Whether an answer now comes too late to be taken."""
        return now >= self.expires_at
