"""The tasks' revision (migration 0009) and what is kept per revision."""

from __future__ import annotations

from datetime import date

from bot.core.models import DeadlineKind, NewConclusion, NewTask, TaskStatus
from bot.core.revision_cache import RevisionCache
from bot.usecases.services import Services


def test_cache_keeps_values_of_one_revision_only() -> None:
    cache: RevisionCache[str] = RevisionCache(size=2)
    assert cache.get(1, "a") is None
    cache.put(1, "a", "A1")
    cache.put(1, "b", "B1")
    assert cache.get(1, "a") == "A1" and cache.get(2, "a") is None
    cache.put(1, "c", "C1")  # "b" was used least recently ("a" was just read)
    assert cache.get(1, "b") is None and cache.get(1, "a") == "A1"
    cache.put(2, "a", "A2")  # another revision: nothing of revision 1 survives
    assert cache.get(2, "a") == "A2" and cache.get(2, "c") is None and cache.get(1, "a") is None


async def test_revision_moves_with_every_change_to_tasks_and_their_agencies(
    services: Services,
) -> None:
    repos = services.repos
    ids = [a.id for a in services.directory.agencies if a.id is not None][:2]
    seen = [await repos.tasks.revision()]

    async def moved() -> bool:
        seen.append(await repos.tasks.revision())
        return seen[-1] > seen[-2]

    _, (task,) = await repos.conclusions.create(
        NewConclusion(number="1/TB", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text="Việc", lead_ids=(ids[0],), deadline=date(2024, 9, 30),
                 deadline_kind=DeadlineKind.DATE)],
        created_by=1001,
    )
    assert await moved()
    await repos.tasks.set_status(task.id, TaskStatus.DONE, 1001, completed_on=date(2024, 9, 9))
    assert await moved()
    await repos.tasks.set_deadline(task.id, date(2024, 10, 1), "1/10/2024", DeadlineKind.DATE,
                                   None, actor_id=1001)
    assert await moved()
    await repos.users.seen(9, "Không liên quan", None)  # not a task: the counts still hold
    assert not await moved()


async def test_class_counts_are_kept_until_a_task_changes(services: Services) -> None:
    repos = services.repos
    lead = next(a.id for a in services.directory.agencies if a.id is not None)
    today = date(2024, 9, 23)
    _, (task,) = await repos.conclusions.create(
        NewConclusion(number="2/TB", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text="Việc", lead_ids=(lead,), deadline=date(2024, 9, 30),
                 deadline_kind=DeadlineKind.DATE)],
        created_by=1001,
    )
    counts = await services.class_counts(today)
    assert counts[lead].in_progress == 1 and (await services.class_totals(today)).in_progress == 1
    assert await services.class_counts(today) is counts  # kept
    assert (await services.class_counts(date(2024, 10, 1)))[lead].overdue == 1  # another day
    await repos.tasks.set_status(task.id, TaskStatus.DONE, 1001, completed_on=today)
    after = await services.class_counts(today)
    assert after[lead].done_on_time == 1 and after[lead].in_progress == 0
    assert (await services.class_totals(today)).done_on_time == 1
    assert (await services.class_counts(today, [lead]))[lead].done_on_time == 1


async def test_a_member_count_starts_the_province_count_on_a_reader(services: Services) -> None:
    """Later questions are answered from the province's counts, identical to direct ones."""
    repos = services.repos
    ids = [a.id for a in services.directory.agencies if a.id is not None][:4]
    today = date(2024, 9, 23)
    _, tasks = await repos.conclusions.create(
        NewConclusion(number="3/TB", issued_on=date(2024, 9, 5), title="Kết luận"),
        [NewTask(text=f"Việc {i}", lead_ids=(ids[i % 3],), support_ids=(ids[3],),
                 deadline=date(2024, 9, 20 + i), deadline_kind=DeadlineKind.DATE)
         for i in range(7)],
        created_by=1001,
    )
    await repos.tasks.set_status(tasks[0].id, TaskStatus.DONE, 1001, completed_on=today)
    first = await services.class_counts(today, [ids[1]])
    assert services._counting is not None
    await services._counting  # the province, counted on the reader connection
    revision = await repos.tasks.revision()
    assert services._counts.get(revision, (today, None)) == await repos.tasks.class_counts(today)
    assert services._totals.get(revision, today) == await repos.tasks.class_totals(today)
    for scope in ([ids[0]], [ids[1]], [ids[2], ids[0]], [ids[3]], ids):
        assert await services.class_counts(today, scope) == await repos.tasks.class_counts(
            today, agency_ids=scope
        )
    assert await services.class_counts(today, [ids[1]]) == first
