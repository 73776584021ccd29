"""``python -m bot plan`` and ``python -m bot summary``: dry runs of the reminder job.

They open the database with a clock standing at the chosen moment and print what the job
would enqueue (or a summary exactly as a chat would get it), without sending anything and
without moving the job's "last run" mark.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import re
import sys
from datetime import datetime

from bot.cli.common import Subparsers
from bot.core.clock import ManualClock, SystemClock
from bot.core.dates import fmt_date
from bot.texts import plain
from bot.usecases.reminders import day_start, plan, unreached, weekly_summary_text
from bot.usecases.services import Services
from config.settings import load_settings

_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y")
_TAG = re.compile(r"<[^>]+>")


def html_to_text(text: str) -> str:
    """What a reader sees of a Telegram HTML message: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def parse_moment(value: str, tz: object, default_hour: tuple[int, int]) -> datetime | None:
    """A local date and time as typed by an operator (date alone = the nudge hour)."""
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            parsed = parsed.replace(hour=default_hour[0], minute=default_hour[1])
        return parsed.replace(tzinfo=tz)  # type: ignore[arg-type]
    return None


def cmd_plan(args: argparse.Namespace) -> int:
    """Print what would go out at ``--at`` (nothing is sent or recorded)."""

    settings = load_settings()
    hour = (settings.nudge_hour.hour, settings.nudge_hour.minute)
    at = (parse_moment(args.at, settings.tz, hour) if args.at
          else SystemClock().now().astimezone(settings.tz))
    if at is None:
        print(plain("cli.bad_time", value=args.at), file=sys.stderr)
        return 2

    async def main() -> int:
        services = await Services.open(settings, ManualClock(at))
        try:
            items = await plan(services, day_start(at, services), at)
            if args.json:
                print(json.dumps([
                    {
                        "kind": item.kind,
                        "task_id": item.task_id,
                        "agency": _agency(services, item.agency_id),
                        "chat_id": item.chat_id,
                        "due": item.due.isoformat() if item.due else None,
                    }
                    for item in items
                ], ensure_ascii=False, indent=2))
                return 0
            when = at.strftime("%d/%m/%Y %H:%M")
            nobody = await unreached(services)
            if not items:
                print(plain("cli.plan_none", at=when))
                _print_unreached(nobody)
                return 0
            print(plain("cli.plan_header", at=when, count=len(items)))
            for item in items:
                chat = str(item.chat_id) if item.chat_id is not None else plain("cli.plan_no_chat")
                kind = plain(f"cli.plan_kind.{item.kind}")
                if item.task_id is None:
                    print(plain("cli.plan_summary_line", kind=kind,
                                agency=_agency(services, item.agency_id) or "—", chat=chat))
                else:
                    print(plain("cli.plan_line", kind=kind, task=f"#{item.task_id}",
                                agency=_agency(services, item.agency_id) or "—",
                                due=fmt_date(item.due), chat=chat))
            _print_unreached(nobody)
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def cmd_summary(args: argparse.Namespace) -> int:
    """Print an agency's weekly summary as it would be sent (plain text)."""

    settings = load_settings()
    hour = (settings.summary_hour.hour, settings.summary_hour.minute)
    at = (parse_moment(args.at, settings.tz, hour) if args.at
          else SystemClock().now().astimezone(settings.tz))
    if at is None:
        print(plain("cli.bad_time", value=args.at), file=sys.stderr)
        return 2
    name = " ".join(args.agency)

    async def main() -> int:
        services = await Services.open(settings, ManualClock(at))
        try:
            found = services.directory.resolve(name)
            if found is None or found.current.id is None:
                print(plain("cli.summary_unknown", name=name), file=sys.stderr)
                return 1
            text, _ = await weekly_summary_text(services, found.current.id, services.today())
            print(html_to_text(text) if text else plain(
                "cli.summary_nothing", agency=found.current.name))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def _print_unreached(rows: list[tuple[str, int]]) -> None:
    """The units nobody receives nudges for, with the invitation to send (for the office)."""
    if not rows:
        return
    print()
    print(plain("cli.plan_unreached", count=len(rows)))
    for name, count in rows:
        print(plain("cli.plan_unreached_line", agency=name, count=count))


def _agency(services: object, agency_id: int | None) -> str | None:

    assert isinstance(services, Services)
    if agency_id is None:
        return None
    agency = services.directory.by_id(agency_id)
    return agency.name if agency else f"#{agency_id}"


def register(sub: Subparsers) -> None:
    """Add ``plan`` and ``summary`` to the command line."""
    plan_parser = sub.add_parser(
        "plan", help="xem trước các tin nhắc việc/tổng hợp sẽ gửi vào một thời điểm (không gửi)"
    )
    plan_parser.add_argument("--at", metavar="THỜI_ĐIỂM",
                             help='giờ địa phương, ví dụ "2024-09-27 08:00" (mặc định: bây giờ)')
    plan_parser.add_argument("--json", action="store_true", help="in dạng JSON")
    plan_parser.set_defaults(handler=cmd_plan)
    summary_parser = sub.add_parser(
        "summary", help="in bản tổng hợp tuần của một cơ quan như khi gửi (không gửi)"
    )
    summary_parser.add_argument("--agency", nargs="+", required=True, metavar="TÊN",
                                help='tên cơ quan, ví dụ "Sở Tài chính"')
    summary_parser.add_argument("--at", metavar="THỜI_ĐIỂM", help="tính đến thời điểm này")
    summary_parser.set_defaults(handler=cmd_summary)

