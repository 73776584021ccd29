"""Where the benchmark meets features that land on main at different times.

A measurement whose feature is not there yet reports ``None`` ("not available"): the
benchmark never times a stand-in. Commands are detected on the running Application
itself, so /tasks and /stats are measured as soon as a feature registers them; the plan
and the summaries are the functions the reminders job runs (bot.reminders).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from telegram.ext import Application, CommandHandler

from bot.usecases.services import Services

log = logging.getLogger("bench")


def has_command(app: Application[Any, Any, Any, Any, Any, Any], name: str) -> bool:
    """Whether some handler of the running bot answers ``/name``."""
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler) and name in handler.commands:
                return True
    return False


async def plan_ms(
    services: Services, at: datetime, chunk: int = 1_000, repeat: int = 3
) -> float | None:
    """Milliseconds of the pure policy "what is due at ``at``" over every task's units.

    :func:`bot.nudges.due_nudges_of` is what decides; it is asked about each task's units
    grouped as the reminder job groups them (units of one task sharing a deadline: the
    hundred communes of a task to "UBND các xã, phường" are one question). The groups are
    read in chunks of tasks outside the timing (so memory stays flat) and the policy's time
    over all chunks is summed, taking for each chunk the best of ``repeat`` runs (the
    machine may be shared). The reminders job's whole plan (database reads, subscribers
    per chat) is logged too.
    """
    from bot.core.nudges import due_nudges_of
    from bot.usecases.reminders import day_start, plan, policy_of

    policy = policy_of(services)
    tz = services.settings.tz
    start = day_start(at, services)
    total = 0.0
    found = units = groups = 0
    # The province's tasks are numbered 1..count: chunks by id are index range reads.
    count = await services.repos.tasks.count()
    for first in range(1, count + 1, chunk):
        subjects = await services.repos.assignments.subjects_between(first, first + chunk - 1)
        runs = []
        for _ in range(repeat):  # the best of a few: the machine is shared
            began = time.perf_counter()
            nudges = due_nudges_of(subjects, policy, start, at, tz)
            runs.append(time.perf_counter() - began)
        total += min(runs)
        found += sum(len(subject.agency_ids) for _, subject in nudges)
        groups += len(subjects)
        units += sum(len(subject.agency_ids) for subject in subjects)
    del subjects
    began = time.perf_counter()
    planned = await plan(services, start, at)
    log.info("policy over %d tasks (%d units in %d groups): %d unit nudges due at %s;"
             " the job's whole plan: %d entries in %.0f ms", count, units, groups, found,
             at.isoformat(), len(planned), elapsed_ms(began))
    return round(total * 1000.0, 2)


async def summary_ms(services: Services, at: datetime) -> float | None:
    """Milliseconds to compose the weekly summaries of every subscribed chat at ``at``.

    :func:`bot.reminders.summary_messages` over what the plan lists: per-agency texts,
    buttons, and the province summary with its chart. None when no summary is due at
    ``at`` (the benchmark's moment is a Monday 08:00, when it is).
    """
    from bot.core.nudges import due_summary
    from bot.usecases.reminders import day_start, plan, policy_of, summary_messages

    start = day_start(at, services)
    nominal = due_summary(policy_of(services), start, at, services.settings.tz)
    if nominal is None:
        return None
    planned = await plan(services, start, at)
    today = at.astimezone(services.settings.tz).date()
    began = time.perf_counter()
    messages = await summary_messages(services, planned.summaries(), today, nominal)
    took = elapsed_ms(began)
    if not messages:
        return None
    return took


def elapsed_ms(start: float) -> float:
    """Milliseconds since ``start`` (a ``time.perf_counter()`` value), rounded to 0.01."""
    return round((time.perf_counter() - start) * 1000.0, 2)
