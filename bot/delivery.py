"""Draining the notifications outbox into Telegram.

The database is the truth: a message exists once it is in the outbox, and it is done
once the outbox says 'sent'. Between the two, Telegram may say "slow down" (RetryAfter),
fail (5xx, network), move the chat (ChatMigrated) or refuse for good (Forbidden). Each
case has one answer here, so no producer needs to care.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.models import OutboxMessage
from storage.repo import Repos

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
_BACKOFF_BASE = 5.0
_BACKOFF_CAP = 15 * 60.0


def message_payload(
    text: str, buttons: Sequence[Sequence[tuple[str, str]]] = ()
) -> dict[str, Any]:
    """Outbox payload of an HTML text message with optional (label, callback data) buttons."""
    payload: dict[str, Any] = {"text": text}
    if buttons:
        payload["buttons"] = [[list(button) for button in row] for row in buttons]
    return payload


def _markup(payload: dict[str, Any]) -> InlineKeyboardMarkup | None:
    rows = payload.get("buttons")
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: 5 s, 10 s, 20 s … ≤ 15 min."""
    return timedelta(seconds=min(_BACKOFF_CAP, _BACKOFF_BASE * 2 ** max(0, attempts - 1)))


class OutboxSender:
    """Sends due outbox rows one by one and records each outcome."""

    def __init__(self, repos: Repos, bot: Bot, batch: int = 20) -> None:
        self.repos = repos
        self.bot = bot
        self.batch = batch
        self.wakeup = asyncio.Event()

    async def send_one(self, message: OutboxMessage) -> Message:
        """Deliver one payload (text, optionally with buttons)."""
        payload = message.payload
        return await self.bot.send_message(
            chat_id=message.chat_id,
            text=payload["text"],
            parse_mode=ParseMode.HTML,
            reply_markup=_markup(payload),
        )

    async def drain_once(self) -> int:
        """Send what is due now; returns how many rows were handled."""
        due = await self.repos.outbox.claim_due(self.batch)
        for message in due:
            await self._deliver(message)
        return len(due)

    async def _deliver(self, message: OutboxMessage) -> None:
        outbox = self.repos.outbox
        now = self.repos.clock.now()
        try:
            sent = await self.send_one(message)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            await outbox.retry_later(message.id, now + timedelta(seconds=seconds), "retry_after")
        except ChatMigrated as exc:
            await self.repos.chats.migrate(message.chat_id, exc.new_chat_id)
            await outbox.retry_later(message.id, now, f"migrated to {exc.new_chat_id}")
        except Forbidden as exc:
            log.info("chat %s unreachable: %s", message.chat_id, exc.message)
            await self.repos.chats.deactivate(message.chat_id, exc.message)
            await outbox.mark_failed(message.id, exc.message)
            await outbox.cancel_for_chat(message.chat_id, exc.message)
        except BadRequest as exc:
            log.warning("outbox %s rejected: %s", message.id, exc.message)
            await outbox.mark_failed(message.id, exc.message)
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            if message.attempts >= MAX_ATTEMPTS:
                await outbox.mark_failed(message.id, f"gave up: {exc.message}")
            else:
                await outbox.retry_later(message.id, now + backoff(message.attempts), exc.message)
        else:
            await outbox.mark_sent(message.id, sent.message_id)

    async def run(self, idle_interval: float = 2.0) -> None:
        """Drain forever: immediately when woken, else every ``idle_interval`` seconds."""
        await self.repos.outbox.requeue_interrupted()
        while True:
            try:
                handled = await self.drain_once()
            except Exception:
                log.exception("outbox drain failed")
                handled = 0
            if handled:
                continue
            self.wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wakeup.wait(), timeout=idle_interval)
