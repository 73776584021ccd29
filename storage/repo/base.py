"""Shared base of the repositories."""

from __future__ import annotations

from datetime import datetime

from bot.core.clock import Clock
from storage.db import Database, to_db_time


class Repo:
    """A repository: typed methods over one area of the schema."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> datetime:
        """Current instant from the injected clock."""
        return self.clock.now()

    def now_text(self) -> str:
        """Current instant as stored text."""
        return to_db_time(self.clock.now())
