"""Scheduled jobs (APScheduler through PTB's JobQueue).

Each job has an explicit id so that it is scheduled once however often start-up runs;
the jobs read what to do from the database, never from the scheduler's memory: the
reminder job asks "what fell due since my last recorded run?" (``meta``), so a missed or
doubled tick changes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application

from bot.usecases import digests, menus
from bot.usecases.reminders import run_due
from handlers.context import BotContext
from handlers.menu import publish_user_menu

log = logging.getLogger(__name__)

REMINDER_JOB_ID = "reminders"
REMINDER_INTERVAL = 120.0
"""Seconds between reminder runs: nudges go out at most this late after their hour."""
DIGEST_JOB_ID = "report_digest"
MENU_JOB_ID = "menus"
MENU_PAGE = 20
MENU_INTERVAL = 5.0
"""A page of private menus every few seconds: four calls a second at most, far below
Telegram's limits and the replies' share of them."""


async def reminder_job(context: BotContext) -> None:
    """Enqueue what fell due since the last run, then wake the outbox sender."""
    report = await run_due(context.services)
    if report.enqueued:
        context.wake_sender()


async def digest_job(context: BotContext) -> None:
    """Enqueue the office's digest of progress reports when its moment passed."""
    if await digests.run(context.services):
        context.wake_sender()


def schedule_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the periodic jobs. Features add theirs here."""
    if app.job_queue is None:  # the job-queue extra is a hard dependency
        raise RuntimeError("python-telegram-bot[job-queue] is not installed")
    queue = app.job_queue
    for job in queue.get_jobs_by_name(REMINDER_JOB_ID) + queue.get_jobs_by_name(DIGEST_JOB_ID):
        job.schedule_removal()
    # One interval job rather than a cron job at the nudge hour: the run computes its own
    # window from the database, so the hour, the holidays and any downtime are handled in
    # one place, and a tick that comes late (event loop busy, machine asleep) only makes
    # the next window longer.
    #   coalesce=True: ticks missed while the loop was blocked collapse into one run, as
    #     a second run right after would find an empty window anyway.
    #   misfire_grace_time=None: a late tick still runs, however late (APScheduler's
    #     default of 1 s would silently skip it; skipping is harmless here but wasteful).
    #   max_instances=1: never two runs at once (they would compute the same window).
    #   first=5: shortly after start-up, so the catch-up after a downtime is quick.
    queue.run_repeating(
        reminder_job,
        interval=REMINDER_INTERVAL,
        first=5.0,
        name=REMINDER_JOB_ID,
        job_kwargs={
            "id": REMINDER_JOB_ID,
            "replace_existing": True,
            "coalesce": True,
            "misfire_grace_time": None,
            "max_instances": 1,
        },
    )
    # The digest works like the reminders (its window comes from ``meta``), on the same
    # terms; it runs even when REPORT_DIGEST_AT is empty, to keep its marks current.
    queue.run_repeating(
        digest_job, interval=REMINDER_INTERVAL, first=7.0, name=DIGEST_JOB_ID,
        job_kwargs={"id": DIGEST_JOB_ID, "replace_existing": True, "coalesce": True,
                    "misfire_grace_time": None, "max_instances": 1},
    )


async def menu_job(context: BotContext) -> None:
    """Publish the next page of private menus (see :mod:`bot.usecases.menus`); the job
    ends itself once every menu was published."""
    page = await menus.next_page(context.services, MENU_PAGE)
    if page is None:
        if context.job is not None:
            context.job.schedule_removal()
        return
    for access in page:
        await publish_user_menu(context.bot, access.user_id, access.audience, access.language)
    await menus.page_done(context.services, page[-1].user_id)


def schedule_menu_walk(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start publishing every private menu again, in the background."""
    assert app.job_queue is not None  # checked by schedule_jobs
    app.job_queue.run_repeating(
        menu_job, interval=MENU_INTERVAL, first=MENU_INTERVAL, name=MENU_JOB_ID,
        job_kwargs={"id": MENU_JOB_ID, "replace_existing": True, "coalesce": True,
                    "misfire_grace_time": None, "max_instances": 1},
    )
