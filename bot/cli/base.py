"""``run``, ``backup`` and ``agencies``: running the bot and looking after its data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.cli.common import Subparsers
from bot.texts import plain
from config.settings import Settings, load_settings


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # One line per HTTP request drowns everything else at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot with long polling until SIGINT/SIGTERM."""
    from bot.runtime.app import build_application, run_polling

    settings = load_settings()
    settings.require_token()
    _configure_logging(settings)
    run_polling(build_application(settings))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Online copy of the database with SQLite's backup API."""
    from storage.backup import backup

    settings = load_settings()
    source = settings.database_path
    if not source.is_file():
        print(plain("cli.backup_missing", source=source), file=sys.stderr)
        return 1
    pages = backup(source, Path(args.dest))
    print(plain("cli.backup_done", source=source, dest=args.dest, pages=pages))
    return 0


MAX_LIST_BYTES = 1_000_000
"""A province's list of units is a few kilobytes; anything this big is the wrong file."""


def cmd_agencies_import(path: Path) -> int:
    """Load a province's list of agencies from CSV (see bot.core.agency_list)."""
    from bot.core.agency_list import AgencyListError, parse_agency_csv
    from bot.usecases.services import Services, settle_collectives
    from storage.repo import ImportRefused

    settings = load_settings()
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            print(plain("cli.import_too_big", path=path, limit=MAX_LIST_BYTES), file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else plain("cli.import_not_utf8")
        print(plain("cli.import_unreadable", path=path, reason=reason), file=sys.stderr)
        return 2
    try:
        agencies = parse_agency_csv(text, path.name)
    except AgencyListError as exc:
        for line in str(exc).splitlines():
            print(plain("cli.import_bad", problem=line), file=sys.stderr)
        return 2

    async def main() -> int:
        services = await Services.open(settings)
        try:
            try:
                report = await services.repos.agencies.import_list(agencies, path.name)
            except ImportRefused as exc:
                for reason, details in exc.problems:
                    print(plain("cli.import_refused", path=path.name,
                                reason=plain(f"cli.import.{reason}", **details)),
                          file=sys.stderr)
                return 2
            await services.reload_directory()
            pairs, expanded = await settle_collectives(services.repos, services.directory)
            print(plain("cli.import_done", path=path.name, added=report.added,
                        updated=report.updated, unchanged=report.unchanged,
                        deactivated=report.deactivated, members=pairs, expanded=expanded))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def cmd_agencies(args: argparse.Namespace) -> int:
    """List the agency directory, resolve a name through it, or import a CSV list."""
    from bot.usecases.services import Services

    if args.action == "import":
        return cmd_agencies_import(Path(" ".join(args.name)))
    settings = load_settings()

    async def main() -> int:
        services = await Services.open(settings)
        try:
            directory = services.directory
            if args.action == "resolve":
                written = " ".join(args.name)
                found = directory.resolve(written)
                if found is None:
                    print(plain("cli.resolve_unknown", written=written))
                    return 1
                former = plain("cli.resolve_former") if found.renamed else ""
                print(plain("cli.resolve_written", written=found.written))
                print(plain("cli.resolve_named", named=found.named.name, former=former))
                print(plain("cli.resolve_current", current=found.current.name))
                return 0
            agencies = sorted(directory.agencies, key=lambda a: (not a.active, a.kind, a.name))
            print(plain("cli.agencies_header", count=len(agencies)))
            for agency in agencies:
                successor = directory.current(agency)
                print(plain(
                    "cli.agency_line",
                    mark="★" if agency.active else " ",
                    name=agency.name,
                    short=(
                        f" ({agency.short_name})"
                        if agency.short_name and agency.short_name != agency.name else ""
                    ),
                    successor=f" → {successor.name}" if successor.code != agency.code else "",
                    code=agency.code,
                ))
            return 0
        finally:
            await services.close()

    return asyncio.run(main())


def register(sub: Subparsers) -> None:
    """Add ``run``, ``backup`` and ``agencies``."""

    run = sub.add_parser("run", help="chạy bot (long polling); mặc định khi không ghi lệnh")
    run.set_defaults(handler=cmd_run)

    backup = sub.add_parser("backup", help="sao lưu trực tuyến cơ sở dữ liệu sang tệp DEST")
    backup.add_argument("dest", metavar="DEST", help="tệp đích, ví dụ backups/nhacviec.sqlite3")
    backup.set_defaults(handler=cmd_backup)

    agencies = sub.add_parser(
        "agencies",
        help="liệt kê danh mục cơ quan, tra một tên, hoặc nhập danh sách xã, phường từ CSV",
    )
    agencies.add_argument("action", nargs="?", choices=["list", "resolve", "import"],
                          default="list")
    agencies.add_argument("name", nargs="*",
                          help="tên cơ quan cần tra (với resolve), tệp CSV (với import)")
    agencies.set_defaults(handler=cmd_agencies)
