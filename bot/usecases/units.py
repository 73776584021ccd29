"""A task's units as the chat shows them: on the card, and the list of those not done.

A task to "UBND các xã, phường" holds one unit per commune. Its card says "12/54 đơn vị đã
hoàn thành"; an official sees the task as their own unit lives it (its state, its
deadline, its history) and acts for it; the office sees what each unit waits for it to
decide. The list of units not done says, page by page, where each one stands. Reads only;
every action is re-checked where it is written (:mod:`bot.usecases.acting`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.access import Access
from bot.core.actions import Refusal
from bot.core.assignments import (
    UnitProgress,
    UnreportedGroup,
    acting_unit,
    closed_by_office,
    progress,
    unit_view,
)
from bot.core.models import Assignment, Task, TaskCard, TaskEvent, TaskStatus
from bot.core.normalize import SortKey, vi_sort_key
from bot.core.unit_card import (
    UnitDecision,
    UnitLine,
    of_unit,
    unit_lines,
    unit_pending_extension,
    waiting_decisions,
)
from bot.texts import Html
from bot.usecases.followup import UnreportedScope, near_days, unreported
from bot.usecases.services import Services
from bot.views.units import render_unreported_chat, unit_name

MAX_DECISIONS = 4
"""Units whose decision buttons the card carries (the office's notices carry each one's)."""
PAGE_SIZE = 15
"""Units per page of the list of units not done."""


@dataclass(frozen=True)
class CardUnits:
    """What a card shows of the task's units to this person.

    ``task`` is the task as this person lives it: an official's own unit's state, deadline
    and completion date (the office sees the task's); ``events`` the history they are shown
    (an official of one commune: their unit's and the task's, not the other communes').
    """

    task: Task
    events: list[TaskEvent]
    units: int
    progress: UnitProgress
    awaiting: int  # units that reported done and wait for the office
    mine: Assignment | None  # the unit this person acts for
    mine_pending: TaskEvent | None  # its undecided extension request
    decisions: list[UnitDecision]  # what the office has to decide, at most MAX_DECISIONS
    more_decisions: int  # and how many more wait

    @property
    def several(self) -> bool:
        """The task holds more than one unit (a collective, or several leads)."""
        return self.units > 1


async def card_units(services: Services, access: Access, card: TaskCard) -> CardUnits:
    """The card's units for someone who may see the task."""
    task = card.task
    units = await services.repos.units.of_task(task.id)
    only = len(units) == 1
    acting = acting_unit(access, task, units) if access.agency_ids else None
    mine = acting if isinstance(acting, Assignment) else None
    shown, events = task, list(card.events)
    if mine is not None and not access.is_admin:
        view = unit_view(task, mine)
        shown = replace(task, status=view.status, deadline=view.deadline,
                        completed_on=view.completed_on, extended_from=view.extended_from,
                        judged_on=view.judged_on)
        if not only:
            events = [e for e in events
                      if e.agency_id is None or e.agency_id in access.agency_ids]
    elif not access.is_admin and not only:
        events = [e for e in events if e.agency_id is None or e.agency_id in access.agency_ids]
    decisions = waiting_decisions(task, units, card.events) if access.is_admin else []
    return CardUnits(
        task=shown, events=events, units=len(units),
        progress=progress(units, closed_by_office(card.events)),
        awaiting=sum(u.status is TaskStatus.REPORTED_DONE for u in units), mine=mine,
        mine_pending=unit_pending_extension(card.events, mine.agency_id, only)
        if mine is not None else None,
        decisions=decisions[:MAX_DECISIONS],
        more_decisions=max(0, len(decisions) - MAX_DECISIONS),
    )


def unit_events(card: CardUnits, agency_id: int) -> list[TaskEvent]:
    """The history entries about one unit (what its own latest report is read from)."""
    return of_unit(card.events, agency_id, card.units == 1)


@dataclass(frozen=True)
class UnitsPage:
    """One page of a task's units not done."""

    task: Task
    lines: list[UnitLine]
    total: int  # units not done
    units: int  # all units
    page: int

    @property
    def pages(self) -> int:
        """Number of pages (at least one)."""
        return max(1, -(-self.total // PAGE_SIZE))


async def units_page(
    services: Services, access: Access, task_id: int, page: int
) -> UnitsPage | Refusal:
    """The units of a task not done yet, a page at a time, for someone who may see it."""
    if not (access.is_admin or access.is_member):
        return Refusal.NO_ACCESS
    repos = services.repos
    task = await repos.tasks.get(task_id)
    if task is None:
        return Refusal.NOT_FOUND
    if not access.may_view(task):
        return Refusal.NO_ACCESS
    # A task has at most a province's units (about a hundred): sorted here as Vietnamese
    # readers sort names ("Đông Mai" among the D, not after "Yên Tử").
    units = await repos.units.of_task(task_id)
    directory = services.directory

    def name_key(unit: Assignment) -> tuple[SortKey, int]:
        agency = directory.by_id(unit.agency_id)
        return vi_sort_key(agency.name if agency is not None else ""), unit.agency_id

    left = sorted((u for u in units if u.status is not TaskStatus.DONE), key=name_key)
    pages = max(1, -(-len(left) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = left[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    last = await repos.assignments.last_progress(task_id, [u.agency_id for u in shown])
    tz = services.settings.tz
    days = {agency: moment.astimezone(tz).date() for agency, moment in last.items()}
    return UnitsPage(task, unit_lines(task, shown, last, services.today(), days), len(left),
                     len(units), page)


async def visible_task(services: Services, access: Access, task_id: int) -> Task | Refusal:
    """A task this person may see (``/chuabaocao nhiệm vụ N``), or why not."""
    task = await services.repos.tasks.get(task_id)
    if task is None:
        return Refusal.NOT_FOUND
    if not access.may_view(task):
        return Refusal.NO_ACCESS
    return task


async def unreported_chat(
    services: Services, access: Access, scope: UnreportedScope
) -> tuple[Html, list[UnreportedGroup]] | Refusal:
    """``/chuabaocao`` as the chat shows it (:func:`bot.usecases.followup.unreported`,
    the first agencies listed, one line per unit when the scope is one task), and every
    group (what "Nhắc ngay" reminds)."""
    groups = await unreported(services, access, scope)
    if isinstance(groups, Refusal):
        return groups
    tz = services.settings.tz
    directory = services.directory
    named = []
    for group in groups:
        agency = directory.by_id(group.agency_id)
        days = [item.last_report.astimezone(tz).date() if item.last_report else None
                for item in group.items]
        named.append((agency.name if agency else f"#{group.agency_id}", group, days))
    own = None
    if not access.is_admin and scope.agency_ids is None and scope.task_id is None:
        own = ", ".join(unit_name(directory, i)
                        for i in directory.in_reading_order(access.agency_ids))
    text = render_unreported_chat(named, services.today(), services.settings.unreported_days,
                                  near_days(services), access.language,
                                  one_task=scope.task_id is not None, own=own)
    return text, groups
