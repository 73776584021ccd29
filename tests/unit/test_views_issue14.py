"""Rendering what officials read: lines of lists and summaries (issue #14)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from bot.adapters.agency_file import load_directory_file
from bot.core.agencies import AgencyDirectory
from bot.core.models import DeadlineKind, Task, TaskStatus
from bot.texts import plain
from bot.views.render import render_task_line
from bot.views.summary import compose_agency_summary, render_agency_summary

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = AgencyDirectory(load_directory_file(ROOT / "config" / "agencies.example.toml"))
AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _task(task_id: int, deadline: date | None, status: TaskStatus = TaskStatus.OPEN,
          completed_on: date | None = None) -> Task:
    return Task(
        id=task_id, conclusion_id=1, ordinal=str(task_id), position=task_id,
        text=f"Việc {task_id}", deadline=deadline, deadline_text=None,
        deadline_kind=DeadlineKind.DATE if deadline else DeadlineKind.NONE, recurrence=None,
        status=status, completed_on=completed_on, created_at=AT, updated_at=AT,
    )


def test_a_finished_task_shows_when_it_was_done_not_a_countdown() -> None:
    today = date(2026, 12, 7)
    done = _task(5, date(2027, 1, 31), TaskStatus.DONE, completed_on=date(2026, 12, 2))
    line = render_task_line(done, DIRECTORY, today, "vi")
    assert "còn" not in line and "55 ngày" not in line
    assert "31/01/2027" in line and "02/12/2026" in line
    summary = compose_agency_summary(1, "Sở Y tế", [done], today)
    assert summary.completed == [done]
    text = render_agency_summary(summary, DIRECTORY, "07/12–13/12/2026", "vi")
    assert "còn 55 ngày" not in text and "hoàn thành 02/12/2026" in text
    open_line = render_task_line(_task(6, date(2027, 1, 31)), DIRECTORY, today, "vi")
    assert plain("due.days_left", days=55) in open_line


def test_last_weeks_list_names_its_week_as_the_heading_does() -> None:
    """One way of writing a week in one message ("07/12–13/12/2026"), not two."""
    today = date(2026, 12, 14)
    done = _task(5, date(2027, 1, 31), TaskStatus.DONE, completed_on=date(2026, 12, 9))
    summary = compose_agency_summary(1, "Sở Y tế", [done], today)
    text = render_agency_summary(summary, DIRECTORY, "14/12–20/12/2026", "vi")
    assert "Hoàn thành tuần trước (07/12–13/12/2026)" in text
    assert "07/12/2026–13/12/2026" not in text


def test_a_line_waiting_for_confirmation_says_so_beside_its_clock() -> None:
    """"🕓 #5" alone was never explained in a list or a weekly summary."""
    waiting = _task(5, date(2026, 12, 31), TaskStatus.REPORTED_DONE)
    line = render_task_line(waiting, DIRECTORY, date(2026, 12, 7), "vi")
    assert line.startswith("🕓 <b>#5</b>") and "đã báo hoàn thành, chờ xác nhận" in line
