"""Injected time. Nothing in the project reads the system clock directly.

Tests and dry runs ("what would go out on 27/09 at 08:00?") travel in time by giving the
code a different clock; production uses :class:`SystemClock`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Source of the current time (always timezone-aware, in UTC)."""

    def now(self) -> datetime:
        """The current instant."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        """The current instant, from the operating system."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until told to move: for tests and dry runs."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The instant the clock was last set to."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to another instant (forwards or backwards)."""
        if moment.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by ``delta``."""
        self._now += delta


def local_now(clock: Clock, tz: ZoneInfo) -> datetime:
    """The current instant in the province's timezone."""
    return clock.now().astimezone(tz)
