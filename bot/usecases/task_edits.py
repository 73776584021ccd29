"""The office edits a saved task: text, agencies, deadline, cancel, close, reopen.

Every change re-checks, in its transaction, that the person is an admin now, that the
task exists and that its state allows the change (:func:`bot.core.admin.allowed_ops`);
it writes the task and its history entry, queues a notice to every chat subscribed to the
task's agencies and units — before and after, so an agency taken off a task learns it
too — and
ends the admin's question. What the admin types is awaited as a question of flow ``edit``
(see :mod:`handlers.waiting`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from bot.core.access import Access
from bot.core.actions import Refusal, shorten_note
from bot.core.admin import PendingKind, TaskOp, allowed_ops
from bot.core.agencies import Agency
from bot.core.assignments import closing_in_force, unit_view
from bot.core.dates import fmt_date
from bot.core.deadlines import Deadline
from bot.core.models import EventKind, NewOutboxMessage, Task, TaskStatus
from bot.core.payloads import message_payload
from bot.core.waiting import Flow, Waiting
from bot.texts import Html, plain, t
from bot.usecases.acting import Closing, closing_copies, task_line, view_button
from bot.usecases.services import Services
from bot.views.render import agency_names, deadline_text, shorten

OP_OF_KIND = {
    PendingKind.TEXT: TaskOp.TEXT,
    PendingKind.LEAD: TaskOp.AGENCIES,
    PendingKind.SUPPORT: TaskOp.AGENCIES,
    PendingKind.DEADLINE: TaskOp.DEADLINE,
    PendingKind.CANCEL_REASON: TaskOp.CANCEL,
    PendingKind.CLOSE_NOTE: TaskOp.CLOSE,
}


class Problem(StrEnum):
    """Why an edit cannot be made now."""

    NOT_ADMIN = "not_admin"
    NOT_FOUND = "not_found"
    STATE = "state"  # the task's state no longer allows it (see allowed_ops)
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Refused:
    """An edit refused: why, and the task as it is (for the message) when it exists."""

    problem: Problem
    task: Task | None = None


async def checked(
    services: Services, access: Access, task_id: int | None, op: TaskOp
) -> Task | Refused:
    """The task if this person may do ``op`` on it right now."""
    if not access.is_admin:
        return Refused(Problem.NOT_ADMIN)
    task = await services.repos.tasks.get(task_id) if task_id is not None else None
    if task is None:
        return Refused(Problem.NOT_FOUND)
    if op not in allowed_ops(task):
        return Refused(Problem.STATE, task)
    return task


async def ask(
    services: Services, access: Access, task: Task, kind: PendingKind, data: dict[str, Any],
    nonce: str,
) -> Waiting:
    """Wait for the admin's typed answer (replacing whatever else they were asked)."""
    return await services.repos.waiting.put(
        access.user_id, Flow.EDIT, kind.value, task.id, data, nonce=nonce)


async def stop(services: Services, waiting: Waiting) -> bool:
    """End the admin's question (only this one: a newer one stays)."""
    return await services.repos.waiting.clear(waiting.user_id, nonce=waiting.nonce)


async def _write(
    services: Services, access: Access, task_id: int, op: TaskOp, waiting: Waiting | None,
) -> Task | Refused:
    """Re-check inside the transaction, then end the question the change answers."""
    found = await checked(services, access, task_id, op)
    if isinstance(found, Task) and waiting is not None:
        await stop(services, waiting)
    return found


async def change_text(
    services: Services, access: Access, task_id: int, text: str, waiting: Waiting | None
) -> Task | Refused:
    """A new text; history keeps the old one."""
    async with services.db.transaction():
        task = await _write(services, access, task_id, TaskOp.TEXT, None)
        if isinstance(task, Refused):
            return task
        if text == task.text:
            return Refused(Problem.UNCHANGED, task)
        if waiting is not None:
            await stop(services, waiting)
        await services.repos.tasks.set_text(task.id, text, access.user_id)
        await _tell_agencies(services, task, EventKind.TEXT, lambda lang, _: t(
            "edit.notify.text", lang, task=task_line(task, lang), new=shorten(text, 1500)))
        return task


