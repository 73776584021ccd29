"""The measurements: handler latency through the emulator, the framework floor, fan-out.

Every figure comes from the real Application talking HTTP to the project's Bot API
emulator on loopback, exactly as tests/harness.py runs it; nothing here reaches into
PTB internals or times a function that the bot would not call.
"""

from __future__ import annotations

import asyncio
import html
import logging
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.core.models import NewOutboxMessage, OutboxState
from bot.core.payloads import message_payload
from bot.usecases.services import Services
from emulator import BotAPIEmulator, EmuChat, EmuUser, JSONDict

log = logging.getLogger("bench")

RATE_LIMIT = 30
"""Telegram's overall limit for a bot, messages per second (the emulator enforces it)."""

INTERACTIVE_RATE = 10.0
"""Latency samples start at most this often per second, for the bot and the echo alike.

The bot sends through PTB's ``AIORateLimiter`` (30 messages/s overall, as Telegram
demands); a loop that injects the next update the moment the last one is answered asks
for 40-100 replies/s, so the limiter (rightly) holds replies back and the samples would
time the throttle, not the handlers (a /task N p50 of 30 ms, i.e. 1/30 s, at the first
try). Ten updates a second is a busy Monday for 5,000 officials and a third of the limit
even for /stats, whose answer is three calls.
"""


class Pace:
    """Spaces the starts of successive samples at least ``1 / rate`` seconds apart."""

    def __init__(self, rate: float = INTERACTIVE_RATE) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        """Sleep until the next sample may start."""
        now = time.monotonic()
        if now < self._next:
            await asyncio.sleep(self._next - now)
        self._next = max(now, self._next) + self.interval


class RunningClock:
    """Starts at a fixed instant and runs at the speed of the monotonic clock.

    The data set is built around a fixed "now" (so classes are deterministic), while the
    outbox sender needs time to pass to honour ``retry_after``.
    """

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        """The start instant plus the time elapsed since this clock was made."""
        return self._start + timedelta(seconds=time.monotonic() - self._t0)


@dataclass(frozen=True)
class Percentiles:
    """Latency figures in milliseconds."""

    p50: float
    p95: float
    p99: float
    n: int

    def to_json(self) -> dict[str, float]:
        """The three percentiles, rounded to 0.01 ms."""
        return {"p50": round(self.p50, 2), "p95": round(self.p95, 2), "p99": round(self.p99, 2)}


def percentiles(samples: list[float]) -> Percentiles:
    """p50/p95/p99 with linear interpolation between closest ranks."""
    if len(samples) < 2:
        raise ValueError("need at least two samples")
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return Percentiles(cuts[49], cuts[94], cuts[98], len(samples))


Inject = Callable[[], JSONDict]
_ECHO_TEXT = "Xin chào, cho hỏi nhiệm vụ của tôi"


class Finished:
    """Counts updates an Application has finished handling (see :func:`watch_finished`).

    The emulator alone cannot tell when a handler is done: /stats renders its chart in a
    thread for a while without calling the API, and an "idle" guess then ends the sample
    early and charges the chart to the next one.
    """

    def __init__(self) -> None:
        self.count = 0
        self.changed = asyncio.Event()

    async def handler(self, update: object, context: object) -> None:
        """Runs in the last handler group, i.e. after every other handler of the update."""
        del update, context
        self.count += 1
        self.changed.set()

    async def wait_beyond(self, count: int, limit_s: float) -> None:
        """Return once more than ``count`` updates were finished."""
        async with asyncio.timeout(limit_s):
            while self.count <= count:
                self.changed.clear()
                await self.changed.wait()


FINISHED_GROUP = 10_000
"""After every handler group of the bot (the fallbacks use 100)."""


def watch_finished(app: Application[Any, Any, Any, Any, Any, Any]) -> Finished:
    """Add the bench's "finished" marker to ``app`` (instrumentation only, answers nothing)."""
    finished = Finished()
    app.add_handler(TypeHandler(Update, finished.handler), group=FINISHED_GROUP)
    return finished


