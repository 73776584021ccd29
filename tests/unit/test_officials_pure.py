"""Pure rules of the officials feature: list arguments, paging, extensions, recurrence."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from bot.core.actions import DateProblem, check_proposed_deadline, next_deadline, pending_extension
from bot.core.deadlines import parse_deadline
from bot.core.models import DeadlineKind, EventKind, Task, TaskEvent, TaskStatus
from bot.views.tasklists import (
    MAX_PAGED_QUERY,
    PAGE_SIZE,
    ListKind,
    ListView,
    clamp_page,
    paging_query,
    parse_days,
    unpack_query,
)

NOW = datetime(2024, 9, 23, 1, tzinfo=UTC)
TASK = Task(1, 1, "", 1, "x", date(2024, 9, 30), None, DeadlineKind.DATE, None,
            TaskStatus.OPEN, None, NOW, NOW, (1,), ())


def _event(event_id: int, kind: EventKind, **data: object) -> TaskEvent:
    return TaskEvent(event_id, 1, kind, 5, NOW, None, dict(data))


def test_parse_days() -> None:
    assert parse_days([]) == 7
    assert parse_days(["14"]) == 14
    for bad in (["0"], ["367"], ["mai"], ["-3"], ["7", "8"]):
        assert parse_days(bad) is None, bad


def test_paging_query_round_trip_and_limit() -> None:
    packed = paging_query("Số hóa  hồ sơ!")
    assert packed == "so.hoa.ho.so" and unpack_query(packed) == "so hoa ho so"
    assert paging_query("x" * (MAX_PAGED_QUERY + 1)) is None
    assert paging_query(" ;; ") is None


def test_pages_and_clamping() -> None:
    assert ListView(ListKind.OPEN, 0, 0).pages == 1
    assert ListView(ListKind.OPEN, 0, PAGE_SIZE + 1).pages == 2
    assert clamp_page(5, PAGE_SIZE + 1) == 1 and clamp_page(-1, 3) == 0


def test_pending_extension_is_the_last_undecided_request() -> None:
    first = _event(1, EventKind.EXTENSION_REQUESTED)
    assert pending_extension([first]) == first
    approved = _event(2, EventKind.EXTENSION_APPROVED, request=1)
    assert pending_extension([first, approved]) is None
    second = _event(3, EventKind.EXTENSION_REQUESTED)
    assert pending_extension([first, approved, second]) == second
    assert pending_extension([]) is None


def test_proposed_deadline_must_be_a_later_date() -> None:
    today = date(2024, 9, 23)
    assert check_proposed_deadline(TASK, parse_deadline("31/10", today)) is None
    assert check_proposed_deadline(TASK, parse_deadline("30/9", today)) is DateProblem.NOT_LATER
    assert check_proposed_deadline(TASK, parse_deadline("hằng tháng", today)) \
        is DateProblem.NOT_A_DATE
    assert check_proposed_deadline(TASK, parse_deadline("không", today)) \
        is DateProblem.NOT_A_DATE


def test_next_deadline_follows_the_period_done() -> None:
    monthly = replace(TASK, deadline_kind=DeadlineKind.RECURRING, recurrence="monthly:last")
    assert next_deadline(monthly, date(2024, 10, 5)) == date(2024, 10, 31)  # late, no skip
    assert next_deadline(TASK, date(2024, 9, 23)) is None
    assert next_deadline(replace(monthly, recurrence="garbage"), date(2024, 9, 23)) is None
