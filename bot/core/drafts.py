"""A conclusion being recorded in chat: plain data, its steps, and its JSON form.

The guided /new flow keeps its whole state here (metadata, finished tasks, the task
being typed, the step the admin is at) and storage keeps this record as JSON, so the
flow survives a restart and never depends on in-memory conversation state. Every move
(answer, skip, back, edit, delete) is a method here, so the flow's logic is tested
without Telegram.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from bot.core.deadlines import Deadline
from bot.core.models import DeadlineKind, NewConclusion, NewTask

SCHEMA = 1


class Step(StrEnum):
    """Where the admin is in the flow; the prompt shown depends only on this."""

    NUMBER = "number"
    ISSUER = "issuer"
    SIGNER = "signer"
    ISSUED_ON = "issued_on"
    MEETING_ON = "meeting_on"
    TITLE = "title"
    TASK_TEXT = "task_text"
    LEAD = "lead"
    SUPPORT = "support"
    DEADLINE = "deadline"
    FIRST_PERIOD = "first_period"  # a recurring duty: the period it is followed from
    MORE = "more"
    PREVIEW = "preview"
    SOURCE = "source"  # /import: waiting for the notice's text or file
    REVIEW = "review"  # /import: one proposed task at a time
    MEMBERS = "members"  # ticking the units a qualified collective lead stands for


META_STEPS: tuple[Step, ...] = (
    Step.NUMBER, Step.ISSUER, Step.SIGNER, Step.ISSUED_ON, Step.MEETING_ON, Step.TITLE,
)
DATE_STEPS = frozenset({Step.ISSUED_ON, Step.MEETING_ON})
TEXT_STEPS = frozenset({*META_STEPS, Step.TASK_TEXT, Step.DEADLINE})
PICKER_STEPS = frozenset({Step.LEAD, Step.SUPPORT})


_LETTER_WORD = re.compile(r"[^\W\d_]+")
MIN_TASK_WORDS = 2
MIN_TASK_LETTERS = 4


def task_text_problem(text: str) -> str | None:
    """Why a typed task text is no task ("empty", "no_words": ".", "ok", "123"), or None.

    A notice's task says what to do in words; the import reads nothing shorter than a
    few words as a task either.
    """
    if not text.strip():
        return "empty"
    words = _LETTER_WORD.findall(text)
    if len(words) < MIN_TASK_WORDS or sum(len(w) for w in words) < MIN_TASK_LETTERS:
        return "no_words"
    return None


class DraftError(ValueError):
    """A move that does not fit the draft's step (a stale button, a replayed message)."""