async def one_round_trip(
    emu: BotAPIEmulator, finished: Finished, inject: Inject, limit_s: float = 60.0,
    pace: Pace | None = None,
) -> float:
    """Milliseconds from injecting an update to the bot's last API call answering it.

    "Last call" (not the first reply) so that a handler sending a text and then a second
    message, or answering a button and then sending a card, is timed to the end of its
    work; the sample ends when the Application has finished the update. With ``pace``,
    the update is injected no sooner than the pace allows (the wait is not part of the
    sample).
    """
    return (await _round_trip(emu, finished, inject, limit_s, pace))[0]


async def chart_round_trip(
    emu: BotAPIEmulator, finished: Finished, inject: Inject, limit_s: float = 60.0,
    pace: Pace | None = None,
) -> tuple[float, float]:
    """/stats: milliseconds to the answer (as :func:`one_round_trip`) and to the chart.

    The chart is drawn after the update is finished (the counts are answered first, and
    other updates do not wait for the drawing), so it gets its own figure: the arrival of
    its ``sendPhoto``, waited for here so that the next sample does not share the machine
    with the drawing.
    """
    reply, first, start = await _round_trip(emu, finished, inject, limit_s, pace)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while True:
        for record in emu.requests[first:]:
            if record.method == "sendPhoto" and record.status is not None:
                if record.status != 200:
                    raise RuntimeError(f"the chart failed during a latency sample: {record!r}")
                return reply, (record.at - start) * 1000.0
        if loop.time() > deadline:
            raise RuntimeError("/stats sent no chart")
        await asyncio.sleep(0.005)


async def _round_trip(
    emu: BotAPIEmulator, finished: Finished, inject: Inject, limit_s: float,
    pace: Pace | None,
) -> tuple[float, int, float]:
    """(milliseconds, index of the first request, start time) of one sample."""
    if pace is not None:
        await pace.wait()
    first = len(emu.requests)
    done = finished.count
    start = time.time()
    inject()
    await finished.wait_beyond(done, limit_s)
    calls = [r for r in emu.requests[first:] if r.method != "getUpdates"]
    if not calls:
        raise RuntimeError("the bot finished an update without answering it")
    failed = [r for r in calls if r.status != 200]
    if failed:
        raise RuntimeError(f"bot call failed during a latency sample: {failed[0]!r}")
    return (max(r.at for r in calls) - start) * 1000.0, first, start


# ---------------------------------------------------------------------- the floor


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await context.bot.send_message(message.chat_id, message.text)


class EchoFloor:
    """A bare echo Application on the same emulator: the framework's floor.

    It shares the emulator's one bot token with the real bot, so the two take turns at
    polling (:meth:`poll` / :meth:`pause`); the benchmark alternates blocks of echo and
    command samples so that both see the same load on a shared machine.
    """

    def __init__(self, emu: BotAPIEmulator) -> None:
        self.emu = emu
        self.app: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(emu.token)
            .base_url(emu.base_url)
            .base_file_url(emu.base_file_url)
            .build()
        )
        self.app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
        self.app.add_handler(CommandHandler("echo", _echo))
        self.finished = watch_finished(self.app)

    async def start(self) -> None:
        """Initialise and start the Application (not polling yet)."""
        await self.app.initialize()
        await self.app.start()

    async def poll(self, drop_pending: bool = False) -> None:
        """Take over the emulator's updates; ``drop_pending`` skips what is waiting."""
        assert self.app.updater is not None
        await self.app.updater.start_polling(
            poll_interval=0.0, timeout=10, drop_pending_updates=drop_pending,
            allowed_updates=Update.ALL_TYPES,
        )
        await self.emu.wait_for_poll(timeout=10)

    async def pause(self) -> None:
        """Stop polling so that the real bot can take its turn."""
        assert self.app.updater is not None
        if self.app.updater.running:
            await self.app.updater.stop()

    async def samples(self, users: list[EmuUser], count: int, pace: Pace) -> list[float]:
        """``count`` echo round trips, users taken in turn, started at ``pace``."""
        return [
            await one_round_trip(self.emu, self.finished,
                                 partial(self.emu.send_text, users[i % len(users)], _ECHO_TEXT),
                                 pace=pace)
            for i in range(count)
        ]

    async def stop(self) -> None:
        """Stop and shut the Application down."""
        await self.pause()
        await self.app.stop()
        await self.app.shutdown()


