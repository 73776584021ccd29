"""``nudge_days`` with ``since`` skips old overdue steps without changing any answer.

The benchmark made the plan start each overdue walk near the window instead of at the
deadline; this checks the shortcut against the full walk, days off and holidays included.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from bot.core.models import DeadlineKind, Task, TaskStatus
from bot.core.nudges import Calendar, NudgePolicy, nudge_days

_CREATED = datetime(2020, 1, 1, tzinfo=UTC)
# A Tết-like run of days off next to weekends, and scattered single holidays.
_TET = frozenset(date(2025, 1, 25) + timedelta(days=i) for i in range(9))
_HOLIDAYS = _TET | {date(2024, 9, 2), date(2025, 4, 30), date(2025, 5, 1)}


def _task(deadline: date) -> Task:
    return Task(
        id=1, conclusion_id=1, ordinal="1", position=1, text="Việc", deadline=deadline,
        deadline_text=None, deadline_kind=DeadlineKind.DATE, recurrence=None,
        status=TaskStatus.OPEN, completed_on=None, created_at=_CREATED, updated_at=_CREATED,
        lead_ids=(1,),
    )


def test_since_only_drops_days_before_it() -> None:
    rng = random.Random(8)
    for every in (1, 2, 3, 7):
        policy = NudgePolicy(overdue_every=every, calendar=Calendar(_HOLIDAYS))
        for _ in range(300):
            deadline = date(2021, 1, 1) + timedelta(days=rng.randint(0, 1600))
            since = date(2024, 6, 1) + timedelta(days=rng.randint(0, 400))
            until = since + timedelta(days=rng.randint(0, 10))
            task = _task(deadline)
            full = [day for day in nudge_days(task, policy, until) if day >= since]
            assert nudge_days(task, policy, until, since) == full, (deadline, since, every)
