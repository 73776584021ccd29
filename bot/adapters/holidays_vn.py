"""Vietnam's official days off, from the ``holidays`` package, made into a working calendar.

The package computes Tết and Giỗ Tổ Hùng Vương by the Vietnamese lunar calendar, adds
30/4, 1/5, 2/9 with its adjacent day, 24/11 (Ngày Văn hóa Việt Nam, from 2026), the
days off in lieu of holidays falling on a weekend (Tết's by the rule for public
servants: a Saturday moves to the Friday before, a Sunday to the Monday after), and the
swaps the government announced (``weekend_workdays``: the Saturdays worked in exchange).
Swaps announced after the package's release are not in it: the HOLIDAYS and WORKDAYS
settings add them (README "Working calendar").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays

from bot.core.workdays import Calendar, combine
from bot.texts import plain

YEARS_BEFORE = 2
YEARS_AFTER = 5
"""The span computed at start-up around the current year: nudges look at most weeks
ahead, exports and dry runs a few years back."""


@lru_cache(maxsize=8)
def _official(years: tuple[int, ...]) -> tuple[tuple[tuple[date, str], ...], frozenset[date]]:
    """(day, Vietnamese name) of every official holiday and the make-up working days.

    Cached: tests and the CLI open the services many times in one process, and the
    lunar computation for a span of years takes a noticeable fraction of a second.
    """
    vietnam = holidays.country_holidays("VN", years=years, language="vi")
    days = tuple(sorted((day, str(name)) for day, name in vietnam.items()))
    wanted = set(years)
    workdays = frozenset(day for day in vietnam.weekend_workdays if day.year in wanted)
    return days, workdays


def official_years(today: date) -> range:
    """The years computed at start-up."""
    return range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1)


def vietnam_calendar(
    years: Iterable[int], extra_holidays: Iterable[date] = (),
    extra_workdays: Iterable[date] = (),
) -> Calendar:
    """The official calendar of ``years`` with the province's HOLIDAYS and WORKDAYS."""
    days, workdays = _official(tuple(sorted(set(years))))
    return combine(dict(days), workdays, extra_holidays, extra_workdays,
                   plain("cli.calendar.extra_holiday"))
