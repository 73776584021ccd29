"""Plain domain records shared by the pure core, storage and handlers.

Storage returns these, the core computes on them, handlers render them; none of them
knows about SQL or Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """A user's role. Super-admins come from ADMIN_IDS and are not stored."""

    USER = "user"
    ADMIN = "admin"


class TaskStatus(StrEnum):
    """Where a task stands in its life cycle (not the official report class)."""

    OPEN = "open"
    REPORTED_DONE = "reported_done"  # the lead agency says done; an admin has to confirm
    DONE = "done"
    CANCELLED = "cancelled"


class DeadlineKind(StrEnum):
    """Whether a task has a date, no deadline at all, or recurs."""

    DATE = "date"
    NONE = "none"
    RECURRING = "recurring"


class AgencyRole(StrEnum):
    """How an agency takes part in a task."""

    LEAD = "lead"
    SUPPORT = "support"


class EventKind(StrEnum):
    """Entries of a task's history. Nothing is ever deleted; every change is an event."""

    CREATED = "created"
    PROGRESS = "progress"
    STATUS = "status"
    DEADLINE = "deadline"
    TEXT = "text"
    AGENCIES = "agencies"
    DONE_REPORTED = "done_reported"
    DONE_CONFIRMED = "done_confirmed"
    DONE_RETURNED = "done_returned"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_APPROVED = "extension_approved"
    EXTENSION_REJECTED = "extension_rejected"
    # A request left undecided when its unit was confirmed done: no longer needed.
    EXTENSION_CLOSED = "extension_closed"
    CANCELLED = "cancelled"
    REOPENED = "reopened"
    RECURRED = "recurred"
    CLOSED = "closed"  # the office closes a task with a note, whatever its units say


class ChatType(StrEnum):
    """Telegram chat types the bot keeps."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


class OutboxState(StrEnum):
    """Life of an outgoing notification."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class User:
    """Someone who has talked to the bot."""

    telegram_id: int
    full_name: str
    username: str | None
    role: Role
    language: str
    active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Chat:
    """A private chat or a group the bot is in."""

    chat_id: int
    type: ChatType
    title: str | None
    active: bool
    inactive_reason: str | None = None


@dataclass(frozen=True)
class Subscription:
    """A chat that receives an agency's nudges and/or summaries."""

    chat_id: int
    agency_id: int
    nudges: bool
    summaries: bool
    support_nudges: bool = True  # nudged on the due day and after it about tasks it supports


@dataclass(frozen=True)
class NewConclusion:
    """A conclusion notice about to be saved."""

    number: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued_on: date | None = None
    meeting_on: date | None = None
    title: str | None = None
    source_text: str | None = None


@dataclass(frozen=True)
class Conclusion:
    """A saved conclusion notice."""

    id: int
    number: str | None
    issuer: str | None
    signer: str | None
    issued_on: date | None
    meeting_on: date | None
    title: str | None
    source_text: str | None
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class NewTask:
    """A task about to be saved as part of a conclusion."""

    text: str
    lead_ids: tuple[int, ...]
    support_ids: tuple[int, ...] = ()
    ordinal: str = ""
    deadline: date | None = None
    deadline_text: str | None = None
    deadline_kind: DeadlineKind = DeadlineKind.NONE
    recurrence: str | None = None
    # (collective lead id, the member ids the admin ticked): a collective lead not listed
    # here stands for all of its members.
    members: tuple[tuple[int, tuple[int, ...]], ...] = ()


def judged_deadline(deadline: date | None, judged_on: date | None) -> date | None:
    """The date a task is judged against: ``judged_on`` (its units', stored by storage)
    when set, else its ``deadline``; None for a task without a deadline."""
    if deadline is None:
        return None
    return judged_on if judged_on is not None else deadline


