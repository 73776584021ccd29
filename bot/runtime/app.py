"""Application assembly: settings + services + handlers + jobs = a running bot.

Wiring follows python-telegram-bot's rules-bot: the database is opened in ``post_init``,
background work is stopped in ``post_stop`` and the database closed in ``post_shutdown``;
one error handler answers every failure politely.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import timedelta
from typing import cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import ApplicationBuilder, Defaults

from bot.adapters.delivery import OutboxSender, Pacer
from bot.adapters.ratelimit import ReplyFirstLimiter
from bot.adapters.telegram_http import GuardedRequest
from bot.core.clock import Clock, SystemClock
from bot.runtime.jobs import schedule_jobs, schedule_menu_walk
from bot.texts import plain
from bot.usecases import menus
from bot.usecases.services import Services
from config.settings import Settings
from handlers import registry
from handlers.context import CONTEXT_TYPES, SENDER_KEY, SERVICES_KEY, AppType
from handlers.menu import menus_fingerprint, publish_menus
from storage.lock import RunLock

log = logging.getLogger(__name__)

SENDER_TASK_KEY = "outbox_sender_task"
STOP_KEY = "stop_event"
PACER_KEY = "pacer"
FATAL_KEY = "fatal"

def build_application(
    settings: Settings,
    clock: Clock | None = None,
    *,
    poll_timeout: float = 10.0,
    rate_limiter: bool = True,
    services: Services | None = None,
) -> AppType:
    """Build (but do not start) the bot. ``clock`` lets tests travel in time; ``services``
    already opened are used (and closed at shutdown) instead of opening them in post_init.
    """
    token = settings.require_token()
    requests = GuardedRequest(), GuardedRequest(
        connection_pool_size=1, read_timeout=poll_timeout + 10
    )
    builder = ApplicationBuilder().token(token).context_types(CONTEXT_TYPES)
    builder = builder.request(requests[0]).get_updates_request(requests[1])
    if settings.telegram_api_base_url:
        root = settings.telegram_api_base_url
        builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
    builder = builder.defaults(
        Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            tzinfo=settings.tz,
        )
    )
    pacer = Pacer()
    if rate_limiter:
        # Replies first, retried on 429; the outbox sender paces itself with the same
        # pacer and reschedules on RetryAfter (bot.adapters.ratelimit).
        builder = builder.rate_limiter(ReplyFirstLimiter(pacer))  # type: ignore[arg-type]
    builder = builder.post_init(_post_init).post_stop(_post_stop).post_shutdown(_post_shutdown)
    app = cast(AppType, builder.build())
    app.bot_data["settings"] = settings
    app.bot_data["clock"] = clock or SystemClock()
    app.bot_data[PACER_KEY] = pacer
    if services is not None:
        app.bot_data[SERVICES_KEY] = services
    for request in requests:
        request.on_unauthorized = lambda: stop_fatally(app, plain("cli.token_rejected"))

    registry.register(app)
    return app


async def _post_init(app: AppType) -> None:
    settings = cast(Settings, app.bot_data["settings"])
    services = app.bot_data.get(SERVICES_KEY)
    if not isinstance(services, Services):
        services = await Services.open(settings, cast(Clock, app.bot_data["clock"]))
        app.bot_data[SERVICES_KEY] = services
    try:
        await publish_menus(app.bot, services)
    except Exception:  # a menu is a convenience; never block start-up on it
        log.exception("could not publish command menus")
    sender = OutboxSender(services.repos, app.bot, pacer=cast(Pacer, app.bot_data[PACER_KEY]))
    app.bot_data[SENDER_KEY] = sender
    app.bot_data[SENDER_TASK_KEY] = asyncio.create_task(sender.run(), name="outbox-sender")
    schedule_jobs(app)
    if await menus.start_walk(services, menus_fingerprint()):
        schedule_menu_walk(app)
    log.info("nhacviec started as @%s, database %s", app.bot.username, settings.database_path)


async def _post_stop(app: AppType) -> None:
    task = app.bot_data.pop(SENDER_TASK_KEY, None)
    if isinstance(task, asyncio.Task):
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _post_shutdown(app: AppType) -> None:
    services = app.bot_data.pop(SERVICES_KEY, None)
    if isinstance(services, Services):
        await services.close()


@asynccontextmanager
async def running(
    app: AppType, poll_timeout: float = 10.0, *, bootstrap_retries: int = 0
) -> AsyncIterator[AppType]:
    """Run the bot inside an ``async with`` (tests, benchmarks), in run_polling's order."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0, timeout=int(poll_timeout), allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=bootstrap_retries, error_callback=_PollingErrors(),
        )
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


