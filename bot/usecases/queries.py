"""What people ask to see: a task's card, lists of tasks, counts. Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from bot.core.access import Access
from bot.core.assignments import UnitProgress, acting_unit, unit_view
from bot.core.models import Assignment, Task, TaskCard, TaskPage
from bot.usecases.services import Services
from bot.views.tasklists import PAGE_SIZE, ListKind, ListView


@dataclass(frozen=True)
class ListPage:
    """One page of a list as this person reads it, and how many tasks the list has.

    A task in which the reader's agency holds a unit comes as that unit lives it (its
    state, its deadline, its completion date); ``progress`` has the units done of the
    other tasks of several units ("12/54"), whose row shows the task's own state.
    """

    tasks: list[Task]
    total: int
    progress: dict[int, UnitProgress] = field(default_factory=dict)


async def task_card(services: Services, task_id: int) -> TaskCard | None:
    """Everything a task's card shows (one read)."""
    return await services.repos.tasks.card(task_id)


async def _page(services: Services, access: Access, view: ListView) -> TaskPage:
    agencies = None if access.is_admin else sorted(access.agency_ids)
    queries = services.repos.queries
    today = services.today()
    offset, limit = view.offset, PAGE_SIZE
    if view.kind is ListKind.OPEN:
        return await queries.open_tasks(agencies, limit, offset)
    if view.kind is ListKind.OVERDUE:
        return await queries.overdue(agencies, today, limit, offset)
    if view.kind is ListKind.UPCOMING:
        return await queries.upcoming(
            agencies, today, today + timedelta(days=view.days), limit, offset)
    if view.kind is ListKind.DONE:
        return await queries.done_since(agencies, today - timedelta(days=view.days), limit, offset)
    return await queries.search(agencies, view.query, limit, offset)


async def task_list(services: Services, access: Access, view: ListView) -> ListPage:
    """One page of a list for this person: the province for admins, else their agencies."""
    page = await _page(services, access, view)
    ids = [task.id for task in page.tasks]
    units: dict[int, list[Assignment]] = {}
    if not access.is_admin and ids:
        for unit in await services.repos.assignments.of_agencies(ids, sorted(access.agency_ids)):
            units.setdefault(unit.task_id, []).append(unit)
    tasks = [_as_reader(access, task, units.get(task.id, [])) for task in page.tasks]
    others = [task.id for task in page.tasks if task.id not in units]
    progress = {task_id: counted for task_id, counted
                in (await services.repos.assignments.progress(others)).items()
                if counted.total > 1} if others else {}
    return ListPage(tasks, page.total, progress)


def _as_reader(access: Access, task: Task, units: list[Assignment]) -> Task:
    """The task as the reader's own unit lives it (the task itself when they hold none)."""
    if not units:
        return task
    unit = acting_unit(access, task, units)
    if not isinstance(unit, Assignment):
        return task
    view = unit_view(task, unit)  # keeps the lead the notice named, for the list's row
    return replace(task, status=view.status, deadline=view.deadline,
                   completed_on=view.completed_on, extended_from=view.extended_from,
                   judged_on=view.judged_on)


async def languages(services: Services, user_ids: list[int]) -> dict[int, str]:
    """The language each person chose (absent: never met, the default applies)."""
    return await services.repos.users.languages(user_ids)
