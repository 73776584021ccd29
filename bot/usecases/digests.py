"""The office's digest of progress reports: every working day at REPORT_DIGEST_AT.

Officials report progress often; one message per report would bury the admins, none
leaves the office unaware. :func:`run` is the job's body: like the reminder job it asks
"did a digest moment pass since my last recorded run?" (``meta``), and writes the
messages and the new marks in one transaction, so a missed or doubled tick changes
nothing. Each digest holds the reports made since the previous digest's moment; a day
off sends nothing and its reports go into the next working day's digest. Admins turn
their copy off in /settings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.access import Access
from bot.core.models import NewOutboxMessage, Task, TaskEvent
from bot.core.payloads import message_payload
from bot.core.workdays import Calendar
from bot.texts import plain
from bot.usecases.reminders import admin_chats
from bot.usecases.services import Services
from bot.views.digest import DigestLine, render_digest
from bot.views.render import split_message
from storage.db import from_db_time, to_db_time

LAST_RUN_KEY = "digest.last_run"
SINCE_KEY = "digest.since"
"""The moment the previous digest covered reports up to."""
MAX_LISTED = 60
"""Reports listed in one digest; the rest are counted (each task's card has them all)."""
BUTTONS = 24


def latest_moment(
    calendar: Calendar, times: tuple[time, ...], tz: ZoneInfo, start: datetime, end: datetime
) -> datetime | None:
    """The latest digest moment in ``(start, end]``: a configured time of a working day."""
    if not times or end <= start:
        return None
    first = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    # After a long downtime only the latest moment matters: look back at most two weeks.
    day = max(first, last - timedelta(days=14))
    found: datetime | None = None
    while day <= last:
        if calendar.is_working_day(day):
            for hour in times:
                moment = datetime.combine(day, hour, tzinfo=tz)
                if start < moment <= end:
                    found = moment
        day += timedelta(days=1)
    return found


async def run(services: Services) -> int:
    """Queue the digest if a digest moment passed since the last run; messages queued."""
    settings = services.settings
    meta = services.repos.meta
    now = services.clock.now()
    stored = await meta.get(LAST_RUN_KEY)
    if stored is None or not settings.report_digest_at:
        # First run: start from now (a fresh install does not replay old reports); turned
        # off: keep starting from now, so that turning it on does not send months at once.
        async with services.db.transaction():
            await meta.set(LAST_RUN_KEY, to_db_time(now))
            await meta.set(SINCE_KEY, to_db_time(now))
        return 0
    start = from_db_time(stored)
    if now <= start:
        return 0
    moment = latest_moment(services.calendar, settings.report_digest_at, settings.tz,
                           start, now)
    messages: list[NewOutboxMessage] = []
    since = from_db_time(await meta.get(SINCE_KEY) or stored)
    if moment is not None:
        messages = await _messages(services, since, moment)
    async with services.db.transaction():
        enqueued = await services.repos.outbox.enqueue(messages) if messages else 0
        await meta.set(LAST_RUN_KEY, to_db_time(now))
        if moment is not None:
            await meta.set(SINCE_KEY, to_db_time(moment))
    return enqueued


async def _messages(
    services: Services, since: datetime, until: datetime
) -> list[NewOutboxMessage]:
    """The digest of reports in ``(since, until]`` for every admin who wants it."""
    repos = services.repos
    reports = await repos.digests.reports_between(since, until, MAX_LISTED)
    if not reports:
        return []
    chats = await admin_chats(services)
    wanted = await repos.digests.wanted_by(chats)
    recipients = [chat_id for chat_id in chats if chat_id in wanted]
    if not recipients:
        return []
    total = await repos.digests.count_between(since, until)
    tasks = {task.id: task for task in await repos.tasks.get_many(
        sorted({report.task_id for report in reports}))}
    groups = await _grouped(services, reports, tasks)
    tz = services.settings.tz
    period = (since.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
              until.astimezone(tz).strftime("%d/%m/%Y %H:%M"))
    languages = await repos.users.languages(recipients)
    key = f"digest:{to_db_time(until)}"
    messages = []
    for chat_id in recipients:
        lang = languages.get(chat_id, "vi")
        text = render_digest(groups, services.directory, total, *period, lang)
        buttons = [(plain("new.notify.open", lang, id=task.id),
                    services.button("tv", task.id)) for task, _ in groups[:BUTTONS]]
        rows = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
        parts = split_message(text)
        for index, part in enumerate(parts, start=1):
            last = index == len(parts)
            messages.append(NewOutboxMessage(
                f"{key}:{chat_id}" + (f"#{index}" if len(parts) > 1 else ""), chat_id,
                "report_digest", message_payload(part, rows if last else ())))
    return messages


async def _grouped(
    services: Services, reports: list[TaskEvent], tasks: dict[int, Task]
) -> list[tuple[Task, list[DigestLine]]]:
    """Reports under their task, tasks in the order of their first report; each reporter
    named with their agency among the task's."""
    repos = services.repos
    actors = sorted({r.actor_id for r in reports if r.actor_id is not None})
    names = await repos.users.names(actors)
    agencies = {actor: set(await repos.memberships.agencies_of(actor)) for actor in actors}
    tz = services.settings.tz
    by_task: dict[int, list[DigestLine]] = defaultdict(list)
    for report in reports:
        task = tasks.get(report.task_id)
        if task is None:
            continue
        actor = report.actor_id
        # The unit the report is about (a commune of a collective); else the reporter's
        # agency among the task's.
        theirs = [a for a in task.agency_ids if actor is not None and a in agencies[actor]]
        unit = report.agency_id if report.agency_id is not None else (
            theirs[0] if theirs else None)
        agency = services.directory.by_id(unit) if unit is not None else None
        by_task[task.id].append(DigestLine(
            at=report.at.astimezone(tz).strftime("%d/%m %H:%M"),
            who=names.get(actor, "?") if actor is not None else "?",
            agency=(agency.short_name or agency.name) if agency else "",
            note=report.note or "", has_file=isinstance(report.data.get("file_id"), str)))
    return [(tasks[task_id], lines) for task_id, lines in by_task.items()]


async def wanted(services: Services, access: Access) -> bool:
    """Whether this admin gets the digest."""
    return access.user_id in await services.repos.digests.wanted_by([access.user_id])


async def toggle(services: Services, access: Access) -> bool | None:
    """Turn the admin's own digest off or on; the new state, None if not an admin (now)."""
    if not access.is_admin:
        return None
    async with services.db.transaction():
        now_wanted = not await wanted(services, access)
        await services.repos.digests.set_wanted(access.user_id, now_wanted)
    return now_wanted


def enabled(services: Services) -> bool:
    """The digest is configured (REPORT_DIGEST_AT is not empty)."""
    return bool(services.settings.report_digest_at)