@dataclass
class DraftTask:
    """One task of a draft; complete once it has text, a lead agency and a deadline choice."""

    text: str = ""
    lead_ids: list[int] = field(default_factory=list)
    support_ids: list[int] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str | None = None
    deadline_kind: DeadlineKind = DeadlineKind.NONE
    recurrence: str | None = None
    ordinal: str = ""
    # Names the notice gives that the directory lacks (lead, supporting): they stay on the
    # task like the others and become agencies of the directory when the draft is saved.
    unknown: list[str] = field(default_factory=list)
    unknown_support: list[str] = field(default_factory=list)
    # An extractor's proposal: why its lead and deadline were chosen (bot.extraction's
    # ``lead_source``/``deadline_source``: "written", "heading", "section", "document",
    # "guessed") and where it stands in the notice (the review shows doubtful ones first;
    # the saved tasks keep the notice's order).
    lead_source: str | None = None
    deadline_source: str | None = None
    source_index: int | None = None
    # A qualified collective lead ("UBND các xã, phường có cụm công nghiệp") -> the members
    # the admin ticked; a collective not listed stands for all of its members.
    members: dict[int, list[int]] = field(default_factory=dict)

    @property
    def has_lead(self) -> bool:
        """A lead agency is named, from the directory or new."""
        return bool(self.lead_ids or self.unknown)

    @property
    def doubtful(self) -> bool:
        """A proposal whose lead the reviewer must check first: none, or guessed."""
        return not self.has_lead or self.lead_source == "guessed"

    def past_due(self, today: date) -> bool:
        """A dated deadline already passed (an old notice recorded late): it may be saved
        as it is, but the task is then overdue from day one and its agencies are nudged at
        once, so the review and the preview say so."""
        return (self.deadline_kind is DeadlineKind.DATE and self.deadline is not None
                and self.deadline < today)

    def needs_check(self, today: date | None) -> bool:
        """Reviewed first: a doubtful lead, or (``today`` given) a deadline already passed."""
        return self.doubtful or (today is not None and self.past_due(today))

    def set_deadline(self, parsed: Deadline) -> None:
        """Take a parsed deadline, keeping the phrase as the admin wrote it."""
        self.deadline = parsed.due
        self.deadline_text = parsed.phrase or None
        self.deadline_kind = parsed.kind
        self.recurrence = parsed.recurrence.to_text() if parsed.recurrence else None

    def to_new_task(self, position: int, added: Mapping[str, int] | None = None) -> NewTask:
        """The record storage saves; ``added`` gives the ids of the names that were new."""
        added = added or {}
        lead = list(dict.fromkeys([*self.lead_ids, *(added[n] for n in self.unknown)]))
        support = [*self.support_ids, *(added[n] for n in self.unknown_support)]
        return NewTask(
            members=tuple((group, tuple(ids)) for group, ids in self.members.items()
                          if group in lead and ids),
            text=self.text,
            lead_ids=tuple(lead),
            support_ids=tuple(dict.fromkeys(a for a in support if a not in lead)),
            ordinal=self.ordinal or str(position),
            deadline=self.deadline,
            deadline_text=self.deadline_text,
            deadline_kind=self.deadline_kind,
            recurrence=self.recurrence,
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "text": self.text,
            "lead_ids": list(self.lead_ids),
            "support_ids": list(self.support_ids),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "deadline_kind": self.deadline_kind.value,
            "recurrence": self.recurrence,
            "ordinal": self.ordinal,
            "unknown": list(self.unknown),
            "unknown_support": list(self.unknown_support),
            "lead_source": self.lead_source,
            "deadline_source": self.deadline_source,
            "source_index": self.source_index,
            "members": {str(group): list(ids) for group, ids in self.members.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DraftTask:
        """Inverse of :meth:`to_json`."""
        deadline = data.get("deadline")
        return cls(
            text=str(data.get("text", "")),
            lead_ids=[int(a) for a in data.get("lead_ids", [])],
            support_ids=[int(a) for a in data.get("support_ids", [])],
            deadline=date.fromisoformat(deadline) if deadline else None,
            deadline_text=data.get("deadline_text"),
            deadline_kind=DeadlineKind(data.get("deadline_kind", DeadlineKind.NONE.value)),
            recurrence=data.get("recurrence"),
            ordinal=str(data.get("ordinal", "")),
            unknown=[str(n) for n in data.get("unknown", [])],
            unknown_support=[str(n) for n in data.get("unknown_support", [])],
            lead_source=_text_or_none(data.get("lead_source")),
            deadline_source=_text_or_none(data.get("deadline_source")),
            source_index=_int_or_none(data.get("source_index")),
            members={int(group): [int(i) for i in ids]
                     for group, ids in dict(data.get("members") or {}).items()},
        )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class Draft:
    """A half-recorded conclusion and where its author stopped.

    ``current`` is the task being typed; ``editing`` is its index in ``tasks`` when an
    existing task is being changed from the preview (None while adding a new one);
    ``meta_edit`` is set while the document details are changed from the preview.
    ``query``/``page`` are the agency picker's filter and page; ``pending_agency`` a typed
    name the directory lacks (offered for adding) and ``pending_typed`` the whole answer it
    came from, read again once the name is added.
    """

    number: str | None = None
    issuer: str | None = None
    signer: str | None = None
    issued_on: date | None = None
    meeting_on: date | None = None
    title: str | None = None
    source_text: str | None = None
    tasks: list[DraftTask] = field(default_factory=list)
    step: Step = Step.NUMBER
    current: DraftTask | None = None
    editing: int | None = None
    meta_edit: bool = False
    query: str = ""
    page: int = 0
    pending_agency: str | None = None
    pending_typed: str | None = None
    proposals: list[DraftTask] = field(default_factory=list)
    review: int = 0
    from_review: bool = False
    # Ticking a qualified collective's members (Step.MEMBERS): which collective, the step
    # to go back to, and the task (an index in ``tasks`` from the preview; None: the
    # proposal under review).
    ticking: int | None = None
    tick_from: Step | None = None
    tick_task: int | None = None

    # ------------------------------------------------------------------ metadata

    def meta_value(self, step: Step) -> str | date | None:
        """The value a metadata step has now."""
        value: str | date | None = getattr(self, step.value)
        return value

    def answer_meta(self, value: str | date | None) -> None:
        """Store the answer to the current metadata step and move on."""
        if self.step not in META_STEPS:
            raise DraftError(f"not a metadata step: {self.step}")
        if self.step in DATE_STEPS:
            if value is not None and not isinstance(value, date):
                raise DraftError("a date step needs a date")
        elif isinstance(value, date):
            raise DraftError("a text step needs text")
        setattr(self, self.step.value, value)
        self._after_meta()

    def date_problem(self, value: date, today: date) -> str | None:
        """Why a date for the current date step cannot be true, or None: a notice is not
        issued after today, and concludes a meeting held on or before its issue date
        ("issued_future", "meeting_after_issue", "meeting_future")."""
        if self.step is Step.ISSUED_ON and value > today:
            return "issued_future"
        if self.step is Step.MEETING_ON:
            if self.issued_on is not None and value > self.issued_on:
                return "meeting_after_issue"
            if value > today:
                return "meeting_future"
        return None

    def skip(self) -> None:
        """Move on without changing the step's answer: an empty field stays empty, one
        with a value keeps it (after "Quay lại" the button says "Giữ nguyên"; typing "-"
        empties a field)."""
        if self.step in META_STEPS:
            self._after_meta()
        elif self.step is Step.TASK_TEXT and self.changing:
            self._enter(Step.LEAD)
        elif self.step is Step.LEAD and self.changing and self._task.has_lead:
            self._enter(Step.SUPPORT)
        elif self.step is Step.DEADLINE and self.changing:
            if self._task.deadline_kind is DeadlineKind.RECURRING:
                self._enter(Step.FIRST_PERIOD)  # its first period may be changed too
            else:
                self._commit_task()
        elif self.step is Step.FIRST_PERIOD:
            self._commit_task()  # the period shown as chosen
        else:
            raise DraftError(f"nothing to skip at {self.step}")

    def _after_meta(self) -> None:
        index = META_STEPS.index(self.step)
        if index + 1 < len(META_STEPS):
            self.step = META_STEPS[index + 1]
        elif self.meta_edit or self.tasks:
            self.meta_edit = False
            self.step = Step.PREVIEW
        else:
            self.start_task()

    def edit_meta(self) -> None:
        """From the preview, walk through the document details again."""
        self._require(Step.PREVIEW)
        self.meta_edit = True
        self.step = META_STEPS[0]

    # ------------------------------------------------------------------ tasks

    @property
    def changing(self) -> bool:
        """A task already written (saved in the draft or proposed) is being changed."""
        return self.editing is not None or self.from_review

    @property
    def _task(self) -> DraftTask:
        if self.current is None:
            raise DraftError("no task is being typed")
        return self.current

    def _enter(self, step: Step) -> None:
        self.step = step
        self.query = ""
        self.page = 0
        self.pending_agency = None
        self.pending_typed = None

    def start_task(self) -> None:
        """Begin typing a new task."""
        if self.step not in (Step.MORE, Step.PREVIEW, *META_STEPS):
            raise DraftError(f"cannot add a task at {self.step}")
        self.meta_edit = False
        self.current = DraftTask()
        self.editing = None
        self._enter(Step.TASK_TEXT)

    def set_text(self, text: str) -> None:
        """The task's text; next comes its lead agency."""
        self._require(Step.TASK_TEXT)
        text = text.strip()
        if not text:
            raise DraftError("empty task text")
        self._task.text = text
        self._enter(Step.LEAD)

    def choose_leads(self, agency_ids: list[int]) -> None:
        """The lead agency (or agencies); next come the supporting ones."""
        self._require(Step.LEAD)
        if not agency_ids:
            raise DraftError("a task needs a lead agency")
        task = self._task
        task.lead_ids = list(dict.fromkeys(agency_ids))
        task.unknown = []  # the lead chosen replaces the one proposed
        task.support_ids = [a for a in task.support_ids if a not in task.lead_ids]
        self._enter(Step.SUPPORT)

    def toggle_support(self, agency_id: int) -> bool:
        """Tick or untick a supporting agency; returns whether it is now ticked."""
        self._require(Step.SUPPORT)
        task = self._task
        if agency_id in task.lead_ids:
            raise DraftError("the lead agency cannot also support")
        if agency_id in task.support_ids:
            task.support_ids.remove(agency_id)
            return False
        task.support_ids.append(agency_id)
        return True

    def add_supports(self, agency_ids: list[int]) -> None:
        """Tick several supporting agencies at once (typed names)."""
        self._require(Step.SUPPORT)
        task = self._task
        for agency_id in agency_ids:
            if agency_id not in task.lead_ids and agency_id not in task.support_ids:
                task.support_ids.append(agency_id)

    def clear_supports(self) -> None:
        """No supporting agency; next comes the deadline."""
        self._require(Step.SUPPORT)
        self._task.support_ids = []
        self._task.unknown_support = []
        self._enter(Step.DEADLINE)

    def untick_new(self, index: int) -> str:
        """Drop a proposed supporting agency the directory lacks; returns its name."""
        self._require(Step.SUPPORT)
        names = self._task.unknown_support
        if not 0 <= index < len(names):
            raise DraftError(f"no new supporting agency {index}")
        return names.pop(index)

    def supports_done(self) -> None:
        """The ticked agencies are the supporting ones; next comes the deadline."""
        self._require(Step.SUPPORT)
        self._enter(Step.DEADLINE)

    def set_deadline(self, parsed: Deadline) -> None:
        """The task's deadline; the task is complete, or a recurring duty's first period
        is asked for (the current one is chosen until then)."""
        self._require(Step.DEADLINE)
        self._task.set_deadline(parsed)
        if self._task.deadline_kind is DeadlineKind.RECURRING:
            self._enter(Step.FIRST_PERIOD)
        else:
            self._commit_task()

    def choose_first_period(self, due: date) -> None:
        """A recurring duty is followed from the period due on ``due``; the task is complete.

        A duty entered late need not start overdue by months: the admin says which period
        is the first one still to report on.
        """
        self._require(Step.FIRST_PERIOD)
        self._task.deadline = due
        self._commit_task()

    def choose_proposal_period(self, due: date) -> None:
        """The first period of the recurring duty under review."""
        proposal = self.proposal
        if proposal.deadline_kind is not DeadlineKind.RECURRING:
            raise DraftError("not a recurring duty")
        proposal.deadline = due

    def _commit_task(self) -> None:
        task = self._task
        if self.from_review:
            self.tasks.append(task)
            self.current = None
            self.from_review = False
            self.review += 1
            self._after_review()
            return
        if self.editing is not None and 0 <= self.editing < len(self.tasks):
            self.tasks[self.editing] = task
            self.step = Step.PREVIEW
        else:
            self.tasks.append(task)
            self.step = Step.MORE
        self.current = None
        self.editing = None
        self._enter(self.step)

    def finish(self) -> None:
        """No more tasks: show the preview."""
        self._require(Step.MORE)
        if not self.tasks:
            raise DraftError("no task yet")
        self.step = Step.PREVIEW

    def edit_task(self, index: int) -> None:
        """From the preview, change task ``index`` (0-based) step by step."""
        self._require(Step.PREVIEW)
        if not 0 <= index < len(self.tasks):
            raise DraftError(f"no task {index + 1}")
        self.current = replace(
            self.tasks[index],
            lead_ids=list(self.tasks[index].lead_ids),
            support_ids=list(self.tasks[index].support_ids),
            unknown=list(self.tasks[index].unknown),
            unknown_support=list(self.tasks[index].unknown_support),
        )
        self.editing = index
        self._enter(Step.TASK_TEXT)

    def delete_task(self, index: int) -> DraftTask:
        """From the preview, drop task ``index`` (0-based)."""
        self._require(Step.PREVIEW)
        if not 0 <= index < len(self.tasks):
            raise DraftError(f"no task {index + 1}")
        removed = self.tasks.pop(index)
        if not self.tasks:
            self.start_task()
        return removed

    # ------------------------------------------------------------------ back

    def back(self) -> None:
        """Undo one step: the previous question is asked again with its current answer."""
        step = self.step
        if step in META_STEPS:
            index = META_STEPS.index(step)
            if index == 0:
                if not (self.meta_edit or self.tasks):
                    raise DraftError("nothing before the first question")
                self.meta_edit = False
                self.step = Step.PREVIEW
            else:
                self.step = META_STEPS[index - 1]
        elif step is Step.TASK_TEXT:
            self.current = None
            if self.from_review:
                self.from_review = False
                self._enter(Step.REVIEW)
            elif self.editing is not None:
                self.editing = None
                self._enter(Step.PREVIEW)
            elif self.tasks:
                self._enter(Step.MORE)
            else:
                self._enter(Step.TITLE)
        elif step is Step.LEAD:
            self._enter(Step.TASK_TEXT)
        elif step is Step.SUPPORT:
            self._enter(Step.LEAD)
        elif step is Step.DEADLINE:
            self._enter(Step.SUPPORT)
        elif step is Step.FIRST_PERIOD:
            self._enter(Step.DEADLINE)
        elif step is Step.MORE:
            self.current = self.tasks.pop()
            self.editing = None
            self._enter(Step.DEADLINE)
        elif step is Step.PREVIEW:
            self._enter(Step.MORE)
        elif step is Step.REVIEW:
            if self.review == 0:
                raise DraftError("no earlier proposal")
            self.review -= 1
            ordinal = self.proposals[self.review].ordinal
            self.tasks = [t for t in self.tasks if not (ordinal and t.ordinal == ordinal)]
        else:
            raise DraftError(f"no way back from {step}")

    # ------------------------------------------------------------------ /import review

    def load_proposals(self, proposals: list[DraftTask], today: date | None = None) -> None:
        """The extractor's proposals, to be accepted, edited or skipped one by one."""
        self._require(Step.SOURCE)
        for index, proposal in enumerate(proposals):
            if proposal.source_index is None:
                proposal.source_index = index
        # Proposals to check first (no lead, a guessed one, a deadline already passed),
        # each group in the notice's order: the admin checks what matters while attention
        # is fresh.
        self.proposals = sorted(proposals, key=lambda p: not p.needs_check(today))
        self.review = 0
        self.tasks = []
        self._after_review()

    @property
    def proposal(self) -> DraftTask:
        """The proposal under review."""
        self._require(Step.REVIEW)
        return self.proposals[self.review]

    def accept(self) -> None:
        """Take the proposal as it is (it must name a lead agency)."""
        proposal = self.proposal
        if not proposal.has_lead:
            raise DraftError("a task needs a lead agency")
        self.tasks.append(replace(proposal, unknown=list(proposal.unknown),
                                  unknown_support=list(proposal.unknown_support)))
        self.review += 1
        self._after_review()

    def skip_proposal(self) -> None:
        """Leave the proposal out."""
        self.proposal  # noqa: B018 - checks the step
        self.review += 1
        self._after_review()

    def edit_proposal(self) -> None:
        """Go through the proposal's text, agencies and deadline before taking it."""
        proposal = self.proposal
        self.current = replace(proposal, lead_ids=list(proposal.lead_ids),
                               support_ids=list(proposal.support_ids),
                               unknown=list(proposal.unknown),
                               unknown_support=list(proposal.unknown_support))
        self.editing = None
        self.from_review = True
        self._enter(Step.TASK_TEXT)

    def _after_review(self) -> None:
        if self.review < len(self.proposals):
            self._enter(Step.REVIEW)
        elif self.tasks:
            # The tasks are saved in the notice's order, whatever order they were reviewed
            # in; tasks the admin added go after them.
            last = len(self.proposals)
            self.tasks.sort(key=lambda task: last if task.source_index is None
                            else task.source_index)
            self._enter(Step.PREVIEW)
        else:
            self.step = Step.MORE  # lets start_task run
            self.start_task()

    def _require(self, step: Step) -> None:
        if self.step is not step:
            raise DraftError(f"expected step {step}, draft is at {self.step}")

    # ------------------------------------------------------------------ members

    @property
    def ticked_task(self) -> DraftTask:
        """The task whose collective's members are being ticked."""
        self._require(Step.MEMBERS)
        if self.tick_task is None:
            return self.proposals[self.review]
        return self.tasks[self.tick_task]

    def start_ticking(self, collective_id: int, task_index: int | None = None) -> None:
        """Choose the members of a qualified collective lead: of the proposal under review
        (REVIEW) or of task ``task_index`` (PREVIEW)."""
        if self.step is Step.REVIEW and task_index is None:
            task = self.proposal
        elif self.step is Step.PREVIEW and task_index is not None \
                and 0 <= task_index < len(self.tasks):
            task = self.tasks[task_index]
        else:
            raise DraftError(f"no members to tick at {self.step}")
        if collective_id not in task.lead_ids:
            raise DraftError("not a lead of the task")
        self.ticking, self.tick_from, self.tick_task = collective_id, self.step, task_index
        self.page = 0
        self.step = Step.MEMBERS

    def toggle_member(self, member_id: int, all_members: Sequence[int]) -> None:
        """Tick or untick one member (before any change every member is ticked)."""
        task = self.ticked_task
        assert self.ticking is not None
        if member_id not in all_members:
            raise DraftError("not a member")
        ticked = list(task.members.get(self.ticking, all_members))
        if member_id in ticked:
            ticked.remove(member_id)
        else:
            ticked.append(member_id)
        task.members[self.ticking] = [m for m in all_members if m in ticked]

    def tick_all(self, all_members: Sequence[int], on: bool) -> None:
        """Tick every member, or none (to tick a few)."""
        task = self.ticked_task
        assert self.ticking is not None
        task.members[self.ticking] = list(all_members) if on else []

    def done_ticking(self, all_members: Sequence[int]) -> None:
        """Back to the review or the preview; at least one member must stay ticked."""
        task = self.ticked_task
        assert self.ticking is not None and self.tick_from is not None
        ticked = task.members.get(self.ticking, list(all_members))
        if not ticked:
            raise DraftError("tick at least one member")
        if list(ticked) == list(all_members):
            task.members.pop(self.ticking, None)  # every member: the default
        self.step, self.ticking, self.tick_from, self.tick_task = (
            self.tick_from, None, None, None)
        self.page = 0

    # ------------------------------------------------------------------ saving

    def used_agencies(self) -> list[int]:
        """Agencies already on this draft's tasks, most recent first (pickers list them first)."""
        seen: list[int] = []
        tasks = [*self.tasks, *([self.current] if self.current else [])]
        for task in reversed(tasks):
            for agency_id in [*task.lead_ids, *task.support_ids]:
                if agency_id not in seen:
                    seen.append(agency_id)
        return seen

    def past_due_tasks(self, today: date) -> list[tuple[int, DraftTask]]:
        """The tasks (with their 0-based place) whose dated deadline has already passed."""
        return [(index, task) for index, task in enumerate(self.tasks) if task.past_due(today)]

    def to_new_conclusion(self) -> NewConclusion:
        """The conclusion record storage saves."""
        return NewConclusion(
            number=self.number, issuer=self.issuer, signer=self.signer,
            issued_on=self.issued_on, meeting_on=self.meeting_on, title=self.title,
            source_text=self.source_text,
        )

    def new_agency_names(self) -> list[str]:
        """Names on the tasks that the directory lacked, each once, in order."""
        names = [n for task in self.tasks for n in (*task.unknown, *task.unknown_support)]
        return list(dict.fromkeys(names))

    def to_new_tasks(self, added: Mapping[str, int] | None = None) -> list[NewTask]:
        """The tasks storage saves, numbered in order (``added``: ids of the new names)."""
        return [task.to_new_task(position, added)
                for position, task in enumerate(self.tasks, 1)]

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> str:
        """The stored form."""
        data = {
            "schema": SCHEMA,
            "number": self.number,
            "issuer": self.issuer,
            "signer": self.signer,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "meeting_on": self.meeting_on.isoformat() if self.meeting_on else None,
            "title": self.title,
            "source_text": self.source_text,
            "tasks": [task.to_json() for task in self.tasks],
            "step": self.step.value,
            "current": self.current.to_json() if self.current else None,
            "editing": self.editing,
            "meta_edit": self.meta_edit,
            "query": self.query,
            "page": self.page,
            "pending_agency": self.pending_agency,
            "pending_typed": self.pending_typed,
            "proposals": [task.to_json() for task in self.proposals],
            "review": self.review,
            "from_review": self.from_review,
            "ticking": self.ticking,
            "tick_from": self.tick_from.value if self.tick_from else None,
            "tick_task": self.tick_task,
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Draft:
        """Inverse of :meth:`to_json`; ValueError on a record it cannot read."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError("unknown draft format")

        def day(key: str) -> date | None:
            value = data.get(key)
            return date.fromisoformat(value) if value else None

        current = data.get("current")
        return cls(
            number=data.get("number"),
            issuer=data.get("issuer"),
            signer=data.get("signer"),
            issued_on=day("issued_on"),
            meeting_on=day("meeting_on"),
            title=data.get("title"),
            source_text=data.get("source_text"),
            tasks=[DraftTask.from_json(t) for t in data.get("tasks", [])],
            step=Step(data.get("step", Step.NUMBER.value)),
            current=DraftTask.from_json(current) if current else None,
            editing=data.get("editing"),
            meta_edit=bool(data.get("meta_edit", False)),
            query=str(data.get("query", "")),
            page=int(data.get("page", 0)),
            pending_agency=data.get("pending_agency"),
            pending_typed=data.get("pending_typed"),
            proposals=[DraftTask.from_json(t) for t in data.get("proposals", [])],
            review=int(data.get("review", 0)),
            from_review=bool(data.get("from_review", False)),
            ticking=_int_or_none(data.get("ticking")),
            tick_from=Step(data["tick_from"]) if data.get("tick_from") else None,
            tick_task=_int_or_none(data.get("tick_task")),
        )


class DraftState(StrEnum):
    """Life of a stored draft: one active draft per admin at most."""

    ACTIVE = "active"
    SAVED = "saved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class DraftRecord:
    """A stored draft: who owns it, its revision (buttons carry it) and its content."""

    id: int
    owner_id: int
    kind: str
    state: DraftState
    revision: int
    draft: Draft
    conclusion_id: int | None = None
