"""Who has not reported, and reminding them now: ``/chuabaocao`` and its "Nhắc ngay" button.

Offices chase the units that have not reported: for a directive to every commune, each
commune reports, and the provincial office calls the ones that have not. Here "has not
reported" means an open unit (not yet reported done) due within the nudge horizon
(``max(NUDGE_OFFSETS)`` days) or overdue, whose agency sent no progress or done report on
that task in the last ``UNREPORTED_DAYS`` days.

The office sees the whole province; a member sees (and may remind) their own agencies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.access import Access
from bot.core.actions import Refusal
from bot.core.assignments import Unreported, UnreportedGroup, group_unreported
from bot.core.models import NewOutboxMessage
from bot.texts import Html
from bot.usecases.reminders import for_chat, open_buttons, text_rows
from bot.usecases.services import Services
from bot.views.summary import render_unreported, render_unreported_reminder

REMIND_KIND = "unreported"
"""Outbox kind of a "Nhắc ngay" message."""
MAX_ROWS = 20_000
"""Bound on one listing: a province has a few hundred units, each with some dozens open."""


@dataclass(frozen=True)
class UnreportedScope:
    """Whose silence to list: some agencies (None: every agency the asker may see) and/or
    one task."""

    agency_ids: tuple[int, ...] | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class Reminded:
    """What "Nhắc ngay" did."""

    agencies: int  # agencies with something to report
    queued: int  # messages queued now, one per (agency, chat)
    already: int  # chats this agency already reminded today (deduplicated)
    unreached: tuple[int, ...]  # agencies without any chat: nobody to remind


def near_days(services: Services) -> int:
    """How far ahead a deadline counts as near: the earliest nudge before a deadline."""
    return max(services.settings.nudge_offsets, default=0)


def _allowed(access: Access, scope: UnreportedScope) -> tuple[int, ...] | Refusal | None:
    """The agencies this person may ask about (None: the whole province), or why not."""
    if access.is_admin:
        return scope.agency_ids
    if not access.is_member:
        return Refusal.NO_ACCESS
    own = tuple(sorted(access.agency_ids))
    if scope.agency_ids is None:
        return own
    if not set(scope.agency_ids) <= access.agency_ids:
        return Refusal.NO_ACCESS
    return scope.agency_ids


async def unreported(
    services: Services, access: Access, scope: UnreportedScope = UnreportedScope()
) -> list[UnreportedGroup] | Refusal:
    """The units that have not reported, grouped by agency (the longest overdue first)."""
    agencies = _allowed(access, scope)
    if isinstance(agencies, Refusal):
        return agencies
    today = services.today()
    since = services.clock.now() - timedelta(days=services.settings.unreported_days)
    rows = await services.repos.assignments.unreported(
        since=since, near=today + timedelta(days=near_days(services)),
        agency_ids=agencies, task_id=scope.task_id, limit=MAX_ROWS,
    )
    return group_unreported(rows)


def _report_days(services: Services, items: Sequence[Unreported]) -> list[date | None]:
    tz = services.settings.tz
    return [i.last_report.astimezone(tz).date() if i.last_report else None for i in items]


def _name(services: Services, agency_id: int) -> str:
    agency = services.directory.by_id(agency_id)
    return agency.name if agency else f"#{agency_id}"


async def unreported_text(
    services: Services, access: Access, scope: UnreportedScope = UnreportedScope(),
    lang: str = "vi",
) -> tuple[Html, list[UnreportedGroup]] | Refusal:
    """The ``/chuabaocao`` message (per agency, its most urgent tasks) and the groups."""
    groups = await unreported(services, access, scope)
    if isinstance(groups, Refusal):
        return groups
    named = [(_name(services, g.agency_id), g, _report_days(services, g.items)) for g in groups]
    text = render_unreported(named, services.today(), services.settings.unreported_days,
                             near_days(services), lang)
    return text, groups


async def remind_unreported(
    services: Services, access: Access, scope: UnreportedScope = UnreportedScope()
) -> Reminded | Refusal:
    """"Nhắc ngay": one message per (agency, chat) listing what that agency has not
    reported on, through the outbox; a chat is reminded about an agency at most once a day.

    The chats are those taking the agency's nudges. Returns what was queued, and the
    agencies nobody could be reminded in (no chat: invite them).
    """
    groups = await unreported(services, access, scope)
    if isinstance(groups, Refusal):
        return groups
    today = services.today()
    days = services.settings.unreported_days
    repos = services.repos
    queued = already = 0
    unreached: list[int] = []
    for group in groups:
        chats = [sub.chat_id for sub in await repos.chats.subscribers(group.agency_id,
                                                                     nudges=True)]
        if not chats:
            unreached.append(group.agency_id)
            continue
        keys = {chat_id: f"{REMIND_KIND}:{group.agency_id}:{today.isoformat()}:{chat_id}"
                for chat_id in chats}
        done = await repos.outbox.known_keys([key + "#1" for key in keys.values()]
                                             + list(keys.values()))
        fresh = [c for c in chats if keys[c] not in done and keys[c] + "#1" not in done]
        already += len(chats) - len(fresh)
        languages = await repos.users.languages(c for c in fresh if c > 0)
        templates: dict[str, list[NewOutboxMessage]] = {}
        messages: list[NewOutboxMessage] = []
        for chat_id in fresh:
            lang = languages.get(chat_id, "vi")
            if lang not in templates:
                text = render_unreported_reminder(
                    _name(services, group.agency_id), group.items,
                    _report_days(services, group.items), today, days, lang)
                templates[lang] = text_rows("", 0, REMIND_KIND, text, open_buttons(
                    services, [item.task_id for item in group.items], lang))
            messages += for_chat(templates[lang], keys[chat_id], chat_id)
        await repos.outbox.enqueue(messages)
        queued += len(fresh)
    # Named to the office as it reads a list, not in the directory's order.
    return Reminded(len(groups), queued, already,
                    tuple(services.directory.in_reading_order(unreached)))
