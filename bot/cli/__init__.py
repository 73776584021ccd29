"""Command line: ``python -m bot COMMAND``: run, backup, agencies, extract, import, plan,
summary, export, calendar.

Every subcommand reports configuration problems as one line and exit code 2, so an
operator never has to read a traceback to find a typo in ``.env``. The table below is the
whole list: each module adds its subcommands' parsers, and nothing registers itself by
being imported.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.cli import base, calendar, export, extract, reminders
from bot.cli.common import EXIT_CONFIG, Subparsers
from bot.core.agencies import DirectoryError
from bot.texts import plain
from config.settings import SettingsError
from storage.db import DatabaseError

Handler = Callable[[argparse.Namespace], int]

# Every subcommand, in the order ``--help`` lists them.
COMMANDS: tuple[Callable[[Subparsers], None], ...] = (
    base.register,        # run, backup, agencies
    extract.register,     # extract, import
    reminders.register,   # plan, summary
    export.register,      # export
    calendar.register,    # calendar
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Nhắc việc — bot Telegram theo dõi nhiệm vụ trong thông báo kết luận.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        args = parser.parse_args(["run"])
    if args.command == "agencies" and args.action == "resolve" and not args.name:
        parser.error("agencies resolve cần một tên cơ quan")
    if args.command == "agencies" and args.action == "import" and not args.name:
        parser.error("agencies import cần một tệp CSV, ví dụ: agencies import xa-phuong.csv")
    handler: Handler = args.handler
    try:
        return handler(args)
    except SettingsError as exc:
        print(plain("cli.settings_error", setting=exc.setting, message=exc.message),
              file=sys.stderr)
        return EXIT_CONFIG
    except DirectoryError as exc:
        print(plain("cli.directory_error", message=exc), file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseError as exc:
        message = plain(exc.key, **exc.params) if exc.key else str(exc)
        print(plain("cli.database_error", message=message), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