@dataclass(frozen=True)
class Task:
    """A saved task with its agencies."""

    id: int
    conclusion_id: int
    ordinal: str
    position: int
    text: str
    deadline: date | None
    deadline_text: str | None
    deadline_kind: DeadlineKind
    recurrence: str | None
    status: TaskStatus
    completed_on: date | None
    created_at: datetime
    updated_at: datetime
    lead_ids: tuple[int, ...] = ()
    support_ids: tuple[int, ...] = ()
    unit_ids: tuple[int, ...] = ()  # agencies holding an assignment (a collective's members)
    # The task as one unit lives it (bot.core.assignments.unit_view), given a later deadline
    # of its own: the task's deadline, which ``deadline_text`` (the notice's words) is about.
    extended_from: date | None = None
    # The date the task is judged against (bot.core.assignments.judged_on), when its units'
    # deadlines differ from the notice's: None means ``deadline``.
    judged_on: date | None = None

    @property
    def agency_ids(self) -> tuple[int, ...]:
        """Lead agencies first, then supporting ones."""
        return self.lead_ids + self.support_ids

    @property
    def judged_deadline(self) -> date | None:
        """The date its status class and countdown are judged against: the notice's
        deadline, or what its units make of it (a unit granted a later date, a unit done
        late); None for a task without a deadline."""
        return judged_deadline(self.deadline, self.judged_on)

    @property
    def is_open(self) -> bool:
        """Still to be done (including done-but-not-yet-confirmed)."""
        return self.status in (TaskStatus.OPEN, TaskStatus.REPORTED_DONE)


@dataclass(frozen=True)
class TaskEvent:
    """One entry in a task's history."""

    id: int
    task_id: int
    kind: EventKind
    actor_id: int | None
    at: datetime
    note: str | None
    data: dict[str, Any] = field(default_factory=dict)
    agency_id: int | None = None  # the unit it is about; None: the task as a whole


@dataclass(frozen=True, slots=True)
class Assignment:
    """One unit's share of a task: what it reports, what the office confirms.

    A task holds one per lead agency, a collective lead one per member. ``status`` is
    OPEN, REPORTED_DONE or DONE (cancelling is the task's); ``deadline`` is the task's
    unless the office extended it for this unit; ``task_live`` is False once the task is
    cancelled.
    """

    task_id: int
    agency_id: int
    via_id: int | None
    status: TaskStatus
    deadline: date | None
    completed_on: date | None
    task_live: bool = True

    @property
    def is_open(self) -> bool:
        """Still owed by the unit (a done report waiting for the office included)."""
        return self.task_live and self.status is not TaskStatus.DONE


@dataclass(frozen=True)
class OutboxMessage:
    """A notification waiting to be (or already) delivered."""

    id: int
    dedupe_key: str
    chat_id: int
    kind: str
    payload: dict[str, Any]
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_message_id: int | None
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class NewOutboxMessage:
    """A notification to enqueue; the dedupe key makes enqueueing idempotent."""

    dedupe_key: str
    chat_id: int
    kind: str
    payload: dict[str, Any]


# --- Reports (export) ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """Which tasks a report covers.

    ``agency_ids`` None means the whole province; otherwise tasks in which one of these
    agencies takes part (lead or supporting). A task belongs to the period
    ``start``..``end`` (inclusive, either side open when None) when its deadline falls in
    it or it was assigned in it: the notice's issue date, or the day the task was recorded
    when the notice has no date. Cancelled tasks are never reported.
    """

    agency_ids: tuple[int, ...] | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class OwnUnit:
    """The unit an agency's report holds in a task (its agency, status, own deadline and
    completion date): the report shows the task as that unit lives it."""

    agency_id: int
    status: TaskStatus
    deadline: date | None
    completed_on: date | None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One task as the export annex lists it: flat, read straight from one query."""

    task_id: int
    ordinal: str
    text: str
    status: TaskStatus
    deadline: date | None
    deadline_kind: DeadlineKind
    completed_on: date | None
    doc_number: str | None
    doc_date: date | None
    doc_signer: str | None
    lead_ids: tuple[int, ...]
    support_ids: tuple[int, ...]
    report_note: str | None
    report_at: datetime | None
    units_done: int = 0  # units confirmed done, of ``units_total`` ("12/99 đơn vị")
    units_total: int = 0
    own: OwnUnit | None = None  # an agency's report: the one unit it holds in the task
    judged_on: date | None = None  # the date it is judged against (Task.judged_on)

    @property
    def judged_deadline(self) -> date | None:
        """As :attr:`Task.judged_deadline`."""
        return judged_deadline(self.deadline, self.judged_on)


@dataclass(frozen=True)
class TaskCard:
    """What a task's card shows: the task, its notice, its history and who is in it.

    ``conclusion`` comes without ``source_text``: the card does not show the notice's
    text, which can be tens of kilobytes. ``events`` are oldest first; ``names`` are the
    display names of their actors.
    """

    task: Task
    conclusion: Conclusion | None
    events: list[TaskEvent]
    names: dict[int, str]


@dataclass(frozen=True)
class TaskPage:
    """One page of a task list and how many tasks the whole list has."""

    tasks: list[Task]
    total: int
