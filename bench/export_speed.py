"""``python -m bench.export_speed``: how long /export of a big province takes, and its memory.

Builds the synthetic province of :mod:`bench.province` in a temporary folder (or reuses one
made before with ``--keep``), then runs the real :func:`bot.export.export_report` over a
period in a fresh child process, so the child's peak resident memory is the export's own
and not the generator's. Prints one line per run (or one JSON object with ``--json``).
The default period, 01/09/2023–02/06/2025, covers about 40,000 of the full size's
100,000 tasks: what a leader asks for at a mid-term review.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bench.province import NOW, Scale, build_province

START = date(2023, 9, 1)
END = date(2025, 6, 2)
DB_NAME = "nhacviec.sqlite3"
AGENCIES_NAME = "agencies.toml"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu_seconds() -> float:
    """CPU time of the whole process (all threads): steadier than wall time on a shared box."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _export_once(folder: Path, start: date | None, end: date | None) -> dict[str, Any]:
    """One export of the province into memory, as the bot does it for the chat."""
    from bot.core.clock import ManualClock
    from bot.core.reports import province_scope
    from bot.usecases.export import export_report
    from bot.usecases.services import Services
    from config.settings import load_settings

    settings = load_settings(
        telegram_bot_token="123456:BENCH-placeholder", database_path=folder / DB_NAME,
        admin_ids="1001", agencies_file=folder / AGENCIES_NAME,
    )
    services = await Services.open(settings, ManualClock(NOW))
    try:
        before = _rss_mb()
        buffer = io.BytesIO()
        started, cpu = time.perf_counter(), _cpu_seconds()
        result = await export_report(services, province_scope("vi"), buffer, start=start, end=end)
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    finally:
        await services.close()
    return {
        "rows": result.rows, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
        "bytes": buffer.getbuffer().nbytes,
        "rss_before_mb": round(before, 1), "peak_rss_mb": round(_rss_mb(), 1),
    }


def _child(folder: Path, start: date | None, end: date | None) -> dict[str, Any]:
    """Run the export in a fresh interpreter and read its JSON line."""
    command = [sys.executable, "-m", "bench.export_speed", "--child", str(folder)]
    if start:
        command += ["--from", start.isoformat()]
    if end:
        command += ["--to", end.isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.export_speed", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    parser.add_argument("--size", type=float, default=None, metavar="FACTOR",
                        help="size factor instead of 1.0 / --quick's 0.1")
    parser.add_argument("--seed", type=int, default=20250602,
                        help="data set seed (the benchmark's)")
    parser.add_argument("--runs", type=int, default=3, help="exports to time (default 3)")
    parser.add_argument("--all", action="store_true",
                        help="the whole province instead of the default period")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="build the province in DIR, or reuse the one already there")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=None,
                        help=argparse.SUPPRESS)
    parser.add_argument("--to", dest="end", type=date.fromisoformat, default=None,
                        help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or reuse) the province, then time ``--runs`` exports, each in its own process."""
    args = parse_args(argv)
    if args.child is not None:
        print(json.dumps(asyncio.run(_export_once(args.child, args.start, args.end))))
        return 0
    factor = args.size if args.size is not None else (0.1 if args.quick else 1.0)
    start, end = (None, None) if args.all else (START, END)
    with tempfile.TemporaryDirectory(prefix="nhacviec-export-") as scratch:
        folder = args.keep or Path(scratch)
        built = not (folder / DB_NAME).exists()
        if built:
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            province = asyncio.run(build_province(folder, Scale.of(factor), args.seed))
            print(f"province built in {time.perf_counter() - started:.1f} s: "
                  f"{province.task_count} tasks", file=sys.stderr)
        runs = [_child(folder, start, end) for _ in range(args.runs)]
    seconds = sorted(run["seconds"] for run in runs)
    cpu = sorted(run["cpu_seconds"] for run in runs)
    report = {
        "factor": factor if built else None,  # a reused province: whatever size it had
        "rows": runs[0]["rows"], "bytes": runs[0]["bytes"],
        "seconds_min": seconds[0], "seconds_median": seconds[len(seconds) // 2],
        "cpu_seconds_median": cpu[len(cpu) // 2],
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        "rss_before_mb": max(run["rss_before_mb"] for run in runs),
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(f"export of {report['rows']} tasks ({report['bytes'] / 1e6:.1f} MB xlsx): "
              f"{report['seconds_min']} s best, {report['seconds_median']} s median of "
              f"{len(runs)} (CPU {report['cpu_seconds_median']} s); "
              f"peak RSS {report['peak_rss_mb']} MB "
              f"({report['rss_before_mb']} MB before the export)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
