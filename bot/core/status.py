"""The official status classes used in provincial task reports.

Reports to leaders ("báo cáo kết quả thực hiện nhiệm vụ") count tasks as: done on time,
done late, not yet done but within the deadline, overdue, and no deadline. The class of a
task depends on the day it is judged, so it is computed, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.core.models import Task, TaskStatus


class StatusClass(StrEnum):
    """Official classes, in the order reports list them."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"  # not done, deadline not passed
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


CLASS_ORDER: tuple[StatusClass, ...] = tuple(StatusClass)


def classify(
    status: TaskStatus, deadline: date | None, completed_on: date | None, today: date
) -> StatusClass | None:
    """The official class of a task on ``today``; None for a cancelled task.

    A task reported done but not yet confirmed is still counted as not done: the
    provincial office decides when a task is finished. A finished task without a deadline
    counts as done on time.
    """
    if status is TaskStatus.CANCELLED:
        return None
    if status is TaskStatus.DONE:
        if deadline is None or completed_on is None or completed_on <= deadline:
            return StatusClass.DONE_ON_TIME
        return StatusClass.DONE_LATE
    if deadline is None:
        return StatusClass.NO_DEADLINE
    return StatusClass.OVERDUE if today > deadline else StatusClass.IN_PROGRESS


def classify_task(task: Task, today: date) -> StatusClass | None:
    """:func:`classify` for a stored task, against the date it is judged by: a task of
    several units is judged by its units, each against its own deadline
    (:attr:`~bot.core.models.Task.judged_deadline`)."""
    return classify(task.status, task.judged_deadline, task.completed_on, today)


def units_granted_later(
    status: TaskStatus, deadline: date | None, judged: date | None, completed_on: date | None
) -> str | None:
    """Whether a task of several units is judged against a later date than the notice's
    ``deadline`` because units were granted one, and so what a reader must be told beside
    that deadline: ``"open"`` (the units still owing their part were, the nearest until
    ``judged``), ``"done"`` (done on time by units given until ``judged`` at the latest),
    or None. The card, the office's list rows and the export say it alike."""
    if deadline is None or judged is None or judged <= deadline:
        return None
    if status in (TaskStatus.OPEN, TaskStatus.REPORTED_DONE):
        return "open"
    if status is TaskStatus.DONE and completed_on is not None and completed_on < judged:
        return "done"
    return None


def days_left(deadline: date | None, today: date) -> int | None:
    """Days until the deadline (negative when overdue), None without a deadline."""
    return None if deadline is None else (deadline - today).days


@dataclass
class ClassCounts:
    """Counts of tasks per official class, for one agency or the whole province."""

    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    no_deadline: int = 0

    def add(self, cls: StatusClass | None) -> None:
        """Count one task of this class (cancelled tasks, None, are not counted)."""
        if cls is not None:
            setattr(self, cls.value, getattr(self, cls.value) + 1)

    def get(self, cls: StatusClass) -> int:
        """The count for one class."""
        value: int = getattr(self, cls.value)
        return value

    @property
    def total(self) -> int:
        """All counted tasks."""
        return sum(self.get(cls) for cls in StatusClass)

    @property
    def done(self) -> int:
        """Finished tasks, on time or late."""
        return self.done_on_time + self.done_late
