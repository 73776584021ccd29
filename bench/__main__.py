"""``python -m bench [--quick] [--json]``: build a synthetic province and measure the bot.

Logs go to stderr; stdout carries either the table (targets met/missed) or, with
``--json``, exactly one JSON object.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.report import render_table
from bench.run import Options, main_async


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Scale and speed proving ground for nhacviec (synthetic province, "
        "real bot, Bot API emulator on loopback).",
    )
    parser.add_argument("--quick", action="store_true",
                        help="a tenth of the full size (10,000 tasks, 300 fan-out messages)")
    parser.add_argument("--size", type=float, default=None, metavar="FACTOR",
                        help="size factor instead of 1.0 / --quick's 0.1 (e.g. 0.01 for CI)")
    parser.add_argument("--samples", type=int, default=None,
                        help="latency samples per command (default 200, 60 with --quick)")
    parser.add_argument("--seed", type=int, default=Options.seed, help="data set seed")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--profile", type=Path, default=None, metavar="FILE",
                        help="profile the whole run with pyinstrument (dev extra) into FILE"
                        " (.html for the interactive view, anything else for text)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run and print; exit status 0 even when a target is missed (it is a measurement)."""
    args = parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr, level=logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("bench").setLevel(logging.INFO)
    factor = args.size if args.size is not None else (0.1 if args.quick else 1.0)
    samples = args.samples if args.samples is not None else (60 if factor < 1.0 else 200)
    if factor <= 0 or samples < 2:
        print("--size must be > 0 and --samples >= 2", file=sys.stderr)
        return 2
    options = Options(factor=factor, samples=samples, seed=args.seed)
    if args.profile is None:
        report = main_async(options)
    else:
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="disabled")
        profiler.start()
        try:
            report = main_async(options)
        finally:
            profiler.stop()
            html = args.profile.suffix == ".html"
            args.profile.write_text(
                profiler.output_html() if html else profiler.output_text(show_all=False),
                encoding="utf-8",
            )
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(render_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
