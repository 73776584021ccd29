"""Long pastes that Telegram split in two: refuse the tail with the part it belongs to.

A client sends a text of 5,000 characters as two messages (4,096 + 904). At a question
limited to 3,000 characters the first part was refused and the 904-character tail was
taken as the answer: a task made of the end of a paragraph. This remembers, per chat,
when a too-long part that may have a tail arrived; a text arriving within a few seconds
after it is that tail (nobody types a new answer that fast) and is refused too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

SPLIT_PART = 3500
"""A message this long may be the first part of a paste Telegram split (near 4,096)."""
TAIL_WINDOW = timedelta(seconds=3)


class SplitPastes:
    """When each chat last sent a too-long part that may have a tail (kept in memory: a
    restart between two parts of one paste is not worth a database write)."""

    def __init__(self) -> None:
        self._at: dict[int, datetime] = {}

    def note(self, chat_id: int, text: str, at: datetime) -> None:
        """A too-long ``text`` was refused in ``chat_id``; remember it if it may be split."""
        if len(text) >= SPLIT_PART:
            self._at = {c: t for c, t in self._at.items() if at - t <= TAIL_WINDOW}
            self._at[chat_id] = at

    def is_tail(self, chat_id: int, at: datetime) -> bool:
        """Whether a text arriving at ``at`` continues the part noted last (forgets it)."""
        started = self._at.pop(chat_id, None)
        return started is not None and timedelta(0) <= at - started <= TAIL_WINDOW
