"""Telegram's flood limits for replies, shared with the outbox sender: replies go first.

During a big fan-out the outbox sender fills Telegram's 30 messages a second, and a
user's reply then met a 429: PTB's AIORateLimiter (with no retries, so that the sender
could reschedule) dropped it and logged an ERROR traceback per 429 (24 of 40 /help
answers lost in the adversarial run). Here every request passes through one
:class:`ReplyFirstLimiter` sharing the sender's :class:`~bot.adapters.delivery.Pacer`:

* the sender's own sends (``rate_limit_args=OUTBOX``) pass straight through: it paces
  itself and reschedules on RetryAfter;
* anything else is a reply to a person: it waits for room in the overall window (which
  the sender's sends also fill), is retried after a 429 as Telegram says, and while any
  reply waits the sender starts nothing new (``Pacer.replies_waiting``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.adapters.delivery import OUTBOX, Pacer

log = logging.getLogger(__name__)

# Requests Telegram counts against its flood limits (those that post a message).
SENDS = frozenset((
    "sendMessage", "sendDocument", "sendPhoto", "sendAudio", "sendVideo", "sendAnimation",
    "sendVoice", "sendVideoNote", "sendSticker", "sendLocation", "sendVenue", "sendContact",
    "sendPoll", "sendDice", "sendMediaGroup", "copyMessage", "copyMessages",
    "forwardMessage", "forwardMessages",
))


def retry_seconds(error: RetryAfter) -> float:
    """RetryAfter's wait in seconds (PTB gives an int or a timedelta)."""
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class ReplyFirstLimiter(BaseRateLimiter[dict[str, Any]]):
    """Replies wait for room and are retried on 429; the outbox sender yields to them."""

    def __init__(self, pacer: Pacer, *, tries: int = 5, max_wait: float = 60.0) -> None:
        self.pacer = pacer
        self.tries = tries
        self.max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up: the pacer lives as long as the application."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Run one Bot API request under the limits (see the module's docstring)."""
        if rate_limit_args == OUTBOX:
            return await callback(*args, **kwargs)
        chat_id = _chat_id(data)
        counted = endpoint in SENDS
        pacer = self.pacer
        pacer.replies_waiting += 1
        waited = 0.0
        try:
            for attempt in range(1, self.tries + 1):
                wait = pacer.reply_wait(chat_id) if counted else 0.0
                while wait > 0:
                    await asyncio.sleep(wait)
                    waited += wait
                    wait = pacer.reply_wait(chat_id)
                if counted:
                    pacer.record_reply(chat_id)
                try:
                    return await callback(*args, **kwargs)
                except RetryAfter as exc:
                    seconds = retry_seconds(exc)
                    if chat_id is not None:
                        pacer.hold(chat_id, seconds)
                    if attempt == self.tries or waited + seconds > self.max_wait:
                        raise
                    log.debug("%s to %s: flood limit, retrying in %gs", endpoint, chat_id,
                              seconds)
                    await asyncio.sleep(seconds)
                    waited += seconds
            raise AssertionError("unreachable")  # pragma: no cover
        finally:
            pacer.replies_waiting -= 1


def _chat_id(data: dict[str, Any]) -> int | None:
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None
