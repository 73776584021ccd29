"""Draining the notifications outbox into Telegram.

The database is the truth: a message exists once it is in the outbox, and it is done
once the outbox says 'sent'. Between the two, Telegram may say "slow down" (RetryAfter),
fail (5xx, network), move the chat (ChatMigrated) or refuse for good (Forbidden). Each
case has one answer here, so no producer needs to care.

One sender per process drains the queue. It paces itself to Telegram's flood limits
(:class:`Pacer`), keeps a few sends in flight so one slow answer does not stall every
other chat, and marks a row 'sending' only just before its request: after a crash the
rows still 'sending' are exactly those that may or may not have arrived, and they are
sent again (at most one duplicate per message in flight, never a loss).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)

from bot.core.models import OutboxMessage
from storage.db import StorageFull
from storage.repo import Repos

log = logging.getLogger(__name__)

OUTBOX: dict[str, Any] = {"outbox": True}
"""``rate_limit_args`` of the sender's own requests (see bot.adapters.ratelimit)."""
_BACKOFF_BASE = 1.0
_BACKOFF_CAP = 5 * 60.0
_UNREACHABLE = ("chat not found", "user not found", "chat_write_forbidden", "have no rights")


def _markup(payload: dict[str, Any]) -> InlineKeyboardMarkup | None:
    rows = payload.get("buttons")
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: 1 s, 2 s, 4 s … ≤ 5 min."""
    return timedelta(seconds=min(_BACKOFF_CAP, _BACKOFF_BASE * 2 ** max(0, attempts - 1)))


class _Window:
    """At most ``limit`` sends in any ``window`` seconds (a sliding window)."""

    __slots__ = ("events", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.events: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.events and self.events[0] <= now - self.window:
            self.events.popleft()
        return 0.0 if len(self.events) < self.limit else self.events[0] + self.window - now


class Pacer:
    """Telegram's flood limits as the sender's own schedule, in real (monotonic) time.

    About 30 messages per second overall, one per second in a chat, 20 per minute in a
    group. The windows are a little wider than Telegram's so that network jitter between
    our clock and Telegram's does not turn a legal burst into a 429. Holds (RetryAfter,
    back-off after errors) live here too: they are about the next few seconds, so they
    need not survive a restart, and the injected clock (which tests freeze) must not
    delay them.
    """

    def __init__(
        self,
        per_second: int = 30,
        chat_interval: float = 1.0,
        group_per_minute: int = 20,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.now = now
        self.overall = _Window(per_second, 1.05)
        self.chat_interval = chat_interval * 1.05
        self.group_per_minute = group_per_minute
        self.last_send: dict[int, float] = {}
        self.groups: dict[int, _Window] = {}
        self.holds: dict[int, float] = {}
        self.replies_waiting = 0
        """Replies to people waiting to be sent: the sender starts nothing meanwhile."""

    def reply_wait(self, chat_id: int | None) -> float:
        """Seconds before a reply may go: room in the overall window and the chat's hold.

        A reply does not wait for the per-chat second: it answers what the person just
        did, and Telegram allows short bursts in a chat.
        """
        now = self.now()
        wait = self.overall.wait(now)
        if chat_id is not None:
            wait = max(wait, self.holds.get(chat_id, 0.0) - now)
        return max(0.0, wait)

    def record_reply(self, chat_id: int | None) -> None:
        """Count a reply in the overall window (and in its group's minute)."""
        now = self.now()
        self.overall.events.append(now)
        if chat_id is not None and chat_id < 0:
            group = self.groups.setdefault(chat_id, _Window(self.group_per_minute, 61.0))
            group.events.append(now)

    def overall_wait(self) -> float:
        """Seconds until one more message fits the overall limit."""
        return self.overall.wait(self.now())

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until this chat may get its next message."""
        now = self.now()
        wait = max(0.0, self.holds.get(chat_id, 0.0) - now)
        last = self.last_send.get(chat_id)
        if last is not None:
            wait = max(wait, last + self.chat_interval - now)
        group = self.groups.get(chat_id)
        if group is not None:
            wait = max(wait, group.wait(now))
        return wait

    def busy_chats(self) -> list[int]:
        """Chats that must wait now (to leave them out of the next query)."""
        self._forget_old()
        return [chat_id for chat_id in set(self.last_send) | set(self.holds)
                if self.chat_wait(chat_id) > 0]

    def next_free_in(self) -> float | None:
        """Seconds until the first waiting chat is free again (None: nobody waits)."""
        if self.replies_waiting:
            return 0.05  # look again soon: the replies will have gone
        waits = [w for w in (self.chat_wait(c) for c in set(self.last_send) | set(self.holds))
                 if w > 0]
        return min(waits) if waits else None

    def record(self, chat_id: int) -> None:
        """Count one send to ``chat_id`` now."""
        now = self.now()
        self.overall.events.append(now)
        self.last_send[chat_id] = now
        if chat_id < 0:
            group = self.groups.setdefault(chat_id, _Window(self.group_per_minute, 61.0))
            group.events.append(now)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Send nothing to ``chat_id`` for ``seconds`` (RetryAfter, back-off)."""
        self.holds[chat_id] = max(self.holds.get(chat_id, 0.0), self.now() + seconds)

    def _forget_old(self) -> None:
        now = self.now()
        for chat_id in [c for c, at in self.last_send.items() if at + self.chat_interval < now]:
            del self.last_send[chat_id]
        for chat_id in [c for c, until in self.holds.items() if until < now]:
            del self.holds[chat_id]
        for chat_id in [c for c, w in self.groups.items() if w.wait(now) == 0 and not w.events]:
            del self.groups[chat_id]


class OutboxSender:
    """Sends due outbox rows within Telegram's limits and records each outcome."""

    def __init__(
        self, repos: Repos, bot: Bot, *, concurrency: int = 4, pacer: Pacer | None = None,
        batch: int = 60,
    ) -> None:
        self.repos = repos
        self.bot = bot
        self.batch = batch
        self.pacer = pacer or Pacer()
        self.wakeup = asyncio.Event()
        self._slots = asyncio.Semaphore(concurrency)
        self._inflight: set[asyncio.Task[None]] = set()
        self.halted = False
        self._unrecorded: set[int] = set()
        # Only an ExtBot with a rate limiter takes rate_limit_args (tests may pass a Bot).
        self._limiter_args: dict[str, Any] = (
            {"rate_limit_args": OUTBOX} if getattr(bot, "rate_limiter", None) else {}
        )

    async def send_one(self, message: OutboxMessage) -> Message:
        """Deliver one payload: HTML text or a stored photo with a caption, with buttons."""
        payload = message.payload
        markup = _markup(payload)
        if "photo" not in payload:
            return await self.bot.send_message(
                chat_id=message.chat_id, text=payload["text"], parse_mode=ParseMode.HTML,
                reply_markup=markup, **self._limiter_args,
            )
        ref = str(payload["photo"])
        stored = await self.repos.outbox.get_file(ref)
        if stored is None:
            raise LookupError(f"outbox file {ref} is missing")
        content, name, file_id = stored
        sent = await self.bot.send_photo(
            chat_id=message.chat_id,
            photo=file_id or InputFile(content, filename=name),
            caption=payload.get("caption"), parse_mode=ParseMode.HTML, reply_markup=markup,
            **self._limiter_args,
        )
        if file_id is None and sent.photo:
            await self.repos.outbox.set_file_id(ref, sent.photo[-1].file_id)
        return sent

    async def pump(self) -> int:
        """Start sending every row that may go now; returns how many were started."""
        if self.halted or self.pacer.replies_waiting:
            return 0  # replies to people go first
        for outbox_id in sorted(self._unrecorded):  # StorageFull here: still full, try later
            await self.repos.outbox.release(outbox_id, "outcome not recorded: disk full")
            self._unrecorded.discard(outbox_id)
        busy = self.pacer.busy_chats()
        rows = await self.repos.outbox.next_per_chat(self.batch, busy)
        started = 0
        for row in rows:
            if self.pacer.chat_wait(row.chat_id) > 0:
                continue
            wait = self.pacer.overall_wait()
            while wait > 0:
                await asyncio.sleep(wait)
                wait = self.pacer.overall_wait()
            await self._slots.acquire()
            try:
                claimed = await self.repos.outbox.claim(row.id)
            except BaseException:
                self._slots.release()
                raise
            if not claimed:
                self._slots.release()
                continue
            self.pacer.record(row.chat_id)
            task = asyncio.create_task(self._deliver_and_release(row), name=f"outbox-{row.id}")
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)
            started += 1
        return started

    async def wait_inflight(self) -> None:
        """Wait until every started send has been recorded."""
        while self._inflight:
            await asyncio.gather(*list(self._inflight), return_exceptions=True)

    async def _deliver_and_release(self, message: OutboxMessage) -> None:
        try:
            await self._deliver(message)
        except StorageFull:
            # Logged once by the database. The row stays 'sending': put it back in the
            # queue once writes work again (sent again if it went: one duplicate at most).
            self._unrecorded.add(message.id)
        except Exception:
            log.exception("outbox %s: recording the outcome failed", message.id)
        finally:
            self._slots.release()
            self.wakeup.set()

    async def _deliver(self, message: OutboxMessage) -> None:
        outbox = self.repos.outbox
        chat_id = message.chat_id
        try:
            sent = await self.send_one(message)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            self.pacer.hold(chat_id, seconds)
            await outbox.release(message.id, f"retry_after {seconds:g}s")
        except ChatMigrated as exc:
            await self.repos.chats.migrate(chat_id, exc.new_chat_id)
            await outbox.release(message.id, f"migrated to {exc.new_chat_id}")
        except Forbidden as exc:
            log.info("chat %s unreachable: %s", chat_id, exc.message)
            await self._unreachable(message, exc.message)
        except BadRequest as exc:
            if any(marker in exc.message.lower() for marker in _UNREACHABLE):
                await self._unreachable(message, exc.message)
            else:
                log.error("outbox %s rejected by Telegram: %s", message.id, exc.message)
                await outbox.mark_failed(message.id, exc.message)
        except InvalidToken:
            # The token was revoked: the runner stops the bot (one line, exit 2); sending
            # on would only fail again, once per queued message.
            self.halted = True
            await outbox.release(message.id, "invalid token")
        except TelegramError as exc:  # NetworkError, TimedOut, 5xx: try again later
            delay = backoff(message.attempts).total_seconds()
            log.warning("outbox %s: %s; retrying in %gs", message.id, exc.message, delay)
            self.pacer.hold(chat_id, delay)
            await outbox.release(message.id, exc.message)
        except LookupError as exc:
            log.error("outbox %s cannot be sent: %s", message.id, exc)
            await outbox.mark_failed(message.id, str(exc))
        else:
            await outbox.mark_sent(message.id, sent.message_id)

    async def _unreachable(self, message: OutboxMessage, reason: str) -> None:
        await self.repos.chats.deactivate(message.chat_id, reason)
        await self.repos.outbox.mark_failed(message.id, reason)
        await self.repos.outbox.cancel_for_chat(message.chat_id, reason)

    async def run(self, idle_interval: float = 2.0) -> None:
        """Drain forever: at once when woken or a paced chat frees up, else every interval."""
        await self.repos.outbox.requeue_interrupted()
        try:
            while True:
                self.wakeup.clear()
                try:
                    started = await self.pump()
                except StorageFull:
                    started = 0  # a full disk, logged once by the database
                except Exception:
                    log.exception("outbox drain failed")
                    started = 0
                if started:
                    continue
                timeout = idle_interval
                free_in = self.pacer.next_free_in()
                if free_in is not None:
                    timeout = min(timeout, max(free_in, 0.02))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wakeup.wait(), timeout=timeout)
        finally:
            for task in list(self._inflight):
                task.cancel()
