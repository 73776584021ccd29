"""The card's units and /chuabaocao's arguments: pure rules and rendering."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.agencies import Agency, AgencyDirectory
from bot.core.assignments import UnitProgress, closed_by_office, progress
from bot.core.models import (
    Assignment,
    DeadlineKind,
    EventKind,
    Task,
    TaskEvent,
    TaskStatus,
)
from bot.core.unit_card import UnitState, unit_lines, waiting_decisions
from bot.core.unreported_args import UnreportedArgs, parse_unreported_args
from bot.views.units import render_units_page

AT = datetime(2024, 9, 23, 1, 0, tzinfo=UTC)
TODAY = date(2024, 9, 23)
DUE = date(2024, 9, 20)
A, B, C = 11, 12, 13


def _task(status: TaskStatus = TaskStatus.OPEN, units: tuple[int, ...] = (A, B, C)) -> Task:
    return Task(id=7, conclusion_id=1, ordinal="", position=0, text="Rà soát hộ nghèo",
                deadline=DUE, deadline_text=None, deadline_kind=DeadlineKind.DATE,
                recurrence=None, status=status, completed_on=None, created_at=AT,
                updated_at=AT, lead_ids=(99,), unit_ids=units)


def _unit(agency: int, status: TaskStatus = TaskStatus.OPEN, deadline: date = DUE
          ) -> Assignment:
    return Assignment(7, agency, 99, status, deadline, None)


def _event(event_id: int, kind: EventKind, agency: int | None, **data: object) -> TaskEvent:
    return TaskEvent(event_id, 7, kind, 5, AT + timedelta(minutes=event_id), None,
                     dict(data), agency)


def test_each_waiting_unit_has_its_decision_oldest_first() -> None:
    units = [_unit(A, TaskStatus.REPORTED_DONE), _unit(B), _unit(C, TaskStatus.DONE)]
    events = [
        _event(1, EventKind.DONE_REPORTED, A),
        _event(2, EventKind.EXTENSION_REQUESTED, B),
        _event(3, EventKind.DONE_RETURNED, A),
        _event(4, EventKind.DONE_REPORTED, A),  # reported again: the one to decide
        _event(5, EventKind.EXTENSION_REQUESTED, C),  # C is done: nothing to decide
        _event(6, EventKind.EXTENSION_REQUESTED, A),
        _event(7, EventKind.EXTENSION_REJECTED, A, request=6),
    ]
    found = waiting_decisions(_task(), units, events)
    assert [(d.agency_id, d.event.id, d.is_report) for d in found] == [
        (B, 2, False), (A, 4, True)]
    assert waiting_decisions(_task(TaskStatus.CANCELLED), units, events) == []


def test_a_tasks_only_unit_decides_entries_written_before_units() -> None:
    events = [_event(1, EventKind.DONE_REPORTED, None)]
    only = waiting_decisions(_task(TaskStatus.REPORTED_DONE, (A,)),
                             [_unit(A, TaskStatus.REPORTED_DONE)], events)
    assert [(d.agency_id, d.event.id) for d in only] == [(A, 1)]
    # Among several units, an entry of no unit is nobody's to decide now.
    several = waiting_decisions(_task(), [_unit(A, TaskStatus.REPORTED_DONE), _unit(B)], events)
    assert several == []


def test_unit_lines_say_where_each_stands() -> None:
    units = [_unit(A, TaskStatus.REPORTED_DONE), _unit(B), _unit(C, deadline=date(2024, 10, 15))]
    lines = unit_lines(_task(), units, {B: AT}, TODAY, {B: date(2024, 9, 23)})
    assert [(ln.state, ln.reported_on, ln.extended_to, ln.overdue_days) for ln in lines] == [
        (UnitState.AWAITING, None, None, 0),  # waiting for the office is not chased as late
        (UnitState.REPORTED, date(2024, 9, 23), None, 3),
        (UnitState.NOT_REPORTED, None, date(2024, 10, 15), 0),
    ]
    # A recurring task's later period is no extension.
    recurring = replace(_task(), deadline_kind=DeadlineKind.RECURRING)
    assert unit_lines(recurring, units[2:], {}, TODAY)[0].extended_to is None


def test_the_page_escapes_names_and_says_each_state() -> None:
    directory = AgencyDirectory([
        Agency("a", "UBND xã <A> & B", id=A), Agency("b", "UBND phường B", id=B),
        Agency("c", "UBND xã C", id=C)])
    units = [_unit(A, TaskStatus.REPORTED_DONE), _unit(B), _unit(C, deadline=date(2024, 10, 15))]
    lines = unit_lines(_task(), units, {B: AT}, TODAY, {B: date(2024, 9, 23)})
    text = render_units_page(_task(), lines, 3, 3, 0, 2, directory, "vi")
    assert text.split("\n")[3:] == [
        "• UBND xã &lt;A&gt; &amp; B — đã báo hoàn thành, chờ xác nhận",
        "• UBND phường B — đã báo cáo tiến độ 23/09 · quá hạn 3 ngày",
        "• UBND xã C — chưa báo cáo · đã gia hạn đến 15/10/2024",
        "",
        "Trang 1/2",
    ]
    english = render_units_page(_task(), lines, 3, 3, 0, 1, directory, "en")
    assert "• UBND phường B — progress reported 23/09 · 3 days overdue" in english
    assert "Page" not in english


@pytest.mark.parametrize(("typed", "expected"), [
    ("", UnreportedArgs()),
    ("nhiệm vụ 12", UnreportedArgs(task_id=12)),
    ("Nhiệm vụ số 12", UnreportedArgs(task_id=12)),
    ("nv #7", UnreportedArgs(task_id=7)),
    ("#5", UnreportedArgs(task_id=5)),
    ("12", UnreportedArgs(task_id=12)),
    ("task 3", UnreportedArgs(task_id=3)),
    ("Sở Y tế", UnreportedArgs(agency="Sở Y tế")),
    ("UBND xã Quảng La", UnreportedArgs(agency="UBND xã Quảng La")),
    ("Sở Nội vụ 2", UnreportedArgs(agency="Sở Nội vụ 2")),
    ("nvx", UnreportedArgs(agency="nvx")),
    ("nhiệm vụ", None),
    ("nhiệm vụ 0", None),
    ("١٢", None),  # digits of another script: meant as a number, not one we read
    ("99999999999999999999999", None),
])
def test_chuabaocao_arguments(typed: str, expected: UnreportedArgs | None) -> None:
    assert parse_unreported_args(typed.split()) == expected


def test_units_the_office_closed_are_counted_apart_until_the_task_is_reopened() -> None:
    units = [_unit(A, TaskStatus.DONE), _unit(B, TaskStatus.DONE), _unit(C, TaskStatus.DONE)]
    closing = [_event(1, EventKind.DONE_CONFIRMED, A),
               _event(2, EventKind.CLOSED, None, units=[B, C])]
    assert closed_by_office(closing) == {B, C}
    counted = progress(units, closed_by_office(closing))
    assert counted == UnitProgress(1, 3, 2) and counted.left == 0
    # Reopened, then done unit by unit: the old closing no longer says anything.
    reopened = [*closing, _event(3, EventKind.REOPENED, None)]
    assert closed_by_office(reopened) == frozenset()
    assert progress(units, closed_by_office(reopened)) == UnitProgress(3, 3, 0)
    # Closed again later: the latest closing counts.
    again = [*reopened, _event(4, EventKind.CLOSED, None, units=[C])]
    assert closed_by_office(again) == {C}
    assert progress([_unit(A), _unit(B)]) == UnitProgress(0, 2, 0)
