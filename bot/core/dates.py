"""Dates as Vietnamese documents write them: dd/mm/yyyy, in the province's timezone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def fmt_date(day: date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates ("" for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def fmt_datetime(moment: datetime, tz: ZoneInfo) -> str:
    """dd/mm/yyyy HH:MM in the province's timezone."""
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M")
