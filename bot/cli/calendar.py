"""``python -m bot calendar YEAR``: the days off the bot will not nudge on, as it sees them.

An operator checks here, after the government announces a year's holidays, whether the
official calendar (the ``holidays`` package) matches the announcement, and what HOLIDAYS
and WORKDAYS add. Reads the settings only: no token, no database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from bot.adapters.holidays_vn import vietnam_calendar
from bot.cli.common import EXIT_CONFIG, Subparsers
from bot.core.dates import fmt_date
from bot.texts import plain
from config.settings import FIRST_YEAR, LAST_YEAR, load_settings


def _weekday(day: date) -> str:
    return plain(f"weekday.{day.isoweekday()}")


def cmd_calendar(args: argparse.Namespace) -> int:
    """Print the year's days off (name and weekday), then its make-up working days."""
    raw = str(args.year).strip()
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        print(plain("cli.calendar.bad_year", value=raw[:20], first=FIRST_YEAR, last=LAST_YEAR),
              file=sys.stderr)
        return EXIT_CONFIG
    settings = load_settings()
    calendar = vietnam_calendar([year], settings.holidays, settings.workdays)
    days = calendar.days_off(year)
    print(plain("cli.calendar.header", year=year, count=len(days)))
    for day, name in days:
        print(plain("cli.calendar.day", date=fmt_date(day), weekday=_weekday(day), name=name))
    workdays = calendar.make_up_days(year)
    if workdays:
        print(plain("cli.calendar.workdays", count=len(workdays)))
        for day in workdays:
            print(plain("cli.calendar.workday", date=fmt_date(day), weekday=_weekday(day)))
    else:
        print(plain("cli.calendar.no_workdays"))
    try:
        source = version("holidays")
    except PackageNotFoundError:  # pragma: no cover - it is a dependency
        source = "?"
    print(plain("cli.calendar.source", version=source))
    return 0


def register(sub: Subparsers) -> None:
    """Add ``calendar`` to the command line."""
    parser = sub.add_parser(
        "calendar", help="các ngày nghỉ lễ, Tết và ngày làm việc bù của một năm"
    )
    parser.add_argument("year", metavar="NĂM", help="ví dụ 2027")
    parser.set_defaults(handler=cmd_calendar)
