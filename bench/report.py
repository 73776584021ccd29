"""The human-readable table: every figure, and each target marked met or missed."""

from __future__ import annotations

from typing import Any

NOT_AVAILABLE = "not available"

TARGETS: dict[str, str] = {
    "latency_ratio_p95": "≤ 2",
    "plan_ms": "< 200",
    "fanout": "fraction ≥ 0.9, lost = 0, duplicates = 0",
    "peak_rss_mb": "< 200",
}


def verdicts(report: dict[str, Any]) -> dict[str, bool | None]:
    """Target name → met (True), missed (False) or not measured (None)."""
    ratio = report.get("latency_ratio_p95")
    plan = report.get("plan_ms")
    fan = report.get("fanout")
    rss = report.get("peak_rss_mb")
    return {
        "latency_ratio_p95": None if ratio is None else ratio <= 2,
        "plan_ms": None if plan is None else plan < 200,
        "fanout": None if fan is None else (
            fan["fraction"] >= 0.9 and fan["lost"] == 0 and fan["duplicates"] == 0
        ),
        "peak_rss_mb": None if rss is None else rss < 200,
    }


def _mark(value: bool | None) -> str:
    return {True: "met", False: "MISSED", None: NOT_AVAILABLE}[value]


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return NOT_AVAILABLE
    return f"{value}{unit}"


def render_table(report: dict[str, Any]) -> str:
    """Plain-text table for a terminal."""
    lines = ["Latency through the emulator (ms)", f"  {'':<10}{'p50':>10}{'p95':>10}{'p99':>10}"]
    labels = {"tasks": "/tasks", "task": "/task N", "stats": "/stats", "button": "button",
              "echo": "echo", "stats_chart": "chart"}
    for key, label in labels.items():
        figures = report["latency"].get(key)
        if figures is None:
            lines.append(f"  {label:<10}{NOT_AVAILABLE:>30}")
        else:
            lines.append(
                f"  {label:<10}{figures['p50']:>10}{figures['p95']:>10}{figures['p99']:>10}"
            )
    lines.append("  (chart: until /stats' chart arrived, drawn after the answer; not in the ratio)")
    met = verdicts(report)
    fan = report["fanout"]
    rows = [
        ("latency_ratio_p95", _fmt(report["latency_ratio_p95"])),
        ("plan_ms", _fmt(report["plan_ms"], " ms")),
        ("summary_ms", _fmt(report["summary_ms"], " ms")),
        ("fanout", (
            f"{fan['achieved_per_s']}/s of {fan['rate_limit']}/s (fraction {fan['fraction']}),"
            f" lost {fan['lost']}, duplicates {fan['duplicates']},"
            f" 429s {fan['retry_after_seen']}"
        )),
        ("startup_s", _fmt(report["startup_s"], " s")),
        ("peak_rss_mb", _fmt(report["peak_rss_mb"], " MB")),
    ]
    width = max(len(value) for _, value in rows) + 2
    lines += ["", f"  {'figure':<20}{'value':<{width}}{'target':<44}result"]
    for name, value in rows:
        target = TARGETS.get(name, "")
        result = _mark(met[name]) if name in met else ""
        lines.append(f"  {name:<20}{value:<{width}}{target:<44}{result}".rstrip())
    return "\n".join(lines)
