"""Dates as Vietnamese documents write them: dd/mm/yyyy, in the province's timezone."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def fmt_date(day: date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates ("" for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_datetime(moment: datetime, tz: ZoneInfo) -> str:
    """dd/mm/yyyy HH:MM in the province's timezone."""
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M")


_ROMAN_QUARTERS = ("I", "II", "III", "IV")


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _short(day: date) -> str:
    """"30/9/2024", as officials type a date."""
    return f"{day.day}/{day.month}/{day.year}"


def examples(today: date, after: date | None = None) -> dict[str, str]:
    """Example dates for the prompts, made from today: never a fixed date that has passed.

    Deadline examples (``ex_day`` "31/10/2024", ``ex_dm`` "31/10" (with its year when
    that is next year), ``ex_month`` "10/2024",
    ``ex_quarter`` "IV/2024", ``ex_year`` "2024") fall at the end of the month after today —
    or after ``after``, an extension's current deadline — so the step that shows them
    accepts them. Document dates (``ex_issued``, ``ex_meeting``) have passed; ``ex_from`` and
    ``ex_to`` are the current quarter (a report period), ``ex_today`` today (dd/mm/yyyy),
    ``ex_plus`` the date "+14" means on an extension (see :func:`added_days`).
    """
    start = max(today, after or today)
    ahead = _month_end(start.year, start.month + 1)
    plus = added_days("+14", today, after)
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return {
        "ex_day": _short(ahead),
        # "d/m" means this year: past the new year the example needs its year.
        "ex_dm": (f"{ahead.day}/{ahead.month}" if ahead.year == today.year
                  else _short(_month_end(ahead.year, ahead.month + 1))),
        "ex_month": f"{ahead.month}/{ahead.year}",
        "ex_quarter": f"{_ROMAN_QUARTERS[(ahead.month - 1) // 3]}/{ahead.year}",
        "ex_year": str(ahead.year),
        "ex_issued": _short(today),
        "ex_meeting": _short(today - timedelta(days=7)),
        "ex_from": fmt_date(first),
        "ex_to": fmt_date(_month_end(first.year, first.month + 2)),
        "ex_today": fmt_date(today),
        "ex_plus": fmt_date(plus),  # where "+14" leads on an extension
    }


def week_span(day: date) -> str:
    """The week of ``day``, Monday to Sunday, as offices name it: "07/12–13/12/2026"
    ("29/12/2025–04/01/2026" across a new year). Offices do not count ISO weeks."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    start = f"{monday:%d/%m}" if monday.year == sunday.year else fmt_date(monday)
    return f"{start}–{fmt_date(sunday)}"


_PLUS_DAYS = re.compile(r"\s*(?:\+|thêm)\s*([0-9]{1,3})\s*(?:ngày)?\s*\.?\s*", re.IGNORECASE)


def added_days(text: str, today: date, deadline: date | None) -> date | None:
    """"+14" or "thêm 14 ngày" typed on an extension: 14 days past the current deadline, as
    offices mean "gia hạn thêm 14 ngày" (past today when the deadline has passed); None
    when the text is not that shape."""
    found = _PLUS_DAYS.fullmatch(text)
    if found is None:
        return None
    return max(today, deadline or today) + timedelta(days=int(found.group(1)))
