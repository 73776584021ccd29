"""The province's working calendar: which days an office works. Pure.

Vietnamese offices work Monday to Friday. Public holidays (Tết by the lunar calendar, Giỗ
Tổ Hùng Vương, 30/4, 1/5, 2/9 and its adjacent day, the days off in lieu) are days off,
and each year the government may swap a weekday before or after a holiday with a
Saturday: the weekday becomes a day off, the Saturday a working day ("làm bù"). This
module only answers questions about the days it is given; the list itself is computed at
start-up (``bot.adapters.holidays_vn``, plus the HOLIDAYS and WORKDAYS settings) and
passed in, so the rules stay testable without the holidays package or the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """Working days: Monday to Friday, minus ``holidays``, plus the weekend ``workdays``.

    ``names`` gives a holiday its name for people (``python -m bot calendar``); it plays
    no part in the rules.
    """

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    names: Mapping[date, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False)

    def is_working_day(self, day: date) -> bool:
        """A make-up working day, or a weekday that is not a holiday."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def on_or_before(self, day: date) -> date:
        """The working day itself, or the last working day before it."""
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day

    def on_or_after(self, day: date) -> date:
        """The working day itself, or the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def days_off(self, year: int) -> list[tuple[date, str]]:
        """The year's holidays, oldest first, with their names ("" when unnamed).

        Holidays that fall on a weekend are listed too: they are what the days off in
        lieu stand for.
        """
        return [(day, self.names.get(day, "")) for day in sorted(self.holidays)
                if day.year == year]

    def make_up_days(self, year: int) -> list[date]:
        """The year's weekend days that are working days, oldest first."""
        return sorted(day for day in self.workdays if day.year == year)


def combine(
    official: Mapping[date, str], official_workdays: Iterable[date],
    extra_holidays: Iterable[date], extra_workdays: Iterable[date], extra_name: str,
) -> Calendar:
    """The official calendar with the province's additions.

    ``extra_holidays`` (the HOLIDAYS setting) are added as days off named ``extra_name``
    unless the official calendar names them already; ``extra_workdays`` (WORKDAYS) are
    make-up working days the official data does not know yet. The province's word wins
    over the official data either way (a WORKDAYS day is no holiday, a HOLIDAYS day no
    make-up day), so that an announcement the package's data lacks or got wrong can be
    corrected without waiting for a new version of it.
    """
    extra_holidays = frozenset(extra_holidays)
    workdays = (frozenset(official_workdays) - extra_holidays) | frozenset(extra_workdays)
    names = dict(official)
    for day in extra_holidays:
        names.setdefault(day, extra_name)
    for day in extra_workdays:
        names.pop(day, None)
    return Calendar(frozenset(names), workdays, MappingProxyType(names))