async def change_deadline(
    services: Services, access: Access, task_id: int, parsed: Deadline,
    waiting: Waiting | None,
) -> tuple[Task, Task] | Refused:
    """A new deadline (or none); returns the task before and after."""
    recurrence = parsed.recurrence.to_text() if parsed.recurrence else None
    async with services.db.transaction():
        task = await _write(services, access, task_id, TaskOp.DEADLINE, None)
        if isinstance(task, Refused):
            return task
        if (parsed.due, parsed.kind, recurrence) == (task.deadline, task.deadline_kind,
                                                     task.recurrence):
            return Refused(Problem.UNCHANGED, task)
        if waiting is not None:
            await stop(services, waiting)
        units = services.repos.units
        before = {unit.agency_id: unit for unit in await units.of_task(task.id)}
        # Units on the task's date follow it; a unit the office gave a later date of its own
        # keeps it unless the new one is later still (``UnitRepo.follow_deadline``).
        await services.repos.tasks.set_deadline(
            task.id, parsed.due, parsed.phrase, parsed.kind, recurrence, access.user_id)
        updated = await services.repos.tasks.get(task.id)
        assert updated is not None
        after = {unit.agency_id: unit for unit in await units.of_task(task.id)}
        today = services.today()

        def compose(lang: str, followed: frozenset[int]) -> Html:
            general = t("edit.notify.deadline", lang, task=task_line(task, lang),
                        old=_as_written(task, lang), new=deadline_text(updated, today, lang))
            # A chat that follows only units which had a date of their own, all the same
            # one, hears that date; any other chat the task's.
            if not followed or not followed <= before.keys() & after.keys():
                return general
            pairs = {(before[a].deadline, after[a].deadline) for a in followed}
            if len(pairs) != 1:
                return general
            ((old, new),) = pairs
            if old is None or old == task.deadline:
                return general
            if new == old:
                return t("edit.notify.deadline_kept", lang, task=task_line(task, lang),
                         old=_as_written(task, lang), new=_as_written(updated, lang),
                         units=Html(agency_names(sorted(followed), services.directory)),
                         own=fmt_date(old))
            own = unit_view(updated, after[min(followed)])
            return t("edit.notify.deadline", lang, task=task_line(task, lang),
                     old=t("edit.notify.extended_old", lang, date=fmt_date(old)),
                     new=deadline_text(own, today, lang))

        await _tell_agencies(services, task, EventKind.DEADLINE, compose)
        return task, updated


async def cancel(
    services: Services, access: Access, task_id: int, reason: str, waiting: Waiting | None
) -> Task | Refused:
    """Cancel the task; the reason is kept in its history."""
    async with services.db.transaction():
        task = await _write(services, access, task_id, TaskOp.CANCEL, waiting)
        if isinstance(task, Refused):
            return task
        await services.repos.tasks.set_status(
            task.id, TaskStatus.CANCELLED, access.user_id, event=EventKind.CANCELLED,
            note=reason)
        await _tell_agencies(services, task, EventKind.CANCELLED, lambda lang, _: t(
            "edit.notify.cancelled", lang, task=task_line(task, lang),
            reason=shorten(reason, 1000)))
        return task


