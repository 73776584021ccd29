"""Application assembly: settings + services + handlers + jobs = a running bot.

Wiring follows python-telegram-bot's rules-bot: the database is opened in ``post_init``,
background work is stopped in ``post_stop`` and the database closed in ``post_shutdown``;
one error handler answers every failure politely.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults

from bot.adapters.delivery import OutboxSender
from bot.core.clock import Clock, SystemClock
from bot.runtime.jobs import schedule_jobs
from bot.usecases.services import Services
from config.settings import Settings
from handlers import registry
from handlers.context import CONTEXT_TYPES, SENDER_KEY, SERVICES_KEY, AppType
from handlers.menu import publish_menus

log = logging.getLogger(__name__)

SENDER_TASK_KEY = "outbox_sender_task"

def build_application(
    settings: Settings,
    clock: Clock | None = None,
    *,
    poll_timeout: float = 10.0,
    rate_limiter: bool = True,
) -> AppType:
    """Build (but do not start) the bot. ``clock`` lets tests travel in time."""
    token = settings.require_token()
    builder = ApplicationBuilder().token(token).context_types(CONTEXT_TYPES)
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
    if rate_limiter:
        # Throttles only; RetryAfter still reaches the outbox sender, which reschedules.
        limiter: AIORateLimiter = AIORateLimiter(max_retries=0)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    builder = builder.get_updates_read_timeout(poll_timeout + 10)
    builder = builder.post_init(_post_init).post_stop(_post_stop).post_shutdown(_post_shutdown)
    app = cast(AppType, builder.build())
    app.bot_data["settings"] = settings
    app.bot_data["clock"] = clock or SystemClock()

    registry.register(app)
    return app


async def _post_init(app: AppType) -> None:
    settings = cast(Settings, app.bot_data["settings"])
    services = await Services.open(settings, cast(Clock, app.bot_data["clock"]))
    app.bot_data[SERVICES_KEY] = services
    try:
        await publish_menus(app.bot, services)
    except Exception:  # a menu is a convenience; never block start-up on it
        log.exception("could not publish command menus")
    sender = OutboxSender(services.repos, app.bot)
    app.bot_data[SENDER_KEY] = sender
    app.bot_data[SENDER_TASK_KEY] = asyncio.create_task(sender.run(), name="outbox-sender")
    schedule_jobs(app)
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
async def running(app: AppType, poll_timeout: float = 10.0) -> AsyncIterator[AppType]:
    """Run the bot inside an ``async with`` (tests, benchmarks), in run_polling's order."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0, timeout=int(poll_timeout), allowed_updates=Update.ALL_TYPES
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


def run_polling(app: AppType, poll_timeout: float = 10.0) -> None:
    """Run until SIGINT/SIGTERM, then shut down gracefully (PTB handles the signals)."""
    app.run_polling(
        allowed_updates=Update.ALL_TYPES,
        timeout=int(poll_timeout),
        bootstrap_retries=3,
        close_loop=False,
    )
