"""What ``/chuabaocao`` was asked about: the whole scope, one task, or one agency. Pure.

Offices type "/chuabaocao", "/chuabaocao Sở Y tế", "/chuabaocao nhiệm vụ 12" (also "nv 12",
"#12", "task 12" or a bare "12": an agency's name is never a number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.normalize import fold
from bot.core.numbers import looks_numeric, parse_number

_TASK_WORDS = re.compile(r"^(?:nhiem vu so|nhiem vu|nv so|nv|task)\b\s*(.*)$")


@dataclass(frozen=True)
class UnreportedArgs:
    """One task (``task_id``), one agency as typed (``agency``), or neither: everything the
    asker may see."""

    task_id: int | None = None
    agency: str | None = None


def parse_unreported_args(args: Sequence[str]) -> UnreportedArgs | None:
    """The command's arguments, or None when they name a task without a sane number."""
    text = " ".join(args).strip()
    if not text:
        return UnreportedArgs()
    words = fold(text)
    match = _TASK_WORDS.match(words)
    number: str | None = None
    if match is not None and (not match.group(1) or looks_numeric(match.group(1))):
        number = match.group(1)
    elif looks_numeric(text):
        number = text.strip().lstrip("#")
    if number is None:
        return UnreportedArgs(agency=text)
    task_id = parse_number(number, 1)
    return None if task_id is None else UnreportedArgs(task_id=task_id)