async def close(
    services: Services, access: Access, task_id: int, note: str, waiting: Waiting | None
) -> tuple[Task, int, list[Closing]] | Refused:
    """The office closes a task of several units with a note: done today, with every unit
    not done yet (the history names them), a unit whose done report waits on the day it
    reported; returns the task, how many units it closed, and the admins' copies of the
    reports and requests for more time it settled, to rewrite. Every chat of the task's
    units and agencies is told."""
    async with services.db.transaction():
        task = await _write(services, access, task_id, TaskOp.CLOSE, waiting)
        if isinstance(task, Refused):
            return task
        today = services.today()
        actions = services.repos.actions
        before = await services.repos.units.of_task(task.id)
        requests = [r.id for r in [await actions.pending_extension(task.id, u.agency_id)
                                   for u in before] if r is not None]
        closed = await actions.close(access, task.id, shorten_note(note), today,
                                     services.settings.tz)
        if isinstance(closed, Refusal):
            return Refused(Problem.NOT_ADMIN if closed is Refusal.NOT_ADMIN else Problem.STATE,
                           task)
        unfinished = frozenset(int(unit) for unit in closed.data.get("units") or ())
        # Reminders stop for the units closed open, the supporting agencies and (if some
        # unit was open) a collective lead's own chats; a unit that had done its part was no
        # longer reminded.
        collective = {a for a in task.lead_ids if a not in task.unit_ids} if unfinished else set()
        reminded = unfinished | set(task.support_ids) | collective
        # A unit that had done its part keeps its own date: its chats are told that date
        # (none when a chat follows several such units of different dates).
        units = {u.agency_id: u for u in await services.repos.units.of_task(task.id)}
        own = {a: u.completed_on for a, u in units.items() if a not in unfinished}

        def compose(lang: str, agencies: frozenset[int]) -> Html:
            dates = {own[a] for a in agencies if a in own}
            if not agencies <= own.keys():
                done = t("edit.notify.closed_task", lang, date=fmt_date(today))
            elif len(dates) == 1 and None not in dates:
                done = t("edit.notify.closed_own", lang, date=fmt_date(min(d for d in dates
                                                                           if d is not None)))
            else:
                done = Html("")
            return t("edit.notify.closed", lang, task=task_line(task, lang), done=done,
                     note=shorten(note, 1000),
                     stop=t("edit.notify.closed_stop", lang) if agencies & reminded
                     else Html(""))

        await _tell_agencies(services, task, EventKind.CLOSED, compose)
        reports: dict[int, tuple[date, Task]] = {}
        for agency in closed.data.get("reported") or ():
            report = await actions.latest_report_id(task.id, int(agency))
            day = own.get(int(agency))
            if report is not None and day is not None:
                reports[report] = (day, unit_view(task, units[int(agency)]))
        return task, len(unfinished), await closing_copies(services, access, reports, requests)


async def awaiting_reports(services: Services, task_id: int) -> int:
    """How many units of a task have reported their part done and wait for the office (a
    closing counts them done on the day they reported)."""
    return sum(u.status is TaskStatus.REPORTED_DONE
               for u in await services.repos.units.of_task(task_id))


async def reopen(services: Services, access: Access, task_id: int | None) -> Task | Refused:
    """A cancelled or done task is open again; its old completion date stays in history.

    A task the office closed ("✅ Đóng nhiệm vụ") reopens only the units its closing swept
    up: a unit that had done its part keeps it, with its date, and is not told; a unit
    whose done report the closing took waits for the office again; each unit reopened is
    told its own deadline. A task done otherwise reopens every unit, as before.
    """
    async with services.db.transaction():
        task = await checked(services, access, task_id, TaskOp.REOPEN)
        if isinstance(task, Refused):
            return task
        repos = services.repos
        closing = (closing_in_force(await repos.tasks.events(task.id))
                   if task.status is TaskStatus.DONE else None)
        swept = [int(unit) for unit in closing.data.get("units") or ()] if closing else []
        awaiting = [int(unit) for unit in closing.data.get("reported") or ()] if closing else []
        data: dict[str, Any] = {
            "old_completed_on": task.completed_on.isoformat() if task.completed_on else None}
        if swept or awaiting:
            data["units"] = swept
            data["reported"] = awaiting
        await repos.tasks.set_status(
            task.id, TaskStatus.OPEN, access.user_id, event=EventKind.REOPENED, data=data,
            units=swept or None, awaiting=awaiting,
        )
        reopened = await repos.tasks.get(task.id)
        assert reopened is not None
        units = {u.agency_id: u for u in await repos.units.of_task(task.id)}
        kept = {a for a, u in units.items() if u.status is TaskStatus.DONE}
        today = services.today()

        def compose(lang: str, agencies: frozenset[int]) -> Html | None:
            if agencies <= kept:
                return None  # its part stays done: nothing changes for it
            mine = [units[a] for a in agencies if a in units and a not in kept]
            if mine and all(u.status is TaskStatus.REPORTED_DONE for u in mine) and (
                    agencies <= units.keys()):
                return t("edit.notify.reopened_awaiting", lang, task=task_line(task, lang))
            shown = unit_view(reopened, mine[0]) if len(mine) == 1 else reopened
            return t("edit.notify.reopened", lang, task=task_line(task, lang),
                     deadline=deadline_text(shown, today, lang))

        await _tell_agencies(services, task, EventKind.REOPENED, compose)
        return task


