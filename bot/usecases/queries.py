"""What people ask to see: a task's card, lists of tasks, counts. Reads only."""

from __future__ import annotations

from datetime import timedelta

from bot.core.access import Access
from bot.core.models import TaskCard, TaskPage
from bot.usecases.services import Services
from bot.views.tasklists import PAGE_SIZE, ListKind, ListView


async def task_card(services: Services, task_id: int) -> TaskCard | None:
    """Everything a task's card shows (one read)."""
    return await services.repos.tasks.card(task_id)


async def task_list(services: Services, access: Access, view: ListView) -> TaskPage:
    """One page of a list for this person: the province for admins, else their agencies."""
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


async def languages(services: Services, user_ids: list[int]) -> dict[int, str]:
    """The language each person chose (absent: never met, the default applies)."""
    return await services.repos.users.languages(user_ids)