# ---------------------------------------------------------------------- fan-out


@dataclass(frozen=True)
class FanoutTarget:
    """One chat of a weekly-summary fan-out, with what it should receive."""

    chat_id: int
    agency_id: int
    agency_name: str


def fanout_messages(
    targets: list[FanoutTarget], services: Services, week: str, task_ids: dict[int, list[int]]
) -> list[NewOutboxMessage]:
    """Weekly-summary-like messages, one per (chat, agency), as a producer would enqueue them.

    Each text names its agency, so (chat, text) identifies a message: what arrives twice
    is a duplicate, what never arrives is lost.
    """
    messages: list[NewOutboxMessage] = []
    for target in targets:
        text = (
            f"<b>Tổng hợp nhiệm vụ tuần {week}: {html.escape(target.agency_name)}</b>\n"
            "Hoàn thành đúng hạn: 12 · Hoàn thành quá hạn: 3\n"
            "Chưa hoàn thành trong hạn: 7 · Quá hạn: 2 · Không có hạn: 4\n"
            "⚠️ Quá hạn: nhiệm vụ cần đôn đốc, xem chi tiết bên dưới."
        )
        buttons = [
            [(f"Mở nhiệm vụ #{task_id}", services.button("tv", task_id))]
            for task_id in task_ids.get(target.agency_id, [])[:2]
        ]
        messages.append(NewOutboxMessage(
            dedupe_key=f"bench:summary:{week}:{target.agency_id}:{target.chat_id}",
            chat_id=target.chat_id,
            kind="bench_summary",
            payload=message_payload(text, buttons),
        ))
    return messages


async def fanout(
    emu: BotAPIEmulator,
    services: Services,
    wake: Callable[[], None],
    messages: list[NewOutboxMessage],
    limit_s: float,
) -> dict[str, Any]:
    """Drain ``messages`` through the bot's outbox sender into a rate-limited emulator."""
    emu.enforce_rate_limits(global_per_second=RATE_LIMIT, per_chat_per_second=1.0,
                            per_group_per_minute=20)
    emu.reset_stats()
    since = emu.mark()
    outbox = services.repos.outbox
    inserted = await outbox.enqueue(messages)
    count = len(messages)
    if inserted != count:
        raise RuntimeError(f"only {inserted} of {count} fan-out rows were new")
    # What should arrive, then the messages themselves go: they are the rig's (the bot
    # reads its outbox), and the caller keeps no other reference to them.
    expected = Counter((m.chat_id, m.payload["text"]) for m in messages)
    del messages
    start = time.time()
    wake()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while True:
        waiting = await outbox.count(OutboxState.PENDING) + await outbox.count(OutboxState.SENDING)
        if waiting == 0 or loop.time() > deadline:
            break
        await asyncio.sleep(0.2)
    delivered = [m for m in emu.sent if m.seq > since]
    emu.disable_rate_limits()
    arrived = Counter((m.chat_id, m.text) for m in delivered)
    lost = sum(1 for key in expected if arrived[key] == 0)
    duplicates = sum(count - 1 for key, count in arrived.items() if count > 1 and key in expected)
    end = max((m.sent_at for m in delivered), default=start)
    elapsed = max(end - start, 1e-9)
    achieved = len(delivered) / elapsed
    if waiting:
        log.warning("fan-out timed out with %d message(s) still queued", waiting)
    return {
        "rate_limit": RATE_LIMIT,
        "achieved_per_s": round(achieved, 2),
        "fraction": round(achieved / RATE_LIMIT, 3),
        "lost": lost,
        "duplicates": duplicates,
        "retry_after_seen": emu.stats.rate_limited,
        "messages": count,
        "seconds": round(elapsed, 2),
    }


def group_chat(emu: BotAPIEmulator, chat_id: int, title: str) -> EmuChat:
    """Declare a supergroup in the emulator (the caller adds the bot to it)."""
    return emu.group(chat_id, title, supergroup=True)