async def change_agencies(
    services: Services, access: Access, task_id: int, lead: list[int], support: list[int],
    waiting: Waiting | None,
) -> Task | Refused:
    """New lead and supporting agencies; history keeps the old ones."""
    async with services.db.transaction():
        task = await _write(services, access, task_id, TaskOp.AGENCIES, waiting)
        if isinstance(task, Refused):
            return task
        if (tuple(lead), tuple(support)) == (task.lead_ids, task.support_ids):
            return Refused(Problem.UNCHANGED, task)
        await services.repos.tasks.set_agencies(task.id, lead, support, access.user_id)
        updated = await services.repos.tasks.get(task.id)
        assert updated is not None
        directory = services.directory
        # A commune of a collective taken off the task learns it, as a named agency does.
        now = {*lead, *support, *updated.unit_ids}
        dropped = {*task.agency_ids, *task.unit_ids} - now

        def compose(lang: str, followed: frozenset[int]) -> Html:
            gone = sorted(followed & dropped)
            return t(
                "edit.notify.agencies", lang, task=task_line(task, lang),
                lead=Html(agency_names(lead, directory)),
                support=Html(agency_names(support, directory)) if support
                else t("edit.notify.no_support", lang),
                old_lead=Html(agency_names(task.lead_ids, directory)),
                old_support=Html(agency_names(task.support_ids, directory))
                if task.support_ids else t("edit.notify.no_support", lang),
                dropped=t("edit.notify.dropped", lang,
                          agencies=Html(agency_names(gone, directory))) if gone else Html(""),
            )

        await _tell_agencies(services, task, EventKind.AGENCIES, compose, also=tuple(now))
        return task


async def add_agency(services: Services, access: Access, name: str) -> Agency:
    """An agency the directory lacks, confirmed by an admin: added as a custom agency.

    A name that meanwhile resolves (another admin added it, a former name) gives the
    directory's agency instead of a second one.
    """
    existing = services.directory.resolve(name)
    if existing is not None and existing.current.active and existing.current.id is not None:
        return existing.current
    agency = await services.repos.agencies.add_custom(name, access.user_id)
    await services.reload_directory()
    return agency


def _as_written(task: Task, lang: str) -> str:
    """A deadline no longer in force: its date, or its phrase, without a countdown."""
    if task.deadline is not None:
        return fmt_date(task.deadline)
    return task.deadline_text or plain("due.none", lang)


Compose = Callable[[str, frozenset[int]], Html | None]
"""(language, the agencies of the task the chat follows) -> the notice, or None when the
chat has nothing to be told."""


async def _tell_agencies(
    services: Services, task: Task, kind: EventKind, compose: Compose,
    also: tuple[int, ...] = (),
) -> int:
    """Queue the notice of the change just written to every chat subscribed to one of the
    task's agencies or units (and to ``also``: those it now has), one message per chat in
    its reader's language; the dedupe key names the history entry, so a retried change
    queues nothing twice. Returns the number of chats."""
    repos = services.repos
    event = await repos.tasks.latest_event(task.id, kind)
    assert event is not None  # written just before, in this transaction
    followed: dict[int, set[int]] = {}
    for agency_id in sorted({*task.agency_ids, *task.unit_ids, *also}):
        for subscription in await repos.chats.subscribers(agency_id):
            followed.setdefault(subscription.chat_id, set()).add(agency_id)
    languages = await repos.users.languages(c for c in followed if c > 0)
    messages = []
    for chat_id, agencies in sorted(followed.items()):
        lang = languages.get(chat_id, "vi")
        text = compose(lang, frozenset(agencies))
        if text is None:
            continue
        messages.append(NewOutboxMessage(
            f"edit:{event.id}:{chat_id}", chat_id, "task_changed",
            message_payload(text, [[view_button(services, task.id, lang)]])))
    if messages:
        await repos.outbox.enqueue(messages)
    return len(messages)
