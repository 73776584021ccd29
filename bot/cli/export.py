"""``python -m bot export --out FILE [--agency NAME] [--from D] [--to D]``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import Subparsers
from bot.core.dates import fmt_date
from bot.core.reports import agency_scope, parse_day, period_label, province_scope
from bot.texts import plain
from bot.usecases.export import export_report
from bot.usecases.services import Services
from config.settings import load_settings


def cmd_export(args: argparse.Namespace) -> int:
    """``python -m bot export --out FILE [--agency NAME] [--from D] [--to D]``."""

    settings = load_settings()
    start = _cli_day(args.start, "--from")
    end = _cli_day(args.end, "--to")
    if (start is None and args.start) or (end is None and args.end):
        return 2
    if start and end and start > end:
        print(plain("export.bad_period", start=fmt_date(start), end=fmt_date(end)),
              file=sys.stderr)
        return 2

    async def main() -> int:
        services = await Services.open(settings)
        try:
            if args.agency:
                found = services.directory.resolve(args.agency)
                if found is None:
                    hints = ", ".join(a.name for a in services.directory.search(args.agency, 3))
                    key = "export.unknown_agency_hint" if hints else "export.unknown_agency"
                    print(plain(key, written=args.agency, hints=hints), file=sys.stderr)
                    return 1
                scope = agency_scope(services.directory, [found.current])
            else:
                scope = province_scope("vi")
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            result = await export_report(services, scope, out, start=start, end=end)
            print(plain("export.cli_done", path=out, rows=result.rows, scope=scope.label,
                        period=period_label(start, end, "vi")))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def _cli_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    day = parse_day(text)
    if day is None:
        print(plain("export.cli_bad_date", option=option, text=text), file=sys.stderr)
    return day


def register(sub: Subparsers) -> None:
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export", help="xuất báo cáo nhiệm vụ ra tệp Excel (.xlsx)",
        description=plain("export.cli_description"),
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="tệp .xlsx cần ghi")
    parser.add_argument("--agency", metavar="NAME", help="tên cơ quan (mặc định: toàn tỉnh)")
    parser.add_argument("--from", dest="start", metavar="D", help="từ ngày dd/mm/yyyy")
    parser.add_argument("--to", dest="end", metavar="D", help="đến ngày dd/mm/yyyy")
    parser.set_defaults(handler=cmd_export)

