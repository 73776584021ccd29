"""When the office's digest of progress reports is due: configured times of working days."""

from __future__ import annotations

from datetime import date, time

from bot.adapters.holidays_vn import vietnam_calendar
from bot.usecases.digests import latest_moment
from tests.support.reminder_data import HANOI, local

CALENDAR = vietnam_calendar([2024])
TIMES = (time(11, 0), time(16, 30))


def test_the_latest_moment_of_a_working_day_in_the_window() -> None:
    start, end = local(date(2024, 9, 27), 16), local(date(2024, 9, 30), 17)  # Fri → Mon
    assert latest_moment(CALENDAR, TIMES, HANOI, start, end) == local(date(2024, 9, 30), 16, 30)
    assert latest_moment(CALENDAR, TIMES, HANOI, start, local(date(2024, 9, 30), 12)) == local(
        date(2024, 9, 30), 11)
    assert latest_moment(CALENDAR, TIMES, HANOI, start, local(date(2024, 9, 27), 16, 30)) == \
        local(date(2024, 9, 27), 16, 30)  # the end is included, the start is not
    assert latest_moment(CALENDAR, TIMES, HANOI, local(date(2024, 9, 27), 16, 30),
                         local(date(2024, 9, 27), 17)) is None


def test_days_off_send_nothing() -> None:
    weekend = (local(date(2024, 9, 27), 17), local(date(2024, 9, 29), 23))
    assert latest_moment(CALENDAR, TIMES, HANOI, *weekend) is None
    national_day = (local(date(2024, 9, 1), 0), local(date(2024, 9, 3), 23))  # Mon 2, Tue 3
    assert latest_moment(CALENDAR, TIMES, HANOI, *national_day) is None
    assert latest_moment(CALENDAR, (), HANOI, local(date(2024, 9, 23), 0),
                         local(date(2024, 9, 27), 0)) is None
