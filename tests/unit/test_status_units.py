"""A task of several units is judged by its units, each against its own deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from bot.core.assignments import judged_on, unit_view
from bot.core.models import Assignment, DeadlineKind, Task, TaskStatus
from bot.core.status import StatusClass, classify_task
from bot.texts import plain
from bot.views.render import render_task_line
from tests.unit.test_views_issue14 import DIRECTORY

DUE = date(2027, 2, 3)
TODAY = date(2027, 2, 11)
LA, GAI = 1, 2


def _unit(agency: int, status: TaskStatus, deadline: date | None = DUE,
          completed: date | None = None) -> Assignment:
    return Assignment(task_id=7, agency_id=agency, via_id=None, status=status,
                      deadline=deadline, completed_on=completed)


def _task(units: list[Assignment], status: TaskStatus, completed: date | None = None,
          deadline: date | None = DUE) -> Task:
    when = datetime(2027, 1, 25, tzinfo=UTC)
    task = Task(id=7, conclusion_id=1, ordinal="", position=1, text="Việc G", deadline=deadline,
                deadline_text=None, deadline_kind=DeadlineKind.DATE, recurrence=None,
                status=status, completed_on=completed, created_at=when, updated_at=when,
                lead_ids=(LA, GAI), unit_ids=(LA, GAI))
    return replace(task, judged_on=judged_on(units, deadline, status, completed))


def test_every_unit_on_time_by_its_own_deadline_is_on_time() -> None:
    units = [_unit(LA, TaskStatus.DONE, completed=date(2027, 2, 2)),
             _unit(GAI, TaskStatus.DONE, date(2027, 2, 12), date(2027, 2, 11))]
    task = _task(units, TaskStatus.DONE, date(2027, 2, 11))
    assert classify_task(task, TODAY) is StatusClass.DONE_ON_TIME
    assert task.judged_deadline == date(2027, 2, 12)  # the latest unit's deadline


def test_a_unit_done_late_makes_the_task_late_by_its_own_days() -> None:
    units = [_unit(LA, TaskStatus.DONE, completed=date(2027, 2, 5)),  # two days late
             _unit(GAI, TaskStatus.DONE, date(2027, 2, 12), date(2027, 2, 11))]
    task = _task(units, TaskStatus.DONE, date(2027, 2, 11))
    assert classify_task(task, TODAY) is StatusClass.DONE_LATE
    assert task.judged_deadline is not None and task.completed_on is not None
    assert (task.completed_on - task.judged_deadline).days == 2


def test_the_only_open_unit_within_its_extension_is_not_overdue() -> None:
    units = [_unit(LA, TaskStatus.DONE, completed=date(2027, 2, 2)),
             _unit(GAI, TaskStatus.OPEN, date(2027, 2, 19))]
    task = _task(units, TaskStatus.OPEN)
    assert classify_task(task, TODAY) is StatusClass.IN_PROGRESS
    assert task.judged_deadline == date(2027, 2, 19)
    late = [_unit(LA, TaskStatus.OPEN), _unit(GAI, TaskStatus.OPEN, date(2027, 2, 19))]
    assert classify_task(_task(late, TaskStatus.OPEN), TODAY) is StatusClass.OVERDUE


def test_a_task_without_deadline_and_a_single_unit_are_judged_as_before() -> None:
    undated = [_unit(LA, TaskStatus.OPEN, None)]
    assert classify_task(_task(undated, TaskStatus.OPEN, deadline=None),
                         TODAY) is StatusClass.NO_DEADLINE
    for status, completed in ((TaskStatus.OPEN, None), (TaskStatus.REPORTED_DONE, None),
                              (TaskStatus.DONE, date(2027, 2, 1)),
                              (TaskStatus.DONE, date(2027, 2, 9))):
        only = [_unit(LA, status, completed=completed)]
        task = _task(only, status, completed)
        assert task.judged_deadline == DUE
        assert classify_task(task, TODAY) is classify_task(unit_view(task, only[0]), TODAY)


def test_the_offices_row_shows_the_notices_deadline_and_notes_the_later_one() -> None:
    """The office's /tasks row of a directive due 03/02 whose only unit still open was
    granted until 19/02 said "19/02/2027, còn 8 ngày": a date no notice gave the task. It
    says the notice's date and the later one, as the card does; the unit's own row (its
    deadline is 19/02) stays as it was."""
    units = [_unit(LA, TaskStatus.DONE, completed=date(2027, 2, 2)),
             _unit(GAI, TaskStatus.OPEN, date(2027, 2, 19))]
    task = _task(units, TaskStatus.OPEN)
    row = plain("line.units_extended", deadline="03/02/2027", date="19/02/2027",
                left=plain("due.days_left", days=8))
    assert row == ("03/02/2027 (đơn vị chưa hoàn thành được gia hạn, hạn gần nhất 19/02/2027),"
                   " còn 8 ngày")
    assert row in render_task_line(task, DIRECTORY, TODAY, "vi")
    assert ("03/02/2027 (units not done yet were granted more time, the nearest until "
            "19/02/2027), 8 days left") in render_task_line(task, DIRECTORY, TODAY, "en")
    own = render_task_line(unit_view(task, units[1]), DIRECTORY, TODAY, "vi")
    assert "19/02/2027, còn 8 ngày" in own and "03/02/2027" not in own
    # Every unit keeping the notice's date: the row is as before.
    late = [_unit(LA, TaskStatus.OPEN), _unit(GAI, TaskStatus.OPEN, date(2027, 2, 19))]
    assert "03/02/2027, quá hạn 8 ngày" in render_task_line(_task(late, TaskStatus.OPEN),
                                                             DIRECTORY, TODAY, "vi")