class Fatal(Exception):
    """The bot must stop and must not be restarted as is (a revoked token): ``str(exc)``
    is the one line to show, exit code 2."""


def stop_fatally(app: AppType, message: str) -> None:
    """Stop the running bot because of ``message`` (the first reason wins)."""
    app.bot_data.setdefault(FATAL_KEY, message)
    stop = app.bot_data.get(STOP_KEY)
    if isinstance(stop, asyncio.Event):
        stop.set()


class _PollingErrors:
    """PTB logs a traceback for every failed poll (each ≤ 30 s while the network is down);
    this logs one line a minute instead. A rejected token is reported by the request guard."""

    def __init__(self, every: float = 60.0) -> None:
        self.every = every
        self.last = -every

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, InvalidToken):
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            log.warning("polling Telegram failed (%s: %s); retrying",
                        type(error).__name__, error.message)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def reach_telegram(app: AppType, stop: asyncio.Event, *, cap: float = 60.0) -> bool:
    """Call getMe until Telegram answers (True) or ``stop`` is set (False).

    A network that is down (closed port, 5xx, no answer) is retried with back-off, 1 s
    doubling to ``cap``, logged once a minute, as a service under systemd or Docker
    should; a rejected token raises :class:`Fatal` at once (retrying cannot fix it).
    """
    delay, attempts, last_log = 1.0, 0, -cap
    while not stop.is_set():
        attempts += 1
        try:
            await app.bot.initialize()
        except InvalidToken:
            raise Fatal(plain("cli.token_rejected")) from None
        except TelegramError as exc:
            wait = delay
            if isinstance(exc, RetryAfter):
                retry = exc.retry_after
                wait = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
            now = time.monotonic()
            if now - last_log >= 60.0:
                last_log = now
                log.warning(plain("cli.telegram_unreachable", detail=exc.message,
                                  delay=f"{wait:g}"))
            await _wait(stop, wait)
            delay = min(delay * 2, cap)
            continue
        if attempts > 1:
            log.warning(plain("cli.telegram_reached", attempts=attempts))
        return True
    return False


async def serve(settings: Settings, poll_timeout: float = 10.0) -> int:
    """Run the bot until SIGINT/SIGTERM; returns the exit code.

    In this order, so that every failure is one line and nothing is left running: the
    database is opened and checked (``quick_check``), the run lock is taken (one bot per
    database), Telegram is reached (retrying while the network is down), then the bot
    polls. Raises DatabaseError, DirectoryError, AlreadyRunning or Fatal for the CLI.
    """
    services = await Services.open(settings, verify=True)
    try:
        lock = RunLock.acquire(settings.database_path)
    except BaseException:
        await services.close()
        raise
    try:
        app = build_application(settings, poll_timeout=poll_timeout, services=services)
        stop = asyncio.Event()
        app.bot_data[STOP_KEY] = stop
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            if await reach_telegram(app, stop):
                async with running(app, poll_timeout, bootstrap_retries=-1):
                    await stop.wait()
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            opened = app.bot_data.pop(SERVICES_KEY, None)  # post_shutdown closed it if it ran
            if isinstance(opened, Services):
                await opened.close()
                with suppress(Exception):
                    await app.bot.shutdown()
        fatal = app.bot_data.get(FATAL_KEY)
        if fatal:
            raise Fatal(str(fatal))
        return 0
    finally:
        lock.release()
