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

from bot.usecases.reminders import run_due
from handlers.context import BotContext

log = logging.getLogger(__name__)

REMINDER_JOB_ID = "reminders"
REMINDER_INTERVAL = 120.0
"""Seconds between reminder runs: nudges go out at most this late after their hour."""


async def reminder_job(context: BotContext) -> None:
    """Enqueue what fell due since the last run, then wake the outbox sender."""
    report = await run_due(context.services)
    if report.enqueued:
        context.wake_sender()


def schedule_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the periodic jobs. Features add theirs here."""
    if app.job_queue is None:  # the job-queue extra is a hard dependency
        raise RuntimeError("python-telegram-bot[job-queue] is not installed")
    queue = app.job_queue
    for job in queue.get_jobs_by_name(REMINDER_JOB_ID):
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
