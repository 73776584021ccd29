"""Who may act on a task, and how: pure rules over plain data.

Officials report progress, report a task done or ask for more time; admins confirm or
return a done report and approve or reject an extension. Every button can be stale,
forwarded or forged, so the storage layer calls these rules again inside the transaction
that writes, on the task as it is *then*; a refusal names its reason and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.core.access import Access
from bot.core.deadlines import Deadline, Recurrence
from bot.core.models import DeadlineKind, EventKind, Task, TaskEvent, TaskStatus
from bot.core.textlen import utf16_cut, utf16_len
from bot.texts import plain

"""How long the bot waits for the text a button asked for (progress, result, reason)."""

MAX_NOTE = 2000
"""Longest progress report, result or reason kept (the rest is cut with an ellipsis)."""


# Callback actions of the task buttons (short: callback data has 64 bytes).
PROGRESS = "op"
DONE = "od"
EXTEND = "oe"
CONFIRM = "oc"
RETURN = "or"
APPROVE = "oa"
REJECT = "oj"
CANCEL_INPUT = "ox"
FILE = "of"
CONFIRM_ON = "ow"  # confirm done, asking for the real completion date
APPROVE_TO = "ov"  # approve an extension to a date the office chooses, with a comment
ADMIN_ACTIONS = frozenset({CONFIRM, RETURN, APPROVE, REJECT, CONFIRM_ON, APPROVE_TO})
"""Buttons only the office (admins) may press: a stranger is told so, not to join."""

ButtonSpecs = list[list[tuple[str, str]]]


def action_button_specs(
    sign: Callable[[str, int], str], task: Task, lang: str, *, extension_pending: bool = False,
    lead_actions: bool = True,
) -> ButtonSpecs:
    """(label, callback data) rows for an outbox payload (a nudge) about a task.

    ``sign`` is ``services.button``. The buttons are the same for everyone who sees the
    message, and only those that can work on the task as it is: no extension for a
    recurring task (each period has its own deadline), one without a deadline, or one
    whose request waits; no completion report while one waits. Whoever presses is still
    checked on the server (a supporting agency may report progress but not close; its
    nudges have ``lead_actions`` off).
    """
    if task.status not in (TaskStatus.OPEN, TaskStatus.REPORTED_DONE):
        return []
    rows = [[(plain("act.btn.progress", lang), sign(PROGRESS, task.id))]]
    if lead_actions and task.status is TaskStatus.OPEN:
        lead = [(plain("act.btn.done", lang), sign(DONE, task.id))]
        if extendable(task) and not extension_pending:
            lead.append((plain("act.btn.extend", lang), sign(EXTEND, task.id)))
        rows.append(lead)
    return rows


def extendable(task: Task) -> bool:
    """A deadline that an extension can move: one date, not a recurring duty's period."""
    return task.deadline_kind is not DeadlineKind.RECURRING and task.deadline is not None


class Refusal(StrEnum):
    """Why an action was refused; each has a message ``act.refuse.<value>``."""

    NOT_FOUND = "not_found"  # no such task
    NO_ACCESS = "no_access"  # not a member of any agency of the task
    NOT_LEAD = "not_lead"  # supporting agency: may report progress, not close or extend
    NOT_ADMIN = "not_admin"
    CANCELLED = "cancelled"
    CLOSED = "closed"  # already done
    AWAITING = "awaiting"  # reported done, waiting for an admin
    NO_DEADLINE = "no_deadline"
    RECURRING = "recurring"
    EXTENSION_PENDING = "extension_pending"
    DECIDED = "decided"  # the report or request was already confirmed/returned/decided
    SETTLED = "settled"  # the extension request was closed: its unit was confirmed done
    STALE = "stale"  # the button points at something that does not fit (old or crafted)


class InputKind(StrEnum):
    """What the bot is waiting for a user to type."""

    PROGRESS = "progress"
    DONE_RESULT = "done_result"
    EXTENSION_DATE = "extension_date"
    EXTENSION_REASON = "extension_reason"
    RETURN_NOTE = "return_note"
    REJECT_NOTE = "reject_note"
    DONE_DATE = "done_date"  # the office: the day the task was really done
    APPROVE_DATE = "approve_date"  # the office: the new deadline it grants
    APPROVE_NOTE = "approve_note"  # the office: its comment on that deadline


def _open_state(task: Task) -> Refusal | None:
    if task.status is TaskStatus.CANCELLED:
        return Refusal.CANCELLED
    if task.status is TaskStatus.DONE:
        return Refusal.CLOSED
    return None


def may_report_progress(access: Access, task: Task | None) -> Refusal | None:
    """Members of a lead or supporting agency, while the task is not closed."""
    if task is None:
        return Refusal.NOT_FOUND
    if not (access.is_lead_of(task) or access.is_support_of(task)):
        return Refusal.NO_ACCESS
    return _open_state(task)


