"""From an extractor proposal to a saved conclusion: agency ids, checks, one transaction.

Shared by ``python -m bot import`` and usable by the chat review. Planning is pure
(proposal + directory -> plan); only :func:`save_plan` and :func:`find_duplicate`
touch the database, through the repositories.

Unknown agencies: a name the directory does not know ("UBND phường Yên Bái",
"Phòng LĐTBXH các huyện") is written in the notice itself, so importing creates it as a
custom agency (``AgencyRepo.add_custom``) rather than dropping it; the plan lists such
names so the operator sees them before saving, and a later import finds them in the
directory instead of creating them again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from bot.core.agencies import Agency, AgencyDirectory
from bot.core.deadlines import Recurrence
from bot.core.drafts import Draft, DraftTask
from bot.core.models import Conclusion, DeadlineKind, NewConclusion, NewTask, Task
from bot.core.normalize import fold
from bot.extraction import ExtractedDocument, ExtractedTask, Extraction
from storage.repo import Repos


@dataclass(frozen=True)
class AgencyRef:
    """An agency named by a proposal: a directory agency, or ``agency=None`` for a name
    that importing will add as a custom agency."""

    name: str
    agency: Agency | None


@dataclass(frozen=True)
class PlannedTask:
    """A proposed task with its agencies looked up."""

    source: ExtractedTask
    lead: tuple[AgencyRef, ...]
    support: tuple[AgencyRef, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What importing a notice would save."""

    document: ExtractedDocument
    tasks: tuple[PlannedTask, ...]

    @property
    def new_agencies(self) -> list[str]:
        """Names that are not in the directory, each once, in order of appearance."""
        seen: dict[str, str] = {}
        for task in self.tasks:
            for ref in (*task.lead, *task.support):
                if ref.agency is None:
                    seen.setdefault(fold(ref.name), ref.name)
        return list(seen.values())

    @property
    def without_lead(self) -> list[str]:
        """Ordinals of tasks that name no lead agency (a task cannot be saved without one)."""
        return [task.source.ordinal for task in self.tasks if not task.lead]


def lookup_agency(directory: AgencyDirectory, name: str) -> Agency | None:
    """The current agency for a name, following successor links; None when unknown."""
    found = directory.lookup(name, bare_field=False)
    return None if found is None else directory.current(found)


def _refs(directory: AgencyDirectory, names: list[str]) -> tuple[AgencyRef, ...]:
    refs: dict[str, AgencyRef] = {}
    for name in names:
        agency = lookup_agency(directory, name)
        key = agency.code if agency is not None else fold(name)
        refs.setdefault(key, AgencyRef(agency.name if agency else name, agency))
    return tuple(refs.values())


def plan_import(extraction: Extraction, directory: AgencyDirectory) -> ImportPlan:
    """Look up every agency of the proposal; a supporting agency that also leads is dropped."""
    tasks: list[PlannedTask] = []
    for task in extraction.tasks:
        lead = _refs(directory, task.lead)
        lead_names = {fold(ref.name) for ref in lead}
        support = tuple(
            ref for ref in _refs(directory, task.support) if fold(ref.name) not in lead_names
        )
        tasks.append(PlannedTask(task, lead, support))
    return ImportPlan(extraction.document, tuple(tasks))


def with_lead(plan: ImportPlan, ordinal: str, lead: tuple[AgencyRef, ...]) -> ImportPlan:
    """The plan with the lead of one task replaced (the operator named it)."""
    tasks = tuple(
        PlannedTask(task.source, lead, tuple(r for r in task.support if r not in lead))
        if task.source.ordinal == ordinal else task
        for task in plan.tasks
    )
    return ImportPlan(plan.document, tasks)


def without_task(plan: ImportPlan, ordinal: str) -> ImportPlan:
    """The plan without one task (the operator skipped it)."""
    return ImportPlan(
        plan.document, tuple(task for task in plan.tasks if task.source.ordinal != ordinal)
    )


async def find_duplicate(repos: Repos, plan: ImportPlan, source_text: str) -> Conclusion | None:
    """The conclusion already saved from this notice, if any."""
    doc = plan.document
    return await repos.conclusions.find_same(doc.number, doc.issued_on, doc.issuer, source_text)


