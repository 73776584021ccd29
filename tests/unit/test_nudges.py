"""The nudge policy as a pure function, over a month of realistic tasks (see reminder_data)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.core.models import DeadlineKind, Task, TaskStatus
from bot.core.nudges import Calendar, NudgeKind, NudgePolicy, due_nudges, due_summary, nudge_days
from tests.support.reminder_data import HANOI, HOLIDAY, local

POLICY = NudgePolicy(calendar=Calendar(frozenset({HOLIDAY})))
CREATED = local(date(2024, 9, 23), 8)


def task(task_id: int, deadline: date | None, status: TaskStatus = TaskStatus.OPEN,
         kind: DeadlineKind = DeadlineKind.DATE) -> Task:
    return Task(
        id=task_id, conclusion_id=1, ordinal=str(task_id), position=task_id, text=f"Việc {task_id}",
        deadline=deadline, deadline_text=None, deadline_kind=kind, recurrence=None,
        status=status, completed_on=None, created_at=CREATED.astimezone(UTC),
        updated_at=CREATED.astimezone(UTC), lead_ids=(1,),
    )


def d(text: str) -> date:
    day, month = text.split("/")
    return date(2024, int(month), int(day))


EXPECTED = {
    # Fri deadline; 7-day nudge (20/09) predates the task; confirmed done 04/10 10:00.
    "fin": ["24/09", "26/09", "27/09", "30/09", "03/10"],
    # Sunday deadline: due-day and 1-day nudges both move to Friday 04/10 (sent once);
    # overdue ones on Saturday 12/10 move to Monday 14/10.
    "build": ["27/09", "03/10", "04/10", "09/10", "14/10", "15/10", "18/10", "21/10"],
    # The 1-day nudge falls on the holiday (Thu 10/10) and moves to Wednesday.
    "plan": ["04/10", "08/10", "09/10", "11/10", "14/10", "17/10", "21/10"],
    # Weekly report: nudged about 27/09 until done on 26/09, then about 04/10.
    "weekly": ["24/09", "26/09", "27/09", "01/10", "03/10", "04/10", "07/10", "11/10", "14/10",
               "16/10", "21/10", "22/10"],
    # Already overdue when entered: every 3 days from the deadline, from the day it exists.
    "late": ["23/09", "25/09", "30/09", "01/10", "04/10", "07/10", "11/10", "14/10", "16/10",
             "21/10", "22/10"],
    "none": [],
    "gone": [],
}


def month_tasks() -> dict[str, Task]:
    return {
        "fin": task(1, d("27/09")),
        "build": task(2, d("06/10")),
        "plan": task(3, d("11/10")),
        "weekly": task(4, d("27/09"), kind=DeadlineKind.RECURRING),
        "none": task(5, None, kind=DeadlineKind.NONE),
        "gone": task(6, d("30/09"), status=TaskStatus.CANCELLED),
        "late": task(7, d("16/09")),
    }


def test_a_month_of_nudges_in_three_hour_steps() -> None:
    """Windows of 3 hours, as a running bot would ask, with changes made mid-way."""
    tasks = month_tasks()
    def roll(t: Task) -> Task:
        return replace(t, deadline=d("04/10"))

    def confirm(t: Task) -> Task:
        return replace(t, status=TaskStatus.DONE, completed_on=d("04/10"))

    changes: dict[datetime, tuple[str, Callable[[Task], Task]]] = {
        local(d("26/09"), 10): ("weekly", roll),
        local(d("04/10"), 10): ("fin", confirm),
    }
    names = {t.id: name for name, t in tasks.items()}
    got: dict[str, list[str]] = {name: [] for name in tasks}
    moment = local(d("23/09"), 7)
    end = local(date(2024, 10, 23), 7)
    while moment < end:
        step = moment + timedelta(hours=3)
        for nudge in due_nudges(tasks.values(), POLICY, moment, step, HANOI):
            got[names[nudge.task_id]].append(nudge.on.strftime("%d/%m"))
            assert nudge.on.weekday() < 5 and nudge.on != HOLIDAY
            assert POLICY.at(nudge.on, HANOI) > moment
        for at, (name, change) in changes.items():
            if moment < at <= step:
                tasks[name] = change(tasks[name])
        moment = step
    assert got == EXPECTED


def test_windows_add_up_to_the_whole() -> None:
    """Asking in slices or at once gives the same nudges: no gap, no double."""
    tasks = [t for name, t in month_tasks().items() if name != "weekly"]
    start, end = local(d("20/09"), 0), local(date(2024, 10, 31), 23)
    whole = due_nudges(tasks, POLICY, start, end, HANOI)
    sliced = []
    moment = start
    while moment < end:
        step = min(end, moment + timedelta(hours=7))
        sliced += due_nudges(tasks, POLICY, moment, step, HANOI)
        moment = step
    assert sliced == whole
    assert len({(n.task_id, n.on) for n in whole}) == len(whole)


def test_kinds_and_days_left() -> None:
    nudges = due_nudges([task(9, d("06/10"))], POLICY, local(d("01/10"), 0),
                        local(d("09/10"), 9), HANOI)
    assert [(n.on.strftime("%d/%m"), n.kind, n.days_left) for n in nudges] == [
        ("03/10", NudgeKind.BEFORE, 3),
        ("04/10", NudgeKind.BEFORE, 2),  # Friday before a Sunday deadline
        ("09/10", NudgeKind.OVERDUE, -3),
    ]
    due = due_nudges([task(9, d("11/10"))], POLICY, local(d("11/10"), 0),
                     local(d("11/10"), 9), HANOI)
    assert [(n.kind, n.days_left) for n in due] == [(NudgeKind.DUE, 0)]


def test_nothing_before_the_hour_or_for_done_reported_or_undated_tasks() -> None:
    open_task = task(1, d("27/09"))
    assert due_nudges([open_task], POLICY, local(d("27/09"), 0), local(d("27/09"), 7, 59),
                      HANOI) == []
    for status in (TaskStatus.REPORTED_DONE, TaskStatus.DONE, TaskStatus.CANCELLED):
        assert nudge_days(replace(open_task, status=status), POLICY, d("31/10")) == []
    assert nudge_days(task(2, None, kind=DeadlineKind.NONE), POLICY, d("31/10")) == []


def test_configurable_offsets_interval_and_hour() -> None:
    policy = NudgePolicy(offsets=(2,), overdue_every=0, hour=time(14, 30))
    nudges = due_nudges([task(1, d("27/09"))], policy, local(d("23/09"), 0),
                        local(date(2024, 11, 30), 0), HANOI)
    assert [(n.on, POLICY.at(n.on, HANOI, policy.hour).hour) for n in nudges] == [
        (d("25/09"), 14)
    ]


def test_weekly_summary_moves_off_a_holiday_and_only_the_latest_missed_is_due() -> None:
    assert due_summary(POLICY, local(d("23/09"), 7), local(d("23/09"), 9), HANOI) == d("23/09")
    assert due_summary(POLICY, local(d("23/09"), 9), local(d("29/09"), 23), HANOI) is None
    # Down for two Mondays: only the latest summary is due.
    assert due_summary(POLICY, local(d("24/09"), 7), local(d("08/10"), 9), HANOI) == d("07/10")
    holiday_monday = NudgePolicy(calendar=Calendar(frozenset({d("30/09")})))
    assert due_summary(holiday_monday, local(d("30/09"), 7), local(d("30/09"), 23), HANOI) is None
    assert due_summary(holiday_monday, local(d("30/09"), 7), local(d("01/10"), 9),
                       HANOI) == d("30/09")


@pytest.mark.parametrize(
    ("day", "before", "after"),
    [("05/10", "04/10", "07/10"), ("10/10", "09/10", "11/10"), ("08/10", "08/10", "08/10")],
)
def test_calendar_moves_days_off(day: str, before: str, after: str) -> None:
    calendar = Calendar(frozenset({HOLIDAY}))
    assert calendar.on_or_before(d(day)) == d(before)
    assert calendar.on_or_after(d(day)) == d(after)


def test_naive_moments_are_not_accepted_silently() -> None:
    with pytest.raises(TypeError):
        due_nudges([task(1, d("27/09"))], POLICY, datetime(2024, 9, 23), local(d("30/09")),
                   HANOI)
