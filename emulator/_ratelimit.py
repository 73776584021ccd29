"""Telegram's flood limits as sliding windows, so fan-out code can be measured against them.

Telegram documents three limits for bots: about 30 messages per second overall, about
one message per second to the same chat, and 20 messages per minute to the same group.
Each becomes a window "at most N sends in the last W seconds"; a send that would exceed
any window is refused with the time until the oldest counted send leaves that window.
Refused sends are not counted, as on Telegram.  Every check is O(1) amortised.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

__all__ = ["RateLimiter", "SlidingWindow"]


class SlidingWindow:
    """At most ``limit`` events in any ``window`` seconds."""

    __slots__ = ("_events", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a window needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._events: deque[float] = deque()

    def wait_time(self, now: float) -> float:
        """Seconds until one more event fits (0 if it fits now)."""
        events = self._events
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) < self.limit:
            return 0.0
        return events[0] + self.window - now

    def add(self, now: float) -> None:
        self._events.append(now)


def _per_second(rate: float) -> tuple[int, float]:
    """Express "rate per second" as (limit, window): 1.0 -> (1, 1s), 0.5 -> (1, 2s)."""
    if rate <= 0:
        raise ValueError("rates must be positive")
    if rate >= 1:
        return int(rate), 1.0
    return 1, 1.0 / rate


class RateLimiter:
    """The three Telegram windows; any of them may be switched off with ``None``."""

    def __init__(
        self,
        *,
        global_per_second: float | None,
        per_chat_per_second: float | None,
        per_group_per_minute: int | None,
        clock: Callable[[], float],
    ) -> None:
        self._clock = clock
        self._global = SlidingWindow(*_per_second(global_per_second)) if global_per_second else None
        self._chat_spec = _per_second(per_chat_per_second) if per_chat_per_second else None
        self._group_limit = per_group_per_minute
        self._chats: dict[int, SlidingWindow] = {}
        self._groups: dict[int, SlidingWindow] = {}

    def _windows(self, chat_id: int) -> list[SlidingWindow]:
        windows: list[SlidingWindow] = []
        if self._global is not None:
            windows.append(self._global)
        if self._chat_spec is not None:
            window = self._chats.get(chat_id)
            if window is None:
                window = self._chats[chat_id] = SlidingWindow(*self._chat_spec)
            windows.append(window)
        if self._group_limit is not None and chat_id < 0:
            window = self._groups.get(chat_id)
            if window is None:
                window = self._groups[chat_id] = SlidingWindow(self._group_limit, 60.0)
            windows.append(window)
        return windows

    def acquire(self, chat_id: int) -> int:
        """Count a send to ``chat_id``; return 0, or the ``retry_after`` seconds to answer."""
        now = self._clock()
        windows = self._windows(chat_id)
        wait = max((window.wait_time(now) for window in windows), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for window in windows:
            window.add(now)
        return 0
