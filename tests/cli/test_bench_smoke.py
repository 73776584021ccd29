"""The benchmark runs end to end and reports the agreed shape (never judged on timing here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "latency", "latency_ratio_p95", "plan_ms", "summary_ms", "fanout", "startup_s",
    "peak_rss_mb",
}
FANOUT_KEYS = {"rate_limit", "achieved_per_s", "fraction", "lost", "duplicates",
               "retry_after_seen"}


@pytest.mark.timeout(300)
def test_bench_smallest_size_reports_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "0.01", "--samples", "5", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=280, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)  # exactly one JSON object on stdout, logs elsewhere
    assert set(report) == KEYS
    latency = report["latency"]
    assert set(latency) == {"tasks", "task", "stats", "button", "echo", "stats_chart"}
    for name, figures in latency.items():
        if figures is not None:  # None: the command is not on this branch yet
            assert set(figures) == {"p50", "p95", "p99"}, name
            assert 0 < figures["p50"] <= figures["p95"] <= figures["p99"], name
    assert latency["echo"] is not None and latency["task"] is not None
    fanout = report["fanout"]
    assert set(fanout) >= FANOUT_KEYS
    assert fanout["rate_limit"] == 30
    assert fanout["lost"] == 0
    assert fanout["duplicates"] == 0
    assert report["startup_s"] > 0 and report["peak_rss_mb"] > 0
    assert "INFO bench" in done.stderr
