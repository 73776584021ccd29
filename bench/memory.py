"""Where the benchmark's memory goes: resident size after each phase, from /proc.

``peak_rss_mb`` is one number for the whole run; these log lines say which phase raised
it (VmHWM is the running peak, so the phase after which it grows is the one that set it).
Nothing here resets a counter: the figure stays the process's true peak.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("bench")

_STATUS = Path("/proc/self/status")


def vm_kib() -> dict[str, int]:
    """VmRSS and VmHWM of this process in KiB ({} where /proc is not there)."""
    try:
        text = _STATUS.read_text(encoding="ascii")
    except OSError:
        return {}
    found: dict[str, int] = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def note(phase: str) -> None:
    """Log the resident size now and the peak so far, after ``phase``."""
    found = vm_kib()
    if found:
        log.info("memory after %s: rss %.1f MB, peak so far %.1f MB", phase,
                 found["VmRSS"] / 1024.0, found["VmHWM"] / 1024.0)