def _lead_check(access: Access, task: Task | None) -> Refusal | None:
    if task is None:
        return Refusal.NOT_FOUND
    if not access.is_lead_of(task):
        return Refusal.NOT_LEAD if access.is_support_of(task) else Refusal.NO_ACCESS
    refusal = _open_state(task)
    if refusal is None and task.status is TaskStatus.REPORTED_DONE:
        return Refusal.AWAITING
    return refusal


def may_report_done(access: Access, task: Task | None) -> Refusal | None:
    """Members of a lead agency, on an open task not already reported done."""
    return _lead_check(access, task)


def may_request_extension(
    access: Access, task: Task | None, pending_request: TaskEvent | None
) -> Refusal | None:
    """Lead members, on an open dated task without an undecided request."""
    refusal = _lead_check(access, task)
    if refusal is not None or task is None:
        return refusal
    if task.deadline_kind is DeadlineKind.RECURRING:
        return Refusal.RECURRING
    if task.deadline is None:
        return Refusal.NO_DEADLINE
    if pending_request is not None:
        return Refusal.EXTENSION_PENDING
    return None


def may_decide_report(
    access: Access, task: Task | None, report: TaskEvent | None, latest_report_id: int | None
) -> Refusal | None:
    """An admin, on the latest done report of a task still waiting for confirmation."""
    if not access.is_admin:
        return Refusal.NOT_ADMIN
    if task is None:
        return Refusal.NOT_FOUND
    if report is None or report.task_id != task.id or report.kind is not EventKind.DONE_REPORTED:
        return Refusal.STALE
    if task.status is TaskStatus.CANCELLED:
        return Refusal.CANCELLED
    if task.status is not TaskStatus.REPORTED_DONE or latest_report_id != report.id:
        return Refusal.DECIDED
    return None


def may_decide_extension(
    access: Access, task: Task | None, request: TaskEvent | None,
    pending_request: TaskEvent | None,
) -> Refusal | None:
    """An admin, on the one undecided extension request of an open task."""
    if not access.is_admin:
        return Refusal.NOT_ADMIN
    if task is None:
        return Refusal.NOT_FOUND
    if (request is None or request.task_id != task.id
            or request.kind is not EventKind.EXTENSION_REQUESTED):
        return Refusal.STALE
    if pending_request is None or pending_request.id != request.id:
        return Refusal.DECIDED
    return _open_state(task)


def latest_of_kind(events: Sequence[TaskEvent], *kinds: EventKind) -> TaskEvent | None:
    """The newest event of these kinds in a task's history (given oldest first)."""
    return next((event for event in reversed(events) if event.kind in kinds), None)


def pending_extension(extension_events: Sequence[TaskEvent]) -> TaskEvent | None:
    """The undecided request among a task's extension events (oldest first), if any.

    A request is decided by the first later approval or rejection naming it, or closed
    when its unit was confirmed done (:func:`settled`).
    """
    decided = {
        event.data.get("request")
        for event in extension_events
        if event.kind in (EventKind.EXTENSION_APPROVED, EventKind.EXTENSION_REJECTED,
                          EventKind.EXTENSION_CLOSED)
    }
    for event in reversed(extension_events):
        if event.kind is EventKind.EXTENSION_REQUESTED:
            return None if event.id in decided else event
    return None


def settled(extension_events: Sequence[TaskEvent], request_id: int) -> bool:
    """The request was closed undecided, its unit having been confirmed done."""
    return any(event.kind is EventKind.EXTENSION_CLOSED and event.data.get("request") == request_id
               for event in extension_events)


def check_completion_date(day: date, today: date) -> str | None:
    """A completion date the office gives: not in the future (message code), else None."""
    return "future" if day > today else None


class DateProblem(StrEnum):
    """Why a proposed new deadline cannot be asked for."""

    NOT_A_DATE = "not_a_date"
    NOT_LATER = "not_later"


def check_proposed_deadline(task: Task, proposed: Deadline) -> DateProblem | None:
    """An extension asks for one concrete date later than the current deadline."""
    if proposed.kind is not DeadlineKind.DATE or proposed.due is None:
        return DateProblem.NOT_A_DATE
    if task.deadline is not None and proposed.due <= task.deadline:
        return DateProblem.NOT_LATER
    return None


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    """The province's calendar date of an instant (a report's completion date)."""
    return moment.astimezone(tz).date()


def next_deadline(task: Task, completed_on: date) -> date | None:
    """The next period's deadline of a recurring task, or None when it does not recur.

    Each period is its own duty: the next one follows the period just done (not the day
    it was done), so a late report does not skip a period.
    """
    if task.deadline_kind is not DeadlineKind.RECURRING or not task.recurrence:
        return None
    try:
        recurrence = Recurrence.from_text(task.recurrence)
    except ValueError:
        return None
    return recurrence.next_due(task.deadline or completed_on)


def shorten_note(text: str) -> str:
    """A typed note, trimmed and capped at :data:`MAX_NOTE` UTF-16 units (Telegram's count:
    a note of emoji must still fit the notice that carries it)."""
    text = text.strip()
    if utf16_len(text) <= MAX_NOTE:
        return text
    return text[: utf16_cut(text, MAX_NOTE - 1)].rstrip() + "…"