def _deadline_kind(task: ExtractedTask) -> DeadlineKind:
    if task.recurrence is not None:
        return DeadlineKind.RECURRING
    return DeadlineKind.DATE if task.deadline is not None else DeadlineKind.NONE


async def save_plan(
    repos: Repos, plan: ImportPlan, source_text: str, created_by: int | None
) -> tuple[Conclusion, list[Task], list[Agency]]:
    """Save the conclusion, its tasks and any new custom agencies in one transaction.

    Returns the conclusion, its tasks and the agencies that were created. Raises
    ValueError when a task has no lead agency (nothing is saved then).
    """
    if plan.without_lead:
        raise ValueError(f"tasks without a lead agency: {', '.join(plan.without_lead)}")
    created: dict[str, Agency] = {}
    async with repos.db.transaction():
        for name in plan.new_agencies:
            created[fold(name)] = await repos.agencies.add_custom(name, created_by)

        def ids(refs: tuple[AgencyRef, ...]) -> tuple[int, ...]:
            found: list[int] = []
            for ref in refs:
                agency = ref.agency if ref.agency is not None else created[fold(ref.name)]
                assert agency.id is not None, "directory agencies come from the database"
                found.append(agency.id)
            return tuple(dict.fromkeys(found))

        new_tasks = [
            NewTask(
                text=task.source.text,
                lead_ids=ids(task.lead),
                support_ids=ids(task.support),
                ordinal=task.source.ordinal,
                deadline=task.source.deadline,
                deadline_text=task.source.deadline_text,
                deadline_kind=_deadline_kind(task.source),
                recurrence=task.source.recurrence,
            )
            for task in plan.tasks
        ]
        doc = plan.document
        conclusion, tasks = await repos.conclusions.create(
            NewConclusion(
                number=doc.number,
                issuer=doc.issuer,
                signer=doc.signer,
                issued_on=doc.issued_on,
                meeting_on=doc.meeting_on,
                title=doc.title,
                source_text=source_text,
            ),
            new_tasks,
            created_by,
        )
    return conclusion, tasks, list(created.values())


# ------------------------------------------------------------------ /import review


def _agency_ids(names: list[str], directory: AgencyDirectory) -> tuple[list[int], list[str]]:
    """Directory ids of proposed names (after successor links) and the names it lacks."""
    ids: list[int] = []
    unknown: list[str] = []
    for name in names:
        found = directory.lookup(name, bare_field=False)
        current = directory.current(found) if found is not None else None
        if current is None or current.id is None or not current.active:
            unknown.append(name)
        elif current.id not in ids:
            ids.append(current.id)
    return ids, unknown


def proposal_task(task: ExtractedTask, directory: AgencyDirectory, today: date) -> DraftTask:
    """One extracted task as a draft task; names the directory lacks are kept aside.

    A recurring duty is followed from the period running today, not from the one after
    the notice's date: a notice recorded months late would start overdue by months (the
    admin may pick an earlier period in the review).
    """
    lead, unknown_lead = _agency_ids(task.lead, directory)
    support, unknown_support = _agency_ids(task.support, directory)
    deadline = task.deadline
    if task.recurrence is not None:
        kind = DeadlineKind.RECURRING
        with contextlib.suppress(ValueError):
            deadline = Recurrence.from_text(task.recurrence).current_due(today)
    else:
        kind = DeadlineKind.DATE if task.deadline is not None else DeadlineKind.NONE
    return DraftTask(
        text=task.text,
        lead_ids=lead,
        support_ids=[a for a in support if a not in lead],
        deadline=deadline,
        deadline_text=task.deadline_text,
        deadline_kind=kind,
        recurrence=task.recurrence,
        ordinal=task.ordinal,
        unknown=unknown_lead,
        unknown_support=unknown_support,
        lead_source=task.lead_source,
        deadline_source=task.deadline_source,
    )


def draft_from_extraction(
    extraction: Extraction, directory: AgencyDirectory, source_text: str, draft: Draft,
    today: date,
) -> None:
    """Fill a draft waiting for its notice with what the extractor read from it."""
    document = extraction.document
    draft.number = document.number
    draft.issuer = document.issuer
    draft.signer = document.signer
    draft.issued_on = document.issued_on
    draft.meeting_on = document.meeting_on
    draft.title = document.title
    draft.source_text = source_text
    draft.load_proposals([proposal_task(task, directory, today) for task in extraction.tasks],
                         today)
