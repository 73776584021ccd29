"""Deadlines in context: the document's dates, a heading's firm deadline, a column.

The phrase grammar lives in :mod:`bot.deadlines`; this module supplies what only the
document knows: its date (for "trước ngày 15/12" and recurring duties), the dates that
are never deadlines (the meeting, the issue date, unless a completion cue says so), and
the day a text takes effect when the document states it ("Thông tư có hiệu lực từ ngày
10/4/2026"), for spans counted from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.deadlines import Deadline, DeadlineKind, find_deadline
from bot.extraction.blocks import Block
from bot.extraction.text import folded_words

_STRONG_PHRASE = re.compile(
    r"(?:truoc|han|thoi han|cham nhat|den het|hoan thanh|xong|thoi gian)\b|.*\bxong$"
)
_SHARED_OPENER = re.compile(
    r"(?:bao cao|thoi han|thoi gian hoan thanh|hoan thanh|cac noi dung tren|ket qua thuc hien|"
    r"cac co quan|cac don vi|de nghi cac|yeu cau cac|tong hop)\b"
)
_EFFECTIVE = re.compile(
    r"co hieu luc(?:\s+thi hanh)?\s+(?:ke\s+)?tu\s+ngay\s+(?:(?P<signed>ky|ban hanh)"
    r"|(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s*,?\s*nam\s+(?P<y2>\d{4}))"
)
_BARE_YEARS = re.compile(r"\s*(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*\.?\s*")


@dataclass(frozen=True)
class DateContext:
    """What the document says about time; answers the deadline of a piece of its text."""

    reference: date | None
    exclude: frozenset[date]
    effective: date | None = None

    def find(self, text: str) -> Deadline | None:
        return find_deadline(text, self.reference, exclude=self.exclude,
                             effective=self.effective)

    def column(self, value: str) -> Deadline | None:
        """The deadline in a "Thời gian hoàn thành" cell or field: the label itself is the
        cue, so a bare period counts ("Quý III/2026", "Năm 2026", "2026 - 2030")."""
        value = " ".join(value.split())
        if not value:
            return None
        if _BARE_YEARS.fullmatch(value):
            value = f"năm {value.strip(' .')}"
        found = self.find(f"Thời hạn: {value}")
        if found is None:
            return None
        phrase = re.sub(r"(?i)^thời hạn:\s*", "", found.phrase).strip() or value
        return Deadline(found.kind, found.due, phrase, found.recurrence)

    def shared(self, text: str) -> Deadline | None:
        """ "Báo cáo kết quả … trước ngày 12/6/2026" closing a list: a deadline for all of it."""
        if _SHARED_OPENER.match(folded_words(text[:80])) is None:
            return None
        found = self.find(text)
        return found if is_strong(found) else None


def is_strong(deadline: Deadline | None) -> bool:
    """A deadline tied to completion ("trước ngày", "hoàn thành", "hạn"), or recurring."""
    if deadline is None:
        return False
    if deadline.kind is DeadlineKind.RECURRING:
        return True
    return bool(_STRONG_PHRASE.match(folded_words(deadline.phrase)))


def effective_date(blocks: Sequence[Block], signed_on: date | None) -> date | None:
    """The first day a text the document mentions takes effect, as the document states it
    ("Thông tư có hiệu lực từ ngày 10/4/2026"; "… từ ngày ký" is the issue date)."""
    for block in blocks:
        if "hieu luc" not in block.folded:
            continue
        for found in _EFFECTIVE.finditer(block.folded):
            if found["signed"]:
                if signed_on is not None:
                    return signed_on
                continue
            day, month, year = (found["d"] or found["d2"], found["m"] or found["m2"],
                                found["y"] or found["y2"])
            try:
                return date(int(year), int(month), int(day))
            except (TypeError, ValueError):
                continue
    return None
