"""Example dates in prompts come from today: the step that shows them accepts them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.dates import added_days, examples, week_span
from bot.core.deadlines import parse_deadline
from bot.core.pickers import parse_document_date
from bot.texts import plain


def _deadline_examples(today: date, after: date | None = None) -> list[str]:
    ex = examples(today, after)
    return [ex["ex_day"], f"trước ngày {ex['ex_day']}", ex["ex_dm"], f"tháng {ex['ex_month']}",
            f"quý {ex['ex_quarter']}", f"trong năm {ex['ex_year']}",
            f"trong kỳ họp tháng {ex['ex_month']}"]


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31)))
def test_deadline_examples_are_deadlines_the_step_accepts(today: date) -> None:
    for example in _deadline_examples(today):
        due = parse_deadline(example, today).due
        assert due is not None and due > today, example
    ex = examples(today)
    for example in (ex["ex_issued"], ex["ex_meeting"]):
        assert parse_document_date(example, today) <= today


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(min_value=-400, max_value=400))
def test_extension_examples_fall_after_the_current_deadline(today: date, shift: int) -> None:
    deadline = today + timedelta(days=shift)
    for example in _deadline_examples(today, after=deadline)[:3]:
        due = parse_deadline(example, today).due
        assert due is not None and due > max(today, deadline), example


@pytest.mark.parametrize("key", ["pick.deadline_hint", "act.ask.extension_date",
                                 "new.ask.issued_on", "export.usage"])
def test_prompts_show_this_years_examples(key: str) -> None:
    today = date(2027, 3, 15)
    text = plain(key, task="x", deadline="31/03/2027", minutes=60, index=4, total=6,
                 **examples(today, after=date(2027, 3, 31)))
    assert "2024" not in text and "2025" not in text
    assert "2027" in text


@pytest.mark.parametrize(("day", "label"), [
    (date(2026, 12, 9), "07/12–13/12/2026"),
    (date(2026, 12, 7), "07/12–13/12/2026"),
    (date(2026, 12, 13), "07/12–13/12/2026"),
    (date(2026, 1, 1), "29/12/2025–04/01/2026"),
])
def test_a_week_is_named_by_its_days(day: date, label: str) -> None:
    """Offices write "Tổng hợp tuần 07/12–13/12/2026", not an ISO week number."""
    assert week_span(day) == label


def test_plus_days_on_an_extension_run_from_the_deadline_or_today_if_passed() -> None:
    today = date(2026, 12, 4)
    assert added_days("+14", today, date(2026, 12, 31)) == date(2027, 1, 14)
    assert added_days("thêm 30 ngày", today, date(2026, 12, 31)) == date(2027, 1, 30)
    assert added_days(" + 7 ", today, date(2026, 11, 20)) == date(2026, 12, 11)  # overdue
    assert added_days("+14", today, None) == date(2026, 12, 18)
    for other in ("+²", "+1234", "14", "31/12/2026", "+14 tuần", ""):
        assert added_days(other, today, date(2026, 12, 31)) is None
    assert examples(today, after=date(2026, 12, 31))["ex_plus"] == "14/01/2027"
