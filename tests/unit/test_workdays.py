"""The working calendar: the official days off by default, HOLIDAYS and WORKDAYS on top.

Issue #14: nudges were planned on 01/01/2027 because HOLIDAYS was empty by default. The
official list comes from the ``holidays`` package; its 2026 dates are checked against what
the government announced (Tết Bính Ngọ: 14/02–22/02/2026, the weekdays 16–20/02 off), its
2027 dates against the Labour Code's rules (the 2027 Tết schedule was not announced yet).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from bot.adapters.holidays_vn import vietnam_calendar
from bot.core.models import Task
from bot.core.nudges import NudgePolicy, due_summary, nudge_days
from bot.core.workdays import Calendar, combine
from config.settings import SettingsError, load_settings
from tests.support.reminder_data import HANOI, local
from tests.unit.test_nudges import task


def d(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def days(first: str, last: str) -> set[date]:
    start, end = d(first), d(last)
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def task_due(deadline: date) -> Task:
    return replace(task(1, deadline), created_at=local(date(2025, 12, 1)))


# ----------------------------------------------------------------------------- the rules


def test_make_up_saturday_is_worked_and_swapped_weekday_is_not() -> None:
    calendar = Calendar(frozenset({d("01/01/2026"), d("02/01/2026")}),
                        frozenset({d("10/01/2026")}))
    assert not calendar.is_working_day(d("02/01/2026"))  # Friday swapped for a day off
    assert calendar.is_working_day(d("10/01/2026"))  # the Saturday worked in exchange
    assert not calendar.is_working_day(d("03/01/2026"))  # other weekends stay off
    assert calendar.on_or_after(d("09/01/2026") + timedelta(days=1)) == d("10/01/2026")
    assert calendar.on_or_before(d("04/01/2026")) == d("31/12/2025")


def test_the_provinces_word_wins_over_the_official_data() -> None:
    official = {d("31/08/2026"): "Ngày nghỉ", d("01/09/2026"): "Quốc khánh"}
    calendar = combine(official, {d("22/08/2026")}, extra_holidays={d("22/08/2026"),
                       d("03/09/2026")}, extra_workdays={d("31/08/2026")}, extra_name="Thêm")
    assert calendar.is_working_day(d("31/08/2026"))  # WORKDAYS over an official day off
    assert not calendar.is_working_day(d("22/08/2026"))  # HOLIDAYS over a make-up day
    assert calendar.days_off(2026) == [(d("22/08/2026"), "Thêm"), (d("01/09/2026"),
                                       "Quốc khánh"), (d("03/09/2026"), "Thêm")]
    assert calendar.make_up_days(2026) == [d("31/08/2026")]


# ----------------------------------------------------------------------------- official data


def test_official_2026_matches_the_announced_schedule() -> None:
    calendar = vietnam_calendar([2026])
    off = {day for day in days("01/01/2026", "31/12/2026") if not calendar.is_working_day(day)
           and day.weekday() < 5}
    assert days("16/02/2026", "20/02/2026") <= off  # Tết: 14/02–22/02 with the weekends
    assert {d("01/01/2026"), d("27/04/2026"), d("30/04/2026"), d("01/05/2026"),
            d("01/09/2026"), d("02/09/2026")} <= off  # 27/04: Giỗ Tổ (Sunday 26/04) in lieu
    assert calendar.is_working_day(d("22/08/2026"))  # the Saturday worked for Monday 31/08
    assert d("31/08/2026") in off


def test_official_2027_days_off() -> None:
    calendar = vietnam_calendar([2027])
    off = {day for day in days("01/01/2027", "31/12/2027") if not calendar.is_working_day(day)
           and day.weekday() < 5}
    assert off == {
        d("01/01/2027"),  # Tết Dương lịch (Friday)
        *days("04/02/2027", "05/02/2027"), *days("08/02/2027", "10/02/2027"),  # Tết Đinh Mùi
        d("16/04/2027"),  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
        d("30/04/2027"), d("03/05/2027"),  # 1/5 is a Saturday: the Monday after
        d("02/09/2027"), d("03/09/2027"),  # Quốc khánh and the day after (a Thursday)
        d("24/11/2027"),  # Ngày Văn hóa Việt Nam
    }
    names = dict(calendar.days_off(2027))
    assert names[d("01/01/2027")] == "Tết Dương lịch"
    assert names[d("06/02/2027")] == "Tết Nguyên Đán"


# ----------------------------------------------------------------------------- the policy


def test_no_nudge_on_new_years_day_2027_by_default() -> None:
    """The issue's case: a task due Monday 04/01/2027, nudged 3 days before."""
    settings = load_settings()  # no HOLIDAYS
    calendar = vietnam_calendar([2026, 2027], settings.holidays, settings.workdays)
    policy = NudgePolicy(offsets=(3, 0), calendar=calendar)
    planned = nudge_days(task_due(d("04/01/2027")), policy, until=d("04/01/2027"))
    assert d("01/01/2027") not in planned
    assert planned == [d("31/12/2026"), d("04/01/2027")]


