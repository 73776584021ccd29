"""``run``, ``backup`` and ``agencies``: running the bot and looking after its data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.adapters.files import FileRefused, read_regular_file
from bot.cli.common import EXIT_CONFIG, Subparsers
from bot.core.agencies import DirectoryError
from bot.core.agency_list import AgencyListError, parse_agency_csv
from bot.core.normalize import vi_sort_key
from bot.texts import plain
from bot.usecases.services import Services, settle_collectives
from config.settings import Settings, load_settings
from storage.backup import BackupRefused, backup
from storage.db import DatabaseError
from storage.lock import AlreadyRunning
from storage.repo import ImportRefused


def _configure_logging(settings: Settings) -> None:
    from bot.cli.logs import RedactingFormatter, drop_rejected_token

    handler = logging.StreamHandler()
    secrets = [settings.token] if settings.token else []
    handler.setFormatter(RedactingFormatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s", secrets=secrets
    ))
    handler.addFilter(drop_rejected_token)
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    # One line per HTTP request drowns everything else at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot with long polling until SIGINT/SIGTERM.

    Telegram's library and the handlers are imported here, not at the top: the other
    subcommands (backup, extract, plan…) then start in a third of the time.
    """
    from bot.cli.logs import RedactingFormatter
    from bot.runtime.app import Fatal, serve

    settings = load_settings()
    settings.require_token()
    _configure_logging(settings)
    try:
        return asyncio.run(serve(settings))
    except AlreadyRunning as exc:
        print(plain("cli.already_running", database=exc.database, pid=exc.pid, lock=exc.lock),
              file=sys.stderr)
        return EXIT_CONFIG
    except Fatal as exc:
        print(RedactingFormatter.redact(str(exc), [settings.token or ""]), file=sys.stderr)
        return EXIT_CONFIG
    except (DatabaseError, DirectoryError):
        raise  # one line each, printed by bot.cli.main
    except Exception:  # a bug: its traceback goes through the log, with the token masked
        logging.getLogger(__name__).critical("the bot stopped on an unexpected error",
                                             exc_info=True)
        return 1


def cmd_backup(args: argparse.Namespace) -> int:
    """Online copy of the database with SQLite's backup API."""
    settings = load_settings()
    source = settings.database_path
    try:
        pages = backup(source, Path(args.dest))
    except BackupRefused as exc:
        print(plain(f"cli.backup.{exc.code}", source=source, dest=args.dest,
                    detail=exc.detail), file=sys.stderr)
        return 1
    print(plain("cli.backup_done", source=source, dest=args.dest, pages=pages))
    return 0


MAX_LIST_BYTES = 1_000_000
"""A province's list of units is a few kilobytes; anything this big is the wrong file."""


def cmd_agencies_import(path: Path) -> int:
    """Load a province's list of agencies from CSV (see bot.core.agency_list)."""

    settings = load_settings()
    try:
        # A regular file only (a FIFO or /dev/zero would hang or never end), bounded.
        text = read_regular_file(path, MAX_LIST_BYTES).decode("utf-8-sig")
    except FileRefused as exc:
        if exc.code == "too_large":
            print(plain("cli.import_too_big", path=path, limit=MAX_LIST_BYTES), file=sys.stderr)
            return 2
        print(plain(f"cli.file.{exc.code}", path=path, detail=exc.detail),
              file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(plain("cli.import_unreadable", path=path, reason=plain("cli.import_not_utf8")),
              file=sys.stderr)
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
            agencies = sorted(directory.agencies,
                              key=lambda a: (not a.active, a.kind, vi_sort_key(a.name)))
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
