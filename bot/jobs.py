"""Scheduled jobs (APScheduler through PTB's JobQueue).

Each job has an explicit id so that it is scheduled once however often start-up runs;
the jobs read what to do from the database, never from the scheduler's memory.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def schedule_jobs(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the periodic jobs. Features add theirs here."""
    if app.job_queue is None:  # the job-queue extra is a hard dependency
        raise RuntimeError("python-telegram-bot[job-queue] is not installed")