def test_tet_2027_moves_nudges_and_the_weekly_summary() -> None:
    calendar = vietnam_calendar([2027])
    policy = NudgePolicy(offsets=(1,), overdue_every=3, calendar=calendar,
                         summary_weekday=1, summary_hour=time(8, 0))
    # Due Thursday 11/02/2027: the day before is Mùng năm Tết, so the nudge comes on
    # Wednesday 03/02; overdue from 14/02 (Sunday) → Monday 15/02.
    planned = nudge_days(task_due(d("11/02/2027")), policy, until=d("16/02/2027"))
    assert planned == [d("03/02/2027"), d("15/02/2027")]
    # Monday 08/02/2027 is Mùng ba Tết: that week's summary goes out on Thursday 11/02.
    start, end = local(d("08/02/2027"), 0), local(d("11/02/2027"), 9)
    assert due_summary(policy, start, end, HANOI) == d("08/02/2027")
    assert due_summary(policy, start, local(d("11/02/2027"), 7), HANOI) is None


def test_a_make_up_saturday_gets_its_nudges() -> None:
    calendar = vietnam_calendar([2026], extra_holidays={d("02/01/2026")},
                                extra_workdays={d("10/01/2026")})
    policy = NudgePolicy(offsets=(0,), calendar=calendar)
    assert nudge_days(task_due(d("10/01/2026")), policy, until=d("10/01/2026")) == [
        d("10/01/2026")]
    assert nudge_days(task_due(d("02/01/2026")), policy, until=d("02/01/2026")) == [
        d("31/12/2025")]


# ----------------------------------------------------------------------------- settings


def test_workdays_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLIDAYS", "02/01/2026")
    monkeypatch.setenv("WORKDAYS", "10/01/2026; 22/08/2026")
    settings = load_settings()
    assert settings.workdays == {d("10/01/2026"), d("22/08/2026")}
    assert settings.holidays == {d("02/01/2026")}


@pytest.mark.parametrize(("name", "value", "said"), [
    ("WORKDAYS", "12/01/2027", "12/01/2027 là thứ Ba"),
    ("WORKDAYS", "10/1/26x", '"10/1/26x" không phải ngày'),
    ("WORKDAYS", "02/01/1999", "02/01/1999 nằm ngoài"),
    ("HOLIDAYS", ",".join(f"{n % 28 + 1:02d}/{n // 28 + 1:02d}/2027" for n in range(101)),
     "có 101 ngày"),
    ("HOLIDAYS", "31/02/2027", '"31/02/2027" không phải ngày'),
])
def test_bad_dates_are_one_line_naming_the_entry(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.setting == name
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_day_both_off_and_worked_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLIDAYS", "10/01/2026")
    monkeypatch.setenv("WORKDAYS", "10/01/2026")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.setting == "WORKDAYS" and "có cả trong HOLIDAYS" in str(caught.value)
